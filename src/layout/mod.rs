//! Layout: where labels and map furniture go on the page.

mod drawn;
pub mod furniture;
pub mod inset;
pub mod labels;
pub mod page;
pub mod slots;

pub use drawn::Drawn;

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
    /// A box from its left, top, width and height.
    pub fn xywh(x: f64, y: f64, w: f64, h: f64) -> Bbox {
        Bbox { x0: x, y0: y, x1: x + w, y1: y + h }
    }

    /// Whether the two boxes share any area.
    pub fn intersects(&self, o: &Bbox) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether the point lies in the box or on its edge.
    pub fn holds(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
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

    /// As `[x, y, width, height]`.
    pub fn xywh_array(&self) -> [f64; 4] {
        [self.x0, self.y0, self.width(), self.height()]
    }
}
