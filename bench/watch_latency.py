#!/usr/bin/env python3
"""Time from a style save to the re-rendered map in `histmap watch` (release build).

Copies the story, geodata and styles to a temporary folder, starts `histmap watch` on one
phase, then saves a colour change to the style N times and measures, outside the program,
the time from each save until watch reports the map's SVG written (it is written first)
and until it reports the whole map (SVG and PNG) rendered. Prints the medians.

    cargo build --release && python3 bench/watch_latency.py [PHASE] [RUNS]
"""
import os, shutil, statistics, subprocess, sys, tempfile, threading, time, queue

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
phase = sys.argv[1] if len(sys.argv) > 1 else "1938-khasan"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
work = tempfile.mkdtemp()
for d in ("geodata", "styles"):
    shutil.copytree(os.path.join(ROOT, d), os.path.join(work, d))
style = os.path.join(work, "styles", "default.toml")
proc = subprocess.Popen(
    [os.path.join(ROOT, "target", "release", "histmap"), "watch", phase, "--out", os.path.join(work, "out")],
    cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()

def wait_for(prefix):
    while True:
        line = lines.get(timeout=30)
        if line.startswith(prefix):
            return line

def wait_rendered():
    return wait_for("rendered")

wait_rendered()
text = open(style, encoding="utf-8").read()
times, svg_times = [], []
for i in range(runs):
    colour = "#f2d4c%x" % (i % 16)
    t = time.monotonic()
    with open(style, "w", encoding="utf-8") as f:
        f.write(text.replace('ussr = "#f2d4cf"', f'ussr = "{colour}"'))
    wait_for("wrote")
    svg_times.append((time.monotonic() - t) * 1000)
    line = wait_rendered()
    times.append((time.monotonic() - t) * 1000)
    time.sleep(0.5)
proc.terminate()
shutil.rmtree(work)
print(f"{phase}, {runs} saves: save → SVG written, median {statistics.median(svg_times):.0f} ms "
      f"(min {min(svg_times):.0f}, max {max(svg_times):.0f}); save → SVG and PNG written, median "
      f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}); "
      f"the last report: {line.strip()}")
