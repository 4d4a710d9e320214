//! The style vocabulary: every property a layer may set, its type, default and meaning.

/// What a style layer draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerType {
    /// Polygon areas.
    Fill,
    /// Lines (and polygon outlines).
    Line,
    /// Point symbols.
    Circle,
    /// Labels.
    Symbol,
}

/// The type of a style property's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PropType {
    /// A colour: `#rrggbb`, `#rrggbbaa` or `@name` from `[colors]`.
    Color,
    /// A number within a range (both ends included).
    Number(Range),
    /// A string (templates allowed where noted).
    Text,
    /// true or false.
    Bool,
    /// A list of numbers.
    Numbers,
    /// One of a fixed set of words.
    Enum(&'static [&'static str]),
}

/// The values a number may take, both ends included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Smallest.
    pub min: f64,
    /// Largest.
    pub max: f64,
}

/// Opacities.
const FRACTION: Range = Range { min: 0.0, max: 1.0 };
/// Widths of lines and outlines, points.
const WIDTH: Range = Range { min: 0.0, max: 50.0 };
/// Any number.
const ANY: Range = Range { min: f64::MIN, max: f64::MAX };

/// A style property: name, the layer types it applies to, its type and default.
pub struct PropDef {
    /// MapLibre-style name.
    pub name: &'static str,
    /// Layer types that accept it.
    pub layers: &'static [LayerType],
    /// Value type.
    pub ty: PropType,
    /// Default value as TOML text.
    pub default: &'static str,
    /// One-line description.
    pub doc: &'static str,
}

use LayerType::{Circle, Fill, Line, Symbol};
const CAPS: &[&str] = &["butt", "round", "square"];
const JOINS: &[&str] = &["miter", "round", "bevel"];

