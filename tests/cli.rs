//! End-to-end tests of the `histmap` binary: rendering, determinism, golden references,
//! and bad input that must fail cleanly without touching earlier outputs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

mod common;

fn histmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_histmap")).current_dir(ROOT).args(args).output().expect("histmap runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The phase ids `histmap list` prints for `story`.
fn phase_ids(story: &Path) -> Vec<String> {
    let out = histmap(&["list", "--story", story.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split_whitespace().next().unwrap().to_string()).collect()
}

fn shipped_story() -> PathBuf {
    Path::new(ROOT).join("geodata/story.toml")
}

fn render_to(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["render", "--out", dir.to_str().unwrap(), "--width", "600", "--height", "450"];
    args.extend_from_slice(extra);
    histmap(&args)
}

#[test]
fn list_shows_the_storys_phases_in_order() {
    for dir in [None, Some(tempfile::tempdir().unwrap())] {
        let story = dir.as_ref().map_or_else(shipped_story, |d| common::story_with_added_phase(d.path()));
        let ids: Vec<String> = histmap::story::Story::load(&story).unwrap().phases.into_iter().map(|p| p.id).collect();
        assert!(ids.len() > 1, "{ids:?}");
        assert_eq!(phase_ids(&story), ids);
    }
}

/// Renders every phase of `story` twice at 600×450: the two must be byte-identical, and
/// each PNG equal to its reference in `tests/golden/` if it has one (with `bless`, the
/// references are written instead). A reference whose phase is not in the story fails.
/// Returns the phases without a reference.
fn check_renders(story: &Path, bless: bool) -> Vec<String> {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let story_arg = ["--story", story.to_str().unwrap()];
    let (ra, rb) = (render_to(a.path(), &story_arg), render_to(b.path(), &story_arg));
    assert!(ra.status.success() && rb.status.success(), "{}{}", stderr(&ra), stderr(&rb));
    let golden = Path::new(ROOT).join("tests/golden");
    let ids = phase_ids(story);
    let orphans: Vec<String> = fs::read_dir(&golden)
        .map(|d| d.map(|e| e.unwrap().file_name().into_string().unwrap()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|n| n.strip_suffix(".png").is_some_and(|id| !ids.iter().any(|i| i == id)))
        .collect();
    assert!(orphans.is_empty(), "tests/golden has references for phases the story lacks: {orphans:?} (remove them)");
    let (mut mismatches, mut unreferenced) = (Vec::new(), Vec::new());
    for id in ids {
        for ext in ["svg", "png"] {
            let name = format!("{id}.{ext}");
            let (x, y) = (fs::read(a.path().join(&name)).unwrap(), fs::read(b.path().join(&name)).unwrap());
            assert!(x == y, "{name} differs between two renders");
        }
        let png = fs::read(a.path().join(format!("{id}.png"))).unwrap();
        let reference = golden.join(format!("{id}.png"));
        if bless {
            fs::create_dir_all(&golden).unwrap();
            fs::write(&reference, &png).unwrap();
        } else if !reference.exists() {
            eprintln!(
                "note: {id} has no golden reference (tests/golden/{id}.png), so only its determinism was checked; \
                 to add one, look at the map, then run HISTMAP_BLESS=1 cargo test --test cli \
                 rendering_is_deterministic and commit the file"
            );
            unreferenced.push(id);
        } else if fs::read(&reference).unwrap() != png {
            let actual = Path::new(ROOT).join("target/golden-actual");
            fs::create_dir_all(&actual).unwrap();
            fs::write(actual.join(format!("{id}.png")), &png).unwrap();
            mismatches.push(id);
        }
    }
    assert!(
        mismatches.is_empty(),
        "{mismatches:?} differ from tests/golden (actual renders in target/golden-actual; \
         if the change is intended, rerun with HISTMAP_BLESS=1 cargo test --test cli \
         rendering_is_deterministic and commit the references)"
    );
    unreferenced
}

#[test]
fn rendering_is_deterministic_and_matches_the_golden_references() {
    let bless = std::env::var_os("HISTMAP_BLESS").is_some();
    let unreferenced = check_renders(&shipped_story(), bless);
    // Every phase of the shipped story has its reference (a user's added phase need not).
    for id in [
        "1931-occupation",
        "1932-manchukuo",
        "1938-asano",
        "1938-khasan",
        "1939-khalkhin-gol",
        "1941-new-role",
        "1945-collapse",
    ] {
        assert!(!unreferenced.iter().any(|u| u == id), "{id} has no golden reference");
    }
}

#[test]
fn a_phase_added_to_the_story_is_rendered_and_reported_without_a_golden_reference() {
    let dir = tempfile::tempdir().unwrap();
    let story = common::story_with_added_phase(dir.path());
    assert_eq!(check_renders(&story, false), [common::ADDED]);
}

#[test]
fn svg_has_a_group_per_layer_and_the_furniture() {
    let dir = tempfile::tempdir().unwrap();
    let out = render_to(dir.path(), &["1938-asano"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = fs::read_to_string(dir.path().join("1938-asano.svg")).unwrap();
    for id in [
        "land",
        "rivers",
        "railways-other",
        "state-borders",
        "title",
        "legend",
        "scale-bar",
        "caption",
        "credits",
        "frame",
    ] {
        assert!(svg.contains(&format!("<g id=\"{id}\" inkscape:groupmode=\"layer\"")), "no group {id}");
    }
    assert!(svg.contains("Harbin") && svg.contains("Asano"));
    // Only the named phase was rendered (beside the index).
    let mut names: Vec<_> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["1938-asano.png", "1938-asano.svg", "index.html", "index.json", "index.md"]);
}

#[test]
fn a_phase_of_panels_renders_to_one_svg_with_a_frame_group_per_panel_and_one_legend() {
    let dir = tempfile::tempdir().unwrap();
    let out = render_to(dir.path(), &["1939-khalkhin-gol"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = fs::read_to_string(dir.path().join("1939-khalkhin-gol.svg")).unwrap();
    let count = |s: &str| svg.matches(s).count();
    let story = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata/story.toml")).unwrap();
    let panels = story.split("[[phase]]").find(|p| p.contains("id = \"1939-khalkhin-gol\"")).unwrap();
    let n = panels.matches("{ title = ").count();
    assert!(n >= 3, "the story draws Khalkhin Gol in panels");
    for i in 1..=n {
        assert_eq!(count(&format!("<g id=\"panel-{i}-frame\" inkscape:groupmode=\"layer\"")), 1, "panel {i}");
        assert_eq!(count(&format!("<g id=\"panel-{i}-heading\" inkscape:groupmode=\"layer\"")), 1, "panel {i}");
        // Each panel's layers are clipped to its own frame.
        let clip = if i == 1 { "map-clip".to_string() } else { format!("map-clip-{i}") };
        assert_eq!(count(&format!("<clipPath id=\"{clip}\">")), 1, "panel {i}");
        assert!(svg.contains(&format!("clip-path=\"url(#{clip})\"")), "panel {i}");
    }
    assert_eq!(count("<g id=\"panel-4-frame\""), 0);
    assert_eq!(count("inkscape:label=\"legend\""), 1, "one legend for all panels");
    assert_eq!(count("inkscape:label=\"title\""), 1);
    assert_eq!(count("inkscape:label=\"scale-bar\""), 1, "one scale bar: the panels share their scale");
}

#[test]
fn map_only_leaves_out_the_title_caption_and_credits_but_the_index_keeps_them() {
    let (full, bare) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (dir, extra) in [(&full, &[][..]), (&bare, &["--map-only"][..])] {
        let out = render_to(dir.path(), &[extra, &["1945-collapse"][..]].concat());
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let svg = |d: &tempfile::TempDir| fs::read_to_string(d.path().join("1945-collapse.svg")).unwrap();
    let (full_svg, bare_svg) = (svg(&full), svg(&bare));
    let words = [">Collapse<", "On 9 August 1945", "Sources:"];
    assert!(words.iter().all(|w| full_svg.contains(w)));
    assert!(words.iter().all(|w| !bare_svg.contains(w)), "the bands are left out");
    assert!(bare_svg.contains(">Legend<") && bare_svg.contains("Harbin"), "the map and its legend stay");
    // The map's frame grows into the room the bands took (its area, in points²).
    let frame = |s: &str| -> f64 {
        // The frame's path runs from its top left corner round to its bottom left one.
        let at = s.find("<g id=\"frame\"").unwrap();
        let d = s[at..].split("d=\"M").nth(1).unwrap();
        let corners: Vec<f64> = d[..d.find('Z').unwrap()].split(['L', ' ']).map(|n| n.parse().unwrap()).collect();
        (corners[1] - corners[7]).abs() * (corners[2] - corners[0]).abs()
    };
    assert!(frame(&bare_svg) > 1.15 * frame(&full_svg), "{} vs {}", frame(&bare_svg), frame(&full_svg));
    let index = fs::read_to_string(bare.path().join("index.json")).unwrap();
    assert!(index.contains("\"title\": \"Collapse\"") && index.contains("On 9 August 1945"), "{index}");
}

#[test]
fn a_frame_reaching_past_the_base_data_is_warned_about_by_check_and_render() {
    let dir = tempfile::tempdir().unwrap();
    let story = common::story_with_added_phase(dir.path());
    let text = fs::read_to_string(&story).unwrap().replace("extent = [111, 35, 136, 54]", "extent = [80, 35, 136, 54]");
    fs::write(&story, text).unwrap();
    let style = Path::new(ROOT).join("styles/default.toml");
    let (story, style) = (story.to_str().unwrap(), style.to_str().unwrap());
    let check = histmap(&["check", "--story", story, "--style", style]);
    let said = stderr(&check);
    assert!(check.status.success(), "{said}");
    let warned = |s: &str| {
        s.lines().any(|l| {
            l.starts_with("warning: ")
                && l.contains(common::ADDED)
                && l.contains("reaches past layer 'land' to the west")
                && l.contains("90–165°E")
        })
    };
    assert!(warned(&said), "{said}");
    // The shipped phases stay within the data: no such warning for them.
    let others: Vec<&str> = said.lines().filter(|l| !l.contains(common::ADDED)).collect();
    assert!(!others.iter().any(|l| l.contains("reaches past layer")), "{others:?}");
    let out = dir.path().join("out");
    let render = histmap(&[
        "render",
        "--story",
        story,
        "--style",
        style,
        "--out",
        out.to_str().unwrap(),
        "--size",
        "600x450",
        common::ADDED,
    ]);
    assert!(render.status.success() && warned(&stderr(&render)), "{}", stderr(&render));
    assert!(out.join(format!("{}.png", common::ADDED)).exists(), "drawn all the same");
}

#[test]
fn png_records_its_resolution() {
    let dir = tempfile::tempdir().unwrap();
    assert!(render_to(dir.path(), &["1938-asano"]).status.success());
    let png = fs::read(dir.path().join("1938-asano.png")).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    assert_eq!((info.width, info.height), (600, 450));
    let dims = info.pixel_dims.expect("pHYs chunk");
    // 600 px for the 800-point page is 54 dpi = 2126 pixels per metre.
    assert_eq!(dims.xppu, 2126);
    // The SVG says the same physical size: 600 px at 54 dpi is 282.222 mm.
    let svg = fs::read_to_string(dir.path().join("1938-asano.svg")).unwrap();
    assert!(svg.contains(r#"width="282.222mm" height="211.667mm" viewBox="0 0 800 600""#), "{}", &svg[..400]);
}

#[test]
fn embedded_fonts_are_subsets_written_the_same_every_time() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for d in [&a, &b] {
        let o = render_to(d.path(), &["1938-khasan", "--embed-fonts"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let svg = fs::read(a.path().join("1938-khasan.svg")).unwrap();
    assert!(svg == fs::read(b.path().join("1938-khasan.svg")).unwrap(), "byte-identical");
    let svg = String::from_utf8(svg).unwrap();
    assert!(svg.contains("@font-face{font-family:\"Noto Sans histmap-") && svg.contains("font-weight:700"));
    assert!(svg.contains(r#"font-family="&apos;Noto Sans histmap-"#), "texts name the embedded faces");
    // Subsets: a few tens of kilobytes for all the faces, not the megabytes of the files.
    assert!(render_to(b.path(), &["1938-khasan", "--format", "svg"]).status.success());
    let plain = fs::read(b.path().join("1938-khasan.svg")).unwrap();
    let extra = svg.len() - plain.len();
    assert!(extra > 10_000 && extra < 300_000, "{extra} bytes of fonts");
    let o = render_to(a.path(), &["--embed-fonts", "--outline-text"]);
    assert_eq!(o.status.code(), Some(2), "outlines have no text to embed fonts for");
}

#[test]
fn print_sizes_set_pixels_svg_units_and_dpi() {
    let dir = tempfile::tempdir().unwrap();
    let o = histmap(&[
        "render",
        "1938-asano",
        "--out",
        dir.path().to_str().unwrap(),
        "--size",
        "180x120mm",
        "--dpi",
        "150",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let png = fs::read(dir.path().join("1938-asano.png")).unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (1063, 709));
    assert_eq!(reader.info().pixel_dims.unwrap().xppu, 5906); // 150 dpi
    let svg = fs::read_to_string(dir.path().join("1938-asano.svg")).unwrap();
    assert!(svg.contains(r#"width="180mm" height="120mm""#));
}

#[test]
fn any_date_renders_in_a_fitting_frame() {
    let dir = tempfile::tempdir().unwrap();
    let o = render_to(dir.path(), &["--date", "1939-07-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = fs::read_to_string(dir.path().join("date-1939-07-01.svg")).unwrap();
    // The Khalkhin Gol frame, as one map, with what existed that day: the front of that
    // day, not the fighting of May or August.
    assert!(svg.contains("The map on 1 July 1939") && svg.contains("Nomonhan"));
    assert!(svg.contains("Fui Heights") && !svg.contains("Azuma") && !svg.contains("Northern group"));
    assert!(!svg.contains("panel-1-"), "a date's map is one map");
    // A named phase lends its frame; the map shows the date's features (Hsinking in 1943).
    let o = render_to(dir.path(), &["1931-occupation", "--date", "1943"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = fs::read_to_string(dir.path().join("date-1943.svg")).unwrap();
    assert!(svg.contains(">Hsinking<") && !svg.contains(">Changchun<") && svg.contains("The map in 1943"));
    let o = render_to(dir.path(), &["--date", "1939-02-30"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_index_lists_every_map_in_the_folder_with_caption_alt_text_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    assert!(render_to(dir.path(), &["1932-manchukuo"]).status.success());
    assert!(render_to(dir.path(), &["1938-khasan", "-q"]).status.success());
    let md = fs::read_to_string(dir.path().join("index.md")).unwrap();
    let (a, b) = (md.find("## Manchukuo proclaimed (1 March 1932)").unwrap(), md.find("## Lake Khasan").unwrap());
    assert!(a < b, "story order");
    assert!(md.contains("![Map: Manchukuo proclaimed, 1 March 1932.") && md.contains("](1932-manchukuo.png)"));
    assert!(md.contains("Sources: Natural Earth 4.1.0"));
    let html = fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert_eq!(html.matches("<figure").count(), 2);
    assert!(html.contains(r#"<img src="1938-khasan.png" alt="Map: Lake Khasan, 29 July – 11 August 1938."#));
    assert!(resvg::usvg::roxmltree::Document::parse(&html.replace("<!DOCTYPE html>", "")).is_ok(), "well-formed");
}

#[test]
fn the_index_keeps_maps_of_dates_and_links_only_files_that_exist() {
    let dir = tempfile::tempdir().unwrap();
    // Drawn in the frame of another phase than the one the date falls in (Khasan).
    assert!(render_to(dir.path(), &["1931-occupation", "--date", "1938-08-01", "-q"]).status.success());
    assert!(render_to(dir.path(), &["1932-manchukuo", "--format", "pdf", "-q"]).status.success());
    let md = fs::read_to_string(dir.path().join("index.md")).unwrap();
    // The date map drawn by the earlier run is still listed, with the texts of its frame.
    let date = md.find("## The map on 1 August 1938").expect("date map listed");
    assert!(md[date..].contains("[date-1938-08-01.svg](date-1938-08-01.svg)"), "{md}");
    assert!(md[date..].contains("In the frame of “Allies: the Kwantung Army takes Manchuria”"), "{md}");
    // The PDF-only map links its PDF, never an SVG that was not written.
    let manchukuo = &md[md.find("## Manchukuo proclaimed").unwrap()..date];
    assert!(manchukuo.contains("[1932-manchukuo.pdf](1932-manchukuo.pdf)"), "{manchukuo}");
    assert!(!manchukuo.contains(".svg") && !manchukuo.contains("!["), "{manchukuo}");
    let html = fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(!html.contains("1932-manchukuo.svg") && html.contains("href=\"1932-manchukuo.pdf\""));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("index.json")).unwrap()).unwrap();
    let ids: Vec<&str> = json["maps"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1932-manchukuo", "date-1938-08-01"]);
    // A date map removed from the folder leaves the index.
    fs::remove_file(dir.path().join("date-1938-08-01.svg")).unwrap();
    fs::remove_file(dir.path().join("date-1938-08-01.png")).unwrap();
    assert!(render_to(dir.path(), &["1932-manchukuo", "--format", "pdf", "-q"]).status.success());
    assert!(!fs::read_to_string(dir.path().join("index.md")).unwrap().contains("date-1938"));
}

#[test]
fn completions_and_manual_come_from_the_command_definition() {
    let bash = histmap(&["completions", "bash"]);
    assert!(bash.status.success());
    let bash = String::from_utf8(bash.stdout).unwrap();
    assert!(bash.contains("--size") && bash.contains("check"));
    let man = String::from_utf8(histmap(&["man"]).stdout).unwrap();
    assert!(man.starts_with(".ie") && man.contains(".TH histmap 1") && man.contains("Exit codes"));
    // Every page the top-level page refers to exists: printed one by one, or all written.
    let render = String::from_utf8(histmap(&["man", "render"]).stdout).unwrap();
    assert!(render.contains(".TH histmap-render 1") && render.contains("\\-\\-date"), "{render}");
    assert_eq!(histmap(&["man", "nosuch"]).status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    assert!(histmap(&["man", "--out", dir.path().to_str().unwrap()]).status.success());
    let mut pages: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    pages.sort();
    for referred in man.lines().filter_map(|l| l.strip_prefix("histmap\\-")?.strip_suffix("(1)")) {
        let name = format!("histmap-{referred}.1");
        assert!(pages.iter().any(|p| p == &name), "{name} is referred to but not among {pages:?}");
    }
    assert!(pages.contains(&"histmap.1".to_string()) && pages.contains(&"histmap-render.1".to_string()), "{pages:?}");
}

#[test]
fn each_subcommand_offers_only_its_own_options() {
    let help = |sub: &str| String::from_utf8(histmap(&[sub, "--help"]).stdout).unwrap();
    for sub in ["man", "completions"] {
        let h = help(sub);
        for foreign in ["--story", "--style", "--fonts", "--verbose"] {
            assert!(!h.contains(foreign), "{sub} --help offers {foreign}:\n{h}");
        }
    }
    let draw = help("draw");
    assert!(!draw.contains("--story") && draw.contains("--style") && draw.contains("--fonts"), "{draw}");
    let list = help("list");
    assert!(list.contains("--story") && !list.contains("--verbose") && !list.contains("--fonts"), "{list}");
    let render = help("render");
    assert!(["--story", "--style", "--fonts", "--quiet", "--verbose", "--date"].iter().all(|o| render.contains(o)));
}

#[test]
fn list_aligns_its_columns_however_long_a_date() {
    // The shipped story's dates run from 12 to 34 characters.
    let o = histmap(&["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let story = fs::read_to_string(Path::new(ROOT).join("geodata/story.toml")).unwrap();
    let title_of = |id: &str| {
        story
            .split("[[phase]]")
            .find(|p| p.contains(&format!("id = \"{id}\"")))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("title = \"").and_then(|t| t.strip_suffix('"'))))
    };
    let columns: Vec<usize> = out
        .lines()
        .map(|l| {
            let at = l.find(title_of(l.split_whitespace().next().unwrap()).expect("a title")).expect("the title");
            l[..at].chars().count()
        })
        .collect();
    assert!(columns.len() > 1 && columns.windows(2).all(|w| w[0] == w[1]), "{out}");
}

#[test]
fn a_story_in_another_folder_finds_the_style_beside_it() {
    // The repository's layout, copied elsewhere and used from a third folder.
    let (dir, out) = scratch();
    fs::create_dir_all(dir.path().join("styles")).unwrap();
    fs::copy(Path::new(ROOT).join("styles/default.toml"), dir.path().join("styles/default.toml")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let story = dir.path().join("geodata/story.toml");
    let o = Command::new(env!("CARGO_BIN_EXE_histmap"))
        .current_dir(elsewhere.path())
        .args(["render", "1938-khasan", "--story", story.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--width", "400", "--height", "300", "-q"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("1938-khasan.svg").exists());
    // Without one anywhere, the error names the file looked for.
    fs::remove_dir_all(dir.path().join("styles")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_histmap"))
        .current_dir(elsewhere.path())
        .args(["check", "--story", story.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("styles/default.toml"), "{}", stderr(&o));
}

#[test]
fn watch_re_renders_on_save_and_survives_a_broken_file() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::Duration;
    let (dir, out) = scratch();
    let styles = dir.path().join("styles");
    fs::create_dir_all(&styles).unwrap();
    let style = styles.join("default.toml");
    fs::copy(Path::new(ROOT).join("styles/default.toml"), &style).unwrap();
    let story = dir.path().join("geodata/story.toml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_histmap"))
        .args(["watch", "--story", story.to_str().unwrap(), "--style", style.to_str().unwrap()])
        .args(["1938-khasan", "--out", out.to_str().unwrap(), "--width", "400", "--height", "300"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    for pipe in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || BufReader::new(pipe).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
    }
    let wait_for = |what: &str| -> String {
        loop {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(l) if l.contains(what) => return l,
                Ok(_) => continue,
                Err(_) => panic!("no line with {what:?}"),
            }
        }
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for("rendered 1938-khasan");
        let png = out.join("1938-khasan.png");
        let first = fs::read(&png).unwrap();
        let text = fs::read_to_string(&style).unwrap();
        fs::write(&style, text.replace("ussr = \"#f2d4cf\"", "ussr = \"#d0a0a0\"")).unwrap();
        wait_for("rendered 1938-khasan");
        let second = fs::read(&png).unwrap();
        assert_ne!(first, second, "the map follows the style");
        fs::write(&style, text.replace("ussr = \"#f2d4cf\"", "ussr = \"#nope\"")).unwrap();
        let err = wait_for("error:");
        assert!(err.contains("default.toml:") && err.contains("invalid colour '#nope'"), "{err}");
        assert_eq!(fs::read(&png).unwrap(), second, "the last good map stays");
        fs::write(&style, &text).unwrap();
        wait_for("rendered 1938-khasan");
        assert_eq!(fs::read(&png).unwrap(), first);
        // A layer edit reloads that layer (the others are kept from the last load).
        let layer = dir.path().join("geodata/khasan.geojson");
        let data = fs::read_to_string(&layer).unwrap();
        fs::write(&layer, data.replace("Zaozernaya (Changkufeng)", "Zaozyornaya (Changkufeng)")).unwrap();
        wait_for("rendered 1938-khasan");
        let svg = fs::read_to_string(out.join("1938-khasan.svg")).unwrap();
        assert!(
            svg.contains(">Zaozyornaya (Changkufeng)<") && !svg.contains(">Zaozernaya (Changkufeng)<"),
            "the map follows the layer"
        );
        fs::write(&layer, &data[..data.len() / 2]).unwrap();
        let err = wait_for("error:");
        assert!(err.contains("khasan.geojson:1:") && err.contains("EOF while parsing"), "{err}");
        fs::write(&layer, &data).unwrap();
        wait_for("rendered 1938-khasan");
        assert_eq!(fs::read(&png).unwrap(), first);
        // A story broken, then restored as it was: watch says it is good again, though
        // nothing needs drawing.
        let story = dir.path().join("geodata/story.toml");
        let told = fs::read_to_string(&story).unwrap();
        fs::write(&story, told.replacen("[[phase]]", "[[phase]]\nbroken =", 1)).unwrap();
        let err = wait_for("error:");
        assert!(err.contains("story.toml:"), "{err}");
        fs::write(&story, &told).unwrap();
        let fixed = wait_for("fixed:");
        assert!(fixed.contains("story.toml load again") && fixed.contains("up to date"), "{fixed}");
    }));
    child.kill().unwrap();
    child.wait().unwrap();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn pdf_and_outlined_svg_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let o = render_to(dir.path(), &["1938-khasan", "--format", "svg,pdf", "--outline-text", "--size", "180x120mm"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = fs::read(dir.path().join("1938-khasan.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/MediaBox [0 0 510.23624 340.15747]"), "the page is 180 x 120 mm");
    assert!(text.contains("NotoSans"), "fonts are embedded");
    assert!(!dir.path().join("1938-khasan.png").exists(), "only the formats asked for");
    let svg = fs::read_to_string(dir.path().join("1938-khasan.svg")).unwrap();
    assert!(!svg.contains("<text") && svg.contains("<path"), "text became outlines");
    let o = render_to(dir.path(), &["--format", "svg,gif"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown format 'gif'"));
}

#[test]
fn the_russian_edition_labels_and_titles_in_russian() {
    let dir = tempfile::tempdir().unwrap();
    let o = render_to(dir.path(), &["1932-manchukuo", "--lang", "ru"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = fs::read_to_string(dir.path().join("1932-manchukuo.ru.svg")).unwrap();
    for text in [
        ">Провозглашение Маньчжоу-го<",
        ">1 марта 1932<",
        ">Харбин<",
        ">Чанчунь<",
        ">Условные обозначения<",
        "Граница Маньчжоу-го",
    ] {
        assert!(svg.contains(text), "no {text}");
    }
    assert!(!svg.contains(">Harbin<"));
    let md = fs::read_to_string(dir.path().join("index.ru.md")).unwrap();
    assert!(md.starts_with("# Русские эмигранты") && md.contains("(1932-manchukuo.ru.png)"));
    assert_eq!(render_to(dir.path(), &["--lang", "fr"]).status.code(), Some(2));
}

#[test]
fn draw_renders_any_geojson_with_a_plain_or_given_style() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("rivers.png");
    let o = histmap(&[
        "draw",
        "geodata/rivers.geojson",
        "geodata/cities.geojson",
        "--bbox",
        "115,40,135,50",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    // Across the antimeridian, without a bbox or projection: the frame fits the data.
    let chukotka = dir.path().join("chukotka.geojson");
    fs::write(&chukotka, r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Anadyr"},"geometry":{"type":"Point","coordinates":[177.5,64.7]}},
        {"type":"Feature","properties":{"name":"Provideniya"},"geometry":{"type":"Point","coordinates":[-173.2,64.4]}},
        {"type":"Feature","properties":{"name":"coast"},"geometry":{"type":"LineString","coordinates":[[175,64],[180,65],[-175,66]]}}]}"#).unwrap();
    let svg_path = dir.path().join("chukotka.svg");
    let o = histmap(&[
        "draw",
        chukotka.to_str().unwrap(),
        "-o",
        svg_path.to_str().unwrap(),
        "--title",
        "Chukotka & <Bering>",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains(">Anadyr<") && svg.contains(">Provideniya<"), "both sides of 180° are in the frame");
    assert!(svg.contains("Chukotka &amp; &lt;Bering&gt;"));
    // A style whose sources are not among the files is a clear error.
    let o = histmap(&[
        "draw",
        chukotka.to_str().unwrap(),
        "--style",
        "styles/default.toml",
        "-o",
        svg_path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no layer of the style draws the files given"), "{}", stderr(&o));
    assert_eq!(histmap(&["draw", chukotka.to_str().unwrap(), "-o", "map.gif"]).status.code(), Some(2));
}

#[test]
fn an_unwritable_output_folder_is_refused_before_rendering() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "not a folder").unwrap();
    let out = blocker.join("maps");
    let o = histmap(&["render", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("cannot create the output folder") && err.lines().count() == 1, "{err}");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("rendered"));
}

#[test]
fn verbose_tells_sizes_and_times() {
    let dir = tempfile::tempdir().unwrap();
    let o = render_to(dir.path(), &["1938-asano", "-v"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("1938-asano: 600x450 px at 54 dpi,") && out.contains("png "), "{out}");
    assert!(histmap(&["render", "-q", "-v"]).status.code() == Some(2), "quiet and verbose conflict");
}

#[test]
fn absurd_sizes_and_resolutions_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    for args in [["--size", "100000x100000"], ["--size", "huge"], ["--dpi", "0"]] {
        let o = histmap(&["render", "--out", out.to_str().unwrap(), args[0], args[1]]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
        assert!(!out.exists(), "nothing may be written");
    }
}

/// A scratch project: the real story and style, with geodata copied so a test can break it.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let geo = dir.path().join("geodata");
    fs::create_dir_all(&geo).unwrap();
    for e in fs::read_dir(Path::new(ROOT).join("geodata")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            fs::copy(&p, geo.join(p.file_name().unwrap())).unwrap();
        }
    }
    let out = dir.path().join("out");
    (dir, out)
}

fn render_scratch(dir: &Path, out: &Path, extra: &[&str]) -> Output {
    let story = dir.join("geodata/story.toml");
    let mut args = vec![
        "render",
        "--story",
        story.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--width",
        "400",
        "--height",
        "300",
    ];
    args.extend_from_slice(extra);
    histmap(&args)
}

#[test]
fn malformed_geojson_fails_cleanly_and_keeps_earlier_maps() {
    let (dir, out) = scratch();
    assert!(render_scratch(dir.path(), &out, &["1932-manchukuo"]).status.success());
    let before = fs::read(out.join("1932-manchukuo.png")).unwrap();
    fs::write(
        dir.path().join("geodata/cities.geojson"),
        "{\"type\": \"FeatureCollection\",\n  \"features\": [ {\"type\": }\n]}",
    )
    .unwrap();
    let o = render_scratch(dir.path(), &out, &["1932-manchukuo"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cities.geojson:2:"), "{err}");
    assert_eq!(fs::read(out.join("1932-manchukuo.png")).unwrap(), before);
    let names: Vec<_> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
}

#[test]
fn broken_story_and_style_are_located() {
    let (dir, out) = scratch();
    let story = dir.path().join("geodata/story.toml");
    let text = fs::read_to_string(&story).unwrap().replacen("date = \"1938-04-29\"", "date = \"1938-04-31\"", 1);
    fs::write(&story, text).unwrap();
    let o = render_scratch(dir.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("story.toml:") && stderr(&o).contains("invalid date '1938-04-31'"), "{}", stderr(&o));
    assert!(!out.exists(), "nothing may be written");

    let (dir, out) = scratch();
    let style = dir.path().join("bad.toml");
    fs::write(&style, "[[layer]]\nid = \"x\"\nsource = \"land\"\ntype = \"fill\"\nfill-color = \"#12345z\"\n").unwrap();
    let o = render_scratch(dir.path(), &out, &["--style", style.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.toml:5:14"), "{}", stderr(&o));
}

#[test]
fn missing_files_and_usage_errors_have_their_exit_codes() {
    let o = histmap(&["list", "--story", "no/such/story.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no/such/story.toml"), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let o = render_to(dir.path(), &["1999-nothing"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown phase '1999-nothing'"));
    assert_eq!(histmap(&["render", "--width", "ten"]).status.code(), Some(2));
    assert_eq!(histmap(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn fonts_are_built_in_so_histmap_runs_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let cities = Path::new(ROOT).join("geodata/cities.geojson");
    let out = Command::new(env!("CARGO_BIN_EXE_histmap"))
        .current_dir(dir.path())
        .args(["draw", cities.to_str().unwrap(), "--size", "400x300", "-o", "map.png"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("map.png").exists());
}

#[test]
fn draw_takes_a_date_a_partial_style_and_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("m.svg");
    let svg_path = svg.to_str().unwrap();
    // The shipped style with two of its layers: drawn, the others left out with a warning.
    let o = histmap(&[
        "draw",
        "geodata/states.geojson",
        "geodata/cities.geojson",
        "--style",
        "styles/default.toml",
        "--bbox",
        "115,38,135,54",
        "-o",
        svg_path,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("left out: no such file given") && stderr(&o).contains("land.geojson"),
        "{}",
        stderr(&o)
    );
    // On a date, only what existed then: Manchukuo's name once, and only from 1932.
    let on = |date: &str| {
        let o = histmap(&["draw", "geodata/manchukuo.geojson", "--date", date, "-o", svg_path]);
        assert!(o.status.success(), "{}", stderr(&o));
        fs::read_to_string(&svg).unwrap()
    };
    let all = {
        assert!(histmap(&["draw", "geodata/manchukuo.geojson", "-o", svg_path]).status.success());
        fs::read_to_string(&svg).unwrap()
    };
    let paths = |s: &str| s.matches("<path").count();
    assert!(paths(&on("1931-10")) < paths(&all), "fewer features on one date than over all dates");
    // The plain style names areas and lines, not only points.
    let o = histmap(&["draw", "geodata/river_names.geojson", "--bbox", "115,38,140,54", "-o", svg_path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read_to_string(&svg).unwrap().contains("<textPath"), "river names follow their lines");
    // Messages that name the real problem.
    let err = |args: &[&str]| {
        let o = histmap(&[&["draw", "geodata/cities.geojson", "-o", svg_path], args].concat());
        (o.status.code(), stderr(&o))
    };
    let (code, e) = err(&["--bbox", "115,40,135"]);
    assert!(code == Some(2) && e.contains("expected four numbers"), "{e}");
    let (code, e) = err(&["--size", "10x10"]);
    assert!(code == Some(2) && e.contains("too small") && !e.contains("dpi"), "{e}");
    let (code, e) = err(&["--size", "20000x5000"]);
    assert!(code == Some(2) && e.contains("two fifths") && e.contains("20000x8000"), "{e}");
    let (code, e) = err(&["--proj", "+proj=foo"]);
    assert!(code == Some(1) && e.contains("--proj '+proj=foo'") && !e.contains("phase"), "{e}");
    let (code, e) = err(&["--bbox", "0,0,1,1"]);
    assert!(code == Some(0) && e.contains("nothing in the files lies within --bbox"), "{e}");
    let (code, e) = err(&["--date", "1931-02-30"]);
    assert_eq!(code, Some(2), "{e}");
}
