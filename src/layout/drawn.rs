//! What symbolising leaves for layout: the labels to place, and what labels and furniture
//! must keep off.

use super::labels::LabelRequest;
use crate::geometry::Bbox;
use crate::layout::displace::Ground;
use crate::layout::furniture::LegendEntry;
use geo::Coord;

/// What symbolising a phase's layers leaves for layout.
#[derive(Default)]
pub struct Drawn {
    /// Point symbols' centres and points along movement arrows: furniture may hide none
    /// of them if it can help it.
    pub marks: Vec<Coord<f64>>,
    /// Point symbols of the story's focus layers (a battle, a base): furniture never hides
    /// one if any slot leaves them all in sight.
    pub key_marks: Vec<Coord<f64>>,
    /// Areas of the story's focus layers, one per feature.
    pub key_areas: Vec<geo::MultiPolygon<f64>>,
    /// Every filled polygon drawn (states, lakes, story areas), with its box and size:
    /// labels and moved symbols keep to their side of borders, and area names prefer to
    /// keep off the ones smaller than their own.
    pub fills: Vec<Ground>,
    /// Point symbols' centres: a point's label stands nearer its own than any other.
    pub points: Vec<Coord<f64>>,
    /// Each movement arrow's points, 4 pt apart: a movement's label stands nearer its own
    /// arrow than any other.
    pub arrows: Vec<Vec<Coord<f64>>>,
    /// Points whose symbol was left out because the frame would cut it: nor are they named.
    pub cut: Vec<Coord<f64>>,
    /// Symbols drawn off their place, clear of another feature's symbol there.
    pub moved: Vec<Moved>,
    /// Labels to place.
    pub labels: Vec<LabelRequest>,
    /// Boxes of point symbols and of movement arrows' samples: labels keep off them.
    pub symbols: Vec<Bbox>,
    /// Where labels will sit: furniture avoids them.
    pub anchors: Vec<Coord<f64>>,
    /// Legend entries of the layers drawn, in drawing order.
    pub legend: Vec<LegendEntry>,
    /// The source notes of the features drawn, each once (the credits cite the works they name).
    pub sources: Vec<String>,
}

/// A point symbol moved clear of another feature's (see [`super::displace`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moved {
    /// The feature it marks (its key in symbolising).
    pub owner: usize,
    /// Its place.
    pub from: Coord<f64>,
    /// Where it is drawn.
    pub to: Coord<f64>,
    /// The leader tying it to its place, if it stands apart from it.
    pub leader: Option<[Coord<f64>; 2]>,
}

impl Drawn {
    /// Where the symbol of feature `owner` at `place` was moved to, if it was.
    pub fn moved_to(&self, owner: usize, place: Coord<f64>) -> Option<&Moved> {
        self.moved.iter().find(|m| m.owner == owner && (m.from.x - place.x).hypot(m.from.y - place.y) < 1e-6)
    }

    /// Whether a symbol at this point was left out at the frame's edge.
    pub fn was_cut(&self, p: Coord<f64>) -> bool {
        self.cut.iter().any(|c| (c.x - p.x).hypot(c.y - p.y) < 0.5)
    }

    /// Half the size of the largest symbol box covering this point, so a label beside
    /// the point clears every symbol drawn on it.
    pub fn symbol_radius(&self, p: Coord<f64>) -> f64 {
        self.symbols
            .iter()
            .filter(|b| b.holds(p))
            .map(|b| (b.x1 - p.x).max(p.x - b.x0).max(b.y1 - p.y).max(p.y - b.y0))
            .fold(1.0, f64::max)
    }
}
