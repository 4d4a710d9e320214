//! The bad-input suite: every fixture in `tests/bad-input/` is drawn with `histmap draw`.
//! Each either renders (and the SVG is well-formed, with names as text, never markup),
//! silently or with one warning line naming the file, line and column, or fails with one
//! such line; none panics, and a failure leaves no file behind.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// What a fixture must do.
enum Expect {
    /// Render, with these strings in the SVG, and no warning.
    Renders(&'static [&'static str]),
    /// Render, with these strings in the SVG, and one located warning with this message.
    Warns(&'static str, &'static [&'static str]),
    /// Fail with this message at a line and column.
    Fails(&'static str),
}

use Expect::{Fails, Renders, Warns};

const FIXTURES: &[(&str, Expect)] = &[
    ("malformed", Fails("expected `,` or `}`")),
    ("truncated", Fails("EOF while parsing")),
    ("empty-file", Fails("the file is empty")),
    ("nan", Fails("expected value")),
    ("overflowing-number", Fails("number out of range")),
    ("not-an-object", Fails("expected a GeoJSON object")),
    ("non-utf8", Fails("invalid unicode code point")),
    ("bom", Renders(&["Harbin"])),
    ("duplicate-keys", Fails("duplicate property 'name'")),
    ("duplicate-members", Fails("duplicate key 'geometry'")),
    ("deep-coordinates", Fails("coordinates are nested deeper than a MultiPolygon's")),
    ("deep-properties", Fails("recursion limit exceeded")),
    ("huge-coordinates", Fails("longitude 1e300 is out of range")),
    ("latitude-out-of-range", Fails("latitude 91.5 is out of range")),
    ("one-number-position", Fails("a position needs a longitude and a latitude")),
    ("unknown-type", Fails("unknown GeoJSON type 'Polgon'")),
    ("missing-type", Fails("GeoJSON object without a 'type'")),
    ("bad-date", Fails("invalid date '1932-13-01'")),
    ("bad-edtf-date", Fails("'end': invalid date '194X-XX-03'")),
    ("uncertain-dates", Renders(&["Harbin", "Hsinking", "Mukden"])),
    ("start-after-end", Fails("'start' 1945-01-01 is not before 'end' 1932-01-01")),
    ("geometry-in-features", Fails("a FeatureCollection may hold only Features")),
    ("unclosed-ring", Fails("outer ring is not closed")),
    ("short-ring", Fails("a ring needs at least 4")),
    ("one-point-line", Fails("it needs at least 2")),
    (
        "hole-outside-shell",
        Warns("feature 1: polygon's hole 1 is not within its outer ring; drawn even-odd", &["<path"]),
    ),
    ("hole-larger-than-shell", Warns("polygon's hole 1 is not within its outer ring; drawn even-odd", &["<path"])),
    ("crossing-rings", Warns("polygon's hole 1 is not within its outer ring; drawn even-odd", &["<path"])),
    ("nested-shells", Warns("part 2 of the multipolygon lies inside part 1; drawn even-odd", &["<path"])),
    // Valid (OGC): a hole may touch its shell at a point.
    ("hole-touching-shell", Renders(&["fill-rule=\"evenodd\""])),
    // Rings jumping from 160° to -170°, drawn in a frame across 180°.
    ("antimeridian-hole", Renders(&["fill-rule=\"evenodd\"", "Lake shore"])),
    ("no-geometry", Fails("the layer has no geometry to draw (only null or empty geometries); give --bbox")),
    ("empty-collections", Warns("the layer has no geometry (only null or empty geometries)", &["frame"])),
    // Extents whose automatic projection once failed or suits badly.
    ("equatorial", Renders(&["Singapore", "Darwin"])),
    ("polar", Renders(&["North Pole", "Alert"])),
    ("single-point", Renders(&["Harbin"])),
    ("mis-nested", Fails("a LineString's coordinates are nested too deep")),
    ("mixed-nesting", Fails("an array mixes positions and arrays of positions")),
    ("empty-geometries", Renders(&["Harbin", "Hsinking"])),
    ("self-intersecting", Warns("polygon's outer ring crosses itself; drawn even-odd", &["fill-rule=\"evenodd\""])),
    ("wrong-winding", Renders(&["fill-rule=\"evenodd\""])),
    ("antimeridian", Renders(&["Anadyr", "Western side"])),
    ("geometry-collection", Renders(&["Collection"])),
    ("markup-in-names", Renders(&["&lt;script&gt;", "Tom &amp; &quot;Jerry&quot; &lt;b&gt;bold&lt;/b&gt;"])),
    ("long-and-rtl-names", Renders(&["חרבין", "هاربين"])),
    ("cyrillic-and-cjk-names", Renders(&["Харбин", "新京", "奉天"])),
    ("bare-feature", Renders(&["Harbin"])),
    ("bare-geometry", Renders(&["<path"])),
];

/// Fixtures drawn with more arguments than the file.
const ARGS: &[(&str, &[&str])] =
    &[("antimeridian-hole", &["--bbox", "150,40,-160,60"]), ("empty-collections", &["--bbox", "120,40,130,50"])];

fn draw(name: &str, fixture: &Path, out: &Path) -> Output {
    let extra = ARGS.iter().find(|(n, _)| *n == name).map_or(&[][..], |(_, a)| *a);
    Command::new(env!("CARGO_BIN_EXE_histmap"))
        .current_dir(ROOT)
        .args(["draw", fixture.to_str().unwrap(), "--size", "600x450", "-o", out.to_str().unwrap()])
        .args(extra)
        .output()
        .expect("histmap runs")
}

/// Whether `line` is `<prefix> <fixture>:<line>:<column>: …`, both numbers from 1.
fn located(line: &str, prefix: &str, fixture: &Path) -> bool {
    let rest = line.strip_prefix(&format!("{prefix} {}:", fixture.display()));
    rest.and_then(|rest| {
        let mut parts = rest.splitn(3, ':');
        let line: usize = parts.next()?.parse().ok()?;
        let column: usize = parts.next()?.parse().ok()?;
        (line >= 1 && column >= 1).then_some(())
    })
    .is_some()
}

#[test]
fn every_fixture_renders_or_fails_cleanly() {
    let listed: Vec<&str> = FIXTURES.iter().map(|(name, _)| *name).collect();
    let mut on_disk: Vec<String> = fs::read_dir(Path::new(ROOT).join("tests/bad-input"))
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(on_disk, sorted, "every fixture has an expectation, and every expectation a fixture");

    let mut failures = Vec::new();
    for (name, expect) in FIXTURES {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new("tests/bad-input").join(format!("{name}.geojson"));
        let out = draw(name, &fixture, &dir.path().join("map.svg"));
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        if stderr.contains("panicked") {
            failures.push(format!("{name}: panicked: {stderr}"));
            continue;
        }
        let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
        match expect {
            Renders(needles) | Warns(_, needles) => {
                match expect {
                    Warns(message, _) => {
                        if warnings.len() != 1 || !located(warnings[0], "warning:", &fixture) {
                            failures.push(format!("{name}: not one located warning: {stderr}"));
                        } else if !warnings[0].contains(message) {
                            failures.push(format!("{name}: expected a warning {message:?}, got {stderr}"));
                        }
                    }
                    _ if !stderr.is_empty() => failures.push(format!("{name}: should draw silently: {stderr}")),
                    _ => {}
                }
                if !out.status.success() {
                    failures.push(format!("{name}: should render, failed: {stderr}"));
                    continue;
                }
                let svg = fs::read_to_string(dir.path().join("map.svg")).unwrap();
                if let Err(e) = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()) {
                    failures.push(format!("{name}: SVG is not well-formed: {e}"));
                }
                if svg.contains("<script") || svg.contains("<b>") {
                    failures.push(format!("{name}: a name became markup"));
                }
                for needle in *needles {
                    if !svg.contains(needle) {
                        failures.push(format!("{name}: SVG lacks {needle:?}"));
                    }
                }
            }
            Fails(message) => {
                if out.status.code() != Some(1) {
                    failures.push(format!("{name}: exit {:?}, expected 1", out.status.code()));
                }
                if !located(&stderr, "error:", &fixture) || stderr.trim_end().lines().count() != 1 {
                    failures.push(format!("{name}: not one located line: {stderr}"));
                }
                if !stderr.contains(message) {
                    failures.push(format!("{name}: expected {message:?}, got {stderr}"));
                }
                if !left.is_empty() {
                    failures.push(format!("{name}: left files behind: {left:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
