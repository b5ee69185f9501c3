#!/usr/bin/env bash
# Regenerates the default theme's screenshots in this folder: the sample site (the
# repository itself) built with a local base_url, served from 127.0.0.1, and shot by
# headless Chromium at 1280 and 390 px wide, in the light and the dark scheme.
# Needs chromium and python3. Usage: docs/screenshots/make.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${PORT:-8765}"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

# A fixed build date, so that open listings and "reviewed" notes look the same every time.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796169600}"
cargo build --quiet --release --manifest-path "$root/Cargo.toml"
"$root/target/release/careerpress" build --root "$root" --output "$work/site" \
  --base-url "http://127.0.0.1:$port/" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
  sleep 0.1
done

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
        --screenshot="$here/$name-$width-$scheme.png" "http://127.0.0.1:$port$path" >/dev/null 2>&1
      echo "$name-$width-$scheme.png"
    done
  done
done
