#!/usr/bin/env python3
"""Writes geodata/borders.geojson: the land borders of every area in states.geojson and
manchukuo.geojson, that is each outline less the coast, so that a map draws a border only
where one area meets another (an atlas draws a coast as a coast, not as a border).

Usage: borders.py GEODATA_DIR        (needs shapely: pip install shapely)

Each feature is the part of an area's outline it shares with its neighbours during one
span of days. It keeps the area's properties (kind, name, entity), with `area` the area's
id and `id` that followed by the piece's number; `start`/`end` the days both sides exist;
`of` the layer it comes from; `border` whether it lies between states ("state") or within
one ("internal": an area `part_of` another, as Jehol was a province of China); and a
`source` saying how it was derived. A part of an outline is a border where another area of
either layer that does not overlap it lies within NEAR degrees of it, and coast where none
does: across the sea there is no area. The areas were simplified one by one, so shared
borders stray from each other by up to about 0.002 degrees.
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


def period(a, b):
    """The days both areas exist: the later start and the earlier end (None: open). The
    dates are full ISO days, so they compare as strings."""
    for d in (a["start"], a["end"], b["start"], b["end"]):
        assert d is None or (len(d) == 10 and d[4] == "-" and d[7] == "-"), f"not an ISO day: {d}"
    start = max((d for d in (a["start"], b["start"]) if d), default=None)
    end = min((d for d in (a["end"], b["end"]) if d), default=None)
    return (start, end) if start is None or end is None or start < end else None


def kind_of_border(a, b):
    """'internal' between an area and the state it is part of (Jehol, a province of China
    until 1933), or two parts of one state (Jehol and the Kwantung lease, Chinese land
    leased to Japan); 'state' between two states."""
    pa, pb = a.get("part_of"), b.get("part_of")
    ida, idb = a.get("entity") or a["id"], b.get("entity") or b["id"]
    return "internal" if pa == idb or pb == ida or (pa and pa == pb) else "state"


features = []
for layer, f, area in areas:
    outline = area.boundary
    box = area.buffer(NEAR, quad_segs=1).envelope
    a = f["properties"]
    # The outline shared with each neighbour, grouped by the days both exist and by the
    # kind of border: a border is drawn only while the areas on both sides of it are.
    pieces = {}
    for _, g, other in areas:
        if other is area or not other.intersects(box) or overlap(other, area):
            continue
        b = g["properties"]
        days = period(a, b)
        if days is None:
            continue
        border = kind_of_border(a, b)
        # A border within a state is drawn from one side only (the first id): drawn from
        # both, its dashes would fall out of step and read as a solid line.
        if border == "internal" and b["id"] < a["id"]:
            continue
        shared = outline.intersection(other.buffer(NEAR, quad_segs=2))
        if not shared.is_empty:
            pieces.setdefault((days, border), []).append(shared)
    for (days, border), shared in sorted(pieces.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]), kv[0][1])):
        inland = unary_union(shared)
        merged = linemerge(inland) if inland.geom_type == "MultiLineString" else inland
        parts = lines(merged)
        if not parts:
            continue
        props = dict(a)
        # Each piece its own id; `area` names the area it outlines.
        props["id"] = f"{a['id']}.{sum(1 for f in features if f['properties']['area'] == a['id']) + 1}"
        props["area"] = a["id"]
        props["start"], props["end"] = days
        # The pieces of one area's outline are one thing that changes: a map compares them as one.
        props["entity"] = a.get("entity") or a["id"]
        props["of"] = layer
        props["border"] = border
        props["source"] = f"{a.get('source', '')}; its land borders: the outline where it meets another area, without the coast, dated by the days both exist (geodata/tools/borders.py)"
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "MultiLineString", "coordinates": parts}})

out = {"type": "FeatureCollection", "bbox": load("states").get("bbox", [90, 20, 165, 65]), "features": features}
with open(f"{GEO}/borders.geojson", "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
    f.write("\n")
print(f"borders: {len(features)} features")
