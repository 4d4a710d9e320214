//! The locator inset of a close-up: land and state borders of a wider area, with the main
//! map's frame outlined on it.

use crate::data::Layers;
use crate::error::Result;
use crate::extent::Extent;
use crate::geometry::prepare;
use crate::geometry::Bbox;
use crate::project::{Frame, Projection};
use crate::scene::{Color, Fill, Group, Item, PathItem, Stroke};
use crate::story::Phase;
use crate::style::{Paint, Style};
use geo::{Coord, Rect};

/// A locator map of `extent` in the box `at`, drawn in `projection`, outlining where the
/// `main` map lies.
pub fn inset(
    style: &Style,
    layers: &Layers,
    phase: &Phase,
    projection: Projection,
    extent: Extent,
    main: &Frame,
    at: Bbox,
) -> Result<Group> {
    let rect = Rect::new(Coord { x: at.x0 + 3.0, y: at.y0 + 3.0 }, Coord { x: at.x1 - 3.0, y: at.y1 - 3.0 });
    let inset = Frame::fit(projection, extent, rect)?;
    let ink = style.ink;
    let mut items = vec![Item::Rect { rect: at, fill: style.background, stroke: Some(Stroke::plain(ink, 0.8)) }];
    let land_fill = style
        .layers
        .iter()
        .find_map(|l| match &l.paint {
            Paint::Fill(p) if l.source == "land" => Some(p.color()),
            _ => None,
        })
        .unwrap_or(Color::rgb(240, 236, 226));
    if let Some(land) = layers.get("land") {
        for f in &land.features {
            if let Some(page) = inset.project(&f.geometry, 0.3) {
                let shape = prepare(&page, &rect, 0.3);
                if !shape.polygons.is_empty() {
                    items.push(Item::Path(PathItem {
                        parts: shape.polygons.concat(),
                        closed: true,
                        fill: Some(Fill::Solid(land_fill)),
                        stroke: None,
                        arrow: false,
                    }));
                }
            }
        }
    }
    if let Some(states) = layers.get("states") {
        let border = Stroke::plain(Color { a: 150, ..ink }, 0.4);
        for f in states.features.iter().filter(|f| f.exists_during(&phase.dates)) {
            if let Some(page) = inset.project(&f.geometry, 0.3) {
                let shape = prepare(&page, &rect, 0.3);
                let parts: Vec<_> = shape.polygons.concat();
                if !parts.is_empty() {
                    items.push(Item::Path(PathItem {
                        parts,
                        closed: false,
                        fill: None,
                        stroke: Some(border.clone()),
                        arrow: false,
                    }));
                }
            }
        }
    }
    // The main map's frame, traced along its edges.
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
    let accent = style.accent;
    items.push(Item::Path(PathItem {
        parts: vec![outline],
        closed: true,
        fill: Some(Fill::Solid(Color { a: 60, ..accent })),
        stroke: Some(Stroke::plain(accent, 1.2)),
        arrow: false,
    }));
    Ok(Group { id: "inset".into(), label: "inset".into(), clip_to_map: false, items })
}
