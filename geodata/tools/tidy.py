#!/usr/bin/env python3
"""Final touches on the derived GeoJSON layers, rewriting each named file in place:

- RFC 7946 winding: outer rings counter-clockwise, holes clockwise (GDAL writes the reverse);
- polygon layers: drops DCW artefacts, interior holes under 0.01 square degrees (lakes and
  gaps inside DCW units, not period borders) and slivers (see `is_sliver`);
- every feature gets a `name`: the large lakes from LAKE_NAMES below (the lake that holds
  each point there), other lakes and river pieces by what they are.

Usage: tidy.py FILE.geojson...
"""
import json, re, sys

# Large lakes of the box, each by a point inside its GSHHG outline: (lon, lat, name, name_ru,
# other names). English names as period maps of the region used them (Dalai Nor, Koko Nor,
# Kosogol), with the present name in `name_modern`. The build fails if a point finds no lake.
LAKE_NAMES = [
    (108.16, 53.63, "Lake Baikal", "оз. Байкал", "Baikal"),
    (132.43, 44.94, "Lake Khanka", "оз. Ханка", "Khanka; Chinese Hsingkai Hu (Xingkai Hu)"),
    (132.56, 45.34, "Little Khanka", "оз. Малое Ханка", "Xiaoxingkai Hu"),
    (117.41, 48.96, "Dalai Nor", "оз. Далайнор", "Hulun Nur (Hulun Hu)"),
    (117.71, 47.82, "Buir Nor", "оз. Буйр-Нур", "Buir Nuur"),
    (116.67, 43.30, "Dali Nor", "оз. Дали-Нур", "Dali Nur (Dalai Nur, Hexigten)"),
    (124.28, 45.25, "Chagan Nor", "оз. Чаган-Нур", "Chagan Hu"),
    (128.96, 43.90, "Kingpo Lake", "оз. Цзинпоху", "Jingpo Hu"),
    (112.67, 40.55, "Tai Hai", "оз. Дайхай", "Daihai"),
    (100.49, 51.04, "Lake Kosogol", "оз. Косогол", "Khövsgöl Nuur"),
    (92.77, 50.33, "Ubsa Nor", "оз. Убса-Нур", "Uvs Nuur"),
    (93.37, 49.14, "Khirgis Nor", "оз. Хиргис-Нур", "Khyargas Nuur"),
    (92.35, 48.06, "Khara Usu Nor", "оз. Хара-Усу-Нур", "Khar-Us Nuur"),
    (100.10, 36.89, "Koko Nor", "оз. Кукунор", "Qinghai Hu"),
    (97.69, 34.93, "Oring Nor", "оз. Орин-Нур", "Ngoring Hu"),
    (90.58, 30.73, "Tengri Nor", "оз. Тенгри-Нор", "Nam Co"),
    (116.25, 29.10, "Poyang Lake", "оз. Поянху", "Poyang Hu, with the Yangtze from Wuhan down (one GSHHG river-lake)"),
    (112.16, 28.92, "Tungting Lake", "оз. Дунтинху", "Dongting Hu"),
    (120.13, 31.23, "Tai Hu", "оз. Тайху", "Tai Hu"),
    (118.57, 33.25, "Hungtse Lake", "оз. Хунцзэху", "Hongze Hu"),
    (117.42, 31.58, "Chao Hu", "оз. Чаоху", "Chao Hu"),
    (136.09, 35.24, "Lake Biwa", "оз. Бива", "Biwa-ko"),
    (140.34, 36.04, "Kasumigaura", "оз. Касумигаура", "Kasumigaura"),
    (140.09, 37.47, "Lake Inawashiro", "оз. Инавасиро", "Inawashiro-ko"),
    (139.76, 52.06, "Lake Udyl", "оз. Удыль", "Udyl"),
    (139.72, 53.44, "Lake Orel", "оз. Орель", "Orel"),
    (160.24, 54.83, "Lake Kronotskoye", "Кроноцкое оз.", "Kronotskoye"),
]
# Reservoirs in GSHHG that were made after 1945: not on a map of 1931-45, so dropped
# (points inside each; dam completion as commonly given).
AFTER_1945 = [
    (103.10, 54.73, "Bratsk reservoir, 1961-67"),
    (91.03, 54.61, "Krasnoyarsk reservoir, 1967-72"),
    (104.57, 52.07, "Irkutsk reservoir, 1956-58"),
    (118.99, 29.61, "Xin'an (Qiandao) reservoir, 1959"),
    (116.96, 40.50, "Miyun reservoir, 1960"),
    (115.65, 40.32, "Guanting reservoir, 1954"),
    (124.14, 41.86, "Dahuofang reservoir, 1958"),
    (92.25, 22.78, "Kaptai lake, 1962"),
    (92.33, 22.47, "Kaptai lake, 1962"),
    (92.47, 22.81, "Kaptai lake, 1962"),
]


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


def inside(pt, g):
    """Whether a point lies inside a (Multi)Polygon, by ray casting over every ring."""
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    x, y = pt
    n = 0
    for poly in polys:
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    n += 1
    return n % 2 == 1


def lake_at(features, lon, lat, what):
    hits = [f for f in features if f["properties"].get("kind") == "lake" and f["geometry"] and inside((lon, lat), f["geometry"])]
    if len(hits) != 1:
        sys.exit(f"{what}: {len(hits)} lakes hold {lon}, {lat}")
    return hits[0]


def name_lakes(features):
    """Drops the post-1945 reservoirs and names the large lakes; returns the features kept."""
    drop = {id(lake_at(features, lon, lat, what)) for lon, lat, what in AFTER_1945}
    features = [f for f in features if id(f) not in drop]
    for lon, lat, name, ru, other in LAKE_NAMES:
        p = lake_at(features, lon, lat, name)["properties"]
        p["name"], p["name_ru"], p["name_modern"] = name, ru, other
        # A named lake's id is its name, so a story can list it among the places to show.
        p["id"] = re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
        p["source"] += "; name from general reference atlases"
    return features


def tidy_polygon(p):
    if is_sliver(p[0]):
        return None
    return [oriented(p[0], True)] + [oriented(h, False) for h in p[1:] if abs(signed_area(h)) >= 0.01]


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    if any(f["properties"].get("kind") == "lake" for f in fc["features"]):
        fc["features"] = name_lakes(fc["features"])
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
