//! Map furniture: title, caption, legend, scale bar, north arrow and credits, each an SVG group.

use crate::geometry::tapered_arrow;
use crate::geometry::Bbox;
use crate::lang::Words;
use crate::layout::labels::LINE_HEIGHT;
use crate::project::Frame;
use crate::scene::{Anchor, Color, Fill, Font, Group, Item, PathItem, Stroke, SymbolItem, SymbolShape, TextItem};
use crate::text::{wrap, Fonts, SANS, SERIF};
use geo::Coord;

/// What a legend entry shows beside its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    /// An area sample.
    Area(Fill, Option<Stroke>),
    /// A line sample, its casing if any, and whether it ends in an arrowhead.
    Line(Stroke, Option<Stroke>, bool),
    /// A tapered arrow of this colour and width.
    Arrow(Color, f64),
    /// A point symbol.
    Symbol(SymbolShape, f64, Color, Option<Stroke>),
    /// A ring drawn with this stroke (a circle on the ground).
    Ring(Stroke),
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// Text.
    pub label: String,
    /// Sample.
    pub swatch: Swatch,
}

/// A horizontal band of the page that furniture text is set in.
#[derive(Debug, Clone, Copy)]
pub struct Band {
    /// Left edge in points.
    pub left: f64,
    /// Top edge in points.
    pub top: f64,
    /// Width in points.
    pub width: f64,
}

fn font(family: &str, bold: bool, italic: bool) -> Font {
    Font { family: family.into(), bold, italic }
}

fn text(x: f64, y: f64, s: &str, font: Font, size: f64, color: Color, anchor: Anchor) -> Item {
    Item::Text(TextItem {
        x,
        y,
        text: s.into(),
        font,
        size,
        color,
        halo: None,
        anchor,
        letter_spacing: 0.0,
        path: None,
    })
}

/// A furniture group of these items, not clipped to the map.
pub fn group(id: &str, items: Vec<Item>) -> Group {
    Group { id: id.into(), label: id.into(), clip: None, items }
}

const PANEL: Color = Color { r: 255, g: 255, b: 255, a: 230 };

fn panel_stroke(ink: Color) -> Option<Stroke> {
    Some(Stroke::sharp(Color { a: 160, ..ink }, 0.5))
}

/// Title, subtitle and date across the top of the page; returns the group and its height.
pub fn title(fonts: &Fonts, title: &str, subtitle: &str, date: &str, band: Band, ink: Color) -> (Group, f64) {
    let Band { left, top, width } = band;
    let date_font = font(SANS, true, false);
    let date_w = fonts.width(date, &date_font, 12.0, 0.0);
    // A title too long for the room beside the date is set smaller (down to 13 pt).
    let title_font = font(SERIF, true, false);
    let room = width - date_w - 16.0;
    let title_size = (20.0 * room / fonts.width(title, &title_font, 20.0, 0.0).max(1.0)).clamp(13.0, 20.0);
    let mut items = vec![
        text(left, top + 20.0, title, title_font, title_size, ink, Anchor::Start),
        text(left + width, top + 20.0, date, date_font, 12.0, ink, Anchor::End),
    ];
    let mut height = 28.0;
    if !subtitle.is_empty() {
        let lines = wrap(fonts, subtitle, &font(SANS, false, true), 10.5, width - date_w - 20.0);
        for (i, l) in lines.iter().enumerate() {
            items.push(text(left, top + 36.0 + i as f64 * 13.0, l, font(SANS, false, true), 10.5, ink, Anchor::Start));
        }
        height += 13.0 * lines.len() as f64 + 2.0;
    }
    (group("title", items), height)
}

/// A panel's heading, its baseline at `(x, y)`, set smaller (down to 7 pt) where it is
/// wider than `width`.
pub fn panel_heading(fonts: &Fonts, id: &str, heading: &str, (x, y): (f64, f64), width: f64, ink: Color) -> Group {
    let f = font(SANS, true, false);
    let size = (10.0 * width / fonts.width(heading, &f, 10.0, 0.0).max(1.0)).clamp(7.0, 10.0);
    group(id, vec![text(x, y, heading, f, size, ink, Anchor::Start)])
}

