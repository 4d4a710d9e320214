//! Furniture slots: where along the map's edge a legend, inset or scale bar hides least.

use crate::layout::Bbox;
use crate::symbolize::Drawn;
use geo::{Area, BoundingRect, Coord, Rect};

/// Where along the frame furniture may go, as fractions of the free width and height,
/// in order of preference on ties: the corners, the middles of the edges, then between.
const SLOTS: [(f64, f64); 16] = [
    (1.0, 1.0),
    (0.0, 1.0),
    (1.0, 0.0),
    (0.0, 0.0),
    (0.5, 1.0),
    (0.5, 0.0),
    (1.0, 0.5),
    (0.0, 0.5),
    (0.25, 1.0),
    (0.75, 1.0),
    (0.25, 0.0),
    (0.75, 0.0),
    (1.0, 0.25),
    (1.0, 0.75),
    (0.0, 0.25),
    (0.0, 0.75),
];

/// The box of `size` along the map's edge that covers no `furniture`, as few `labels` as
/// it can, and hides the least of the map (see `cost`).
pub fn emptiest_slot(map: &Bbox, size: (f64, f64), drawn: &Drawn, furniture: &[Bbox], labels: &[Bbox]) -> Bbox {
    let pad = 8.0;
    let boxes = SLOTS.iter().map(|&(fx, fy)| {
        Bbox::xywh(
            map.x0 + pad + fx * (map.width() - 2.0 * pad - size.0),
            map.y0 + pad + fy * (map.height() - 2.0 * pad - size.1),
            size.0,
            size.1,
        )
    });
    // Cost: anchors (label positions, movements) within a margin of the box, and point
    // symbols twenty times over.
    let cost = |b: &Bbox| {
        let g = b.grow(15.0);
        let inside = |(x, y): &&(f64, f64)| *x >= g.x0 && *x <= g.x1 && *y >= g.y0 && *y <= g.y1;
        let anchors = drawn.anchors.iter().filter(inside).count() + 20 * drawn.marks.iter().filter(inside).count();
        // Each story area costs the share of it the box would hide (600 for all of it), so a
        // box may cover a corner of a large state but not half of a small disputed strip.
        let boxed = Rect::new(Coord { x: g.x0, y: g.y0 }, Coord { x: g.x1, y: g.y1 }).to_polygon();
        let hidden: f64 = drawn
            .key_areas
            .iter()
            .filter(|p| {
                p.bounding_rect()
                    .is_some_and(|r| r.min().x < g.x1 && r.max().x > g.x0 && r.min().y < g.y1 && r.max().y > g.y0)
            })
            .map(|p| {
                use geo::BooleanOps;
                let area = p.unsigned_area().max(1.0);
                let covered = p.intersection(&boxed).unsigned_area();
                // Hiding any of a small story area (a strip, a leased territory) is worse still.
                let small = if covered > 0.0 && area < 0.05 * map.width() * map.height() { 30.0 } else { 0.0 };
                600.0 * covered / area + small
            })
            .sum();
        anchors + hidden.round() as usize
    };
    // Covering furniture is worst, then covering labels, then hiding the map.
    let clashes = |b: &Bbox, with: &[Bbox]| with.iter().filter(|p| p.grow(4.0).intersects(b)).count();
    boxes.min_by_key(|b| (clashes(b, furniture), clashes(b, labels), cost(b))).expect("slots")
}
