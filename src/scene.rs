//! The scene: a display list of styled shapes and texts in page points. Layout and tests
//! work on it; the SVG writer is its only reader.

use crate::geometry::Bbox;
use geo::Coord;

/// An sRGB colour with alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Alpha, 255 opaque.
    pub a: u8,
}

impl Color {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 255 }
    }

    /// Parses `#rgb`, `#rrggbb` or `#rrggbbaa`.
    pub fn parse_hex(s: &str) -> Option<Color> {
        let h = s.strip_prefix('#')?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
        let nib = |i: usize| u8::from_str_radix(&h[i..i + 1], 16).ok().map(|v| v * 17);
        match h.len() {
            3 => Some(Color::rgb(nib(0)?, nib(1)?, nib(2)?)),
            6 => Some(Color::rgb(byte(0)?, byte(2)?, byte(4)?)),
            8 => Some(Color { a: byte(6)?, ..Color::rgb(byte(0)?, byte(2)?, byte(4)?) }),
            _ => None,
        }
    }

    /// `#rrggbb`, without alpha.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Alpha as an opacity between 0 and 1.
    pub fn opacity(&self) -> f64 {
        f64::from(self.a) / 255.0
    }
}

/// How an area is filled.
#[derive(Debug, Clone, PartialEq)]
pub enum Fill {
    /// One colour.
    Solid(Color),
    /// Parallel lines (two sets if `cross`), drawn over an optional background colour.
    Hatch {
        /// Line colour.
        color: Color,
        /// Colour under the lines, if any.
        background: Option<Color>,
        /// Angle of the lines in degrees, counter-clockwise from horizontal.
        angle: f64,
        /// Distance between lines in points.
        spacing: f64,
        /// Line width in points.
        width: f64,
        /// Whether a second set crosses the first at right angles.
        cross: bool,
    },
}

/// How a line is stroked.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    /// Colour (alpha is the stroke's opacity).
    pub color: Color,
    /// Width in points.
    pub width: f64,
    /// Dash pattern in points; empty for solid.
    pub dash: Vec<f64>,
    /// Line ends.
    pub cap: LineCap,
    /// Line corners.
    pub join: LineJoin,
}

impl Stroke {
    /// A solid line with butt ends and round corners: outlines and symbol edges.
    pub fn plain(color: Color, width: f64) -> Stroke {
        Stroke { color, width, dash: vec![], cap: LineCap::Butt, join: LineJoin::Round }
    }

    /// A solid line with butt ends and sharp corners: panels and frames.
    pub fn sharp(color: Color, width: f64) -> Stroke {
        Stroke { join: LineJoin::Miter, ..Stroke::plain(color, width) }
    }
}

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineCap {
    /// Square, at the end point.
    #[default]
    Butt,
    /// A half circle.
    Round,
    /// Square, half a width beyond the end.
    Square,
}

/// How a line turns a corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineJoin {
    /// A sharp point.
    Miter,
    /// A round corner.
    #[default]
    Round,
    /// A cut corner.
    Bevel,
}

impl LineCap {
    /// The SVG keyword.
    pub fn svg(self) -> &'static str {
        match self {
            LineCap::Butt => "butt",
            LineCap::Round => "round",
            LineCap::Square => "square",
        }
    }
}

impl LineJoin {
    /// The SVG keyword.
    pub fn svg(self) -> &'static str {
        match self {
            LineJoin::Miter => "miter",
            LineJoin::Round => "round",
            LineJoin::Bevel => "bevel",
        }
    }
}

/// A path: polygons (closed rings) or lines, filled and/or stroked.
#[derive(Debug, Clone, PartialEq)]
pub struct PathItem {
    /// Point lists; rings of one polygon are listed together and filled even-odd.
    pub parts: Vec<Vec<Coord<f64>>>,
    /// Whether every part is closed.
    pub closed: bool,
    /// Fill, if any.
    pub fill: Option<Fill>,
    /// Stroke, if any.
    pub stroke: Option<Stroke>,
    /// Draw an arrowhead at the end of each part.
    pub arrow: bool,
}

/// Point symbol shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SymbolShape {
    /// A filled circle.
    #[default]
    Dot,
    /// A square.
    Square,
    /// A five-pointed star.
    Star,
    /// Crossed swords, for battles.
    Swords,
    /// A pennant on a staff, for headquarters.
    Flag,
    /// A triangle standing on its point, for landings (a drop from the air or the sea).
    Triangle,
    /// A military unit: a frame with its arm's sign inside and its size's marks above.
    Unit(Arm, Echelon),
}

/// A unit's arm, the sign inside its frame (after NATO APP-6, simplified).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arm {
    /// Crossed diagonals.
    Infantry,
    /// A track (a rounded oblong).
    Armour,
    /// One diagonal.
    Cavalry,
    /// Crossed diagonals and an upright.
    Motorised,
    /// A dot.
    Artillery,
}

/// A unit's size, the marks above its frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Echelon {
    /// No marks.
    #[default]
    None,
    /// II.
    Battalion,
    /// III.
    Regiment,
    /// X.
    Brigade,
    /// XX.
    Division,
    /// XXX.
    Corps,
    /// XXXX.
    Army,
}