/// Every property the parser accepts.
pub const PROPERTIES: &[PropDef] = &[
    PropDef { name: "fill-color", layers: &[Fill], ty: PropType::Color, default: "\"#cccccc\"", doc: "area colour" },
    PropDef {
        name: "fill-opacity",
        layers: &[Fill],
        ty: PropType::Number(FRACTION),
        default: "1.0",
        doc: "area opacity, 0 to 1",
    },
    PropDef {
        name: "fill-pattern",
        layers: &[Fill],
        ty: PropType::Enum(&["solid", "hatch", "cross-hatch", "none"]),
        default: "\"solid\"",
        doc: "solid colour, hatching, cross-hatching, or no fill",
    },
    PropDef {
        name: "fill-hatch-color",
        layers: &[Fill],
        ty: PropType::Color,
        default: "\"#555555\"",
        doc: "colour of hatch lines",
    },
    PropDef {
        name: "fill-hatch-angle",
        layers: &[Fill],
        ty: PropType::Number(Range { min: -360.0, max: 360.0 }),
        default: "45.0",
        doc: "hatch angle in degrees",
    },
    PropDef {
        name: "fill-hatch-spacing",
        layers: &[Fill],
        ty: PropType::Number(Range { min: 0.5, max: 100.0 }),
        default: "4.0",
        doc: "distance between hatch lines, pt (at least 0.5)",
    },
    PropDef {
        name: "fill-hatch-width",
        layers: &[Fill],
        ty: PropType::Number(Range { min: 0.0, max: 20.0 }),
        default: "0.6",
        doc: "hatch line width, pt",
    },
    PropDef {
        name: "fill-outline-color",
        layers: &[Fill],
        ty: PropType::Color,
        default: "\"#00000000\"",
        doc: "outline colour (transparent: none)",
    },
    PropDef {
        name: "fill-outline-width",
        layers: &[Fill],
        ty: PropType::Number(WIDTH),
        default: "0.5",
        doc: "outline width, pt",
    },
    PropDef { name: "line-color", layers: &[Line], ty: PropType::Color, default: "\"#000000\"", doc: "line colour" },
    PropDef { name: "line-width", layers: &[Line], ty: PropType::Number(WIDTH), default: "1.0", doc: "line width, pt" },
    PropDef {
        name: "line-opacity",
        layers: &[Line],
        ty: PropType::Number(FRACTION),
        default: "1.0",
        doc: "line opacity, 0 to 1",
    },
    PropDef {
        name: "line-dasharray",
        layers: &[Line],
        ty: PropType::Numbers,
        default: "[]",
        doc: "dash and gap lengths in line widths",
    },
    PropDef { name: "line-cap", layers: &[Line], ty: PropType::Enum(CAPS), default: "\"butt\"", doc: "line ends" },
    PropDef {
        name: "line-join",
        layers: &[Line],
        ty: PropType::Enum(JOINS),
        default: "\"round\"",
        doc: "line corners",
    },
    PropDef {
        name: "line-arrow",
        layers: &[Line],
        ty: PropType::Bool,
        default: "false",
        doc: "arrowhead at the line's end (movements)",
    },
    PropDef {
        name: "line-taper",
        layers: &[Line],
        ty: PropType::Bool,
        default: "false",
        doc: "with line-arrow: draw a filled arrow that widens from a third of line-width at its tail to its head",
    },
    PropDef {
        name: "line-casing-color",
        layers: &[Line],
        ty: PropType::Color,
        default: "\"#00000000\"",
        doc: "colour of a casing drawn under the line (transparent: none)",
    },
    PropDef {
        name: "line-casing-width",
        layers: &[Line],
        ty: PropType::Number(WIDTH),
        default: "1.0",
        doc: "casing width on each side of the line, pt",
    },
    PropDef {
        name: "circle-symbol",
        layers: &[Circle],
        ty: PropType::Enum(&[
            "dot",
            "square",
            "star",
            "swords",
            "flag",
            "triangle",
            "unit-infantry",
            "unit-armour",
            "unit-cavalry",
            "unit-motorised",
            "unit-artillery",
        ]),
        default: "\"dot\"",
        doc: "symbol shape; `unit-*` is a military unit's frame with its arm's sign",
    },
    PropDef {
        name: "circle-echelon",
        layers: &[Circle],
        ty: PropType::Enum(&["none", "battalion", "regiment", "brigade", "division", "corps", "army"]),
        default: "\"none\"",
        doc: "a unit symbol's size, drawn as marks above its frame (II, III, X, XX, XXX, XXXX)",
    },
    PropDef {
        name: "circle-radius",
        layers: &[Circle],
        ty: PropType::Number(Range { min: 0.0, max: 100.0 }),
        default: "2.5",
        doc: "symbol radius, pt",
    },
    PropDef {
        name: "circle-color",
        layers: &[Circle],
        ty: PropType::Color,
        default: "\"#000000\"",
        doc: "symbol fill",
    },
    PropDef {
        name: "circle-stroke-color",
        layers: &[Circle],
        ty: PropType::Color,
        default: "\"#ffffff\"",
        doc: "symbol outline colour",
    },
    PropDef {
        name: "circle-stroke-width",
        layers: &[Circle],
        ty: PropType::Number(WIDTH),
        default: "0.6",
        doc: "symbol outline width, pt",
    },
    PropDef {
        name: "text-field",
        layers: &[Symbol],
        ty: PropType::Text,
        default: "\"{name}\"",
        doc: "label text, `{property}` templates",
    },
    PropDef {
        name: "text-field-ru",
        layers: &[Symbol],
        ty: PropType::Text,
        default: "\"\"",
        doc: "label text of the Russian edition, if it words it otherwise (empty: `text-field`)",
    },
    PropDef {
        name: "text-font",
        layers: &[Symbol],
        ty: PropType::Enum(&["sans", "sans-bold", "sans-italic", "serif", "serif-bold"]),
        default: "\"sans\"",
        doc: "bundled font face",
    },
    PropDef {
        name: "text-size",
        layers: &[Symbol],
        ty: PropType::Number(Range { min: 1.0, max: 200.0 }),
        default: "8.0",
        doc: "text size, pt",
    },
    PropDef { name: "text-color", layers: &[Symbol], ty: PropType::Color, default: "\"#222222\"", doc: "text colour" },
    PropDef {
        name: "text-halo-color",
        layers: &[Symbol],
        ty: PropType::Color,
        default: "\"#ffffffcc\"",
        doc: "halo colour",
    },
    PropDef {
        name: "text-halo-width",
        layers: &[Symbol],
        ty: PropType::Number(WIDTH),
        default: "1.2",
        doc: "halo width, pt (0: none)",
    },
    PropDef {
        name: "text-letter-spacing",
        layers: &[Symbol],
        ty: PropType::Number(Range { min: -0.5, max: 2.0 }),
        default: "0.0",
        doc: "extra space between letters, em",
    },
    PropDef {
        name: "text-transform",
        layers: &[Symbol],
        ty: PropType::Enum(&["none", "uppercase", "lowercase"]),
        default: "\"none\"",
        doc: "case change",
    },
    PropDef {
        name: "symbol-placement",
        layers: &[Symbol],
        ty: PropType::Enum(&["point", "area", "line", "line-center", "line-beside"]),
        default: "\"point\"",
        doc: "beside a point, inside an area, along a line (rivers, railways), or beside the middle of a line",
    },
    PropDef {
        name: "symbol-sort-key",
        layers: &[Symbol],
        ty: PropType::Number(ANY),
        default: "0.0",
        doc: "placement order: lower is placed first",
    },
    PropDef {
        name: "text-offset",
        layers: &[Symbol],
        ty: PropType::Number(Range { min: 0.0, max: 100.0 }),
        default: "3.0",
        doc: "gap between a point and its label, pt",
    },
];

/// Keys of a layer table that are not drawing properties.
pub const LAYER_KEYS: &[&str] =
    &["id", "source", "type", "filter", "legend", "legend-ru", "minzoom", "maxzoom", "ground-radius", "mask"];
