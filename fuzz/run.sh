#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 600) from the committed seeds, one after
# another, and stops at the first crash (libFuzzer saves it under fuzz/artifacts/).
#
#     bash fuzz/run.sh [SECONDS] [TARGET...]
#
# Needs the nightly toolchain and cargo-fuzz: rustup toolchain install nightly;
# cargo install cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("${@:-geojson style story}")
for t in ${targets[@]}; do
    mkdir -p "corpus/$t"
    echo "== $t for ${seconds}s"
    cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
done
