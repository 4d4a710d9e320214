//! Output sizes: pixels, or millimetres and inches at a resolution. The page is laid out in
//! points (1/72 inch); a pixel size without a resolution lays it out 800 points wide.

/// Unit a size was given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Pixels.
    Px,
    /// Millimetres.
    Mm,
    /// Inches.
    In,
}

/// The size of a map: its pixels, its resolution, and the page in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// Resolution in dots per inch (recorded in the PNG).
    pub dpi: f64,
    /// Page width in layout points: the true width, or 800 if that is narrower.
    pub page_width: f64,
    /// Page height in layout points.
    pub page_height: f64,
    /// The unit asked for, which the SVG's width and height use.
    pub unit: Unit,
    /// Width and height as asked for, in `unit`.
    pub requested: (f64, f64),
}

/// Narrowest page laid out, in points; a narrower page is this one scaled down.
pub const LAYOUT_WIDTH: f64 = 800.0;

/// Largest side, in pixels.
pub const MAX_SIDE: u32 = 20_000;
/// Largest image, in pixels (about 400 MB of raster at 4 bytes a pixel).
pub const MAX_PIXELS: u64 = 100_000_000;

impl Size {
    /// A size in pixels; at `dpi` if given, else on an 800-point-wide page.
    pub fn pixels(width: u32, height: u32, dpi: Option<f64>) -> Result<Size, String> {
        let dpi = dpi.unwrap_or(72.0 * f64::from(width) / 800.0);
        Size::checked(width, height, dpi, Unit::Px, (f64::from(width), f64::from(height)))
    }

    /// Parses `2400x1800`, `2400x1800px`, `180x120mm` or `7x5in`; physical sizes are at
    /// `dpi` (300 by default).
    pub fn parse(spec: &str, dpi: Option<f64>) -> Result<Size, String> {
        let bad =
            || format!("invalid size '{spec}': expected WIDTHxHEIGHT with px, mm or in, e.g. 2400x1800 or 180x120mm");
        let s = spec.trim().to_ascii_lowercase();
        let (body, unit) = if let Some(b) = s.strip_suffix("mm") {
            (b, Unit::Mm)
        } else if let Some(b) = s.strip_suffix("in") {
            (b, Unit::In)
        } else {
            (s.strip_suffix("px").unwrap_or(&s), Unit::Px)
        };
        let (w, h) = body.split_once('x').ok_or_else(bad)?;
        let (w, h): (f64, f64) = (w.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?);
        if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
            return Err(bad());
        }
        match unit {
            Unit::Px => {
                if w.fract() != 0.0 || h.fract() != 0.0 || w > f64::from(u32::MAX) || h > f64::from(u32::MAX) {
                    return Err(bad());
                }
                Size::pixels(w as u32, h as u32, dpi)
            }
            Unit::Mm | Unit::In => {
                let dpi = dpi.unwrap_or(300.0);
                let inches = if unit == Unit::Mm { 25.4 } else { 1.0 };
                let px = |v: f64| (v / inches * dpi).round();
                if px(w) > f64::from(MAX_SIDE) || px(h) > f64::from(MAX_SIDE) {
                    return Err(format!(
                        "size {spec} at {dpi} dpi is {}x{} pixels: more than {MAX_SIDE} on a side",
                        px(w),
                        px(h)
                    ));
                }
                Size::checked(px(w) as u32, px(h) as u32, dpi, unit, (w, h))
            }
        }
    }

    fn checked(width: u32, height: u32, dpi: f64, unit: Unit, requested: (f64, f64)) -> Result<Size, String> {
        if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(format!(
                "{width}x{height} pixels is too large (at most {MAX_SIDE} a side and {MAX_PIXELS} in all)"
            ));
        }
        if width < 200 || height < 150 {
            return Err(format!(
                "{width}x{height} pixels is too small for a map with its title, legend and caption (at least 200x150)"
            ));
        }
        if !(10.0..=2400.0).contains(&dpi) {
            return Err(format!("resolution {dpi} dpi is outside 10–2400"));
        }
        // Pages narrower than 800 points are laid out 800 points wide and scaled down to
        // fit, so that title, legend and caption keep their proportions to the map.
        let true_width = f64::from(width) / dpi * 72.0;
        let scale = (LAYOUT_WIDTH / true_width).max(1.0);
        let (page_width, page_height) = (true_width * scale, f64::from(height) / dpi * 72.0 * scale);
        if page_height < 0.4 * page_width {
            let least = (0.4 * f64::from(width)).ceil();
            return Err(format!(
                "{width}x{height} is too wide for its height: a map page is at least two fifths as high as it is wide (here {width}x{least})"
            ));
        }
        Ok(Size { width, height, dpi, page_width, page_height, unit, requested })
    }

    /// The SVG's `width` and `height` for documents: the physical size, so that a page
    /// places the SVG as large as the PNG, whose DPI gives the same size. A print size keeps
    /// the unit asked for; a pixel size is its pixels at the resolution, in millimetres.
    pub fn svg_dimensions(&self) -> (String, String) {
        match self.unit {
            Unit::Px => {
                let mm = |px: u32| format!("{}mm", millimetres(f64::from(px) / self.dpi * 25.4));
                (mm(self.width), mm(self.height))
            }
            Unit::Mm | Unit::In => self.raster_dimensions(),
        }
    }

    /// The `width` and `height` the rasteriser reads: pixels, or the print size asked for
    /// (usvg turns it into pixels at the resolution).
    pub fn raster_dimensions(&self) -> (String, String) {
        let (w, h) = self.requested;
        match self.unit {
            Unit::Px => (self.width.to_string(), self.height.to_string()),
            Unit::Mm => (format!("{w}mm"), format!("{h}mm")),
            Unit::In => (format!("{w}in"), format!("{h}in")),
        }
    }
}

