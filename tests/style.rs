//! The style language end to end: the shipped styles, `extends`, variables, per-phase
//! overrides, and `histmap check` reporting every problem with its position.

use histmap::scene::{Color, Fill};
use histmap::style::paint::{Area, Line};
use histmap::style::{LayerType, Paint, PropType, Style, StyleLayer, PROPERTIES};
use std::fs;
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

fn check(args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_histmap")).current_dir(ROOT).arg("check").args(args).output().unwrap();
    (o.status.code().unwrap(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// A fill layer's area for the legend (no feature).
fn area(l: &StyleLayer) -> Area {
    match &l.paint {
        Paint::Fill(p) => p.eval(None),
        _ => panic!("{} is not a fill layer", l.id),
    }
}

/// A line layer's line for the legend.
fn line(l: &StyleLayer) -> Line {
    match &l.paint {
        Paint::Line(p) => p.eval(None),
        _ => panic!("{} is not a line layer", l.id),
    }
}

/// A solid area's colour.
fn solid(l: &StyleLayer) -> Color {
    match area(l).fill {
        Some(Fill::Solid(c)) => c,
        other => panic!("{}: not a solid fill: {other:?}", l.id),
    }
}

#[test]
fn every_property_is_documented() {
    let readme = fs::read_to_string(Path::new(ROOT).join("styles/README.md")).unwrap();
    for p in PROPERTIES {
        assert!(readme.contains(&format!("| `{}` |", p.name)), "styles/README.md does not document {}", p.name);
    }
}

/// `histmap ARGS...` in the repository, its exit code and its stderr.
fn histmap(args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_histmap")).current_dir(ROOT).args(args).output().unwrap();
    (o.status.code().unwrap(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn the_shipped_styles_and_data_pass_check() {
    for style in ["styles/default.toml", "styles/print.toml"] {
        let (code, err) = histmap(&["check", "--style", style, "--strict"]);
        assert_eq!((code, err.as_str()), (0, ""), "{style}");
    }
}

#[test]
fn invalid_polygons_are_warnings_a_render_draws_and_strict_check_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(
        dir.path(),
        "story.toml",
        "title = \"t\"\n\n[[phase]]\nid = \"p\"\ntitle = \"P\"\ndate = \"1932\"\nextent = [120, 40, 130, 50]\ncaption = \"c\"\n",
    );
    let style = write(dir.path(), "style.toml", "[[layer]]\nid = \"a\"\nsource = \"stray\"\ntype = \"fill\"\n");
    write(
        dir.path(),
        "stray.geojson",
        r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"id": "s", "name": "Stray", "source": "test"},
   "geometry": {"type": "Polygon", "coordinates": [[[125, 44], [127, 44], [127, 46], [125, 46], [125, 44]],
                                                 [[128, 44], [128, 45], [129, 45], [128, 44]]]}}]}"#,
    );
    let stray = dir.path().join("stray.geojson").display().to_string();
    let warning =
        format!("{stray}:3:16: feature 1 ('s'): polygon's hole 1 is not within its outer ring; drawn even-odd");
    let (story, style) = (story.to_str().unwrap(), style.to_str().unwrap());
    let out = dir.path().join("out");
    let run = |args: &[&str]| histmap(&[&args[..1], &["--story", story, "--style", style], &args[1..]].concat());
    let render = ["render", "--size", "200x150", "--out", out.to_str().unwrap()];
    let (code, err) = run(&[&render[..], &["-q"]].concat());
    assert_eq!((code, err.as_str()), (0, ""), "-q prints only errors");
    let (code, err) = run(&render);
    assert_eq!((code, err.trim_end()), (0, format!("warning: {warning}").as_str()));
    assert!(fs::read_to_string(out.join("p.svg")).unwrap().contains("fill-rule=\"evenodd\""));
    let (code, err) = run(&["check"]);
    assert_eq!((code, err.trim_end()), (0, format!("warning: {warning}").as_str()));
    let (code, err) = run(&["check", "--strict"]);
    assert_eq!((code, err.as_str()), (1, format!("{warning}\n1 problem found\n").as_str()));
}

#[test]
fn print_extends_default_and_overrides_only_what_it_sets() {
    let default = Style::load(&Path::new(ROOT).join("styles/default.toml")).unwrap();
    let print = Style::load(&Path::new(ROOT).join("styles/print.toml")).unwrap();
    let ids = |s: &Style| s.layers.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&default), ids(&print), "same layers, same order");
    let layer = |s: &Style, id: &str| s.layers.iter().find(|l| l.id == id).unwrap().clone();
    // Overridden key, inherited key, and a colour changed through [colors].
    assert!(matches!(area(&layer(&print, "japanese-empire")).fill, Some(Fill::Hatch { .. })));
    assert!(matches!(area(&layer(&default, "japanese-empire")).fill, Some(Fill::Solid(_))));
    assert_eq!(line(&layer(&print, "fronts")).arrow, line(&layer(&default, "fronts")).arrow);
    assert_ne!(solid(&layer(&print, "manchukuo")), solid(&layer(&default, "manchukuo")));
    // A variable.
    assert_eq!(line(&layer(&print, "state-borders")).stroke.width, 0.45);
    assert_eq!(layer(&print, "rivers").kind, LayerType::Line);
}

