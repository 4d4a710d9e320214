//! Geometry validity: the OGC rules real-world data often breaks (rings that cross
//! themselves or each other, holes outside their shell, overlapping or nested parts of a
//! multipolygon). Such polygons are still drawn, as even-odd fills like other renderers
//! draw them, with a warning; `histmap check --strict` refuses them.

use geo::{BoundingRect, Contains, Geometry, Polygon, RemoveRepeatedPoints, Validation};

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

fn role_name(role: &geo::algorithm::validation::RingRole) -> String {
    match role {
        geo::algorithm::validation::RingRole::Exterior => ring_name(0),
        geo::algorithm::validation::RingRole::Interior(i) => ring_name(i + 1),
    }
}

/// What geo's `Validation` finds in polygons, found by one sweep over all their edges
/// instead of comparing every edge with every other (which took seconds on the coasts):
/// too few points, a ring crossing itself, and members of a multipolygon that overlap or
/// touch along a line. Polygons with holes are handed to geo for the rules about holes.
fn polygon_problem(polygons: &[&Polygon<f64>]) -> Option<String> {
    use geo::algorithm::validation::InvalidPolygon as P;
    let multi = polygons.len() > 1;
    let named = |i: usize, e: String| if multi { format!("part {} of the multipolygon: {e}", i + 1) } else { e };
    for (i, p) in polygons.iter().enumerate() {
        if p.exterior().remove_repeated_points().0.len() < 4 {
            return Some(named(i, format!("{} has fewer than 3 distinct points", ring_name(0))));
        }
        if p.interiors().is_empty() {
            continue;
        }
        let found = p.validation_errors().into_iter().next().map(|e| match &e {
            P::TooFewPointsInRing(r) => format!("{} has fewer than 3 distinct points", role_name(r)),
            P::SelfIntersection(r) => format!("{} crosses itself", role_name(r)),
            P::InteriorRingNotContainedInExteriorRing(r) => format!("{} is not within its outer ring", role_name(r)),
            P::IntersectingRingsOnALine(a, b) => format!("{} and {} touch along a line", role_name(a), role_name(b)),
            P::IntersectingRingsOnAnArea(a, b) => format!("{} and {} overlap", role_name(a), role_name(b)),
            other => other.to_string(),
        });
        if let Some(e) = found {
            return Some(named(i, e));
        }
    }
    let edges = polygons.iter().enumerate().flat_map(|(i, p)| {
        std::iter::once(p.exterior()).chain(p.interiors()).enumerate().flat_map(move |(r, ring)| {
            // A repeated vertex is no edge: what meets it meets its neighbours too.
            ring.lines().filter(|l| l.start != l.end).map(move |line| Edge { line, polygon: i, ring: r })
        })
    });
    for (a, b, meet) in geo::sweep::Intersections::from_iter(edges) {
        if a.polygon == b.polygon && a.ring == b.ring {
            if a.line.start != b.line.end && a.line.end != b.line.start {
                return Some(named(a.polygon, format!("{} crosses itself", ring_name(a.ring))));
            }
        } else if a.polygon != b.polygon {
            let (i, j) = (a.polygon.min(b.polygon) + 1, a.polygon.max(b.polygon) + 1);
            match meet {
                geo::LineIntersection::Collinear { .. } => {
                    return Some(format!("parts {i} and {j} of the multipolygon touch along a line"))
                }
                m if m.is_proper() => return Some(format!("parts {i} and {j} of the multipolygon overlap")),
                _ => {}
            }
        }
    }
    // Members whose edges never cross may still lie one inside another.
    for (i, p) in polygons.iter().enumerate() {
        let Some(&first) = p.exterior().0.first() else { continue };
        for (j, q) in polygons.iter().enumerate().filter(|(j, _)| *j != i) {
            if q.bounding_rect().is_some_and(|b| b.contains(&first)) && q.contains(&first) {
                return Some(format!("part {} of the multipolygon lies inside part {}", i + 1, j + 1));
            }
        }
    }
    None
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
