#!/usr/bin/env python3
"""Writes geodata/occupation.geojson: the Kwantung Army's advance of 1931-32 in dated stages,
Hulunbuir held out of Manchukuo until December 1932, Jehol claimed by it until March 1933, and China occupied by Japan from July
1937; all schematic.

Usage: occupation.py GEODATA_DIR        (needs shapely: pip install shapely)

The outlines below are hand-digitised at the regional maps' scale (errors of 30-60 km and
more: the Japanese held the cities and railway corridors, and the countryside between was
contested all war). Each is cut to the Republic of China of its date in states.geojson
(`china-1937`: China less Manchukuo, the Kwantung Leased Territory and Mengjiang), or, for
1931-32, to the Three Eastern Provinces in manchukuo.geojson (`northeast-1931`), so it
follows the same coasts and borders as the base map. Sources: see geodata/SOURCES.md.
"""
import json, sys
from shapely.geometry import shape, mapping, Polygon, MultiPolygon
from shapely.geometry.polygon import orient

GEO = sys.argv[1]


def area_of(layer, id):
    return next(shape(f["geometry"]) for f in json.load(open(f"{GEO}/{layer}.geojson", encoding="utf-8"))["features"]
                if f["properties"]["id"] == id)


china = area_of("states", "china-1937")
northeast = area_of("manchukuo", "northeast-1931")

# The Kwantung Army's advance, each stage the land newly held (the cities and the railways
# through them, and the country between as the published maps shade it), cut to the Three
# Eastern Provinces; hand-digitised, errors of 50-100 km.
# 18-21 Sep 1931: the South Manchuria Railway zone from the leased territory to Changchun,
# the Antung line, Hsinmin and Kirin (20-25 Sep).
RAILWAY_ZONE = [[121.3, 39.2], [121.6, 40.0], [122.0, 40.7], [122.3, 41.3], [122.3, 42.1], [123.0, 42.6], [123.5, 43.2],
                [124.2, 43.8], [124.9, 44.3], [125.6, 44.4], [126.6, 44.4], [127.3, 44.0], [127.0, 43.3], [126.0, 43.2],
                [125.3, 42.9], [124.9, 42.4], [124.8, 41.9], [124.9, 41.4], [125.1, 40.9], [125.3, 40.3], [124.5, 39.8],
                [123.5, 39.6], [122.6, 39.4], [122.2, 39.0], [121.6, 38.6]]
# Nov 1931: the Taonan lines and the Nonni (Nenjiang bridge, 4-18 Nov) to Tsitsihar (19 Nov).
NONNI = [[124.3, 43.3], [123.5, 43.5], [122.5, 44.6], [122.3, 45.6], [123.0, 46.6], [123.4, 47.6], [124.4, 47.6],
         [124.6, 46.7], [124.3, 45.6], [124.6, 44.6], [125.0, 43.9]]
# Jan 1932: western Liaoning, the Peking-Mukden line to Chinchow (3 Jan) and Shanhaikwan.
CHINCHOW = [[122.9, 42.4], [122.0, 42.6], [121.0, 42.4], [120.0, 41.7], [119.3, 40.6], [119.5, 39.7], [121.0, 40.4],
            [122.2, 40.6]]
# Feb 1932: the railway north from Changchun to Harbin (taken 5 Feb) and the city's country.
HARBIN = [[125.3, 43.9], [124.8, 44.4], [125.1, 45.3], [125.9, 46.1], [127.0, 46.2], [127.5, 45.6], [127.0, 44.8],
          [126.4, 44.2]]
STAGES = [("taken-1931-09", "1931-09-18", "Sep 1931", "сент. 1931", "Railway zone, Mukden, Changchun, Hsinmin and Kirin, 18-25 Sep 1931", RAILWAY_ZONE),
          ("taken-1931-11", "1931-11-19", "Nov 1931", "нояб. 1931", "The Nonni and Tsitsihar, 4-19 Nov 1931", NONNI),
          ("taken-1932-01", "1932-01-03", "Jan 1932", "янв. 1932", "Chinchow and western Liaoning, 3 Jan 1932", CHINCHOW),
          ("taken-1932-02", "1932-02-05", "Feb 1932", "февр. 1932", "Harbin, 4-5 Feb 1932", HARBIN)]
