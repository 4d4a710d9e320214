//! Encoding: the SVG rasterised with resvg, written as PNG with its DPI recorded; PDF through
//! svg2pdf; text turned into outlines on request.

use crate::error::{Error, Result};
use crate::scene::Scene;
use crate::svg;
use crate::text::Fonts;
use resvg::{tiny_skia, usvg};

/// The files to write for each map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// SVG.
    pub svg: bool,
    /// PNG.
    pub png: bool,
    /// PDF (fonts embedded).
    pub pdf: bool,
    /// Turn the SVG's text into outlines.
    pub outline_text: bool,
    /// Embed subsets of the fonts in the SVG, for browsers that lack them.
    pub embed_fonts: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats { svg: true, png: true, pdf: false, outline_text: false, embed_fonts: false }
    }
}

impl Formats {
    /// The file extensions written, in order.
    pub fn extensions(&self) -> Vec<&'static str> {
        [(self.svg, "svg"), (self.png, "png"), (self.pdf, "pdf")]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, e)| *e)
            .collect()
    }

    /// Parses a comma-separated list such as `svg,png,pdf`.
    pub fn parse(list: &str) -> std::result::Result<Formats, String> {
        let mut f = Formats { svg: false, png: false, pdf: false, ..Formats::default() };
        for word in list.split(',').map(str::trim) {
            match word {
                "svg" => f.svg = true,
                "png" => f.png = true,
                "pdf" => f.pdf = true,
                other => {
                    return Err(format!("unknown format '{other}': expected svg, png or pdf, separated by commas"))
                }
            }
        }
        Ok(f)
    }
}

/// A map encoded: the files asked for, and the source notes of what it draws.
pub struct Encoded {
    /// The SVG document (outlined if asked).
    pub svg: Option<String>,
    /// The PNG bytes.
    pub png: Option<Vec<u8>>,
    /// The PDF bytes.
    pub pdf: Option<Vec<u8>>,
    /// The source notes of what it draws.
    pub sources: Vec<String>,
    /// What it draws that is not quite right (see [`Scene::warnings`]).
    pub warnings: Vec<String>,
}

/// Writes a laid-out scene in the formats asked for; `halves` rasterises the PNG on two
/// threads (for a single map). PNG and PDF are made from the SVG with its text, so all
/// three agree; the SVG written has the map's physical size, the PNG's SVG its pixels.
/// `svg_ready` gets the finished SVG before the PNG and PDF are drawn, so a
/// caller can write the map to look at first.
pub fn encode(
    scene: Scene,
    fonts: &Fonts,
    formats: Formats,
    dpi: f64,
    halves: bool,
    svg_ready: impl FnOnce(&str) -> Result<()>,
) -> Result<Encoded> {
    // The PNG's SVG: the whole page, or one for each half (with 2 pt of overlap, more
    // than the rounding of the split to a whole pixel row).
    let mid = scene.height / 2.0;
    let raster = formats.png.then(|| {
        if halves {
            (svg::write_band(&scene, 0.0, mid + 2.0), Some(svg::write_band(&scene, mid - 2.0, scene.height)))
        } else {
            (svg::write_for_raster(&scene), None)
        }
    });
    let svg = (formats.svg || formats.pdf).then(|| svg::write(&scene));
    let embedded =
        (formats.svg && formats.embed_fonts && !formats.outline_text).then(|| svg::write_embedded(&scene, fonts));
    // The scene, then each SVG text, goes as soon as it is no longer needed.
    let Scene { sources, warnings, .. } = scene;
    let for_pdf = svg.as_ref().filter(|_| formats.pdf).cloned();
    let svg = match (svg.filter(|_| formats.svg), formats.outline_text, embedded) {
        (None, ..) => None,
        (Some(_), false, Some(embedded)) => Some(embedded?),
        (Some(svg), false, None) => Some(svg),
        (Some(svg), true, _) => Some(outline_text(&svg, fonts)?),
    };
    if let Some(svg) = &svg {
        svg_ready(svg)?;
    }
    let pdf = for_pdf.map(|s| pdf(&s, fonts, dpi)).transpose()?;
    let png = raster
        .map(|r| match r {
            (top, Some(bottom)) => png_in_halves(&top, &bottom, fonts, dpi),
            (whole, None) => png(&tree(&whole, fonts, dpi)?, dpi),
        })
        .transpose()?;
    Ok(Encoded { svg, png, pdf, sources, warnings })
}

