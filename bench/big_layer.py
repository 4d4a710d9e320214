#!/usr/bin/env python3
"""Writes a deterministic synthetic GeoJSON layer of about SIZE_MB megabytes (default 50):
wavy polygons (some with holes) and meandering lines scattered over Manchuria, with
names, so the loader, projection, clipping and labelling all get real work.

    python3 bench/big_layer.py OUT.geojson [SIZE_MB]
"""
import json
import math
import random
import sys

out = sys.argv[1]
target = float(sys.argv[2]) * 1e6 if len(sys.argv) > 2 else 50e6
rng = random.Random(1931)


def wavy_ring(cx, cy, r, n, phase, reverse=False):
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        k = 1 + 0.25 * math.sin(5 * a + phase) + 0.1 * math.sin(17 * a + 2 * phase)
        pts.append([round(cx + r * k * math.cos(a) / math.cos(math.radians(cy)), 6), round(cy + r * k * math.sin(a), 6)])
    if reverse:
        pts.reverse()
    pts.append(pts[0])
    return pts


written = 0
with open(out, "w") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    i = 0
    while written < target:
        cx, cy = rng.uniform(112, 138), rng.uniform(38, 53)
        if i % 3 == 2:
            pts, x, y = [], cx, cy
            for _ in range(rng.randint(200, 600)):
                x += rng.uniform(-0.02, 0.03)
                y += rng.uniform(-0.02, 0.02)
                pts.append([round(x, 6), round(y, 6)])
            geom = {"type": "LineString", "coordinates": pts}
        else:
            r = rng.uniform(0.05, 0.6)
            rings = [wavy_ring(cx, cy, r, rng.randint(150, 500), rng.uniform(0, 6))]
            if i % 4 == 0:
                rings.append(wavy_ring(cx, cy, r * 0.3, 60, 0, reverse=True))
            geom = {"type": "Polygon", "coordinates": rings}
        feature = {"type": "Feature", "properties": {"id": f"f{i}", "name": f"Feature {i}"}, "geometry": geom}
        text = ("," if i else "") + json.dumps(feature, separators=(",", ":")) + "\n"
        f.write(text)
        written += len(text)
        i += 1
    f.write("]}\n")
print(f"{out}: {i} features, {written / 1e6:.1f} MB")
