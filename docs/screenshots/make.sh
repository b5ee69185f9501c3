#!/usr/bin/env bash
# Regenerates the default theme's screenshots in this folder: the sample site (the
# repository itself) built with a local base_url, served from 127.0.0.1, and shot by
# headless Chromium at 1280 and 390 px wide, in the light and the dark scheme.
# Needs chromium and python3. Usage: docs/screenshots/make.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../serve-sample.sh"

pages=(
  "home:/"
  "article:/posts/when-to-follow-up-after-an-interview/"
  "job-board:/jobs/"
  "listing:/jobs/career-services-advisor/"
  "calculator:/follow-up-calculator/?interview=2026-11-30&within-weeks=1"
)
for entry in "${pages[@]}"; do
  name="${entry%%:*}"
  path="${entry#*:}"
  for size in 1280x900 390x844; do
    width="${size%x*}"
    for scheme in light dark; do
      flags=()
      [ "$scheme" = dark ] && flags+=(--force-dark-mode)
      chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size="${size/x/,}" "${flags[@]}" \
        --virtual-time-budget=3000 \
        --screenshot="$here/$name-$width-$scheme.png" "$base$path" >/dev/null 2>&1
      echo "$name-$width-$scheme.png"
    done
  done
done
