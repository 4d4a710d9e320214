#!/usr/bin/env python3
"""Writes geodata/borders.geojson: the land borders of every area in states.geojson and
manchukuo.geojson, that is each outline less the coast, so that a map draws a border only
where one area meets another (an atlas draws a coast as a coast, not as a border).

Usage: borders.py GEODATA_DIR        (needs shapely: pip install shapely)

Each feature keeps the properties of the area it outlines (id, kind, name, dates, entity),
with `of` naming the layer it comes from and its `source` saying how it was derived. A part
of an outline is a border where another area of either layer that does not overlap it
(of any date) lies within NEAR degrees of it, and coast where none does: across the sea
there is no area. The areas were simplified one by one, so shared borders
stray from each other by up to about 0.002 degrees.
"""
import json, sys
from shapely.geometry import shape, LineString
from shapely.ops import unary_union, linemerge

GEO = sys.argv[1]
NEAR = 0.01
LAYERS = ["states", "manchukuo"]


def load(name):
    with open(f"{GEO}/{name}.geojson", encoding="utf-8") as f:
        return json.load(f)


areas = [(layer, f, shape(f["geometry"])) for layer in LAYERS for f in load(layer)["features"]]


def overlap(a, b):
    """Whether two areas share ground, beyond the slivers simplification leaves: one place in
    two forms (Korea before and after 1945, Manchukuo with and without Jehol) or one within
    the other (Mengjiang within the China of before 1937). Only areas that meet and do not
    overlap are neighbours across a border."""
    return a.intersection(b).area > 0.01 * min(a.area, b.area)


def lines(g):
    """The parts of a linear geometry, as lists of coordinate pairs rounded as the layers are."""
    parts = g.geoms if hasattr(g, "geoms") else [g]
    out = []
    for p in parts:
        if isinstance(p, LineString) and len(p.coords) > 1:
            out.append([[round(x, 5), round(y, 5)] for x, y in p.coords])
    return out


features = []
for layer, f, area in areas:
    outline = area.boundary
    box = area.buffer(NEAR, quad_segs=1).envelope
    others = [g for _, _, g in areas if g is not area and g.intersects(box) and not overlap(g, area)]
    if not others:
        continue
    inland = outline.intersection(unary_union(others).buffer(NEAR, quad_segs=2))
    if inland.is_empty:
        continue
    merged = linemerge(inland) if inland.geom_type == "MultiLineString" else inland
    parts = lines(merged)
    if not parts:
        continue
    props = dict(f["properties"])
    props["of"] = layer
    props["source"] = f"{props.get('source', '')}; its land borders: the outline where it meets another area, without the coast (geodata/tools/borders.py)"
    features.append({"type": "Feature", "properties": props,
                     "geometry": {"type": "MultiLineString", "coordinates": parts}})

out = {"type": "FeatureCollection", "bbox": load("states").get("bbox", [90, 20, 165, 65]), "features": features}
with open(f"{GEO}/borders.geojson", "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
    f.write("\n")
print(f"borders: {len(features)} features")