/// The caption's lines at its size, for a band `width` points wide.
pub fn caption_lines(fonts: &Fonts, caption: &str, width: f64) -> Vec<String> {
    wrap(fonts, caption, &font(SERIF, false, false), 10.0, width)
}

/// Height of the caption set in these lines.
pub fn caption_height(lines: &[String]) -> f64 {
    13.0 * lines.len() as f64 + 2.0
}

/// The caption under the map, in lines from [`caption_lines`].
pub fn caption(lines: &[String], band: Band, ink: Color) -> Group {
    let Band { left, top, .. } = band;
    let f = font(SERIF, false, false);
    let items = lines
        .iter()
        .enumerate()
        .map(|(i, l)| text(left, top + 10.0 + i as f64 * 13.0, l, f.clone(), 10.0, ink, Anchor::Start))
        .collect();
    group("caption", items)
}

/// Height of the credits for these sources in a band `width` points wide (0 for none).
pub fn credits_height(fonts: &Fonts, sources: &[String], width: f64, heading: &str) -> f64 {
    if sources.is_empty() {
        return 0.0;
    }
    8.5 * credit_lines(fonts, sources, width, heading).len() as f64 + 2.0
}

fn credit_lines(fonts: &Fonts, sources: &[String], width: f64, heading: &str) -> Vec<String> {
    wrap(fonts, &format!("{heading}: {}.", sources.join("; ")), &font(SANS, false, false), 6.5, width)
}

/// The credits line(s): every source of what is drawn.
pub fn credits(fonts: &Fonts, sources: &[String], band: Band, ink: Color, heading: &str) -> Group {
    let Band { left, top, width } = band;
    if sources.is_empty() {
        return group("credits", vec![]);
    }
    let f = font(SANS, false, false);
    let grey = Color { a: 200, ..ink };
    let items = credit_lines(fonts, sources, width, heading)
        .iter()
        .enumerate()
        .map(|(i, l)| text(left, top + 7.0 + i as f64 * 8.5, l, f.clone(), 6.5, grey, Anchor::Start))
        .collect();
    group("credits", items)
}

/// Height of a legend row, points.
const ROW: f64 = 11.5;

/// How a legend's entries are set: in this many columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegendLayout {
    /// Columns, filled top to bottom, left to right.
    pub columns: usize,
}

impl LegendLayout {
    /// A legend inside the map's frame: one column, two for more than six entries.
    pub fn inside(entries: &[LegendEntry]) -> LegendLayout {
        LegendLayout { columns: if entries.len() > 6 { 2 } else { 1 } }
    }

    /// A legend in a band under the map: as many columns (up to six) as fit `width`.
    pub fn band(fonts: &Fonts, entries: &[LegendEntry], heading: &str, width: f64) -> LegendLayout {
        (1..=6.min(entries.len().max(1)))
            .rev()
            .map(|columns| LegendLayout { columns })
            .find(|l| legend_size(fonts, entries, heading, *l).0 <= width)
            .unwrap_or(LegendLayout { columns: 1 })
    }

    /// A legend in a column beside the map: as few columns as keep it within `height`.
    pub fn column(fonts: &Fonts, entries: &[LegendEntry], heading: &str, height: f64) -> LegendLayout {
        (1..=6)
            .map(|columns| LegendLayout { columns })
            .find(|l| legend_size(fonts, entries, heading, *l).1 <= height)
            .unwrap_or(LegendLayout { columns: 6 })
    }

    fn rows(&self, entries: &[LegendEntry]) -> usize {
        entries.len().div_ceil(self.columns.max(1))
    }
}

/// Widths of the legend's columns, each as wide as its longest entry.
fn column_widths(fonts: &Fonts, entries: &[LegendEntry], layout: LegendLayout) -> Vec<f64> {
    let f = font(SANS, false, false);
    entries
        .chunks(layout.rows(entries).max(1))
        .map(|col| {
            let widest = col.iter().flat_map(|e| label_lines(fonts, &e.label)).map(|l| fonts.width(&l, &f, 7.5, 0.0));
            widest.fold(0.0, f64::max) + 36.0
        })
        .collect()
}

