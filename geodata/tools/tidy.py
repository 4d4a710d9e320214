#!/usr/bin/env python3
"""Removes DCW artefacts from derived polygon layers: interior holes under 0.01 square
degrees (lakes and gaps inside DCW units, not period borders) and slivers under 0.0001
square degrees (about 1 km²). Rewrites each named GeoJSON file in place.

Usage: tidy.py FILE.geojson...
"""
import json, sys

def area(ring):
    return abs(sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2)

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    for feat in fc["features"]:
        g = feat["geometry"]
        if not g or g["type"] != "MultiPolygon":
            continue
        polys = []
        for p in g["coordinates"]:
            if area(p[0]) < 1e-4:
                continue
            polys.append([p[0]] + [h for h in p[1:] if area(h) >= 0.01])
        g["coordinates"] = polys
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
