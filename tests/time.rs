//! Time as a dimension, end to end: uncertain dates and positions drawn as such, what
//! changed since the previous map, and `histmap animate` (its files, their bytes, its
//! refusals, and its player page playing in Chromium).

#[path = "browser/cdp.rs"]
mod cdp;
#[path = "browser/client.rs"]
mod client;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn histmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_histmap")).current_dir(ROOT).args(args).output().expect("histmap runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The contents of the SVG group `id` (empty if it has none).
fn group<'a>(svg: &'a str, id: &str) -> &'a str {
    let Some(start) = svg.find(&format!("<g id=\"{id}\" ")) else { return "" };
    let rest = &svg[start..];
    &rest[..rest.find("</g>").unwrap_or(rest.len())]
}

/// The words of an SVG fragment's texts, lines of one label joined by a space.
fn words(svg: &str) -> String {
    let mut out = String::new();
    for text in svg.split("<text").skip(1) {
        let body = &text[..text.find("</text>").unwrap_or(text.len())];
        let (mut inside, mut line) = (true, String::new());
        for c in body.chars() {
            match c {
                '<' => (inside, line) = (true, line + " "),
                '>' => inside = false,
                c if !inside => line.push(c),
                _ => {}
            }
        }
        out.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push('\n');
    }
    out
}

