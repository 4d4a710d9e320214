//! Encoding: the SVG rasterised with resvg, written as PNG with its DPI recorded; PDF through
//! svg2pdf; text turned into outlines on request.

use crate::error::{Error, Result};
use crate::text::Fonts;
use resvg::{tiny_skia, usvg};

/// Rasterises SVG text to PNG bytes at the SVG's pixel size, recording `dpi` in the pHYs chunk.
pub fn png(svg: &str, fonts: &Fonts, dpi: f64, halves: bool) -> Result<Vec<u8>> {
    encode_png(&rasterise(&tree(svg, fonts, dpi)?, halves)?, dpi)
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
pub fn rasterise(tree: &usvg::Tree, halves: bool) -> Result<Raster> {
    let size = tree.size().to_int_size();
    let (w, h) = (size.width(), size.height());
    // With `halves`, the top and bottom halves are rasterised on two threads: worth it for a
    // single map (each half still walks the whole drawing, so when several maps already
    // share the cores it only costs time). Each half is the whole drawing moved
    // up by a whole number of pixels: the halves join without a seam, and the image is the
    // same on every run (a few anti-aliased pixels differ by a few levels from a one-pass
    // render).
    let mut rgba = vec![0u8; w as usize * h as usize * 4];
    let draw = |rows: &mut [u8], y0: u32| {
        let height = (rows.len() / (w as usize * 4)) as u32;
        if let Some(mut p) = tiny_skia::PixmapMut::from_bytes(rows, w, height) {
            resvg::render(tree, tiny_skia::Transform::from_translate(0.0, -(y0 as f32)), &mut p);
        }
    };
    if halves && h >= 2 {
        let top = h / 2;
        let (a, b) = rgba.split_at_mut(top as usize * w as usize * 4);
        rayon::join(|| draw(a, 0), || draw(b, top));
    } else {
        draw(&mut rgba, 0);
    }
    Ok(Raster { width: w, height: h, rgba })
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

/// Encodes an opaque raster as 8-bit RGB PNG with `dpi` recorded. The page background is
/// opaque, so the alpha channel carries nothing and is dropped. Fast deflate with adaptive
/// filtering encodes 2400×1800 in under 10 ms at about 1 MB; `Balanced` would cost ten
/// times as long for a file a third smaller.
pub fn encode_png(raster: &Raster, dpi: f64) -> Result<Vec<u8>> {
    use std::io::Write;
    let fail = |e: &dyn std::fmt::Display| Error::msg(format!("PNG encoding failed: {e}"));
    let mut out = Vec::with_capacity(raster.rgba.len() / 16);
    let mut enc = png::Encoder::new(&mut out, raster.width, raster.height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    enc.set_filter(png::Filter::Adaptive);
    let ppm = (dpi / 0.0254).round() as u32;
    enc.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
    let mut writer = enc.write_header().map_err(|e| fail(&e))?;
    let mut w = writer.stream_writer().map_err(|e| fail(&e))?;
    // Row by row: no second copy of the image in memory.
    let mut row = Vec::with_capacity(raster.width as usize * 3);
    for rgba in raster.rgba.chunks_exact(raster.width as usize * 4) {
        row.clear();
        row.extend(rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]));
        w.write_all(&row).map_err(|e| fail(&e))?;
    }
    w.finish().map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))?;
    Ok(out)
}
