#!/usr/bin/env bash
# `histmap animate` of the whole story: 169 monthly frames, September 1931 to September
# 1945, 1200×900, the animated PNG and the player page with its frames. RUNS runs after a
# warm-up; prints the median, min and max wall time and the largest peak memory (GNU time).
#
#     cargo build --release && bench/animate.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
one() { # → "ms kB"
    /usr/bin/time -f '%e %M' -o "$out/time" ./target/release/histmap animate --from 1931-09 --to 1945-09 --step 1M \
        --size 1200x900 --out "$out/anim" -q
    awk '{printf "%d %d\n", $1 * 1000, $2}' "$out/time"
}
one >/dev/null
results=()
for _ in $(seq "$runs"); do results+=("$(one)"); done
printf '%s\n' "${results[@]}" | sort -n | awk '{t[NR]=$1; if ($2 > m) m = $2} END {
    printf "animate, 169 frames at 1200x900: median %d ms (min %d, max %d) over %d runs; peak memory %d MB\n",
        t[int((NR+1)/2)], t[1], t[NR], NR, m / 1024 }'