fn render(dir: &Path, phase: &str) -> String {
    let out = histmap(&[
        "render",
        phase,
        "--out",
        dir.to_str().unwrap(),
        "--width",
        "1200",
        "--height",
        "900",
        "--format",
        "svg",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    fs::read_to_string(dir.join(format!("{phase}.svg"))).unwrap()
}

#[test]
fn each_map_shows_what_changed_since_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    // 1938 against 1932: Jehol annexed (1933), north China occupied (1937), and the 1932
    // border of Manchukuo drawn as a ghost; each with its legend entry.
    let asano = render(dir.path(), "1938-asano");
    for (id, legend) in [
        ("annexed", "Annexed to Manchukuo since 1 March 1932"),
        ("newly-occupied", "Taken by Japan since 1 March 1932"),
        ("previous-border", "Earlier border of Manchukuo (moved since 1 March 1932)"),
    ] {
        assert!(group(&asano, id).contains("<path"), "1938-asano draws nothing in {id}");
        assert!(words(&asano).contains(legend), "no legend entry '{legend}'");
    }
    // Manchukuo's borders moved by 1938, but it is the same state (one `entity`): not new.
    // Mengjiang (1937) is, alone; China, whose borders moved with it, is not.
    let new = group(&asano, "new-state");
    assert_eq!(new.matches("<path").count(), 1, "{new}");
    assert_eq!(words(&asano).matches("State proclaimed since 1 March 1932").count(), 1);
    // Hulunbuir, held against Manchukuo on the 1932 map, has fallen since.
    assert!(group(&asano, "fallen").contains("<path"));
    assert!(words(&asano).contains("Held out against Manchukuo on 1 March 1932, taken since"));
    // 1932 against 1931 (which ends in February 1932): Manchukuo is new, the stages of the
    // advance are gone, Hulunbuir is held against it; nothing annexed or newly taken.
    let manchukuo = render(dir.path(), "1932-manchukuo");
    assert!(group(&manchukuo, "new-state").contains("<path"));
    assert!(words(&manchukuo).contains("State proclaimed since February 1932"));
    assert!(!group(&manchukuo, "occupied").contains("<path"), "the stages of 1931-32 are drawn after their end");
    assert!(group(&manchukuo, "held-out").contains("<path") && manchukuo.contains("Hulunbuir"));
    // The first map compares with nothing, and draws the advance in its dated stages.
    let first = render(dir.path(), "1931-occupation");
    assert_eq!(group(&first, "occupied").matches("<path").count(), 4, "four stages of the advance");
    let months = words(group(&first, "taken-labels"));
    for month in ["Sep 1931", "Nov 1931", "Jan 1932", "Feb 1932"] {
        assert!(months.contains(month), "no stage labelled {month}: {months}");
    }
    assert!(!first.contains("Hulunbuir:"), "Hulunbuir is claimed only from March 1932");
    for svg in [&manchukuo, &first] {
        assert!(!group(svg, "annexed").contains("<path") && !group(svg, "newly-occupied").contains("<path"));
    }
    // A map of any date compares with the last phase over before it (1941, from 1939).
    let out = histmap(&["render", "--date", "1941-06", "--out", dir.path().to_str().unwrap(), "--format", "svg"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let date = fs::read_to_string(dir.path().join("date-1941-06.svg")).unwrap();
    assert!(!group(&date, "annexed").contains("<path"));
    // …or with the date asked for: against 1932 Jehol is new.
    let out = histmap(&[
        "render",
        "1938-asano",
        "--date",
        "1941-06",
        "--compare",
        "1932-06",
        "--out",
        dir.path().to_str().unwrap(),
        "--format",
        "svg",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let date = fs::read_to_string(dir.path().join("date-1941-06.svg")).unwrap();
    assert!(group(&date, "annexed").contains("<path"));
}

#[test]
fn a_place_renamed_within_a_maps_days_is_drawn_once_under_its_later_name() {
    // March 1932: Changchun became Hsinking on the 14th; a map of the month shows one capital.
    let dir = tempfile::tempdir().unwrap();
    let out = histmap(&["render", "--date", "1932-03", "--out", dir.path().to_str().unwrap(), "--format", "svg"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = fs::read_to_string(dir.path().join("date-1932-03.svg")).unwrap();
    let capitals = group(&svg, "capitals");
    assert_eq!(capitals.matches("<path").count() + capitals.matches("<use").count(), 1, "{capitals}");
    // Named as it was on the map compared with (February 1932) too.
    assert!(words(group(&svg, "renamed-city-labels")).contains("Hsinking (formerly Changchun)"));
    assert!(!words(group(&svg, "city-labels")).contains("Changchun"));
}

#[test]
fn a_place_renamed_since_the_previous_map_carries_its_former_name() {
    let dir = tempfile::tempdir().unwrap();
    for (phase, renamed) in [
        ("1932-manchukuo", "Birobidzhan (formerly Tikhonkaya)"),
        ("1938-asano", "Voroshilov (formerly Nikolsk-Ussuriysky)"),
        ("1938-asano", "Hsinking (formerly Changchun)"),
        ("1941-new-role", "Choibalsan (formerly Bayan Tumen)"),
    ] {
        let svg = render(dir.path(), phase);
        let labels = words(group(&svg, "renamed-city-labels"));
        assert!(labels.contains(renamed), "{phase}: no '{renamed}' in {labels}");
    }
    // Not on the map after that: by 1945 Choibalsan is just Choibalsan; nor on the first
    // map, which compares with nothing.
    let collapse = render(dir.path(), "1945-collapse");
    assert!(!collapse.contains("formerly") && words(group(&collapse, "city-labels")).contains("Choibalsan"));
    assert!(!render(dir.path(), "1931-occupation").contains("formerly"));
    // The Russian edition words it in Russian, with the Russian names.
    let out =
        histmap(&["render", "1941-new-role", "--lang", "ru", "--out", dir.path().to_str().unwrap(), "--format", "svg"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ru = fs::read_to_string(dir.path().join("1941-new-role.ru.svg")).unwrap();
    assert!(words(group(&ru, "renamed-city-labels")).contains("Чойбалсан (бывш. Баян-Тумэн)"));
}

#[test]
fn uncertain_places_and_dates_look_uncertain() {
    let dir = tempfile::tempdir().unwrap();
    // Bain Tsagan (±3 km) gets its ring in each panel of the Khalkhin Gol map, and the
    // legend says what it is.
    let kg = render(dir.path(), "1939-khalkhin-gol");
    assert!(group(&kg, "panel-1-uncertainty-khalkhin-gol").contains("<path"), "no ring on the Khalkhin Gol map");
    assert_eq!(
        words(&kg).matches("the place lies within the ring").count(),
        1,
        "one legend entry for every ring layer"
    );
    // The Amur march's end is approximate (1941-10~): lighter, and its label says "c.".
    let ru = tempfile::tempdir().unwrap();
    let new_role = render(dir.path(), "1941-new-role");
    assert!(new_role.contains("1st Amur march, c. Jul–Sep 1941"));
    assert!(group(&new_role, "marches").contains("stroke-opacity=\"0.6"), "{}", group(&new_role, "marches"));
    let out =
        histmap(&["render", "1941-new-role", "--lang", "ru", "--out", ru.path().to_str().unwrap(), "--format", "svg"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = fs::read_to_string(ru.path().join("1941-new-role.ru.svg")).unwrap();
    assert!(svg.contains("ок. июля–сентября 1941"));
}

#[test]
fn an_area_is_drawn_unsure_only_on_the_days_its_date_is_unsure() {
    // Hulunbuir was held against Manchukuo "until 1932-12~": sure on 1 March 1932, not
    // in November, when its area gets a dotted edge and the legend says why.
    let dir = tempfile::tempdir().unwrap();
    let march = render(dir.path(), "1932-manchukuo");
    assert!(group(&march, "held-out").contains("<path"), "Hulunbuir is not drawn on 1 March 1932");
    assert!(!group(&march, "unsure-date-occupation").contains("<path"));
    assert!(!words(&march).contains("Dotted edge: the area began"));
    let out = histmap(&["render", "--date", "1932-11", "--out", dir.path().to_str().unwrap(), "--format", "svg"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let november = fs::read_to_string(dir.path().join("date-1932-11.svg")).unwrap();
    assert!(group(&november, "unsure-date-occupation").contains("<path"), "no dotted edge in November 1932");
    assert_eq!(words(&november).matches("Dotted edge: the area began or ended about this date").count(), 1);
    // Émigré settlements dated "1920~" to "1955~" are sure on every map of the story.
    assert!(group(&november, "emigre-district").contains("<path"));
    assert!(!group(&november, "unsure-date-emigres").contains("<path"));
}

/// Runs `histmap animate` into `dir` on small yearly frames, 1931 to 1945, `extra` options
/// overriding those.
fn animate(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["animate", "--size", "400x300", "-q", "--out", dir.to_str().unwrap()];
    for (flag, default) in [("--from", "1931"), ("--to", "1945"), ("--step", "1Y")] {
        if !extra.contains(&flag) {
            args.extend_from_slice(&[flag, default]);
        }
    }
    args.extend_from_slice(extra);
    histmap(&args)
}

#[test]
fn an_animation_is_the_same_bytes_every_time_and_reuses_unchanged_frames() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [&a, &b] {
        let out = animate(dir.path(), &["--format", "apng,gif,html"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for file in
        ["animation.png", "animation.gif", "animation.html", "animation-frames/0001.png", "animation-frames/0015.png"]
    {
        assert_eq!(fs::read(a.path().join(file)).unwrap(), fs::read(b.path().join(file)).unwrap(), "{file} differs");
    }
    assert!(!a.path().join("animation-frames/0016.png").exists());
    // An animated PNG of 15 frames, 400×300, each after the first stored as what changed.
    let bytes = fs::read(a.path().join("animation.png")).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    assert_eq!(reader.info().animation_control().map(|c| c.num_frames), Some(15));
    assert_eq!((reader.info().width, reader.info().height), (400, 300));
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let mut partial = 0;
    for _ in 0..15 {
        reader.next_frame(&mut buf).unwrap();
        let fc = reader.info().frame_control().unwrap();
        partial += usize::from(fc.width < 400 || fc.height < 300);
    }
    assert!(partial > 0, "every frame was stored whole");
    // Each frame shows its date; the player lists them.
    let html = fs::read_to_string(a.path().join("animation.html")).unwrap();
    assert!(html.contains("\"date\":\"1931\"") && html.contains("\"date\":\"1945\""));
    // One frame per phase, each with the phase's own dates.
    let out = histmap(&["animate", "--phases", "--size", "400x300", "-q", "--out", b.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(b.path().join("animation.html")).unwrap();
    assert!(
        html.contains("\"date\":\"18 September 1931 – February 1932\"")
            && html.contains("\"date\":\"9–20 August 1945\""),
        "{html}"
    );
    // In an animation each stage of the advance is new in the frame it was taken, and the
    // legend, the same on every frame, says so of the frame before.
    let out = histmap(&[
        "animate",
        "--from",
        "1931-10",
        "--to",
        "1931-12",
        "--size",
        "800x600",
        "--format",
        "frames",
        "-q",
        "--out",
        b.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let frame = |n: u32| {
        let bytes = fs::read(b.path().join(format!("animation-frames/{n:04}.png"))).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        (buf, info.line_size)
    };
    let ((oct, row), (nov, _)) = (frame(1), frame(2));
    assert_ne!(oct, nov, "the November stage is not drawn");
    // The header and the map differ, the legend (beside or under the map) does not: some
    // block of rows or columns at the bottom or right is the same in both frames.
    let bottom = oct.len() - 80 * row;
    let right = |buf: &[u8]| -> Vec<u8> { buf.chunks(row).flat_map(|r| r[r.len() - 120 * 3..].to_vec()).collect() };
    assert!(oct[bottom..] == nov[bottom..] || right(&oct) == right(&nov), "the legend changes between frames");
    // A frame identical to the one before but for its date reuses its map: nothing in the
    // atlas begins or ends in the first half of 1943.
    let out = histmap(&[
        "animate",
        "--from",
        "1943-01",
        "--to",
        "1943-06",
        "--size",
        "400x300",
        "--format",
        "frames",
        "--out",
        a.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("6 frames (1 maps drawn, the rest reused)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn bad_animations_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (vec!["--step", "0M"], "a step of zero never moves"),
        (vec!["--to", "1930"], "--to 1930 is before --from 1931"),
        (vec!["--step", "1D", "--to", "1945"], "more than 2000 frames"),
        (vec!["--step", "3W"], "invalid step '3W'"),
        (vec!["--from", "1931-13"], "--from: invalid date"),
        (vec!["--format", "mp4"], "unknown format 'mp4'"),
        (vec!["--delay", "0"], "--delay"),
    ] {
        let out = animate(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "a refused animation wrote files");
}

#[test]
fn the_player_page_plays_in_chromium_from_the_file_system() {
    let Some(chromium) = client::client("chromium") else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = animate(dir.path(), &["--delay", "100"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let url = format!("file://{}", dir.path().join("animation.html").display());
    let mut page = cdp::Page::open(&chromium, &url);
    page.wait_for(
        "document.body && document.body.dataset.frame === '0'",
        Duration::from_secs(20),
        "the player to start",
    );
    assert_eq!(page.eval("document.getElementById('date').textContent"), "1931");
    // Every frame image loads from the folder beside the page.
    page.wait_for(
        "cache.every(i => i.complete && i.naturalWidth === 400)",
        Duration::from_secs(20),
        "the frames to load",
    );
    // Keyboard steps, the slider, and play.
    page.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'}))");
    assert_eq!(page.eval("document.getElementById('date').textContent"), "1932");
    page.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'End'}))");
    assert_eq!(page.eval("document.getElementById('date').textContent"), "1945");
    page.eval("const s = document.getElementById('slider'); s.value = 6; s.dispatchEvent(new Event('input'))");
    assert_eq!(page.eval("document.getElementById('frame').getAttribute('src')"), "animation-frames/0007.png");
    page.eval("document.getElementById('play').click()");
    page.wait_for("Number(document.body.dataset.frame) >= 9", Duration::from_secs(10), "the animation to play");
    page.eval("document.getElementById('play').click()");
    let stopped = page.eval("document.body.dataset.frame");
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(page.eval("document.body.dataset.frame"), stopped, "pause did not stop it");
}

#[test]
fn the_asano_detachments_targets_are_ringed_while_it_trained_for_them() {
    // Khabarovsk, Blagoveshchensk and Vladivostok (Smirnov & Buyakov), from its founding in
    // April 1938 until about 1941: on the 1938 map, not on that of 1941-44.
    let dir = tempfile::tempdir().unwrap();
    let asano = render(dir.path(), "1938-asano");
    assert_eq!(group(&asano, "asano-targets").matches("<path").count(), 3, "{}", group(&asano, "asano-targets"));
    assert!(words(&asano).contains("Cities the Asano detachment trained to raid in a war"));
    let later = render(dir.path(), "1941-new-role");
    assert!(!group(&later, "asano-targets").contains("<path"));
}