/// A legend entry's text wider than this, points, is set on two or more lines, so that one
/// long entry does not widen the whole legend (and narrow the map beside it).
const WRAP: f64 = 165.0;

/// The step between a wrapped entry's lines, points (as the renderers set lines of text).
const LINE: f64 = LINE_HEIGHT * 7.5;

/// An entry's text in lines no wider than [`WRAP`], broken at spaces.
fn label_lines(fonts: &Fonts, label: &str) -> Vec<String> {
    wrap(fonts, label, &font(SANS, false, false), 7.5, WRAP)
}

/// The height an entry takes in its column.
fn entry_height(fonts: &Fonts, e: &LegendEntry) -> f64 {
    ROW + (label_lines(fonts, &e.label).len().max(1) - 1) as f64 * LINE
}

/// Size of the legend panel for these entries.
pub fn legend_size(fonts: &Fonts, entries: &[LegendEntry], heading: &str, layout: LegendLayout) -> (f64, f64) {
    let title = fonts.width(heading, &font(SANS, true, false), 8.5, 0.0) + 16.0;
    let widths = column_widths(fonts, entries, layout);
    let tallest = entries
        .chunks(layout.rows(entries).max(1))
        .map(|col| col.iter().map(|e| entry_height(fonts, e)).sum::<f64>())
        .fold(0.0, f64::max);
    (widths.iter().sum::<f64>().max(title) + 8.0, 24.0 + tallest)
}

/// The legend panel in the box `at` (sized by [`legend_size`]).
pub fn legend(
    fonts: &Fonts,
    entries: &[LegendEntry],
    at: Bbox,
    ink: Color,
    heading: &str,
    layout: LegendLayout,
) -> Group {
    let mut items = vec![
        Item::Rect { rect: at, fill: PANEL, stroke: panel_stroke(ink) },
        text(at.x0 + 8.0, at.y0 + 14.0, heading, font(SANS, true, false), 8.5, ink, Anchor::Start),
    ];
    let (rows, widths) = (layout.rows(entries), column_widths(fonts, entries, layout));
    let mut y = at.y0 + 21.0;
    for (i, e) in entries.iter().enumerate() {
        if i % rows == 0 {
            y = at.y0 + 21.0;
        }
        let (sx, sw, sh) = (at.x0 + 8.0 + widths[..i / rows].iter().sum::<f64>(), 20.0, 8.0);
        match &e.swatch {
            Swatch::Area(fill, stroke) => items.push(Item::Path(PathItem {
                parts: vec![[(sx, y), (sx + sw, y), (sx + sw, y + sh), (sx, y + sh), (sx, y)]
                    .map(Coord::from)
                    .to_vec()],
                closed: true,
                fill: Some(fill.clone()),
                stroke: stroke.clone().or(panel_stroke(ink)),
                arrow: false,
            })),
            Swatch::Arrow(color, width) => {
                let line = [Coord { x: sx, y: y + sh / 2.0 }, Coord { x: sx + sw + 4.0, y: y + sh / 2.0 }];
                if let Some(ring) = tapered_arrow(&line, width.min(3.0)) {
                    let fill = Some(Fill::Solid(*color));
                    items.push(Item::Path(PathItem {
                        parts: vec![ring],
                        closed: true,
                        fill,
                        stroke: None,
                        arrow: false,
                    }));
                }
            }
            Swatch::Line(stroke, casing, arrow) => {
                let parts = vec![vec![Coord { x: sx, y: y + sh / 2.0 }, Coord { x: sx + sw, y: y + sh / 2.0 }]];
                if let Some(c) = casing {
                    let stroke = Some(Stroke { width: c.width.min(5.0), ..c.clone() });
                    items.push(Item::Path(PathItem {
                        parts: parts.clone(),
                        closed: false,
                        fill: None,
                        stroke,
                        arrow: false,
                    }));
                }
                let stroke = Some(Stroke { width: stroke.width.min(4.0), ..stroke.clone() });
                items.push(Item::Path(PathItem { parts, closed: false, fill: None, stroke, arrow: *arrow }));
            }
            Swatch::Ring(stroke) => {
                let (cx, cy, r) = (sx + sw / 2.0, y + sh / 2.0, (sh / 2.0 + 1.0).min(sw / 2.0));
                let ring = (0..=32)
                    .map(|k| {
                        let a = f64::from(k) * std::f64::consts::TAU / 32.0;
                        Coord { x: cx + r * a.cos(), y: cy + r * a.sin() }
                    })
                    .collect();
                let stroke = Some(Stroke { width: stroke.width.min(2.0), ..stroke.clone() });
                items.push(Item::Path(PathItem { parts: vec![ring], closed: true, fill: None, stroke, arrow: false }));
            }
            Swatch::Symbol(shape, r, fill, stroke) => items.push(Item::Symbol(SymbolItem {
                x: sx + sw / 2.0,
                y: y + sh / 2.0,
                shape: *shape,
                radius: r.min(6.0),
                fill: *fill,
                stroke: stroke.clone(),
            })),
        }
        let label = label_lines(fonts, &e.label).join("\n");
        items.push(text(sx + sw + 6.0, y + 7.0, &label, font(SANS, false, false), 7.5, ink, Anchor::Start));
        y += entry_height(fonts, e);
    }
    group("legend", items)
}

