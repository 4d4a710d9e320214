//! Geometry validity: the OGC rules real-world data often breaks (rings that cross
//! themselves or each other, holes outside their shell, overlapping or nested parts of a
//! multipolygon). Such polygons are still drawn, as even-odd fills like other renderers
//! draw them, with a warning; `histmap check --strict` refuses them.

use geo::coordinate_position::{CoordPos, CoordinatePosition};
use geo::{BoundingRect, Contains, Geometry, Intersects, Polygon, RemoveRepeatedPoints, Validation};

/// What is wrong with a geometry, if anything, in words for a warning.
pub fn problem(g: &Geometry<f64>) -> Option<String> {
    let polygons: Vec<&Polygon<f64>> = match g {
        Geometry::Polygon(p) => vec![p],
        Geometry::MultiPolygon(mp) => mp.iter().collect(),
        Geometry::GeometryCollection(gc) => return gc.iter().find_map(problem),
        other => return other.validation_errors().first().map(|e| format!("invalid geometry: {e}")),
    };
    polygon_problem(&polygons).map(|e| format!("{e}; drawn even-odd"))
}

/// One ring's edge, for the sweep: which polygon and ring it belongs to.
#[derive(Clone)]
struct Edge {
    line: geo::Line<f64>,
    polygon: usize,
    ring: usize,
}

impl geo::sweep::Cross for Edge {
    type Scalar = f64;
    fn line(&self) -> geo::Line<f64> {
        self.line
    }
}

/// A ring by its role: the outer ring or a hole, counted from 1.
fn ring_name(ring: usize) -> String {
    if ring == 0 {
        "polygon's outer ring".into()
    } else {
        format!("polygon's hole {ring}")
    }
}

/// What geo's `Validation` finds in polygons, found by one sweep over all their edges
/// instead of comparing every edge with every other (which took seconds on the coasts):
/// too few points, a ring crossing itself, holes crossing, touching along a line or lying
/// outside their shell or inside one another, and members of a multipolygon that overlap,
/// touch along a line or lie one inside another.
fn polygon_problem(polygons: &[&Polygon<f64>]) -> Option<String> {
    let multi = polygons.len() > 1;
    let named = |i: usize, e: String| if multi { format!("part {} of the multipolygon: {e}", i + 1) } else { e };
    for (i, p) in polygons.iter().enumerate() {
        let mut rings = std::iter::once(p.exterior()).chain(p.interiors());
        if let Some(r) = rings.position(|ring| ring.remove_repeated_points().0.len() < 4) {
            return Some(named(i, format!("{} has fewer than 3 distinct points", ring_name(r))));
        }
    }
    let edges = polygons.iter().enumerate().flat_map(|(i, p)| {
        std::iter::once(p.exterior()).chain(p.interiors()).enumerate().flat_map(move |(r, ring)| {
            // A repeated vertex is no edge: what meets it meets its neighbours too.
            ring.lines().filter(|l| l.start != l.end).map(move |line| Edge { line, polygon: i, ring: r })
        })
    });
    for (a, b, meet) in geo::sweep::Intersections::from_iter(edges) {
        let along = matches!(meet, geo::LineIntersection::Collinear { .. });
        if a.polygon == b.polygon && a.ring == b.ring {
            if a.line.start != b.line.end && a.line.end != b.line.start {
                return Some(named(a.polygon, format!("{} crosses itself", ring_name(a.ring))));
            }
        } else if a.polygon == b.polygon {
            let (r, s) = (a.ring.min(b.ring), a.ring.max(b.ring));
            let e = match (along, r) {
                (true, _) => format!("{} and {} touch along a line", ring_name(r), ring_name(s)),
                (false, 0) if meet.is_proper() => format!("{} is not within its outer ring", ring_name(s)),
                (false, _) if meet.is_proper() => format!("{} and {} overlap", ring_name(r), ring_name(s)),
                _ => continue,
            };
            return Some(named(a.polygon, e));
        } else {
            let (i, j) = (a.polygon.min(b.polygon) + 1, a.polygon.max(b.polygon) + 1);
            if along {
                return Some(format!("parts {i} and {j} of the multipolygon touch along a line"));
            }
            if meet.is_proper() {
                return Some(format!("parts {i} and {j} of the multipolygon overlap"));
            }
        }
    }
    // Rings whose edges never cross may still lie wrongly one inside another.
    for (i, p) in polygons.iter().enumerate() {
        if let Some(e) = holes_problem(p) {
            return Some(named(i, e));
        }
    }
    let boxes: Vec<Option<geo::Rect<f64>>> = polygons.iter().map(|p| p.bounding_rect()).collect();
    for (i, p) in polygons.iter().enumerate() {
        let Some(&first) = p.exterior().0.first() else { continue };
        for (j, q) in polygons.iter().enumerate().filter(|(j, _)| *j != i) {
            if boxes[j].is_some_and(|b| b.contains(&first)) && q.contains(&first) {
                return Some(format!("part {} of the multipolygon lies inside part {}", i + 1, j + 1));
            }
        }
    }
    None
}

