#!/usr/bin/env bash
# Renders the same map with histmap, Mapnik, GMT 6 and geopandas + matplotlib, times
# whole processes and prints a table (median wall time of RUNS runs, peak memory).
#
#     bash bench/compare.sh [RUNS]        (default 5)
#
# The map: land, lakes, rivers, borders, Manchukuo, railways and labelled cities from
# geodata/, in the Lambert conformal conic of the story (lat_1=40, lat_2=50, lon_0=125),
# a frame of 1800 × 1350 km about 125°E 45°N, 2400×1800 PNG. Installs what it needs: Debian's python3-mapnik,
# gmt, gdal-bin and ghostscript (apt-get), geopandas and matplotlib (pip, in a venv under
# target/), and GNU time. The images land in target/compare/ for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
need=()
/usr/bin/python3 -c 'import mapnik' 2>/dev/null || need+=(python3-mapnik)
command -v gmt >/dev/null || need+=(gmt gmt-gshhg-low)
command -v ogr2ogr >/dev/null || need+=(gdal-bin)
command -v gs >/dev/null || need+=(ghostscript)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
venv=target/compare-venv
if [ ! -x $venv/bin/python ]; then
    python3 -m venv $venv
    $venv/bin/pip install -q geopandas matplotlib
fi
cargo build --release -q
exec python3 bench/compare/run.py "$runs" "$venv/bin/python"
