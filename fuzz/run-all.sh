#!/usr/bin/env bash
# Runs every fuzz target (or those named after SECONDS) in turn for SECONDS each (default
# 600), one core at a time, and
# keeps each run's log in fuzz/logs/<target>.log; the last "DONE" or "#N" line of each log
# holds its executions and coverage. Crashes land in fuzz/artifacts/<target>/.
# Needs the nightly toolchain and `cargo install cargo-fuzz`. Not run by CI.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(front_matter markdown site_toml job_listing followup serve_path)
mkdir -p fuzz/logs
cargo +nightly fuzz build -O
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/seeds/$target"
  cargo +nightly fuzz run -O "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    >"fuzz/logs/$target.log" 2>&1
  echo "$target: exit $? ($(grep -E '^(#[0-9]+|Done)' "fuzz/logs/$target.log" | tail -1))"
done