#[test]
fn every_problem_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let style = write(
        dir.path(),
        "bad.toml",
        r##"[colors]
sea = "#zzz"

[[layer]]
id = "a"
source = "land"
type = "fill"
fill-colour = "#ffffff"

[[layer]]
id = "b"
source = "cities"
type = "circle"
circle-radius = "big"
filter = { kindd = "city" }

[[layer]]
id = "c"
source = "nowhere"
type = "line"
line-width = "$missing"
"##,
    );
    let (code, err) = check(&["--style", style.to_str().unwrap()]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = err.lines().collect();
    let expect = [
        "bad.toml:2:7: invalid colour '#zzz' for 'sea'",
        "bad.toml:8:1: unknown property 'fill-colour' (did you mean 'fill-color'?)",
        "bad.toml:14:17: 'circle-radius': expected a number",
        "bad.toml:21:14: 'line-width': unknown variable '$missing'",
    ];
    for e in expect {
        assert!(lines.iter().any(|l| l.contains(e)), "missing {e:?} in\n{err}");
    }
    assert!(err.trim_end().ends_with("problems found"), "{err}");
}

#[test]
fn numbers_out_of_their_range_are_reported_where_they_stand() {
    let dir = tempfile::tempdir().unwrap();
    let style = write(
        dir.path(),
        "range.toml",
        "[[layer]]\nid = \"a\"\nsource = \"land\"\ntype = \"fill\"\nfill-opacity = 2.5\n\n\
         [[layer]]\nid = \"b\"\nsource = \"cities\"\ntype = \"symbol\"\ntext-size = -3\n\
         text-halo-width = { match = \"kind\", cases = { city = 80 }, default = 1 }\n",
    );
    let (code, err) = check(&["--style", style.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    for e in [
        "range.toml:5:16: 'fill-opacity': 2.5 is out of range: expected 0 to 1",
        "range.toml:11:13: 'text-size': -3 is out of range: expected 1 to 200",
        "range.toml:12:19: 'text-halo-width': case 'city': 80 is out of range: expected 0 to 50",
    ] {
        assert!(err.contains(e), "missing {e:?} in\n{err}");
    }
    // Every number the shipped styles set is within its range (they pass check).
    for shipped in ["styles/default.toml", "styles/print.toml"] {
        assert_eq!(check(&["--style", shipped]).0, 0, "{shipped}");
    }
}

#[test]
fn unknown_sources_and_filters_on_absent_properties_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let style = write(
        dir.path(),
        "s.toml",
        "[[layer]]\nid = \"x\"\nsource = \"nowhere\"\ntype = \"line\"\n\n[[layer]]\nid = \"y\"\nsource = \"cities\"\ntype = \"circle\"\nfilter = { kindd = \"city\" }\n",
    );
    let (code, err) = check(&["--style", style.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("s.toml:2:6: layer 'x': unknown source 'nowhere'"), "{err}");
    assert!(err.contains("s.toml:10:10: layer 'y': filter on 'kindd', which no feature of 'cities' has"), "{err}");
}

#[test]
fn extends_chains_merge_and_cycles_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.toml", "[colors]\nland = \"#111111\"\n[[layer]]\nid = \"l\"\nsource = \"land\"\ntype = \"fill\"\nfill-color = \"@land\"\nfill-opacity = 0.5\n");
    write(dir.path(), "mid.toml", "extends = \"base.toml\"\n[colors]\nland = \"#222222\"\n");
    let top = write(dir.path(), "top.toml", "extends = \"mid.toml\"\n[[layer]]\nid = \"l\"\nfill-opacity = 0.9\n");
    let s = Style::load(&top).unwrap();
    assert_eq!(s.layers.len(), 1);
    let c = solid(&s.layers[0]);
    assert_eq!((c.hex(), c.a), ("#222222".to_string(), 230), "fill-opacity 0.9 over the middle file's colour");

    write(dir.path(), "a.toml", "extends = \"b.toml\"\n");
    let b = write(dir.path(), "b.toml", "extends = \"a.toml\"\n");
    let e = Style::load(&b).unwrap_err();
    assert!(e.message.contains("cycle"), "{e}");
    let missing = write(dir.path(), "m.toml", "extends = \"gone.toml\"\n");
    let e = Style::load(&missing).unwrap_err();
    assert_eq!(e.location, format!("{}:1:11", missing.display()));
}