/// Parses SVG text with the bundled fonts (text is shaped and laid out here).
pub fn tree(svg: &str, fonts: &Fonts, dpi: f64) -> Result<usvg::Tree> {
    let opt = usvg::Options { fontdb: fonts.db.clone(), dpi: dpi as f32, ..usvg::Options::default() };
    usvg::Tree::from_str(svg, &opt).map_err(|e| Error::msg(format!("internal SVG error: {e}")))
}

/// An image: premultiplied RGBA rows, as tiny-skia draws them.
pub struct Raster {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub rgba: Vec<u8>,
}

/// Draws a parsed SVG at its pixel size.
pub fn rasterise(tree: &usvg::Tree) -> Result<Raster> {
    let (w, h) = pixel_size(tree);
    let mut rgba = vec![0u8; w as usize * h as usize * 4];
    draw_rows(tree, &mut rgba, w, 0);
    Ok(Raster { width: w, height: h, rgba })
}

/// Encodes a raster as PNG with `dpi` recorded.
pub fn encode_png(raster: &Raster, dpi: f64) -> Result<Vec<u8>> {
    write_png(raster.width, raster.height, dpi, |stream| write_rows(stream, &raster.rgba, raster.width))
}

/// Encodes opaque RGB rows as PNG with `dpi` recorded.
pub fn encode_rgb_png(width: u32, height: u32, rgb: &[u8], dpi: f64) -> Result<Vec<u8>> {
    write_png(width, height, dpi, |stream| std::io::Write::write_all(stream, rgb).map_err(png_error))
}

/// Draws a parsed SVG and encodes it as PNG with `dpi` recorded.
pub fn png(tree: &usvg::Tree, dpi: f64) -> Result<Vec<u8>> {
    encode_png(&rasterise(tree)?, dpi)
}

/// A PNG drawn in two halves on two threads, worth it for a single map: `top` and
/// `bottom` are the SVG of the whole page with, in each, only what can show in that half
/// (see `svg::write_band`). Each thread parses its SVG and draws its rows (the bottom
/// half is the drawing moved up by a whole number of pixels, so the halves join without
/// a seam), and the top half is encoded while the bottom one is still being drawn. The
/// image is the same on every run.
pub fn png_in_halves(top: &str, bottom: &str, fonts: &Fonts, dpi: f64) -> Result<Vec<u8>> {
    let (top, bottom) = rayon::join(|| tree(top, fonts, dpi), || tree(bottom, fonts, dpi));
    let (top, bottom) = (top?, bottom?);
    let (w, h) = pixel_size(&top);
    if h < 2 {
        return png(&top, dpi);
    }
    let mut rgba = vec![0u8; w as usize * h as usize * 4];
    let (a, b) = rgba.split_at_mut((h / 2) as usize * w as usize * 4);
    write_png(w, h, dpi, |stream| {
        let (top_rows, ()) = rayon::join(
            || {
                draw_rows(&top, a, w, 0);
                write_rows(stream, a, w)
            },
            || draw_rows(&bottom, b, w, h / 2),
        );
        top_rows?;
        write_rows(stream, b, w)
    })
}

/// A PNG of `width` × `height` with `dpi` recorded, its rows written by `rows`.
fn write_png(
    width: u32,
    height: u32,
    dpi: f64,
    rows: impl FnOnce(&mut png::StreamWriter<&mut Vec<u8>>) -> Result<()>,
) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(width as usize * height as usize / 2);
    let mut writer = png_writer(&mut out, width, height, dpi)?;
    let mut stream = writer.stream_writer().map_err(png_error)?;
    rows(&mut stream)?;
    stream.finish().map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}

