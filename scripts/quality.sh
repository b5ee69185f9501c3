#!/usr/bin/env bash
# Validates the sample site's HTML with the Nu HTML Checker and scores the home page, the
# guide, a tag page and the job board with Lighthouse. Needs java, node/npm and Debian's chromium; tools are installed
# into a cache folder on first use. Usage: scripts/quality.sh [MIN_SCORE]
set -euo pipefail
cd "$(dirname "$0")/.."
min=${1:-95}
tools=${CAREERPRESS_QA_DIR:-target/qa-tools}
mkdir -p "$tools"
[ -d "$tools/node_modules/vnu-jar" ] || npm install --prefix "$tools" --silent vnu-jar
[ -x "$tools/node_modules/.bin/lighthouse" ] || npm install --prefix "$tools" --silent lighthouse@12.2.3
out=$(mktemp -d)
port=8765
cargo run -q --release -- build --output "$out/site" --base-url "http://127.0.0.1:$port/"
java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only $(find "$out/site" -name '*.html')
echo "Nu HTML Checker: no errors"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out/site" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$out"' EXIT
sleep 1
status=0
for page in "" "posts/when-to-follow-up-after-an-interview/" "tags/follow-up/" "jobs/"; do
  CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" \
    --quiet --output=json --output-path="$out/lh.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"
  python3 - "$out/lh.json" "$page" "$min" <<'PY' || status=1
import json, sys
report, page, minimum = json.load(open(sys.argv[1])), sys.argv[2] or "/", int(sys.argv[3])
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(f"Lighthouse {page}: {scores}")
sys.exit(0 if min(scores.values()) >= minimum else 1)
PY
done
exit $status
