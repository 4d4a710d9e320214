//! The graticule: meridians and parallels at a round step, drawn across the map and
//! labelled where they meet its bottom and left edges.

use crate::geometry::{prepare, Bbox};
use crate::lang::Words;
use crate::layout::labels::text_box;
use crate::project::Frame;
use crate::scene::{Anchor, Color, Font, Group, Item, PathItem, Stroke, TextItem};
use crate::text::{Fonts, SANS};
use geo::{Coord, Geometry, LineString};

/// Maps at this zoom or closer (the battle close-ups) get no graticule by default: a
/// north arrow and the scale bar serve them better.
pub const MAX_ZOOM: f64 = 7.0;

/// Steps between lines, degrees: the smallest that draws at most this many lines across.
const STEPS: [f64; 9] = [0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0];
const MAX_LINES: f64 = 10.0;

/// A graticule label and the box it covers.
pub struct Tick {
    /// The text.
    pub item: TextItem,
    /// Its box.
    pub bbox: Bbox,
}

/// The graticule's lines as a map group, and its labels, for a frame; `None` if the frame
/// has no lon/lat box (it reaches past the globe).
pub fn graticule(frame: &Frame, fonts: &Fonts, ink: Color, words: &Words) -> Option<(Group, Vec<Tick>)> {
    let b = frame.lonlat_bounds()?;
    let (w, s, e, n) = (b.min().x, b.min().y.max(-89.0), b.max().x, b.max().y.min(89.0));
    let step = STEPS.iter().copied().find(|st| (e - w).max(n - s) / st <= MAX_LINES).unwrap_or(30.0);
    let r = frame.rect;
    let mut lines = Vec::new();
    let mut ticks = Vec::new();
    let font = Font { family: SANS.into(), bold: false, italic: false };
    let size = 6.0;
    let (ascent, descent) = fonts.extent(&font, size);
    let grey = Color { a: 170, ..ink };
    let mut add = |coords: Vec<(f64, f64)>, value: f64, meridian: bool| {
        let page: Option<Vec<Coord<f64>>> = coords.iter().map(|&(lon, lat)| frame.to_page(lon, lat)).collect();
        let Some(page) = page else { return };
        let shape = prepare(&Geometry::LineString(LineString::from(page)), &r, 0.15);
        for l in &shape.lines {
            // Where the line meets the bottom edge (meridians) or the left edge (parallels).
            let end = if meridian {
                l.iter().copied().find(|p| (p.y - r.max().y).abs() < 0.01)
            } else {
                l.iter().copied().find(|p| (p.x - r.min().x).abs() < 0.01)
            };
            if let Some(Coord { x, y }) = end {
                let text = degrees(value, meridian, words);
                let width = fonts.width(&text, &font, size, 0.0);
                let (tx, ty, anchor) =
                    if meridian { (x, y - 3.0, Anchor::Middle) } else { (x + 3.0, y - 2.0, Anchor::Start) };
                let bbox = text_box(tx, ty, anchor, width, ascent, descent).grow(0.8);
                if Bbox::of_rect(&r).contains(&bbox) {
                    let item = TextItem {
                        x: tx,
                        y: ty,
                        text,
                        font: font.clone(),
                        size,
                        color: grey,
                        halo: Some((Color { r: 255, g: 255, b: 255, a: 200 }, 0.8)),
                        anchor,
                        letter_spacing: 0.0,
                        path: None,
                    };
                    ticks.push(Tick { item, bbox });
                }
            }
        }
        lines.extend(shape.lines);
    };
    let samples = 64;
    let mut lon = (w / step).ceil() * step;
    while lon <= e {
        let coords = (0..=samples).map(|i| (lon, s + (n - s) * f64::from(i) / f64::from(samples))).collect();
        add(coords, lon, true);
        lon += step;
    }
    let mut lat = (s / step).ceil() * step;
    while lat <= n {
        let coords = (0..=samples).map(|i| (w + (e - w) * f64::from(i) / f64::from(samples), lat)).collect();
        add(coords, lat, false);
        lat += step;
    }
    let stroke = Stroke::plain(Color { a: 90, ..ink }, 0.35);
    let group = Group {
        id: "graticule".into(),
        label: "graticule".into(),
        clip: Some(0),
        items: vec![Item::Path(PathItem {
            parts: lines,
            closed: false,
            fill: None,
            stroke: Some(stroke),
            arrow: false,
        })],
    };
    Some((group, ticks))
}

/// `125°E`, `45°N`, `42.5°N`: a meridian's or parallel's value as readers write it.
fn degrees(value: f64, meridian: bool, words: &Words) -> String {
    let v = (value * 100.0).round() / 100.0;
    let lon = (v + 180.0).rem_euclid(360.0) - 180.0;
    let (v, suffix) = match (meridian, if meridian { lon } else { v }) {
        (true, l) if l < 0.0 => (-l, words.compass[1]),
        (true, l) => (l, words.compass[0]),
        (false, l) if l < 0.0 => (-l, words.compass[3]),
        (false, l) => (l, words.compass[2]),
    };
    let number = if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") };
    format!("{number}°{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn degrees_read_as_written() {
        let en = Lang::En.words();
        assert_eq!(degrees(125.0, true, &en), "125°E");
        assert_eq!(degrees(-70.0, true, &en), "70°W");
        assert_eq!(degrees(190.0, true, &en), "170°W");
        assert_eq!(degrees(42.5, false, &en), "42.5°N");
        assert_eq!(degrees(-10.0, false, &en), "10°S");
        assert_eq!(degrees(45.0, false, &Lang::Ru.words()), "45° с. ш.");
    }
}