/// A length to the micrometre, without trailing zeros.
fn millimetres(mm: f64) -> String {
    let s = format!("{mm:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_sizes_lay_out_an_800_point_page() {
        let s = Size::parse("2400x1800", None).unwrap();
        assert_eq!((s.width, s.height, s.dpi, s.page_width), (2400, 1800, 216.0, 800.0));
        // 2400 px at 216 dpi is 11.11 in: the SVG says so, the rasteriser gets the pixels.
        assert_eq!(s.svg_dimensions(), ("282.222mm".into(), "211.667mm".into()));
        assert_eq!(s.raster_dimensions(), ("2400".into(), "1800".into()));
        let s = Size::parse("800x600", Some(300.0)).unwrap();
        assert_eq!(s.svg_dimensions(), ("67.733mm".into(), "50.8mm".into()));
    }

    #[test]
    fn print_sizes_follow_the_resolution() {
        let s = Size::parse("180x120mm", Some(300.0)).unwrap();
        assert_eq!((s.width, s.height), (2126, 1417));
        // 180 mm is 510 pt: laid out 800 pt wide, then scaled to 180 mm.
        assert!((s.page_width - 800.0).abs() < 1e-9 && (s.page_height - 533.33).abs() < 0.2, "{s:?}");
        assert_eq!(s.svg_dimensions(), ("180mm".into(), "120mm".into()));
        assert_eq!(s.raster_dimensions(), s.svg_dimensions());
        let s = Size::parse("7x5in", None).unwrap();
        assert_eq!((s.width, s.height), (2100, 1500));
        let s = Size::parse("420x297mm", None).unwrap();
        assert!((s.page_width - 1190.55).abs() < 0.2, "A3 keeps true points: {s:?}");
    }

    #[test]
    fn absurd_and_malformed_sizes_are_refused() {
        assert!(Size::parse("100000x100000", None).unwrap_err().contains("too large"));
        assert!(Size::parse("2000x1000mm", Some(300.0)).unwrap_err().contains("more than"));
        assert!(Size::parse("10x5mm", None).unwrap_err().contains("too small"));
        assert!(Size::parse("2400x500", None).unwrap_err().contains("too wide"));
        assert!(Size::parse("big", None).unwrap_err().contains("invalid size"));
        assert!(Size::parse("10.5x20", None).is_err());
        assert!(Size::parse("2400x1800", Some(5000.0)).unwrap_err().contains("dpi"));
    }
}
