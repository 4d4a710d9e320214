//! Symbol displacement: where two point symbols of different features would be drawn over
//! each other, the upper one moves just clear of the other, tied to its place by a leader,
//! as an atlas draws a mission's flag beside the town it stands in.

use crate::geometry::Bbox;
use crate::layout::labels::NEIGHBOUR;
use crate::scene::SymbolShape;
use geo::Coord;

/// A point symbol about to be drawn, in drawing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The feature it marks (symbols of one feature make one sign, and never move apart).
    pub owner: usize,
    /// Where its feature is, page points.
    pub at: Coord<f64>,
    /// Its shape.
    pub shape: SymbolShape,
    /// Its radius, points.
    pub radius: f64,
    /// Its outline's width, points (0 for none).
    pub stroke: f64,
    /// Whether it is an outline only (a ring, a hollow triangle), which may enclose another.
    pub hollow: bool,
}

impl Glyph {
    /// Half the width of the square it covers.
    pub fn reach(&self) -> f64 {
        let k = match self.shape {
            SymbolShape::Dot => 1.0,
            SymbolShape::Square => 1.0,
            SymbolShape::Star => 1.25,
            SymbolShape::Triangle => 1.35,
            SymbolShape::Swords => 1.2,
            SymbolShape::Flag => 1.4,
            // Its frame is half as wide again as high; the size's marks stand above it.
            SymbolShape::Unit(..) => 1.6,
        };
        self.radius * k + self.stroke / 2.0
    }

    /// Radius of its body, which a hollow sign around it must clear (a star's thin tips
    /// may touch it).
    fn core(&self) -> f64 {
        let k = match self.shape {
            SymbolShape::Star => 0.8,
            _ => 1.0,
        };
        self.radius * k + self.stroke / 2.0
    }

    /// Radius of the clear space inside a hollow symbol.
    fn inner(&self) -> f64 {
        if !self.hollow {
            return 0.0;
        }
        let k = match self.shape {
            SymbolShape::Dot => 1.0,
            SymbolShape::Square => 1.0,
            // The circle inscribed in the downward triangle (see the SVG writer).
            SymbolShape::Triangle => 0.55 * 1.35,
            SymbolShape::Star | SymbolShape::Swords | SymbolShape::Flag | SymbolShape::Unit(..) => 0.0,
        };
        self.radius * k - self.stroke / 2.0
    }

    fn square(&self, at: Coord<f64>) -> Bbox {
        let r = self.reach();
        Bbox { x0: at.x - r, y0: at.y - r, x1: at.x + r, y1: at.y + r }
    }
}

/// Whether `a` drawn at `pa` and `b` at `pb` would be drawn over each other: they overlap,
/// and neither is a hollow sign enclosing the other whole.
fn clash(a: &Glyph, pa: Coord<f64>, b: &Glyph, pb: Coord<f64>) -> bool {
    // Half a point each way, so that signs set apart do not touch.
    if a.owner == b.owner || !a.square(pa).grow(0.5).intersects(&b.square(pb).grow(0.5)) {
        return false;
    }
    let d = (pa.x - pb.x).hypot(pa.y - pb.y);
    let encloses = |outer: &Glyph, inner: &Glyph| d + inner.core() <= outer.inner();
    !(encloses(a, b) || encloses(b, a))
}

/// A diagonal step's share of each axis.
const D: f64 = std::f64::consts::FRAC_1_SQRT_2;

/// Directions a moved symbol may take, in order of preference: up and to the right first,
/// where a flag or a small sign reads as attached to the place below it.
const DIRECTIONS: [(f64, f64); 8] =
    [(D, -D), (1.0, 0.0), (0.0, -1.0), (-D, -D), (D, D), (-1.0, 0.0), (0.0, 1.0), (-D, D)];

/// Whether one point lies on another's side of every border that matters (see
/// [`displace`]): given two page points, true if a symbol may move from the first to the
/// second.
pub type Side<'a> = &'a dyn Fn(Coord<f64>, Coord<f64>) -> bool;

