//! `animation.html`: a page that plays the frames from the file system, with no server —
//! play and pause, a date slider, keyboard steps, and each frame's date.

use quick_xml::escape::escape;

/// One frame as the player shows it: its image (relative to the page) and its date.
#[derive(serde::Serialize)]
pub struct Shown {
    /// Image path, relative to the page.
    pub src: String,
    /// The frame's date, as readers read it.
    pub date: String,
}

/// The player page for `frames`, each shown `delay_ms`, titled `title`, in `lang` (`en`,
/// `ru`), crediting `credits`.
pub fn page(
    title: &str,
    frames: &[Shown],
    delay_ms: u16,
    width: u32,
    height: u32,
    lang: &str,
    credits: &[String],
) -> String {
    let (play, pause, hint) = match lang {
        "ru" => ("Пуск", "Пауза", "Пробел — пуск и пауза, ← и → — кадр, Home и End — начало и конец"),
        _ => ("Play", "Pause", "Space plays and pauses, ← and → step, Home and End go to the ends"),
    };
    let list = serde_json::to_string(frames).expect("frames serialise");
    let first = frames.first().map_or(String::new(), |f| escape(f.src.as_str()).into_owned());
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans", "Open Sans", sans-serif; margin: 1rem auto; max-width: {width}px; padding: 0 1rem; color: #222; }}
img {{ width: 100%; height: auto; display: block; border: 1px solid #ccc; aspect-ratio: {width} / {height}; }}
.controls {{ display: flex; gap: 0.75rem; align-items: center; margin: 0.6rem 0; }}
input[type=range] {{ flex: 1; }}
output {{ min-width: 11rem; font-weight: bold; text-align: right; }}
p {{ color: #666; font-size: 0.85rem; }}
</style>
</head>
<body>
<img id="frame" src="{first}" alt="">
<div class="controls">
<button id="play" type="button">{play}</button>
<input id="slider" type="range" min="0" max="{last}" value="0" step="1" aria-label="date">
<output id="date" for="slider"></output>
</div>
<p>{hint}</p>
<p class="credits">{sources}: {credits}</p>
<script>
"use strict";
const frames = {list};
const delay = {delay_ms};
const img = document.getElementById("frame"), slider = document.getElementById("slider");
const button = document.getElementById("play"), date = document.getElementById("date");
let index = 0, timer = null;
// Every frame is loaded once up front, so playing never waits on the disk.
const cache = frames.map(f => {{ const i = new Image(); i.src = f.src; return i; }});
function show(i) {{
  index = (i + frames.length) % frames.length;
  img.src = frames[index].src;
  img.alt = frames[index].date;
  slider.value = index;
  date.textContent = frames[index].date;
  document.body.dataset.frame = index;
}}
function play() {{ if (timer === null) {{ timer = setInterval(() => show(index + 1), delay); button.textContent = "{pause}"; }} }}
function pause() {{ if (timer !== null) {{ clearInterval(timer); timer = null; button.textContent = "{play}"; }} }}
button.addEventListener("click", () => timer === null ? play() : pause());
slider.addEventListener("input", () => {{ pause(); show(Number(slider.value)); }});
document.addEventListener("keydown", e => {{
  const keys = {{ " ": () => timer === null ? play() : pause(), ArrowRight: () => {{ pause(); show(index + 1); }},
    ArrowLeft: () => {{ pause(); show(index - 1); }}, Home: () => {{ pause(); show(0); }}, End: () => {{ pause(); show(frames.length - 1); }} }};
  // The slider steps itself with the arrows, and the button plays with the space bar.
  if (!keys[e.key] || (e.target === slider && e.key !== " ") || (e.target === button && e.key === " ")) return;
  e.preventDefault();
  keys[e.key]();
}});
show(0);
</script>
</body>
</html>
"#,
        title = escape(title),
        sources = if lang == "ru" { "Источники" } else { "Sources" },
        credits = escape(credits.join("; ").as_str()),
        last = frames.len().saturating_sub(1),
    )
}