impl Echelon {
    /// The marks above the frame: how many, and whether crosses (else bars).
    pub fn marks(self) -> (usize, bool) {
        match self {
            Echelon::None => (0, false),
            Echelon::Battalion => (2, false),
            Echelon::Regiment => (3, false),
            Echelon::Brigade => (1, true),
            Echelon::Division => (2, true),
            Echelon::Corps => (3, true),
            Echelon::Army => (4, true),
        }
    }
}

/// A point symbol.
#[derive(Debug, Clone, PartialEq)]
pub struct SymbolItem {
    /// Centre in points.
    pub x: f64,
    /// Centre in points.
    pub y: f64,
    /// Shape.
    pub shape: SymbolShape,
    /// Radius in points.
    pub radius: f64,
    /// Fill colour.
    pub fill: Color,
    /// Outline, if any.
    pub stroke: Option<Stroke>,
}

/// Horizontal text alignment relative to the anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at x.
    Start,
    /// Text is centred on x.
    Middle,
    /// Text ends at x.
    End,
}

/// A font face: family plus weight and slant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Font {
    /// Family name, e.g. `Noto Sans`.
    pub family: String,
    /// Bold or not.
    pub bold: bool,
    /// Italic or not.
    pub italic: bool,
}

/// A line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// Anchor x in points.
    pub x: f64,
    /// Baseline y in points.
    pub y: f64,
    /// The text.
    pub text: String,
    /// Font face.
    pub font: Font,
    /// Size in points.
    pub size: f64,
    /// Fill colour.
    pub color: Color,
    /// Halo colour and width in points.
    pub halo: Option<(Color, f64)>,
    /// Alignment.
    pub anchor: Anchor,
    /// Extra space between letters, in points.
    pub letter_spacing: f64,
    /// A path the text follows (centred on it), instead of the straight baseline at (x, y).
    pub path: Option<Vec<Coord<f64>>>,
}

/// Anything drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A path.
    Path(PathItem),
    /// A point symbol.
    Symbol(SymbolItem),
    /// A text.
    Text(TextItem),
    /// A filled rectangle (x, y, width, height) with optional outline: panels and swatches.
    Rect { rect: Bbox, fill: Color, stroke: Option<Stroke> },
}

/// A named group: one style layer, or one piece of furniture.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Stable SVG id.
    pub id: String,
    /// Human label (the Inkscape layer name).
    pub label: String,
    /// The map frame (its index in [`Scene::frames`]) the group is clipped to, if any.
    pub clip: Option<usize>,
    /// Contents, bottom to top.
    pub items: Vec<Item>,
}

/// A whole map page.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Page width in points.
    pub width: f64,
    /// Page height in points.
    pub height: f64,
    /// The SVG's `width` and `height` attributes: its physical size, such as `180mm`.
    pub svg_size: (String, String),
    /// The `width` and `height` of the SVG that is rasterised: pixels, or the print size.
    pub raster_size: (String, String),
    /// The map frames on the page, in points: one, or one per panel of a series.
    pub frames: Vec<Bbox>,
    /// Page background (the sea).
    pub background: Color,
    /// Groups, bottom to top.
    pub groups: Vec<Group>,
    /// Document title.
    pub title: String,
    /// What is drawn but not quite right: a frame reaching past a layer's data.
    pub warnings: Vec<String>,
    /// The source notes of everything drawn (the credits cite the works they name).
    pub sources: Vec<String>,
    /// The boxes placed labels cover, each with the index of its label: layout's
    /// record, for checking that no two labels overlap.
    pub label_boxes: Vec<(usize, Bbox)>,
}

impl Scene {
    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The (first) map frame on the page.
    pub fn map_rect(&self) -> Bbox {
        self.frames.first().copied().unwrap_or(Bbox { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0 })
    }

    /// Each map frame as a page of its own, for checking one map at a time: a panel of a
    /// series with its groups under their layers' ids (`panel-2-land` as `land`), the
    /// furniture the panels share (title, legend, …) and the labels set in its frame. A
    /// single map is its own one view.
    pub fn panels(&self) -> Vec<Scene> {
        if self.frames.len() < 2 {
            return vec![self.clone()];
        }
        let view = |i: usize, frame: Bbox| {
            let own = format!("panel-{}-", i + 1);
            let groups = self.groups.iter().filter_map(|g| match g.id.strip_prefix(&own) {
                Some(id) => Some(Group { id: id.to_string(), clip: g.clip.map(|_| 0), ..g.clone() }),
                None if !g.id.starts_with("panel-") => Some(g.clone()),
                None => None,
            });
            let centre = |b: &Bbox| frame.holds(Coord { x: (b.x0 + b.x1) / 2.0, y: (b.y0 + b.y1) / 2.0 });
            Scene {
                frames: vec![frame],
                groups: groups.collect(),
                label_boxes: self.label_boxes.iter().filter(|(_, b)| centre(b)).copied().collect(),
                ..self.clone()
            }
        };
        self.frames.iter().enumerate().map(|(i, &f)| view(i, f)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(Color::parse_hex("#fff"), Some(Color::rgb(255, 255, 255)));
        assert_eq!(Color::parse_hex("#1a2b3c").unwrap().hex(), "#1a2b3c");
        assert_eq!(Color::parse_hex("#1a2b3c80").unwrap().a, 128);
        assert_eq!(Color::parse_hex("#12"), None);
        assert_eq!(Color::parse_hex("red"), None);
        assert_eq!(Color::parse_hex("#ggg"), None);
    }
}