# Hulunbuir (Barga), west of the Great Khingan: General Su Bingwen's garrison kept it free of
# Japanese troops, rose against Manchukuo on 27-28 Sep 1932 and crossed into the USSR in early
# December 1932. The east edge follows the Khingan crest; the rest is cut to the provinces.
HULUNBUIR = [[117.5, 45.9], [119.6, 46.8], [120.6, 47.6], [121.5, 48.6], [121.7, 49.6], [121.8, 50.5], [122.4, 51.5],
             [123.0, 52.5], [123.5, 53.8], [119.0, 54.2], [115.0, 50.5], [114.0, 47.5]]

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


def cut(geom, within=None):
    g = geom.intersection(china if within is None else within)
    polys = [p for p in (g.geoms if hasattr(g, "geoms") else [g]) if isinstance(p, Polygon) and p.area > 0.01]
    polys = [orient(p.simplify(0.01, preserve_topology=True), sign=1.0) for p in polys]
    m = mapping(MultiPolygon(polys))
    # Round, keeping rings closed.
    m["coordinates"] = [[[[round(x, 4), round(y, 4)] for x, y in ring] for ring in poly] for poly in m["coordinates"]]
    return m


SRC = "Occupied China: schematic, ±50 km (SOURCES.md)"
STAGE_SRC = "Kwantung Army's advance 1931-32: dates after Wikipedia, Japanese invasion of Manchuria; extent schematic, ±50-100 km (SOURCES.md)"
taken, features = None, []
for id, start, when, when_ru, note, outline in STAGES:
    area = polygon(outline).intersection(northeast)
    if taken is not None:
        area = area.difference(taken)
    taken = area if taken is None else taken.union(area)
    features.append({"type": "Feature", "properties": {"id": id, "name": "Taken by the Kwantung Army", "name_ru": "Занято Квантунской армией",
                                                      "kind": "taken", "when": when, "when_ru": when_ru, "start": start, "end": "1932-03-01",
                                                      "note": note, "source": STAGE_SRC},
                     "geometry": cut(area, northeast)})
features.append({"type": "Feature", "properties": {"id": "hulunbuir-1932", "name": "Hulunbuir: Su Bingwen's troops", "name_ru": "Хулун-Буир: войска Су Бинвэня",
                                                  "kind": "held-out", "start": "1932-03-01", "end": "1932-12~",
                                                  "note": "Claimed by Manchukuo, held by General Su Bingwen's Chinese garrison (in revolt from 27 Sep 1932) until the Kwantung Army took Hailar and Manchouli in early December 1932",
                                                  "source": "Hulunbuir 1932: after Wikipedia, Su Bingwen, and the Southland Times, 2 Nov 1932; west of the Great Khingan, schematic, ±50 km (SOURCES.md)"},
                 "geometry": cut(polygon(HULUNBUIR), northeast)})
# Jehol: claimed by Manchukuo from its proclamation, held by its Chinese governor Tang
# Yulin until the Kwantung Army took it in Operation Nekka (Feb-Mar 1933).
features.append({"type": "Feature", "properties": {"id": "jehol-1932", "name": "Jehol: Tang Yulin's province", "name_ru": "Жэхэ: провинция Тан Юйлиня",
                                                  "kind": "claimed", "start": "1932-03-01", "end": "1933-03-01",
                                                  "note": "Claimed by Manchukuo as part of its territory from its proclamation; held by the Chinese governor Tang Yulin until the Kwantung Army's Operation Nekka (Feb-Mar 1933)",
                                                  "source": "Jehol 1932-33: after Wikipedia, Jehol Province and Operation Nekka; the province's outline as in manchukuo.geojson (SOURCES.md)"},
                 "geometry": cut(area_of("manchukuo", "jehol"), area_of("manchukuo", "jehol"))})
features += [
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