fn pixel_size(tree: &usvg::Tree) -> (u32, u32) {
    let size = tree.size().to_int_size();
    (size.width(), size.height())
}

/// Draws the rows of the image from `y0` into `rows` (whole rows of `width` pixels).
fn draw_rows(tree: &usvg::Tree, rows: &mut [u8], width: u32, y0: u32) {
    let height = (rows.len() / (width as usize * 4)) as u32;
    if let Some(mut p) = tiny_skia::PixmapMut::from_bytes(rows, width, height) {
        resvg::render(tree, tiny_skia::Transform::from_translate(0.0, -(y0 as f32)), &mut p);
    }
}

/// A PNG header for an opaque 8-bit RGB image. The page background is opaque, so the
/// alpha channel carries nothing and is dropped. Fast deflate with the Paeth filter on
/// every row encodes 2400×1800 in about two thirds of the time adaptive filtering takes
/// (which tries all five filters on each row) for a file 3 % larger; `Balanced`
/// compression would cost ten times as long for a file 40 % smaller.
fn png_writer(out: &mut Vec<u8>, width: u32, height: u32, dpi: f64) -> Result<png::Writer<&mut Vec<u8>>> {
    png_encoder(out, width, height, dpi).write_header().map_err(png_error)
}

/// The encoder every PNG histmap writes starts from (see [`png_writer`]), with `dpi`
/// recorded; an animation adds its frame controls before the header.
pub fn png_encoder<W: std::io::Write>(out: W, width: u32, height: u32, dpi: f64) -> png::Encoder<'static, W> {
    let mut enc = png::Encoder::new(out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    enc.set_filter(png::Filter::Paeth);
    let ppm = (dpi / 0.0254).round() as u32;
    enc.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
    enc
}

/// Writes RGBA rows as RGB, a row at a time: no second copy of the image in memory.
fn write_rows(stream: &mut impl std::io::Write, rgba: &[u8], width: u32) -> Result<()> {
    let mut row = vec![0u8; width as usize * 3];
    for pixels in rgba.chunks_exact(width as usize * 4) {
        for (rgb, p) in row.chunks_exact_mut(3).zip(pixels.chunks_exact(4)) {
            rgb.copy_from_slice(&p[..3]);
        }
        stream.write_all(&row).map_err(png_error)?;
    }
    Ok(())
}

fn png_error(e: impl std::fmt::Display) -> Error {
    Error::msg(format!("PNG encoding failed: {e}"))
}

/// Converts SVG text to PDF with svg2pdf, the bundled fonts embedded (subset). The PDF is
/// the same drawing every time, but not byte for byte: svg2pdf numbers fonts and resources
/// in hash-map order.
pub fn pdf(svg: &str, fonts: &Fonts, dpi: f64) -> Result<Vec<u8>> {
    use svg2pdf::usvg as u;
    let mut db = u::fontdb::Database::new();
    for f in fonts.files.iter() {
        db.load_font_source(u::fontdb::Source::Binary(f.clone()));
    }
    db.set_sans_serif_family(crate::text::SANS);
    db.set_serif_family(crate::text::SERIF);
    let opt = u::Options { fontdb: std::sync::Arc::new(db), dpi: dpi as f32, ..u::Options::default() };
    let tree = u::Tree::from_str(svg, &opt).map_err(|e| Error::msg(format!("internal SVG error: {e}")))?;
    // The page gets the map's physical size: pixels at the map's resolution.
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), svg2pdf::PageOptions { dpi: dpi as f32 })
        .map_err(|e| Error::msg(format!("PDF conversion failed: {e}")))
}

/// The SVG with every text turned into outlines, for tools that lack the fonts.
pub fn outline_text(svg: &str, fonts: &Fonts) -> Result<String> {
    let opt = usvg::Options { fontdb: fonts.db.clone(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| Error::msg(format!("internal SVG error: {e}")))?;
    let write =
        usvg::WriteOptions { coordinates_precision: 3, transforms_precision: 5, ..usvg::WriteOptions::default() };
    Ok(tree.to_string(&write))
}
