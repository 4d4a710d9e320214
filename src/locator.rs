//! The locator inset of a close-up: a small map of a wider area, drawn by the same stages
//! as the main map (the style's areas in their period colours, and their names), with a
//! mark where the main map lies that stays legible however small that is.

use crate::atlas::Atlas;
use crate::error::Result;
use crate::extent::Extent;
use crate::geometry::Bbox;
use crate::lang::Lang;
use crate::layout::labels::{self, Placement};
use crate::project::{Frame, Projection};
use crate::scene::{Color, Fill, Group, Item, PathItem, Stroke, SymbolItem, SymbolShape};
use crate::story::Phase;
use crate::style::{Paint, Style};
use crate::symbolize::{symbolize, Input};
use geo::{Coord, Rect};

/// Size of the names on the inset, points.
const NAME_SIZE: f64 = 5.5;

/// Areas smaller than this share of the inset go unnamed on it.
const MIN_NAMED: f64 = 0.03;

/// A main map smaller than this on the inset (points, either way) is also ringed.
const SMALLEST_MARK: f64 = 12.0;

/// The locator map of `extent` in the box `at`, drawn in `projection` with the phase's
/// style, marking where the `main` map lies.
pub fn inset(
    atlas: &Atlas,
    phase: &Phase,
    lang: Lang,
    projection: Projection,
    extent: Extent,
    main: &Frame,
    at: Bbox,
) -> Result<Group> {
    let style = atlas.style_for(phase);
    // Shapes are clipped 4 points outside a frame: inside the box's border, with its padding.
    let rect = Rect::new(Coord { x: at.x0 + 4.5, y: at.y0 + 4.5 }, Coord { x: at.x1 - 4.5, y: at.y1 - 4.5 });
    let frame = Frame::fit(projection, extent, rect)?;
    let areas = Style {
        layers: style.layers.iter().filter(|l| matches!(l.paint, Paint::Fill(_) | Paint::Text(_))).cloned().collect(),
        ..style.clone()
    };
    let map = symbolize(&Input {
        style: &areas,
        layers: &atlas.layers,
        phase,
        frame: &frame,
        fonts: &atlas.fonts,
        focus: &[],
        lang,
    });
    let mut items = vec![Item::Rect { rect: at, fill: style.background, stroke: None }];
    items.extend(map.groups.into_iter().flat_map(|g| g.items));
    let (outline, mark) = mark(main, &frame, style.accent);
    let mark_box = outline_box(&outline).grow(2.0);
    // Names of the larger areas only (states, the story's state), small, kept off the mark.
    let rect_area = rect.width() * rect.height();
    let names: Vec<_> = map
        .drawn
        .labels
        .iter()
        .filter(|r| match &r.placement {
            Placement::Area { outline: Some(o), .. } => geo::Area::unsigned_area(o) >= MIN_NAMED * rect_area,
            _ => false,
        })
        .map(|r| {
            let s = NAME_SIZE / r.look.size;
            let mut r = r.clone();
            r.look.size = NAME_SIZE;
            r.look.letter_spacing *= s;
            r.look.halo = r.look.halo.map(|(c, w)| (c, w * s));
            r
        })
        .collect();
    let placed = labels::place(&atlas.fonts, names.clone(), Bbox::of_rect(&rect), &[mark_box], &[], &map.drawn);
    // On an inset this small a name set beside its area, or wider than it, reads as its
    // neighbour's: only names whose centre and ends lie inside their areas are kept.
    let inside = |p: &labels::Placed| {
        let b = p.boxes[0];
        let [c0, c1, c2, c3] = b.inner_corners(b.height() / 3.0);
        let spots = [b.centre(), c0, c1, c2, c3];
        names.iter().any(|r| match &r.placement {
            Placement::Area { outline: Some(o), .. } => {
                r.look.text.split_whitespace().eq(p.item.text.split_whitespace())
                    && spots.iter().all(|&c| geo::Contains::contains(o, &geo::Point::from(c)))
            }
            _ => false,
        })
    };
    items.extend(placed.into_iter().filter(inside).map(|p| Item::Text(p.item)));
    items.extend(mark);
    items.push(Item::Rect {
        rect: at,
        fill: Color { a: 0, ..style.background },
        stroke: Some(Stroke::plain(style.ink, 0.8)),
    });
    Ok(Group { id: "inset".into(), label: "inset".into(), clip: None, items })
}

/// The main map's frame traced on the inset, and the items that mark it: the outline,
/// and a ring around it where it is too small to see.
fn mark(main: &Frame, inset: &Frame, accent: Color) -> (Vec<Coord<f64>>, Vec<Item>) {
    let r = main.rect;
    let mut outline = Vec::new();
    for i in 0..=40 {
        let t = f64::from(i) / 40.0;
        let p = match i / 10 {
            0 => Coord { x: r.min().x + t * 4.0 * r.width(), y: r.min().y },
            1 => Coord { x: r.max().x, y: r.min().y + (t - 0.25) * 4.0 * r.height() },
            2 => Coord { x: r.max().x - (t - 0.5) * 4.0 * r.width(), y: r.max().y },
            _ => Coord { x: r.min().x, y: r.max().y - (t - 0.75) * 4.0 * r.height() },
        };
        if let Some(q) = main.to_lonlat(p).and_then(|(lon, lat)| inset.to_page(lon, lat)) {
            outline.push(q);
        }
    }
    let b = outline_box(&outline);
    let mut items = vec![Item::Path(PathItem {
        parts: vec![outline.clone()],
        closed: true,
        fill: Some(Fill::Solid(Color { a: 60, ..accent })),
        stroke: Some(Stroke::plain(accent, 1.2)),
        arrow: false,
    })];
    if b.x1 - b.x0 < SMALLEST_MARK || b.y1 - b.y0 < SMALLEST_MARK {
        items.push(Item::Symbol(SymbolItem {
            x: (b.x0 + b.x1) / 2.0,
            y: (b.y0 + b.y1) / 2.0,
            shape: SymbolShape::Dot,
            radius: SMALLEST_MARK * 0.6,
            fill: Color { a: 0, ..accent },
            stroke: Some(Stroke::plain(accent, 1.4)),
        }));
    }
    (outline, items)
}

/// The box around a traced outline (empty at the origin if nothing of it shows).
fn outline_box(outline: &[Coord<f64>]) -> Bbox {
    let xs = outline.iter().map(|c| c.x);
    let ys = outline.iter().map(|c| c.y);
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if outline.is_empty() {
        Bbox { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0 }
    } else {
        Bbox { x0, y0, x1, y1 }
    }
}
