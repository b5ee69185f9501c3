#!/usr/bin/env bash
# Lighthouse scores of the default theme on the sample site: the five pages of the issue
# (home, an article with footnotes and an embedded calculator, the job board, a listing,
# the calculator), light and dark, with an absolute base_url, as Lighthouse's default
# mobile run. Needs chromium, python3 and npm (Lighthouse is installed under target/).
# Usage: docs/lighthouse.sh
set -euo pipefail
source "$(dirname "$0")/serve-sample.sh"
tools="$root/target/qa-tools/lighthouse"
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$tools" --silent --no-audit --no-fund lighthouse
fi
report="$sample_work/report.json"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
printf '%-11s %-6s %5s %5s %5s %5s\n' page scheme perf a11y bp seo
for entry in home:/ article:/posts/when-to-follow-up-after-an-interview/ job-board:/jobs/ \
  listing:/jobs/career-services-advisor/ calculator:/follow-up-calculator/; do
  name="${entry%%:*}"
  path="${entry#*:}"
  for scheme in light dark; do
    flags="--headless=new --no-sandbox --disable-gpu"
    [ "$scheme" = dark ] && flags="$flags --force-dark-mode"
    "$tools/node_modules/.bin/lighthouse" "$base$path" --quiet \
      --chrome-flags="$flags" --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices,seo
    python3 - "$report" "$name" "$scheme" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = [round(report["categories"][c]["score"] * 100) for c in ("performance", "accessibility", "best-practices", "seo")]
print(f"{sys.argv[2]:<11} {sys.argv[3]:<6} " + " ".join(f"{s:>5}" for s in scores))
PY
  done
done