/// Where each glyph is drawn, in `glyphs`' order: at its own point, or, where it would be
/// drawn over a symbol below it, at the nearest spot around its point that is inside
/// `frame`, on its point's `side` of every border and clear of every other symbol. It
/// moves away from what it would cover first (so a battle north of a town stays north of
/// it), and the hollow signs it encloses or that enclose it (a ring round a town) move
/// with it, as one sign. A glyph with no clear spot stays where it is.
pub fn displace(glyphs: &[Glyph], frame: &Bbox, side: Side) -> Vec<Coord<f64>> {
    let mut at: Vec<Coord<f64>> = glyphs.iter().map(|g| g.at).collect();
    for (i, g) in glyphs.iter().enumerate() {
        let below: Vec<usize> = (0..i).filter(|&j| clash(g, at[i], &glyphs[j], at[j])).collect();
        if below.is_empty() {
            continue;
        }
        // The sign it is part of: itself and the glyphs at its place it encloses or that
        // enclose it.
        let sign: Vec<usize> = (0..glyphs.len())
            .filter(|&k| k == i || (glyphs[k].at == g.at && at[k] == glyphs[k].at && nested(g, &glyphs[k])))
            .collect();
        let free = |shift: Coord<f64>| {
            sign.iter().all(|&k| {
                let p = at[k] + shift;
                frame.contains(&glyphs[k].square(p))
                    && side(glyphs[k].at, p)
                    && (0..glyphs.len()).all(|j| sign.contains(&j) || !clash(&glyphs[k], p, &glyphs[j], at[j]))
            })
        };
        // Away from what it would cover first, then around; just clear of it, then a
        // little further out.
        let (mut ax, mut ay) = (0.0, 0.0);
        for &j in &below {
            ax += g.at.x - at[j].x;
            ay += g.at.y - at[j].y;
        }
        let len = ax.hypot(ay);
        let away = (len > 0.3).then(|| (ax / len, ay / len));
        let near = below.iter().map(|&j| glyphs[j].reach()).fold(0.0, f64::max) + g.reach() + 1.5;
        let shift = [near, near * 1.5, near * 2.0]
            .into_iter()
            .flat_map(|d| away.into_iter().chain(DIRECTIONS).map(move |(dx, dy)| Coord { x: dx * d, y: dy * d }))
            .find(|&s| free(s));
        if let Some(s) = shift {
            for &k in &sign {
                at[k] = at[k] + s;
            }
        }
    }
    at
}

/// A filled area as drawn, with its box and size, for [`same_side`].
pub type Ground = (geo::Polygon<f64>, Bbox, f64);

/// Whether `q` lies on `p`'s side of every border among `fills`: in no area that leaves
/// `p` out and is at least a [`NEIGHBOUR`] of the smallest area holding `p` (a lake or a
/// district under a symbol does not count; a neighbouring state does).
pub fn same_side(fills: &[Ground], p: Coord<f64>, q: Coord<f64>) -> bool {
    let holds =
        |(poly, b, _): &Ground, c: Coord<f64>| b.holds(c) && geo::Contains::contains(poly, &geo::Point::from(c));
    let smallest = fills.iter().filter(|f| holds(f, p)).map(|f| f.2).fold(f64::INFINITY, f64::min);
    let floor = if smallest.is_finite() { smallest * NEIGHBOUR } else { 0.0 };
    !fills.iter().any(|f| f.2 >= floor && holds(f, q) && !holds(f, p))
}

/// Whether one of two glyphs at one place is a hollow sign enclosing the other whole.
fn nested(a: &Glyph, b: &Glyph) -> bool {
    let encloses = |outer: &Glyph, inner: &Glyph| inner.core() <= outer.inner();
    encloses(a, b) || encloses(b, a)
}

