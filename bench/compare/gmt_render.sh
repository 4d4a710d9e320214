#!/usr/bin/env bash
# The comparison map with GMT 6: the layers as converted to OGR/GMT text by run.py, the
# same Lambert conformal conic and frame (1800 x 1350 km about 125E 45N), 8 x 6 inches at
# 300 dpi: 2400 x 1800 px.
set -euo pipefail
dir=$1 out=$2
export GMT_SESSION_NAME=compare$$
gmt begin "$out" png E300
gmt set MAP_FRAME_TYPE plain PS_PAGE_COLOR "#f4f6f8" FONT_ANNOT_PRIMARY 7.5p
gmt basemap -R-900/900/-575/775+uk -JL125/45/40/50/8i -B0
colors=("#4e79a7" "#e15759" "#59a14f" "#b07aa1" "#f28e2b" "#76b7b2")
i=0
for name in land lakes rivers states manchukuo railways; do
    c=${colors[$((i % 6))]}
    if [ "$name" = rivers ] || [ "$name" = railways ]; then
        gmt plot "$dir/$name.gmt" -W0.8p,"$c"
    else
        gmt plot "$dir/$name.gmt" -G"$c"@67 -W0.8p,"$c"
    fi
    i=$((i + 1))
done
gmt plot "$dir/cities.txt" -Sc4.4p -G"#76b7b2"
gmt text "$dir/cities.txt" -F+f7.5p,Helvetica,#222222+jBC -D0/4p
gmt end
