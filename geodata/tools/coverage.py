#!/usr/bin/env python3
"""Declares the area a derived layer covers: sets its FeatureCollection's `bbox` (RFC 7946
section 5) to the box it was cut to, so that histmap warns when a map reaches past it.
Rewrites each file in place; the rest of the file is left as it was.

Usage: coverage.py WEST SOUTH EAST NORTH FILE.geojson...
"""
import json, sys

box = [float(v) if "." in v else int(v) for v in sys.argv[1:5]]
for path in sys.argv[5:]:
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    fc = {"type": fc["type"], "bbox": box, **{k: v for k, v in fc.items() if k not in ("type", "bbox")}}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
