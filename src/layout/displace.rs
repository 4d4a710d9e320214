//! Symbol displacement: where two point symbols of different features would be drawn over
//! each other, the upper one moves just clear of the other, tied to its place by a leader,
//! as an atlas draws a mission's flag beside the town it stands in.

use crate::geometry::Bbox;
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
            SymbolShape::Star | SymbolShape::Swords | SymbolShape::Flag => 0.0,
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
    if a.owner == b.owner || !a.square(pa).intersects(&b.square(pb)) {
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

/// Where each glyph is drawn, in `glyphs`' order: at its own point, or, where it would be
/// drawn over a symbol below it, at the nearest spot around its point (inside `frame`)
/// that is clear of every other symbol. A glyph with no clear spot stays where it is.
pub fn displace(glyphs: &[Glyph], frame: &Bbox) -> Vec<Coord<f64>> {
    let mut at: Vec<Coord<f64>> = glyphs.iter().map(|g| g.at).collect();
    for (i, g) in glyphs.iter().enumerate() {
        if !glyphs[..i].iter().zip(&at).any(|(b, &pb)| clash(g, g.at, b, pb)) {
            continue;
        }
        let free = |p: Coord<f64>| {
            frame.contains(&g.square(p))
                && glyphs.iter().zip(&at).enumerate().all(|(j, (b, &pb))| j == i || !clash(g, p, b, pb))
        };
        // Just clear of the symbols it would cover, then a little further out.
        let below = glyphs[..i].iter().zip(&at).filter(|(b, &pb)| clash(g, g.at, b, pb));
        let near = below.map(|(b, _)| b.reach()).fold(0.0, f64::max) + g.reach() + 1.0;
        let spot = [near, near * 1.5, near * 2.0]
            .into_iter()
            .flat_map(|d| DIRECTIONS.iter().map(move |&(dx, dy)| Coord { x: g.at.x + dx * d, y: g.at.y + dy * d }))
            .find(|&p| free(p));
        if let Some(p) = spot {
            at[i] = p;
        }
    }
    at
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
        let at = displace(&glyphs, &FRAME);
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
        let at = displace(&glyphs, &FRAME);
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
        let at = displace(&glyphs, &FRAME);
        assert!(FRAME.contains(&glyphs[1].square(at[1])));
        assert!(!clash(&glyphs[1], at[1], &glyphs[0], at[0]));
        assert!(!clash(&glyphs[1], at[1], &glyphs[2], at[2]));
    }

    #[test]
    fn a_leader_runs_between_the_edges_and_none_when_they_touch() {
        let l = leader(Coord { x: 0.0, y: 0.0 }, Coord { x: 10.0, y: 0.0 }, 2.0, 3.0).unwrap();
        assert_eq!(l, [Coord { x: 2.0, y: 0.0 }, Coord { x: 7.0, y: 0.0 }]);
        assert!(leader(Coord { x: 0.0, y: 0.0 }, Coord { x: 5.0, y: 0.0 }, 2.0, 3.0).is_none());
    }
}
