#!/usr/bin/env python3
"""Writes geodata/occupation.geojson: China occupied by Japan from July 1937, schematic.

Usage: occupation.py GEODATA_DIR        (needs shapely: pip install shapely)

The outlines below are hand-digitised at the regional maps' scale (errors of 30-60 km and
more: the Japanese held the cities and railway corridors, and the countryside between was
contested all war). Each is cut to the Republic of China of its date in states.geojson
(`china-1937`: China less Manchukuo, the Kwantung Leased Territory and Mengjiang), so it
follows the same coasts and borders as the base map. Sources: see geodata/SOURCES.md.
"""
import json, sys
from shapely.geometry import shape, mapping, Polygon, MultiPolygon
from shapely.geometry.polygon import orient

GEO = sys.argv[1]
china = next(shape(f["geometry"]) for f in json.load(open(f"{GEO}/states.geojson", encoding="utf-8"))["features"]
             if f["properties"]["id"] == "china-1937")

# North edge drawn beyond the Great Wall and out to sea: the cut to `china` makes it follow
# the borders of Manchukuo, Jehol and Mengjiang and the coast.
NORTH = [[121.0, 38.6], [119.9, 40.5], [118.5, 40.8], [117.0, 41.2], [115.6, 41.2], [114.4, 40.6], [113.4, 40.1], [112.3, 39.4]]
# Shanxi's west edge, west of Taiyuan and the Tungpu railway, east of the Lüliang hills held by the Chinese.
SHANXI_WEST_1937 = [[112.0, 38.6], [111.8, 37.8], [111.6, 37.0], [111.3, 36.1]]
SHANXI_WEST_1938 = SHANXI_WEST_1937 + [[111.0, 35.4], [110.5, 34.75]]
# Winter 1937-38 (to the fall of Hsuchow): Hopei, Shantung, central Shanxi; south edge from
# south Shanxi by Changteh (Anyang) and south Shantung to the coast by Haichow.
SOUTH_1937 = [[112.5, 36.0], [113.6, 35.9], [114.6, 35.7], [115.6, 35.4], [116.6, 35.2], [117.6, 35.0], [118.6, 34.9], [119.6, 35.0], [122.0, 35.0], [123.3, 37.0]]
# Shanghai-Nanking, taken Nov-Dec 1937, and the Tientsin-Pukow line north to Pengpu (Feb 1938).
YANGTZE_1937 = [[118.0, 31.6], [118.4, 32.4], [117.3, 32.7], [117.4, 33.1], [118.5, 33.0], [119.3, 32.6], [120.5, 32.4], [122.3, 32.0],
                [122.3, 30.6], [120.8, 30.6], [120.0, 30.9], [119.2, 31.2], [118.5, 31.2]]
# End of 1938, held in the north with little change to 1944: the Yellow River (Kaifeng,
# June 1938) and the Lunghai line east of it (Hsuchow, 19 May 1938), down the Tientsin-Pukow
# line to the Huai and the Yangtze delta.
SOUTH_1938 = [[111.5, 34.8], [112.6, 34.95], [113.6, 34.95], [114.3, 34.6], [115.2, 34.3], [116.3, 34.0], [116.8, 33.3], [117.2, 32.8],
              [118.0, 32.2], [118.5, 31.3], [119.2, 31.2], [120.0, 30.9], [120.8, 30.6], [122.3, 30.6], [122.3, 32.0], [123.3, 37.0]]


def polygon(*parts):
    ring = [p for part in parts for p in part]
    return Polygon(ring + [ring[0]])


def cut(geom):
    g = geom.intersection(china)
    polys = [p for p in (g.geoms if hasattr(g, "geoms") else [g]) if isinstance(p, Polygon) and p.area > 0.01]
    polys = [orient(p.simplify(0.01, preserve_topology=True), sign=1.0) for p in polys]
    m = mapping(MultiPolygon(polys))
    # Round, keeping rings closed.
    m["coordinates"] = [[[[round(x, 4), round(y, 4)] for x, y in ring] for ring in poly] for poly in m["coordinates"]]
    return m


SRC = "Occupied China: schematic, ±50 km (SOURCES.md)"
features = [
    {"type": "Feature", "properties": {"id": "occupied-china-1937", "name": "Japanese-occupied China", "name_ru": "Оккупированный Японией Китай",
                                        "kind": "occupied", "start": "1937-07-29", "end": "1938-05-19",
                                        "note": "Extent of the winter of 1937-38, drawn from the outbreak: it was reached between July 1937 and March 1938",
                                        "source": SRC},
     "geometry": cut(polygon(NORTH, SHANXI_WEST_1937, SOUTH_1937).union(polygon(YANGTZE_1937)))},
    {"type": "Feature", "properties": {"id": "occupied-china-1938", "name": "Japanese-occupied China", "name_ru": "Оккупированный Японией Китай",
                                        "kind": "occupied", "start": "1938-05-19", "end": "1945-09-10",
                                        "note": "Extent of the end of 1938 in north and east China, held with little change until 1944; central and south China not drawn (off these maps)",
                                        "source": SRC},
     "geometry": cut(polygon(NORTH, SHANXI_WEST_1938, SOUTH_1938))},
]
with open(f"{GEO}/occupation.geojson", "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, separators=(",", ":"))
    f.write("\n")
print("occupation.geojson written")