/// For rings whose edges do not cross: a hole outside its shell, or inside another hole.
fn holes_problem(p: &Polygon<f64>) -> Option<String> {
    if p.interiors().is_empty() {
        return None;
    }
    let shell = Polygon::new(p.exterior().clone(), vec![]);
    let holes: Vec<Polygon<f64>> = p.interiors().iter().map(|h| Polygon::new(h.clone(), vec![])).collect();
    for (k, hole) in holes.iter().enumerate() {
        if where_is(hole.exterior(), &shell) == Some(CoordPos::Outside) {
            return Some(format!("{} is not within its outer ring", ring_name(k + 1)));
        }
        for (m, other) in holes.iter().enumerate().filter(|(m, _)| *m != k) {
            if where_is(hole.exterior(), other) == Some(CoordPos::Inside) {
                let (r, s) = (k.min(m) + 1, k.max(m) + 1);
                return Some(format!("{} and {} overlap", ring_name(r), ring_name(s)));
            }
        }
    }
    None
}

/// Where a ring lies against a polygon whose edges it does not cross: told by its first
/// vertex off the polygon's boundary (none if every vertex is on it).
fn where_is(ring: &geo::LineString<f64>, polygon: &Polygon<f64>) -> Option<CoordPos> {
    let bounds = polygon.bounding_rect()?;
    ring.0.iter().find_map(|c| {
        if !bounds.intersects(c) {
            return Some(CoordPos::Outside);
        }
        Some(polygon.coordinate_position(c)).filter(|pos| *pos != CoordPos::OnBoundary)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

    fn square(x: f64, y: f64, s: f64) -> Polygon<f64> {
        polygon![(x: x, y: y), (x: x + s, y: y), (x: x + s, y: y + s), (x: x, y: y + s)]
    }

    /// The sweep finds what geo's (quadratic) validation finds, on the cases that matter.
    #[test]
    fn problems_agree_with_geo() {
        let bow_tie = polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 2.0), (x: 2.0, y: 0.0), (x: 0.0, y: 2.0)];
        let cases: Vec<Geometry<f64>> = vec![
            square(0.0, 0.0, 1.0).into(),
            bow_tie.into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 2.0), square(1.0, 1.0, 2.0)]).into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 1.0), square(1.0, 1.0, 1.0)]).into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 1.0), square(1.0, 0.0, 1.0)]).into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 4.0), square(1.0, 1.0, 1.0)]).into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 1.0), square(3.0, 0.0, 1.0)]).into(),
            // A repeated vertex touching another member: a point, not a line.
            MultiPolygon::new(vec![
                square(0.0, 0.0, 1.0),
                polygon![(x: 1.0, y: 0.5), (x: 1.0, y: 0.5), (x: 2.0, y: 0.0), (x: 2.0, y: 1.0)],
            ])
            .into(),
        ];
        let with_holes = |holes: &[Polygon<f64>]| -> Geometry<f64> {
            let rings = holes.iter().map(|h| h.exterior().clone()).collect();
            Polygon::new(square(0.0, 0.0, 8.0).exterior().clone(), rings).into()
        };
        let holes = [
            vec![square(1.0, 1.0, 2.0)],
            vec![square(9.0, 1.0, 1.0)],
            vec![square(-1.0, -1.0, 10.0)],
            vec![square(7.0, 1.0, 2.0)],
            vec![square(0.0, 1.0, 2.0)],
            vec![square(1.0, 1.0, 2.0), square(2.0, 2.0, 2.0)],
            vec![square(1.0, 1.0, 4.0), square(2.0, 2.0, 1.0)],
            vec![square(1.0, 1.0, 2.0), square(3.0, 1.0, 2.0)],
            vec![square(1.0, 1.0, 2.0), square(5.0, 5.0, 2.0)],
            vec![polygon![(x: 0.0, y: 4.0), (x: 2.0, y: 3.0), (x: 2.0, y: 5.0)]],
        ];
        let cases = cases.into_iter().chain(holes.iter().map(|h| with_holes(h)));
        for g in cases {
            let ours = problem(&g);
            let geo = g.validation_errors().first().map(|e| e.to_string());
            assert_eq!(ours.is_some(), geo.is_some(), "{g:?}: ours {ours:?}, geo {geo:?}");
        }
    }

    #[test]
    fn each_problem_is_named() {
        let with_hole = |hole: Polygon<f64>| -> Geometry<f64> {
            Polygon::new(square(0.0, 0.0, 4.0).exterior().clone(), vec![hole.exterior().clone()]).into()
        };
        let cases: [(Geometry<f64>, &str); 5] = [
            (with_hole(square(5.0, 0.0, 1.0)), "polygon's hole 1 is not within its outer ring; drawn even-odd"),
            (with_hole(square(-1.0, -1.0, 6.0)), "polygon's hole 1 is not within its outer ring"),
            (with_hole(square(3.0, 1.0, 2.0)), "polygon's hole 1 is not within its outer ring"),
            (
                MultiPolygon::new(vec![square(0.0, 0.0, 4.0), square(1.0, 1.0, 1.0)]).into(),
                "part 2 of the multipolygon lies inside part 1; drawn even-odd",
            ),
            (
                polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 2.0), (x: 2.0, y: 0.0), (x: 0.0, y: 2.0)].into(),
                "polygon's outer ring crosses itself; drawn even-odd",
            ),
        ];
        for (g, message) in cases {
            let found = problem(&g).unwrap_or_default();
            assert!(found.starts_with(message), "{g:?}: {found}");
        }
        // A hole touching its shell at one vertex is valid (OGC), and drawn without a word.
        let touching = polygon![(x: 1.0, y: 0.0), (x: 2.0, y: 1.0), (x: 1.0, y: 2.0)];
        assert_eq!(problem(&with_hole(touching)), None);
    }
}
