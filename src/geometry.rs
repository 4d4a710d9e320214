//! Geometry on the page: boxes, clipping to the map frame and simplifying to the output
//! resolution.

use geo::{
    BooleanOps, BoundingRect, Contains, Coord, Geometry, Intersects, LineString, MultiLineString, MultiPolygon,
    Polygon, Rect,
};

/// An axis-aligned box on the page: x0, y0, x1, y1 in points (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Bbox {
    /// Its centre.
    pub fn centre(&self) -> Coord<f64> {
        Coord { x: (self.x0 + self.x1) / 2.0, y: (self.y0 + self.y1) / 2.0 }
    }

    /// Its corners moved `inset` in on both sides (a label's letters may overhang a border
    /// by that much), for telling which side of a border a label lies on.
    pub fn inner_corners(&self, inset: f64) -> [Coord<f64>; 4] {
        let b = self.grow(-inset);
        [(b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1)].map(|(x, y)| Coord { x, y })
    }

    /// A box from its left, top, width and height.
    pub fn xywh(x: f64, y: f64, w: f64, h: f64) -> Bbox {
        Bbox { x0: x, y0: y, x1: x + w, y1: y + h }
    }

    /// Whether the two boxes share any area.
    pub fn intersects(&self, o: &Bbox) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether the point lies in the box or on its edge.
    pub fn holds(&self, p: Coord<f64>) -> bool {
        p.x >= self.x0 && p.x <= self.x1 && p.y >= self.y0 && p.y <= self.y1
    }

    /// How far the point lies from the box (0 inside it).
    pub fn distance_to(&self, p: Coord<f64>) -> f64 {
        let dx = (self.x0 - p.x).max(p.x - self.x1).max(0.0);
        let dy = (self.y0 - p.y).max(p.y - self.y1).max(0.0);
        dx.hypot(dy)
    }

    /// Whether `o` lies wholly inside this box.
    pub fn contains(&self, o: &Bbox) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// The box grown by `d` on every side.
    pub fn grow(&self, d: f64) -> Bbox {
        Bbox { x0: self.x0 - d, y0: self.y0 - d, x1: self.x1 + d, y1: self.y1 + d }
    }

    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// The box of a geo rectangle.
    pub fn of_rect(r: &geo::Rect<f64>) -> Bbox {
        Bbox { x0: r.min().x, y0: r.min().y, x1: r.max().x, y1: r.max().y }
    }

    /// As a geo rectangle, for tests against polygons.
    pub fn to_rect(&self) -> geo::Rect<f64> {
        geo::Rect::new(geo::Coord { x: self.x0, y: self.y0 }, geo::Coord { x: self.x1, y: self.y1 })
    }
}

/// Page-space geometry ready to draw: rings (closed) or lines (open), and points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// Polygons: each a list of rings (outer first), in page points.
    pub polygons: Vec<Vec<Vec<Coord<f64>>>>,
    /// Open lines, in page points.
    pub lines: Vec<Vec<Coord<f64>>>,
    /// Points, in page points.
    pub points: Vec<Coord<f64>>,
}

/// The lines of a shape (its open lines and its polygons' rings) outside `mask`, as open
/// lines; its points as they are.
pub fn lines_outside(shape: &Shape, mask: &geo::MultiPolygon<f64>) -> Shape {
    use geo::BooleanOps;
    let parts = shape.lines.iter().chain(shape.polygons.iter().flatten());
    let lines = geo::MultiLineString::new(parts.map(|p| geo::LineString::from(p.clone())).collect());
    let outside = mask.clip(&lines, true);
    let lines = outside.0.into_iter().map(|l| l.0).filter(|l| l.len() > 1).collect();
    Shape { polygons: vec![], lines, points: shape.points.clone() }
}

impl Shape {
    /// Whether nothing is left to draw.
    pub fn is_empty(&self) -> bool {
        self.polygons.is_empty() && self.lines.is_empty() && self.points.is_empty()
    }