/// A round length in km near `target`: 1, 2 or 5 times a power of ten.
pub fn round_km(target: f64) -> f64 {
    let p = 10f64.powf(target.log10().floor());
    [5.0, 2.0, 1.0].into_iter().map(|m| m * p).find(|&v| v <= target).unwrap_or(p)
}

/// Size of the scale bar panel.
pub const SCALE_BAR_SIZE: (f64, f64) = (150.0, 34.0);

/// A scale bar in km, true at the map's centre, in a panel at `at`; returns the group and the length shown.
pub fn scale_bar(frame: &Frame, at: Bbox, ink: Color, words: &Words) -> (Group, f64) {
    let km_per_pt = frame.km_per_point_at_centre();
    let km = round_km((at.width() - 24.0) * km_per_pt);
    let len = km / km_per_pt;
    let (x0, y) = (at.x0 + 10.0, at.y0 + 20.0);
    // The panel hugs the bar (its end label overhangs by up to 14 points).
    let panel = Bbox::xywh(at.x0, at.y0, (len + 34.0).min(at.width()), at.height());
    let mut items = vec![Item::Rect { rect: panel, fill: PANEL, stroke: panel_stroke(ink) }];
    for i in 0..4 {
        let fill = if i % 2 == 0 { ink } else { Color::rgb(255, 255, 255) };
        let seg = len / 4.0;
        items.push(Item::Rect {
            rect: Bbox::xywh(x0 + i as f64 * seg, y, seg, 4.0),
            fill,
            stroke: Some(Stroke::sharp(ink, 0.5)),
        });
    }
    let f = font(SANS, false, false);
    let fmt = |v: f64| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") };
    items.push(text(x0, y - 3.0, "0", f.clone(), 7.0, ink, Anchor::Middle));
    items.push(text(x0 + len / 2.0, y - 3.0, &fmt(km / 2.0), f.clone(), 7.0, ink, Anchor::Middle));
    items.push(text(x0 + len, y - 3.0, &format!("{} {}", fmt(km), words.km), f.clone(), 7.0, ink, Anchor::Middle));
    items.push(text(x0, y + 11.0, words.scale_note, font(SANS, false, true), 5.5, ink, Anchor::Start));
    (group("scale-bar", items), km)
}

/// Size of the north arrow panel.
pub const NORTH_ARROW_SIZE: (f64, f64) = (26.0, 40.0);

