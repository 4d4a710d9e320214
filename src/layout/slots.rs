//! Furniture slots: where along the map's edge a legend, inset or scale bar hides least.

use super::Drawn;
use crate::geometry::{area_within, Bbox};
use geo::{Area, BoundingRect, Coord};

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

/// The box of `size` along the map's edge that covers no `furniture`, as few `labels` and
/// story point symbols as it can, and hides the least of the map (see `cost`).
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
    let inside = |g: Bbox| move |p: &&Coord<f64>| g.holds(**p);
    // The story's own point symbols (battles, bases) under or just beside the box.
    let key_marks = |b: &Bbox| drawn.key_marks.iter().filter(inside(b.grow(15.0))).count();
    // Cost: anchors (label positions, movements) within a margin of the box, and point
    // symbols twenty times over.
    let cost = |b: &Bbox| {
        let g = b.grow(15.0);
        let anchors =
            drawn.anchors.iter().filter(inside(g)).count() + 20 * drawn.marks.iter().filter(inside(g)).count();
        // Each story area costs the share of it the box would hide (600 for all of it), so a
        // box may cover a corner of a large state but not half of a small disputed strip.
        let hidden: f64 = drawn
            .key_areas
            .iter()
            .filter(|p| p.bounding_rect().is_some_and(|r| Bbox::of_rect(&r).intersects(&g)))
            .map(|p| {
                let area = p.unsigned_area().max(1.0);
                let covered = covered(p, &g);
                // Hiding any of a small story area (a strip, a leased territory) is worse still.
                let small = if covered > 0.0 && area < 0.05 * map.width() * map.height() { 30.0 } else { 0.0 };
                600.0 * covered / area + small
            })
            .sum();
        anchors + hidden.round() as usize
    };
    // Covering furniture is worst, then covering labels, then the story's point symbols,
    // then hiding the map.
    let clashes = |b: &Bbox, with: &[Bbox]| with.iter().filter(|p| p.grow(4.0).intersects(b)).count();
    boxes.min_by_key(|b| (clashes(b, furniture), clashes(b, labels), key_marks(b), cost(b))).expect("slots")
}

/// Whether furniture in box `b` would hide any of the story: a point symbol, a label's
/// place or a movement, a story symbol, more than a twentieth of a story area, or any
/// of a small one. Such a legend goes under the map instead.
pub fn hides_story(map: &Bbox, b: &Bbox, drawn: &Drawn) -> bool {
    let g = b.grow(4.0);
    let covers = |points: &[Coord<f64>]| points.iter().any(|p| g.holds(*p));
    if covers(&drawn.marks) || covers(&drawn.anchors) || covers(&drawn.key_marks) {
        return true;
    }
    drawn.key_areas.iter().filter(|p| p.bounding_rect().is_some_and(|r| Bbox::of_rect(&r).intersects(&g))).any(|p| {
        let (area, covered) = (p.unsigned_area().max(1.0), covered(p, &g));
        covered > 0.05 * area || (covered > 0.0 && area < 0.05 * map.width() * map.height())
    })
}

/// How much of an area a box hides.
fn covered(area: &geo::MultiPolygon<f64>, b: &Bbox) -> f64 {
    area.iter().map(|p| area_within(p, &b.to_rect())).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_keeps_off_the_storys_point_symbols_before_anything_else() {
        let map = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // Town dots all over the map but in the bottom-right corner, which holds one dot.
        let mut marks: Vec<Coord<f64>> = (0..20)
            .flat_map(|i| (0..15).map(move |j| Coord { x: i as f64 * 20.0 + 10.0, y: j as f64 * 20.0 + 10.0 }))
            .filter(|c| c.x < 280.0 || c.y < 220.0)
            .collect();
        marks.push(Coord { x: 390.0, y: 290.0 });
        let plain = Drawn { marks: marks.clone(), ..Default::default() };
        let b = emptiest_slot(&map, (100.0, 60.0), &plain, &[], &[]);
        assert_eq!((b.x1, b.y1), (392.0, 292.0), "a town dot: the emptiest corner is taken");
        // When that one dot is a story base, the legend goes anywhere else.
        let story = Drawn { marks, key_marks: vec![Coord { x: 390.0, y: 290.0 }], ..Default::default() };
        let b = emptiest_slot(&map, (100.0, 60.0), &story, &[], &[]);
        assert!(b.x1 < 375.0 || b.y1 < 275.0, "{b:?}");
    }
}
