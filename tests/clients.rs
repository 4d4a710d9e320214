//! The maps in the clients they go into: headless Chromium, without the Noto fonts, draws
//! the SVG with embedded fonts as the PNG (and, without them, does not); pandoc places a
//! map's SVG and PNG in a DOCX at the same physical width. Each test needs its client: when
//! `HISTMAP_REQUIRE_CLIENTS=1` a missing one fails the test, otherwise it is skipped with a
//! line on stderr.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "browser/client.rs"]
mod client;
use client::client;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs histmap in the repository and checks it succeeded.
fn histmap(args: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_histmap")).current_dir(ROOT).args(args).output().expect("histmap runs");
    assert!(o.status.success(), "histmap {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

/// An image as RGB bytes, with its size.
fn rgb(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "{}", path.display());
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()].chunks_exact(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
    (info.width, info.height, pixels)
}

/// How far two images of one size differ: the mean absolute difference per channel (0–255)
/// and the fraction of pixels where some channel differs by more than 64.
fn difference(a: &[u8], b: &[u8]) -> (f64, f64) {
    assert_eq!(a.len(), b.len(), "same size");
    let total: u64 = a.iter().zip(b).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
    let far =
        a.chunks_exact(3).zip(b.chunks_exact(3)).filter(|(p, q)| p.iter().zip(*q).any(|(x, y)| x.abs_diff(*y) > 64));
    (total as f64 / a.len() as f64, far.count() as f64 / (a.len() / 3) as f64)
}

/// Chromium's screenshot of `svg` shown at `w` × `h` CSS pixels (at least 500 × 100: a
/// smaller window draws nothing), with no font for Latin text.
fn screenshot(chromium: &Path, svg: &Path, w: u32, h: u32) -> PathBuf {
    let dir = svg.parent().unwrap();
    let name = svg.file_stem().unwrap().to_str().unwrap();
    let page = dir.join(format!("{name}.html"));
    fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><img src=\"{name}.svg\" \
             style=\"display:block;width:{w}px;height:{h}px\"></body></html>"
        ),
    )
    .unwrap();
    // A font configuration whose one folder holds Droid Sans Fallback, a CJK font with no
    // Latin or Cyrillic letters: Chromium sees no Noto font, and has no font at all for the
    // maps' text but those the SVG carries. (With no font at all it draws no text, even
    // from embedded fonts.)
    let folder = dir.join("fonts");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(Path::new(ROOT).join("styles/fonts/DroidSansFallback.ttf"), folder.join("DroidSansFallback.ttf")).unwrap();
    let conf = dir.join("fonts.conf");
    fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig><dir>{}</dir>\
             <cachedir>{}</cachedir></fontconfig>\n",
            folder.display(),
            dir.join("fc-cache").display()
        ),
    )
    .unwrap();
    let shot = dir.join(format!("{name}.chromium.png"));
    let profile = dir.join(format!("profile-{name}"));
    let o = Command::new(chromium)
        .env("FONTCONFIG_FILE", &conf)
        .env("HOME", dir)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--force-color-profile=srgb",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={w},{h}"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(shot.exists(), "no screenshot: {}", String::from_utf8_lossy(&o.stderr));
    shot
}

#[test]
fn chromium_without_the_fonts_draws_the_embedded_font_svg_as_the_png() {
    let Some(chromium) = client("chromium") else { return };
    let dir = tempfile::tempdir().unwrap();
    let (embedded, plain) = (dir.path().join("embedded"), dir.path().join("plain"));
    for (out, extra) in [(&embedded, &["--embed-fonts"][..]), (&plain, &[][..])] {
        let mut args = vec!["render", "1939-khalkhin-gol", "-q", "--size", "800x600", "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        histmap(&args);
    }
    let (w, h, png) = rgb(&embedded.join("1939-khalkhin-gol.png"));
    assert_eq!((w, h), (800, 600));
    let measure = |dir: &Path| {
        let shot = screenshot(&chromium, &dir.join("1939-khalkhin-gol.svg"), w, h);
        let (sw, sh, pixels) = rgb(&shot);
        assert_eq!((sw, sh), (w, h), "screenshot size");
        difference(&pixels, &png)
    };
    let (mean, far) = measure(&embedded);
    let (plain_mean, plain_far) = measure(&plain);
    eprintln!("embedded fonts: mean {mean:.3}, far {far:.5}; without: mean {plain_mean:.3}, far {plain_far:.5}");
    assert!(mean < MEAN && far < FAR, "Chromium's drawing differs from the PNG: mean {mean:.3}, far {far:.5}");
    // Without the embedded fonts Chromium has no font for the text: the same measure fails.
    assert!(
        plain_mean >= MEAN || plain_far >= FAR,
        "the test cannot tell: without embedded fonts mean {plain_mean:.3}, far {plain_far:.5}"
    );
}

/// Largest mean absolute difference per channel between Chromium's drawing and the PNG.
const MEAN: f64 = 4.0;
/// Largest fraction of pixels that differ by more than a quarter of the range.
const FAR: f64 = 0.025;

/// The `cx` (EMU) of each image in a DOCX, in document order.
fn docx_widths(unzip: &Path, docx: &Path) -> Vec<u64> {
    let o = Command::new(unzip).arg("-p").arg(docx).arg("word/document.xml").output().expect("unzip runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = String::from_utf8(o.stdout).unwrap();
    xml.split("<wp:extent cx=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).collect()
}

#[test]
fn pandoc_places_a_maps_svg_and_png_at_the_same_width() {
    let (Some(pandoc), Some(unzip)) = (client("pandoc"), client("unzip")) else { return };
    let dir = tempfile::tempdir().unwrap();
    // A pixel size at a resolution, and a print size: each narrower than the DOCX page, so
    // that pandoc does not shrink either image to fit.
    for (size, dpi, inches) in [("800x600", "300", 800.0 / 300.0), ("60x45mm", "150", 60.0 / 25.4)] {
        let out = dir.path().join(size);
        histmap(&["render", "1938-khasan", "-q", "--size", size, "--dpi", dpi, "--out", out.to_str().unwrap()]);
        fs::write(out.join("both.md"), "![SVG](1938-khasan.svg)\n\n![PNG](1938-khasan.png)\n").unwrap();
        let o = Command::new(&pandoc).current_dir(&out).args(["both.md", "-o", "both.docx"]).output().unwrap();
        assert!(o.status.success(), "pandoc: {}", String::from_utf8_lossy(&o.stderr));
        let widths = docx_widths(&unzip, &out.join("both.docx"));
        assert_eq!(widths.len(), 2, "two images in the DOCX: {widths:?}");
        let expected = inches * 914_400.0;
        // pandoc measures an SVG in whole pixels at 96 dpi, cutting off the fraction: within
        // two of those (the PNG in its own pixels at its DPI).
        for (what, cx) in ["SVG", "PNG"].iter().zip(&widths) {
            assert!(
                (*cx as f64 - expected).abs() <= 2.0 * 9_525.0,
                "{size}: the {what} is {cx} EMU wide in the DOCX, not {expected:.0}: {widths:?}"
            );
        }
    }
}
