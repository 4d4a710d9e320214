//! Time from a style save to the new map shown in the live preview, in headless Chromium:
//! `histmap watch --serve PHASE` (release build) on a copy of the story, the page open on
//! the phase, then RUNS saves of a colour change; each run is the time from the save to
//! the moment the page has put the new SVG in place (`window.histmapShownAt`, the same
//! clock). Prints min, median and max, and the median of the moment the page heard the
//! change event (which carries the SVG, sent as soon as it is written).
//!
//!     cargo bench --bench preview [-- PHASE [RUNS]]

#[path = "../tests/browser/cdp.rs"]
mod cdp;
#[path = "../tests/browser/workdir.rs"]
mod workdir;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let phase = args.first().cloned().unwrap_or_else(|| "1945-collapse".into());
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(15);
    let work = tempfile::tempdir().unwrap();
    workdir::copy_story(work.path());
    let mut watch = Command::new(env!("CARGO_BIN_EXE_histmap"))
        .current_dir(work.path())
        .args(["watch", "--serve", &phase, "--out", "out", "-q"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(watch.stdout.take().unwrap()).lines();
    let url = out.by_ref().map_while(Result::ok).find_map(|l| l.strip_prefix("preview at ").map(str::to_string));
    let url = url.expect("the preview's address");
    let mut page = cdp::Page::open(Path::new("chromium"), &url);
    let long = Duration::from_secs(60);
    page.wait_for("document.querySelector('#map svg') !== null", long, "the first map");
    let style = work.path().join("styles/default.toml");
    let good = std::fs::read_to_string(&style).unwrap();
    let sea = good.lines().find(|l| l.starts_with("sea =")).unwrap().to_string();
    let (mut times, mut heard) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let colour = format!("#12{:02x}56", i);
        let saved = now_ms();
        std::fs::write(&style, good.replacen(&sea, &format!("sea = \"{colour}\""), 1)).unwrap();
        let check =
            format!("document.querySelector('#map svg').outerHTML.includes('{colour}') && window.histmapShownAt");
        let shown = page.wait_for(&check, long, "the edited map").as_f64().unwrap();
        times.push(shown - saved);
        // The page's own mark: the event (with the SVG) heard.
        heard.push(page.eval("window.histmapHeardAt").as_f64().unwrap() - saved);
        std::thread::sleep(Duration::from_millis(300));
    }
    let _ = watch.kill();
    let _ = watch.wait();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "  medians: event with the SVG heard {:.0} ms, map shown {:.0} ms after the save",
        median(&mut heard),
        median(&mut times)
    );
    println!(
        "preview {phase}: save to map shown, {runs} runs: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        times[0],
        times[runs / 2],
        times[runs - 1]
    );
}