    /// The box of its polygons' outer rings, if it has any.
    pub fn polygon_box(&self) -> Option<Bbox> {
        let coords = self.polygons.iter().filter_map(|rings| rings.first()).flatten();
        coords.fold(None, |b: Option<Bbox>, c| {
            let b = b.unwrap_or(Bbox { x0: c.x, y0: c.y, x1: c.x, y1: c.y });
            Some(Bbox { x0: b.x0.min(c.x), y0: b.y0.min(c.y), x1: b.x1.max(c.x), y1: b.y1.max(c.y) })
        })
    }
}

/// Clips a page-space geometry to `clip` and simplifies it with tolerance `tol` (points).
pub fn prepare(g: &Geometry<f64>, clip: &Rect<f64>, tol: f64) -> Shape {
    let mut out = Shape::default();
    add(g, clip, tol, &mut out);
    out
}

fn add(g: &Geometry<f64>, clip: &Rect<f64>, tol: f64, out: &mut Shape) {
    match g {
        Geometry::Point(p) => {
            if clip.contains(p) {
                out.points.push(p.0);
            }
        }
        Geometry::MultiPoint(mp) => mp.iter().for_each(|p| add(&Geometry::Point(*p), clip, tol, out)),
        Geometry::LineString(l) => lines(&MultiLineString::new(vec![l.clone()]), clip, tol, out),
        Geometry::MultiLineString(ml) => lines(ml, clip, tol, out),
        Geometry::Line(l) => lines(&MultiLineString::new(vec![LineString::from(*l)]), clip, tol, out),
        Geometry::Polygon(p) => polygons(&MultiPolygon::new(vec![p.clone()]), clip, tol, out),
        Geometry::MultiPolygon(mp) => polygons(mp, clip, tol, out),
        Geometry::Rect(r) => polygons(&MultiPolygon::new(vec![r.to_polygon()]), clip, tol, out),
        Geometry::Triangle(t) => polygons(&MultiPolygon::new(vec![t.to_polygon()]), clip, tol, out),
        Geometry::GeometryCollection(gc) => gc.iter().for_each(|g| add(g, clip, tol, out)),
    }
}

fn lines(ml: &MultiLineString<f64>, clip: &Rect<f64>, tol: f64, out: &mut Shape) {
    let Some(bb) = ml.bounding_rect() else { return };
    if !bb.intersects(clip) {
        return;
    }
    let simplified = MultiLineString(ml.iter().map(|l| simplify(l, tol)).collect());
    let clipped = if clip.contains(&bb) { simplified } else { clip.to_polygon().clip(&simplified, false) };
    for l in clipped {
        if l.0.len() >= 2 {
            out.lines.push(l.0);
        }
    }
}

fn polygons(mp: &MultiPolygon<f64>, clip: &Rect<f64>, tol: f64, out: &mut Shape) {
    // Each polygon on its own: most lie wholly inside or outside the frame, and only
    // those crossing its edge are clipped.
    for p in mp {
        let Some(bb) = p.bounding_rect() else { continue };
        if !bb.intersects(clip) {
            continue;
        }
        let simplified =
            Polygon::new(simplify(p.exterior(), tol), p.interiors().iter().map(|r| simplify(r, tol)).collect());
        if clip.contains(&bb) {
            out.polygons.extend(rings(&simplified));
            continue;
        }
        let exterior = clip_ring(&simplified.exterior().0, clip);
        if exterior.len() < 4 {
            continue;
        }
        let mut clipped = vec![exterior];
        clipped.extend(simplified.interiors().iter().map(|h| clip_ring(&h.0, clip)).filter(|h| h.len() >= 4));
        out.polygons.push(clipped);
    }
}

/// The area of the part of polygon `p` inside `clip`: its rings clipped to the rectangle,
/// in linear time (a boolean intersection costs far more).
pub fn area_within(p: &Polygon<f64>, clip: &Rect<f64>) -> f64 {
    let ring_area = |r: &geo::LineString<f64>| {
        let pts = clip_ring(&r.0, clip);
        (pts.windows(2).map(|w| w[0].x * w[1].y - w[1].x * w[0].y).sum::<f64>() / 2.0).abs()
    };
    (ring_area(p.exterior()) - p.interiors().iter().map(ring_area).sum::<f64>()).max(0.0)
}