#[test]
fn a_phase_can_override_the_style_for_its_map() {
    let dir = tempfile::tempdir().unwrap();
    let text = r##"title = "t"
[[phase]]
id = "p"
title = "P"
date = "1932-03-01"
extent = [114, 37.5, 136, 53.5]
caption = "c"
[phase.style.colors]
manchukuo = "#ff0000"
[[phase.style.layer]]
id = "rivers"
line-width = 3
"##;
    let geo = dir.path().join("geodata");
    fs::create_dir_all(&geo).unwrap();
    for e in fs::read_dir(Path::new(ROOT).join("geodata")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "geojson") {
            fs::copy(&p, geo.join(p.file_name().unwrap())).unwrap();
        }
    }
    let story_path = write(&geo, "story.toml", text);
    let (story, base, phases) =
        histmap::atlas::load_styles(&story_path, &Path::new(ROOT).join("styles/default.toml")).unwrap();
    let over = &phases["p"];
    let layer = |s: &Style, id: &str| s.layers.iter().find(|l| l.id == id).unwrap().clone();
    assert_eq!(solid(&layer(over, "manchukuo")).hex(), "#ff0000");
    assert_eq!(line(&layer(over, "rivers")).stroke.width, 3.0);
    assert_ne!(solid(&layer(&base, "manchukuo")).hex(), "#ff0000");
    assert_eq!(story.phases.len(), 1);

    // A mistake in the override points into the story file.
    write(&geo, "story.toml", &text.replace("line-width = 3", "line-widht = 3"));
    let errors = histmap::atlas::load_styles(&story_path, &Path::new(ROOT).join("styles/default.toml")).err().unwrap();
    assert!(errors[0].location.ends_with("story.toml:12:1"), "{:?}", errors);
}

/// Every colour-valued property of every layer in `default.toml`, as written (a constant,
/// or each case and the default of a `match`), with its layer's id and the property.
fn default_layer_colours() -> Vec<(String, &'static str, String)> {
    let text = fs::read_to_string(Path::new(ROOT).join("styles/default.toml")).unwrap();
    let style: toml::Table = toml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for layer in style["layer"].as_array().unwrap() {
        let id = layer["id"].as_str().unwrap().to_string();
        for p in PROPERTIES.iter().filter(|p| matches!(p.ty, PropType::Color)) {
            let Some(v) = layer.get(p.name) else { continue };
            let written: Vec<&toml::Value> = match v.as_table() {
                Some(m) => m["cases"].as_table().unwrap().values().chain([&m["default"]]).collect(),
                None => vec![v],
            };
            out.extend(written.into_iter().map(|w| (id.clone(), p.name, w.as_str().unwrap().to_string())));
        }
    }
    out
}