/// The leader from a place to its moved symbol: from the edge of the place's own sign
/// (`clear` points out from it) to the moved symbol's edge; `None` if they touch.
pub fn leader(from: Coord<f64>, to: Coord<f64>, clear: f64, reach: f64) -> Option<[Coord<f64>; 2]> {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let d = dx.hypot(dy);
    if d <= clear + reach + 0.5 {
        return None;
    }
    let (ux, uy) = (dx / d, dy / d);
    Some([
        Coord { x: from.x + ux * clear, y: from.y + uy * clear },
        Coord { x: to.x - ux * reach, y: to.y - uy * reach },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(owner: usize, x: f64, y: f64, shape: SymbolShape, radius: f64, hollow: bool) -> Glyph {
        Glyph { owner, at: Coord { x, y }, shape, radius, stroke: 0.8, hollow }
    }

    const FRAME: Bbox = Bbox { x0: 0.0, y0: 0.0, x1: 200.0, y1: 200.0 };

    #[test]
    fn a_symbol_on_another_moves_clear_of_it_and_nothing_else_moves() {
        let glyphs = [
            glyph(1, 100.0, 100.0, SymbolShape::Dot, 2.4, false),
            glyph(2, 150.0, 100.0, SymbolShape::Dot, 2.4, false),
            glyph(3, 100.0, 100.0, SymbolShape::Flag, 4.0, false),
        ];
        let at = displace(&glyphs, &FRAME, &|_, _| true);
        assert_eq!(&at[..2], &[glyphs[0].at, glyphs[1].at]);
        assert_ne!(at[2], glyphs[2].at);
        for (j, b) in glyphs[..2].iter().enumerate() {
            assert!(!clash(&glyphs[2], at[2], b, at[j]), "the flag still covers symbol {j}");
        }
        // Moved no further than it must: within twice the two reaches.
        let d = (at[2].x - 100.0).hypot(at[2].y - 100.0);
        assert!(d <= 2.0 * (glyphs[0].reach() + glyphs[2].reach() + 1.0), "moved {d} pt");
    }

    #[test]
    fn a_ring_around_a_dot_and_the_signs_of_one_feature_stay_put() {
        let glyphs = [
            glyph(1, 50.0, 50.0, SymbolShape::Dot, 2.4, false),
            glyph(2, 50.0, 50.0, SymbolShape::Dot, 4.5, true),
            glyph(4, 120.0, 50.0, SymbolShape::Dot, 3.0, false),
            glyph(4, 120.0, 50.0, SymbolShape::Star, 3.0, false),
            glyph(5, 120.0, 50.0, SymbolShape::Triangle, 6.5, true),
        ];
        let at = displace(&glyphs, &FRAME, &|_, _| true);
        assert_eq!(at, glyphs.iter().map(|g| g.at).collect::<Vec<_>>());
    }

    #[test]
    fn a_moved_symbol_keeps_inside_the_frame_and_off_the_symbols_still_to_come() {
        // The flag's first choice (up and right) would leave the frame; its second (right)
        // would cover a star drawn after it.
        let glyphs = [
            glyph(1, 190.0, 8.0, SymbolShape::Dot, 2.4, false),
            glyph(2, 190.0, 8.0, SymbolShape::Flag, 4.0, false),
            glyph(3, 180.0, 30.0, SymbolShape::Star, 3.0, false),
        ];
        let at = displace(&glyphs, &FRAME, &|_, _| true);
        assert!(FRAME.contains(&glyphs[1].square(at[1])));
        assert!(!clash(&glyphs[1], at[1], &glyphs[0], at[0]));
        assert!(!clash(&glyphs[1], at[1], &glyphs[2], at[2]));
    }

    #[test]
    fn a_symbol_moves_away_from_what_it_covers_and_keeps_to_its_side_of_a_border() {
        // A battle a little north of a town moves further north, not to the preferred
        // north-east.
        let glyphs = [
            glyph(1, 100.0, 100.0, SymbolShape::Dot, 2.4, false),
            glyph(2, 100.0, 97.0, SymbolShape::Swords, 4.0, false),
        ];
        let at = displace(&glyphs, &FRAME, &|_, _| true);
        assert!((at[1].x - 100.0).abs() < 1e-9 && at[1].y < 97.0, "{:?}", at[1]);
        // A border along x = 100 with the town's twin across it: the twin moves along
        // its own side, never across.
        let twins =
            [glyph(1, 99.0, 100.0, SymbolShape::Dot, 2.4, false), glyph(2, 101.0, 100.0, SymbolShape::Dot, 2.4, false)];
        let west = |p: Coord<f64>, q: Coord<f64>| (p.x < 100.0) == (q.x < 100.0);
        let at = displace(&twins, &FRAME, &west);
        assert!(at[1].x > 100.0 && !clash(&twins[1], at[1], &twins[0], at[0]), "{:?}", at[1]);
    }

    #[test]
    fn a_ring_moves_with_the_town_it_rings() {
        // Two towns on either bank of a river, the second ringed: the ring goes with its town.
        let glyphs = [
            glyph(1, 100.0, 100.0, SymbolShape::Dot, 2.4, false),
            glyph(2, 101.0, 102.0, SymbolShape::Dot, 2.4, false),
            glyph(3, 101.0, 102.0, SymbolShape::Dot, 4.5, true),
        ];
        let at = displace(&glyphs, &FRAME, &|_, _| true);
        assert_eq!(at[0], glyphs[0].at);
        assert_ne!(at[1], glyphs[1].at);
        assert_eq!(at[1], at[2], "the ring stays round its town");
    }

    #[test]
    fn side_counts_a_neighbouring_state_but_not_a_lake() {
        let rect = |x0: f64, y0: f64, x1: f64, y1: f64| -> Ground {
            let p = geo::Rect::new(Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 }).to_polygon();
            (p, Bbox { x0, y0, x1, y1 }, (x1 - x0) * (y1 - y0))
        };
        let fills = [rect(0.0, 0.0, 100.0, 100.0), rect(100.0, 0.0, 130.0, 100.0), rect(40.0, 40.0, 45.0, 45.0)];
        let (home, over, lake) = (Coord { x: 90.0, y: 50.0 }, Coord { x: 110.0, y: 50.0 }, Coord { x: 42.0, y: 42.0 });
        assert!(!same_side(&fills, home, over), "into the neighbouring state");
        assert!(same_side(&fills, home, lake), "onto a lake in its own state");
        assert!(same_side(&fills, home, Coord { x: 60.0, y: 20.0 }));
    }

    #[test]
    fn a_leader_runs_between_the_edges_and_none_when_they_touch() {
        let l = leader(Coord { x: 0.0, y: 0.0 }, Coord { x: 10.0, y: 0.0 }, 2.0, 3.0).unwrap();
        assert_eq!(l, [Coord { x: 2.0, y: 0.0 }, Coord { x: 7.0, y: 0.0 }]);
        assert!(leader(Coord { x: 0.0, y: 0.0 }, Coord { x: 5.0, y: 0.0 }, 2.0, 3.0).is_none());
    }
}
