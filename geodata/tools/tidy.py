#!/usr/bin/env python3
"""Final touches on the derived GeoJSON layers, rewriting each named file in place:

- RFC 7946 winding: outer rings counter-clockwise, holes clockwise (GDAL writes the reverse);
- polygon layers: drops DCW artefacts, interior holes under 0.01 square degrees (lakes and
  gaps inside DCW units, not period borders) and slivers (see `is_sliver`);
- every feature gets a `name`: unnamed lakes and river pieces are named by what they are.

Usage: tidy.py FILE.geojson...
"""
import json, sys


def signed_area(ring):
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2


def oriented(ring, ccw):
    return ring if (signed_area(ring) > 0) == ccw else ring[::-1]


def perimeter(ring):
    return sum(((ring[i + 1][0] - ring[i][0]) ** 2 + (ring[i + 1][1] - ring[i][1]) ** 2) ** 0.5 for i in range(len(ring) - 1))


def is_sliver(ring):
    """Under 1e-4 square degrees (about 1 km²), or a thin shred under 0.01 square degrees
    (isoperimetric quotient below 0.1): what differencing two DCW unions leaves behind."""
    a = abs(signed_area(ring))
    if a < 1e-4:
        return True
    return a < 0.01 and 4 * 3.14159 * a / perimeter(ring) ** 2 < 0.1


def tidy_polygon(p):
    if is_sliver(p[0]):
        return None
    return [oriented(p[0], True)] + [oriented(h, False) for h in p[1:] if abs(signed_area(h)) >= 0.01]


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    for feat in fc["features"]:
        props, g = feat["properties"], feat["geometry"]
        if "name" not in props:
            props["name"] = {"lake": "Lake", "river": f"River (WDBII class {props.get('class')})"}.get(props.get("kind"), props.get("id"))
        if g and g["type"] == "MultiPolygon":
            g["coordinates"] = [q for q in map(tidy_polygon, g["coordinates"]) if q]
        elif g and g["type"] == "Polygon":
            g["coordinates"] = tidy_polygon(g["coordinates"]) or g["coordinates"]
    # A feature left with no polygons (all slivers) is dropped, not kept empty.
    fc["features"] = [f for f in fc["features"] if not f["geometry"] or f["geometry"]["coordinates"]]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