/// A north arrow pointing along the meridian through the panel's centre.
pub fn north_arrow(frame: &Frame, at: Bbox, ink: Color) -> Group {
    let c = Coord { x: (at.x0 + at.x1) / 2.0, y: (at.y0 + at.y1) / 2.0 + 4.0 };
    let angle = frame
        .to_lonlat(c)
        .and_then(|(lon, lat)| frame.to_page(lon, (lat + 0.1).min(89.9)))
        .map_or(0.0, |n| (n.x - c.x).atan2(c.y - n.y));
    let rot = |dx: f64, dy: f64| Coord {
        x: c.x + dx * angle.cos() - dy * angle.sin(),
        y: c.y + dx * angle.sin() + dy * angle.cos(),
    };
    let tip = rot(0.0, -13.0);
    let solid = vec![tip, rot(5.0, 9.0), rot(0.0, 5.0), tip];
    let hollow = vec![tip, rot(-5.0, 9.0), rot(0.0, 5.0), tip];
    let s = Some(Stroke::sharp(ink, 0.6));
    let n = rot(0.0, -16.0);
    group(
        "north-arrow",
        vec![
            Item::Rect { rect: at, fill: PANEL, stroke: panel_stroke(ink) },
            Item::Path(PathItem {
                parts: vec![solid],
                closed: true,
                fill: Some(Fill::Solid(ink)),
                stroke: s.clone(),
                arrow: false,
            }),
            Item::Path(PathItem {
                parts: vec![hollow],
                closed: true,
                fill: Some(Fill::Solid(Color::rgb(255, 255, 255))),
                stroke: s,
                arrow: false,
            }),
            text(n.x, n.y - 1.0, "N", font(SANS, true, false), 8.0, ink, Anchor::Middle),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_legend_entry_wraps_instead_of_widening_the_legend() {
        let fonts = Fonts::load(None).unwrap();
        let entry = |label: &str| LegendEntry {
            label: label.into(),
            swatch: Swatch::Ring(Stroke::plain(Color::rgb(0, 0, 0), 1.0)),
        };
        let short = vec![entry("State border"), entry("City or town")];
        let long = vec![
            entry("State border"),
            entry("Taken by the Kwantung Army in 1931–32 (month shown; schematic), with a long note"),
        ];
        let one = LegendLayout { columns: 1 };
        let (w0, h0) = legend_size(&fonts, &short, "Legend", one);
        let (w1, h1) = legend_size(&fonts, &long, "Legend", one);
        assert!(w1 <= WRAP + 36.0 + 8.0 + 1e-9 && w1 > w0, "{w1}");
        assert!((h1 - h0 - LINE).abs() < 1e-9, "one line more: {h0} {h1}");
        // Drawn in lines, the next entry below them.
        let three = [long.clone(), vec![entry("City or town")]].concat();
        let g = legend(&fonts, &three, Bbox::xywh(0.0, 0.0, w1, h1 + ROW), Color::rgb(0, 0, 0), "Legend", one);
        let texts: Vec<&TextItem> =
            g.items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None }).collect();
        assert_eq!(texts[2].text.lines().count(), 2);
        assert!(texts[2].text.lines().all(|l| fonts.width(l, &font(SANS, false, false), 7.5, 0.0) <= WRAP));
        assert_eq!(texts[1].y + ROW, texts[2].y);
        assert_eq!(texts[2].y + ROW + LINE, texts[3].y);
    }

    #[test]
    fn round_lengths() {
        assert_eq!(round_km(137.0), 100.0);
        assert_eq!(round_km(260.0), 200.0);
        assert_eq!(round_km(7.3), 5.0);
        assert_eq!(round_km(1.2), 1.0);
    }

    #[test]
    fn credits_without_sources_take_no_room() {
        let fonts = Fonts::load(None).unwrap();
        let band = Band { left: 0.0, top: 0.0, width: 500.0 };
        let g = credits(&fonts, &[], band, Color::rgb(0, 0, 0), "Sources");
        assert!(g.items.is_empty() && credits_height(&fonts, &[], 500.0, "Sources") == 0.0);
        let one = ["GeoNames".to_string()];
        let g = credits(&fonts, &one, band, Color::rgb(0, 0, 0), "Sources");
        assert_eq!(g.items.len(), 1);
        assert!(credits_height(&fonts, &one, 500.0, "Sources") > 8.0);
    }
}