/// The part of a closed ring inside `clip` (Sutherland–Hodgman), closed again; empty if
/// nothing is inside. Where the ring leaves the rectangle and comes back, the result runs
/// along the rectangle's edge: the fill (even-odd) is exactly the ring's inside the
/// rectangle, and those stretches of outline lie on the clip edge, which is outside the
/// visible map. Linear time, where a boolean intersection cost a third of drawing a map.
fn clip_ring(ring: &[Coord<f64>], clip: &Rect<f64>) -> Vec<Coord<f64>> {
    let (min, max) = (clip.min(), clip.max());
    let mut pts: Vec<Coord<f64>> = ring.iter().take(ring.len().saturating_sub(1)).copied().collect();
    for side in 0..4 {
        let Some(&last) = pts.last() else { break };
        let inside = |c: Coord<f64>| match side {
            0 => c.x >= min.x,
            1 => c.x <= max.x,
            2 => c.y >= min.y,
            _ => c.y <= max.y,
        };
        let cross = |a: Coord<f64>, b: Coord<f64>| {
            let (edge, along_x) = match side {
                0 => (min.x, true),
                1 => (max.x, true),
                2 => (min.y, false),
                _ => (max.y, false),
            };
            if along_x {
                let t = (edge - a.x) / (b.x - a.x);
                Coord { x: edge, y: a.y + t * (b.y - a.y) }
            } else {
                let t = (edge - a.y) / (b.y - a.y);
                Coord { x: a.x + t * (b.x - a.x), y: edge }
            }
        };
        let mut out = Vec::with_capacity(pts.len() + 4);
        let mut prev = last;
        for &cur in &pts {
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => out.extend([cross(prev, cur), cur]),
                (false, false) => {}
            }
            prev = cur;
        }
        pts = out;
    }
    if pts.len() < 3 {
        return Vec::new();
    }
    pts.push(pts[0]);
    pts
}

/// Douglas–Peucker simplification: keeps the ends of `line` and every point that lies
/// more than `tol` from the chord of the stretch it is on. (geo's `Simplify` does the same
/// but measures with `hypot`, which made it half the cost of drawing a dense layer.)
pub fn simplify(line: &LineString<f64>, tol: f64) -> LineString<f64> {
    let pts = &line.0;
    if pts.len() < 3 || tol <= 0.0 {
        return line.clone();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (far, d2) =
            (a + 1..b)
                .map(|i| (i, distance2(pts[i], pts[a], pts[b])))
                .fold((a, 0.0), |m, x| if x.1 > m.1 { x } else { m });
        if d2 > tol * tol {
            keep[far] = true;
            stack.extend([(a, far), (far, b)]);
        }
    }
    LineString(pts.iter().zip(keep).filter(|(_, k)| *k).map(|(c, _)| *c).collect())
}

