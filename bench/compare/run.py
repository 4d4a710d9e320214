#!/usr/bin/env python3
"""Driver of bench/compare.sh: prepares each renderer's inputs (not timed), runs each
renderer RUNS times as a whole process under GNU time, and prints a Markdown table."""
import json
import os
import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1])
VENV_PYTHON = sys.argv[2]
ROOT = os.getcwd()
OUT = os.path.join(ROOT, "target/compare")
HERE = os.path.join(ROOT, "bench/compare")
os.makedirs(OUT, exist_ok=True)
LAYERS = ["land", "lakes", "rivers", "states", "manchukuo", "railways", "cities"]
PROJ = "+proj=lcc +lat_1=40 +lat_2=50 +lat_0=45 +lon_0=125 +datum=WGS84 +units=m +no_defs"
BBOX = "113.6,39.8,136.4,52"  # the same frame, as histmap takes it: lon/lat of its edges' midpoints


def geo(name):
    return os.path.join(ROOT, "geodata", name + ".geojson")


def prepare_gmt():
    """GMT reads OGR/GMT text: convert each layer once, and the cities to 'lon lat name'."""
    for name in LAYERS[:-1]:
        dst = os.path.join(OUT, name + ".gmt")
        if not os.path.exists(dst):
            subprocess.run(["ogr2ogr", "-f", "OGR_GMT", dst, geo(name)], check=True)
    with open(geo("cities")) as f:
        cities = json.load(f)["features"]
    with open(os.path.join(OUT, "cities.txt"), "w") as f:
        for c in cities:
            lon, lat = c["geometry"]["coordinates"][:2]
            f.write(f"{lon} {lat} {c['properties']['name']}\n")


RENDERERS = {
    "histmap": lambda: [os.path.join(ROOT, "target/release/histmap"), "-q", "draw", *[geo(n) for n in LAYERS],
                        "--bbox", BBOX, "--proj", PROJ, "--size", "2400x1800", "-o", os.path.join(OUT, "histmap.png")],
    "Mapnik": lambda: ["/usr/bin/python3", os.path.join(HERE, "mapnik_render.py"), ROOT, os.path.join(OUT, "mapnik.png")],
    "GMT 6": lambda: ["bash", os.path.join(HERE, "gmt_render.sh"), OUT, os.path.join(OUT, "gmt")],
    "geopandas + matplotlib": lambda: [VENV_PYTHON, os.path.join(HERE, "geopandas_render.py"), ROOT,
                                       os.path.join(OUT, "geopandas.png")],
}


def timed(cmd):
    """Wall time of the whole process (to the millisecond) and its peak memory (GNU time's
    maximum resident set size, which covers the child processes a script starts)."""
    start = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"{cmd[0]} failed:\n{r.stderr}")
    return wall, int(r.stderr.strip().splitlines()[-1])


prepare_gmt()
rows = []
for name, cmd in RENDERERS.items():
    timed(cmd())  # warm the page cache and any font caches
    samples = [timed(cmd()) for _ in range(RUNS)]
    rows.append((name, statistics.median(s[0] for s in samples), max(s[1] for s in samples)))
    print(f"{name}: {[round(s[0], 3) for s in samples]}", file=sys.stderr)

base = rows[0][1]
print(f"| renderer | median wall (s), {RUNS} runs | peak memory (MB) | histmap is faster by |")
print("|---|---:|---:|---:|")
for name, wall, kb in rows:
    ratio = "—" if name == "histmap" else f"{wall / base:.1f}×"
    print(f"| {name} | {wall:.3f} | {kb / 1024:.0f} | {ratio} |")
