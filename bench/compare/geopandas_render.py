#!/usr/bin/env python3
"""The comparison map with geopandas + matplotlib: the same layers, projection, frame,
colours and city labels, the frame 1800 x 1350 km about 125E 45N, saved at 2400x1800."""
import sys

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

root, out = sys.argv[1], sys.argv[2]
PROJ = "+proj=lcc +lat_1=40 +lat_2=50 +lat_0=45 +lon_0=125 +datum=WGS84 +units=m +no_defs"
LAYERS = ["land", "lakes", "rivers", "states", "manchukuo", "railways", "cities"]
COLORS = ["#4e79a7", "#e15759", "#59a14f", "#b07aa1", "#f28e2b", "#76b7b2"]

fig = plt.figure(figsize=(8, 6), dpi=300, facecolor="#f4f6f8")
ax = fig.add_axes([0, 0, 1, 1])
ax.set_facecolor("#f4f6f8")
for i, name in enumerate(LAYERS):
    c = COLORS[i % len(COLORS)]
    df = gpd.read_file(f"{root}/geodata/{name}.geojson").to_crs(PROJ)
    polys = df[df.geom_type.isin(["Polygon", "MultiPolygon"])]
    lines = df[df.geom_type.isin(["LineString", "MultiLineString"])]
    points = df[df.geom_type == "Point"]
    if len(polys):
        polys.plot(ax=ax, facecolor=c + "55", edgecolor=c, linewidth=0.8)
    if len(lines):
        lines.plot(ax=ax, color=c, linewidth=0.8)
    if len(points):
        points.plot(ax=ax, color=c, markersize=9)
        for x, y, label in zip(points.geometry.x, points.geometry.y, points["name"]):
            ax.annotate(label, (x, y), xytext=(0, 4), textcoords="offset points", fontsize=7.5, ha="center")
ax.set_xlim(-900e3, 900e3)
ax.set_ylim(-575e3, 775e3)
ax.set_aspect("equal")
ax.set_axis_off()
fig.savefig(out, dpi=300, facecolor="#f4f6f8")
