# Sourced by docs/screenshots/make.sh and docs/lighthouse.sh: builds the sample site (the
# repository) with a fixed date and a local absolute base_url into a temporary folder and
# serves it from 127.0.0.1:$port with python3, until the sourcing script exits.
# Sets $root, $port and $base.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-8765}"
base="http://127.0.0.1:$port"
sample_work="$(mktemp -d)"
trap 'kill "${sample_server:-0}" 2>/dev/null || true; rm -rf "$sample_work"' EXIT

# A fixed build date, so that open listings and "reviewed" notes look the same every time.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796169600}"
cargo build --quiet --release --manifest-path "$root/Cargo.toml"
"$root/target/release/careerpress" build --root "$root" --output "$sample_work/site" \
  --base-url "$base/" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$sample_work/site" >/dev/null 2>&1 &
sample_server=$!
for _ in $(seq 50); do
  curl -fs "$base/" >/dev/null 2>&1 && break
  sleep 0.1
done