#[test]
fn default_layers_take_every_colour_from_the_named_colours() {
    // So that a style extending the default (print.toml) can reach every colour through
    // its own [colors].
    let colours = default_layer_colours();
    assert!(colours.len() > 50, "only {} colours found", colours.len());
    let literal: Vec<_> = colours.iter().filter(|(_, _, c)| !c.starts_with('@')).collect();
    assert!(literal.is_empty(), "colours written in layers rather than in [colors]: {literal:?}");
}

/// Whether a colour is a grey: its channels within 2 of each other.
fn is_grey(c: Color) -> bool {
    let (lo, hi) = ([c.r, c.g, c.b].into_iter().min().unwrap(), [c.r, c.g, c.b].into_iter().max().unwrap());
    hi - lo <= 2
}

/// CIE L* (0 black to 100 white) of an sRGB colour, ignoring its alpha.
fn lightness(c: Color) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
    if y > 216.0 / 24389.0 {
        116.0 * y.cbrt() - 16.0
    } else {
        y * 24389.0 / 27.0
    }
}

/// The print style, and the print style as each phase of the shipped story draws it.
fn print_styles() -> Vec<(String, Style)> {
    let (_, base, phases) = histmap::atlas::load_styles(
        &Path::new(ROOT).join("geodata/story.toml"),
        &Path::new(ROOT).join("styles/print.toml"),
    )
    .unwrap();
    std::iter::once(("print.toml".to_string(), base)).chain(phases).collect()
}

#[test]
fn the_print_style_draws_only_greys() {
    assert!(is_grey(Color::rgb(0x80, 0x81, 0x82)) && !is_grey(Color::rgb(0x80, 0x80, 0x83)));
    for (name, style) in print_styles() {
        let mut bad = Vec::new();
        for (what, c) in [("background", style.background), ("ink", style.ink), ("accent", style.accent)] {
            if !is_grey(c) {
                bad.push(format!("{what} {}", c.hex()));
            }
        }
        for l in &style.layers {
            bad.extend(l.paint.colors().into_iter().filter(|&c| !is_grey(c)).map(|c| format!("{} {}", l.id, c.hex())));
        }
        assert!(bad.is_empty(), "{name}: colours that are not grey: {bad:?}");
    }
}