/// Squared distance from `p` to the segment `a`–`b`.
fn distance2(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 { (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let (ex, ey) = (p.x - a.x - t * dx, p.y - a.y - t * dy);
    ex * ex + ey * ey
}

fn rings(p: &Polygon<f64>) -> Option<Vec<Vec<Coord<f64>>>> {
    let ring = |l: &LineString<f64>| -> Option<Vec<Coord<f64>>> { (l.0.len() >= 4).then(|| l.0.clone()) };
    let mut out = vec![ring(p.exterior())?];
    out.extend(p.interiors().iter().filter_map(ring));
    Some(out)
}

/// A filled arrow along `line` (page points, tail first): the body widens from a third of
/// `width` at the tail to `width` where the head begins; the head is 3.2 widths wide and
/// 3 long (at most 40% of the line) and points along the line's last stretch.
pub fn tapered_arrow(line: &[Coord<f64>], width: f64) -> Option<Vec<Coord<f64>>> {
    let pts = resample(line, (width / 2.0).max(0.5));
    let len: f64 = pts.windows(2).map(|w| dist(w[0], w[1])).sum();
    if pts.len() < 2 || len <= width {
        return None;
    }
    let head = (3.0 * width).min(0.4 * len);
    let body = len - head;
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let mut at = 0.0;
    let mut base = None;
    for i in 0..pts.len() {
        if i > 0 {
            at += dist(pts[i - 1], pts[i]);
        }
        if at > body {
            // The head's base: interpolate on the segment that crosses it.
            let (a, b) = (pts[i - 1], pts[i]);
            let t = 1.0 - (at - body) / dist(a, b);
            base = Some((Coord { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) }, normal(a, b)));
            break;
        }
        let n = normal(pts[i.saturating_sub(1)], pts[(i + 1).min(pts.len() - 1)]);
        let half = width * (1.0 + 2.0 * at / body) / 6.0;
        left.push(Coord { x: pts[i].x + n.x * half, y: pts[i].y + n.y * half });
        right.push(Coord { x: pts[i].x - n.x * half, y: pts[i].y - n.y * half });
    }
    let (Coord { x: bx, y: by }, n) = base?;
    let tip = *pts.last()?;
    let (h, wing) = (width / 2.0, 1.6 * width);
    let mut ring = left;
    ring.push(Coord { x: bx + n.x * h, y: by + n.y * h });
    ring.push(Coord { x: bx + n.x * wing, y: by + n.y * wing });
    ring.push(tip);
    ring.push(Coord { x: bx - n.x * wing, y: by - n.y * wing });
    ring.push(Coord { x: bx - n.x * h, y: by - n.y * h });
    ring.extend(right.into_iter().rev());
    ring.push(ring[0]);
    Some(ring)
}

fn dist(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

/// The unit normal (to the left, in page coordinates) of the direction from `a` to `b`.
fn normal(a: Coord<f64>, b: Coord<f64>) -> Coord<f64> {
    let d = dist(a, b).max(1e-9);
    Coord { x: -(b.y - a.y) / d, y: (b.x - a.x) / d }
}

/// Points along `line` no more than `step` apart, keeping its vertices.
pub fn resample(line: &[Coord<f64>], step: f64) -> Vec<Coord<f64>> {
    use geo::{Densify, Euclidean};
    if line.len() < 2 || step <= 0.0 {
        return line.to_vec();
    }
    Euclidean.densify(&LineString::from(line.to_vec()), step).0
}

/// The circle of `km` kilometres around a point on the ground (on the WGS84 ellipsoid), as
/// a polygon of 72 sides in longitude and latitude.
pub fn ground_circle(centre: geo::Point<f64>, km: f64) -> Polygon<f64> {
    use geo::{Destination, Geodesic};
    let ring: Vec<Coord<f64>> =
        (0..=72).map(|i| Geodesic.destination(centre, f64::from(i % 72) * 5.0, km * 1000.0).into()).collect();
    Polygon::new(LineString::new(ring), vec![])
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{coord, polygon, Coord};

    fn frame() -> Rect<f64> {
        Rect::new(Coord { x: 0.0, y: 0.0 }, coord! { x: 100.0, y: 100.0 })
    }

    #[test]
    fn simplifying_keeps_the_ends_and_what_strays_beyond_the_tolerance() {
        let wobble: Vec<(f64, f64)> = (0..=100).map(|i| (i as f64, if i % 2 == 0 { 0.05 } else { -0.05 })).collect();
        assert_eq!(simplify(&LineString::from(wobble.clone()), 0.15).0.len(), 2);
        let mut spiked = wobble;
        spiked[40].1 = 3.0;
        let s = simplify(&LineString::from(spiked), 0.15);
        assert!(s.0.len() >= 3 && s.0.iter().any(|c| c.y == 3.0), "{s:?}");
        assert_eq!(s.0.first(), Some(&Coord { x: 0.0, y: 0.05 }));
        assert_eq!(s.0.last(), Some(&Coord { x: 100.0, y: 0.05 }));
    }

    #[test]
    fn polygons_are_clipped_to_the_frame() {
        let p = polygon![(x: -50.0, y: -50.0), (x: 50.0, y: -50.0), (x: 50.0, y: 50.0), (x: -50.0, y: 50.0)];
        let s = prepare(&Geometry::Polygon(p), &frame(), 0.1);
        let ring = &s.polygons[0][0];
        assert!(ring.iter().all(|c| (0.0..=100.0).contains(&c.x) && (0.0..=100.0).contains(&c.y)));
        assert!(ring.contains(&coord! { x: 50.0, y: 50.0 }));
    }

    #[test]
    fn a_concave_polygon_keeps_exactly_its_area_inside_the_frame() {
        let u = polygon![
            (x: -50.0, y: 10.0), (x: 60.0, y: 10.0), (x: 60.0, y: 90.0), (x: -50.0, y: 90.0),
            (x: -50.0, y: 70.0), (x: 40.0, y: 70.0), (x: 40.0, y: 30.0), (x: -50.0, y: 30.0),
        ];
        let s = prepare(&Geometry::Polygon(u), &frame(), 0.1);
        let ring = &s.polygons[0][0];
        let area: f64 = ring.windows(2).map(|w| w[0].x * w[1].y - w[1].x * w[0].y).sum::<f64>() / 2.0;
        assert!((area.abs() - (60.0 * 80.0 - 40.0 * 40.0)).abs() < 1e-9, "{area}");
        assert!(ring.iter().all(|c| c.x >= 0.0));
        let outside = polygon![(x: 200.0, y: 0.0), (x: 300.0, y: 0.0), (x: 300.0, y: 50.0)];
        assert!(prepare(&Geometry::Polygon(outside), &frame(), 0.1).is_empty());
    }

    #[test]
    fn lines_outside_vanish_and_crossing_lines_are_cut() {
        let outside = LineString::from(vec![(200.0, 200.0), (300.0, 300.0)]);
        assert!(prepare(&Geometry::LineString(outside), &frame(), 0.1).is_empty());
        let crossing = LineString::from(vec![(-10.0, 50.0), (110.0, 50.0)]);
        let s = prepare(&Geometry::LineString(crossing), &frame(), 0.1);
        let xs: Vec<f64> = s.lines[0].iter().map(|p| p.x).collect();
        assert_eq!((xs[0].min(xs[1]), xs[0].max(xs[1])), (0.0, 100.0));
    }

    #[test]
    fn tapered_arrows_widen_towards_a_head_at_the_end() {
        let ring = tapered_arrow(&[coord! { x: 0.0, y: 0.0 }, coord! { x: 100.0, y: 0.0 }], 4.0).unwrap();
        assert_eq!(ring.first(), ring.last());
        // The tip is the line's end; the widest point is the head's wing (1.6 widths).
        assert!(ring.contains(&coord! { x: 100.0, y: 0.0 }));
        let max_y = ring.iter().map(|p| p.y.abs()).fold(0.0, f64::max);
        assert!((max_y - 6.4).abs() < 1e-9, "{max_y}");
        // The tail is a third as wide as the body before the head.
        let tail = ring.iter().filter(|p| p.x == 0.0).map(|p| p.y.abs()).fold(0.0, f64::max);
        assert!((tail - 4.0 / 6.0).abs() < 1e-9, "{tail}");
        assert!(tapered_arrow(&[coord! { x: 0.0, y: 0.0 }, coord! { x: 1.0, y: 0.0 }], 4.0).is_none());
    }

    #[test]
    fn simplification_drops_points_within_tolerance() {
        let wiggle: Vec<(f64, f64)> = (0..=50).map(|i| (i as f64, 10.0 + 0.01 * (i % 2) as f64)).collect();
        let s = prepare(&Geometry::LineString(LineString::from(wiggle)), &frame(), 0.1);
        assert_eq!(s.lines[0].len(), 2);
    }

    #[test]
    fn ground_circles_keep_their_radius() {
        use geo::{Distance, Geodesic};
        let at = geo::Point::new(127.5, 46.2);
        let ring = ground_circle(at, 15.0);
        for c in ring.exterior().coords() {
            let d = Geodesic.distance(at, geo::Point::from(*c));
            assert!((d - 15_000.0).abs() < 1.0, "{d}");
        }
        assert_eq!(ring.exterior().0.first(), ring.exterior().0.last());
    }
}
