#!/usr/bin/env bash
# Wall time of `histmap render` of every phase (SVG + PNG, 2400×1800), whole process:
# RUNS runs after two warm-ups, alternating with another build when one is given, so both
# see the same machine. Prints the median, min and max in ms.
#
#     cargo build --release && bench/render_all.sh [RUNS] [OTHER_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
other=${2:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
time_one() { # binary → ms
    local t0 t1
    t0=$(date +%s%N)
    "$1" render -q --out "$out/$(basename "$1")" >/dev/null
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}
summary() { # label, times… → one line
    local label=$1
    shift
    printf '%s\n' "$@" | sort -n | awk -v l="$label" '{a[NR]=$1} END {printf "%s: median %d ms (min %d, max %d) over %d runs\n", l, a[int((NR+1)/2)], a[1], a[NR], NR}'
}
bins=(./target/release/histmap)
[ -n "$other" ] && bins+=("$other")
for b in "${bins[@]}"; do time_one "$b" >/dev/null; time_one "$b" >/dev/null; done
declare -A times
for _ in $(seq "$runs"); do
    for b in "${bins[@]}"; do times[$b]+="$(time_one "$b") "; done
done
for b in "${bins[@]}"; do
    # shellcheck disable=SC2086
    summary "$b" ${times[$b]}
done