#[test]
fn the_print_style_sets_the_sea_apart_from_every_land_area() {
    // Every opaque area colour any feature is drawn in (whatever its dates) is the sea's
    // own (water) or clearly lighter or darker than it, so no coast vanishes in greyscale.
    const MARGIN: f64 = 8.0;
    let root = Path::new(ROOT);
    let atlas =
        histmap::atlas::Atlas::load(&root.join("geodata/story.toml"), &root.join("styles/print.toml"), None).unwrap();
    let mut checked = 0;
    for style in std::iter::once(&atlas.style).chain(atlas.phase_styles.values()) {
        let sea = lightness(style.background);
        for l in &style.layers {
            let Paint::Fill(p) = &l.paint else { continue };
            let seen = atlas.layers[&l.source].features.iter().map(histmap::data::seen::Seen::plain);
            for f in seen.filter(|f| l.filter.accepts(f)) {
                let c = match p.eval(Some(&f)).fill {
                    Some(Fill::Solid(c)) | Some(Fill::Hatch { background: Some(c), .. }) => c,
                    _ => continue,
                };
                if c.a < 255 || c == style.background {
                    continue;
                }
                let d = (lightness(c) - sea).abs();
                assert!(
                    d >= MARGIN,
                    "layer {} ({}) is only {d:.1} L* from the sea ({})",
                    l.id,
                    c.hex(),
                    style.background.hex()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "only {checked} opaque areas");
}

/// The rows of styles/README.md's property table: name, layer types, default and example
/// (TOML text) and meaning.
fn documented_properties() -> Vec<(String, String, String, String, String)> {
    let readme = fs::read_to_string(Path::new(ROOT).join("styles/README.md")).unwrap();
    let code = |c: &str| c.trim().trim_matches('`').to_string();
    readme
        .lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
            let name = code(cells[0]);
            PROPERTIES.iter().any(|p| p.name == name).then(|| {
                (name, cells[1].trim().to_string(), code(cells[3]), code(cells[4]), cells[5].trim().to_string())
            })
        })
        .collect()
}

#[test]
fn every_documented_default_and_example_is_valid_for_its_property() {
    let rows = documented_properties();
    assert_eq!(rows.len(), PROPERTIES.len(), "one row per property");
    for (name, layers, default, example, meaning) in rows {
        let def = PROPERTIES.iter().find(|p| p.name == name).unwrap();
        assert_eq!(default, def.default, "{name}: the documented default is not the parser's");
        let kind = layers.split(", ").next().unwrap();
        for value in [&default, &example] {
            // Parsed as the property's type, with any named colour it refers to defined.
            let colors: String = value
                .strip_prefix("\"@")
                .map(|c| format!("[colors]\n{} = \"#000000\"\n", c.trim_end_matches('"')))
                .unwrap_or_default();
            let text =
                format!("{colors}[[layer]]\nid = \"x\"\nsource = \"land\"\ntype = \"{kind}\"\n{name} = {value}\n");
            if let Err(e) = Style::parse(Path::new("README.toml"), &text) {
                panic!("{name} = {value}: {e}");
            }
            // Within the range the meaning states, or that the code enforces.
            let Ok(n) = value.parse::<f64>() else { continue };
            if meaning.contains("0 to 1") {
                assert!((0.0..=1.0).contains(&n), "{name} = {value}: not between 0 and 1");
            }
            if meaning.contains("degrees") {
                assert!((-360.0..=360.0).contains(&n), "{name} = {value}: not an angle in degrees");
            }
            if meaning.contains(", pt") {
                assert!(n >= 0.0, "{name} = {value}: a negative length");
            }
            if meaning.contains("at least 0.5") {
                assert!(n >= 0.5, "{name} = {value}: below 0.5");
            }
        }
    }
}

#[test]
fn a_legend_by_case_is_read_and_a_bad_one_is_reported_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let style = |legend: &str| format!("[[layer]]\nid = \"u\"\nsource = \"battles\"\ntype = \"circle\"\n{legend}\n");
    let good = write(dir.path(), "good.toml", &style("legend = { match = \"arm\", cases = { infantry = \"Infantry\" }, default = \"Other\" }\nlegend-ru = { match = \"arm\", cases = { infantry = \"Пехота\" } }"));
    let s = Style::load(&good).unwrap();
    let l = &s.layers[0];
    use histmap::lang::Lang;
    assert_eq!(l.legend_for(Lang::En, "", Some("infantry")).as_deref(), Some("Infantry"));
    assert_eq!(l.legend_for(Lang::Ru, "", Some("infantry")).as_deref(), Some("Пехота"));
    assert_eq!(l.legend_for(Lang::En, "", Some("armour")).as_deref(), Some("Other"));
    for (bad, says) in [
        ("legend = { match = \"arm\" }", "'cases' must be a table"),
        ("legend = { match = \"arm\", cases = { infantry = 3 } }", "case 'infantry' must be a text"),
        ("legend = { by = \"arm\", cases = {} }", "unknown key 'by'"),
        ("legend = \"x\"\nlegend-ru = { match = \"arm\", cases = {} }", "'legend-ru' has cases but 'legend' has none"),
    ] {
        let p = write(dir.path(), "bad.toml", &style(bad));
        let errors = Style::check(&p).unwrap_err();
        assert!(
            errors.iter().any(|e| e.message.contains(says) && e.location.contains("bad.toml:")),
            "{bad}: {errors:?}"
        );
    }
}
