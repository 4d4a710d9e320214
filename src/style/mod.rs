//! Styles: TOML files of layers drawn bottom to top, with MapLibre-style property names,
//! named colours, and values that may depend on feature properties.

use crate::data::Feature;
use crate::error::{Error, Result};
use crate::scene::{Color, SymbolShape};
use crate::story::toml_error;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::{Spanned, Value};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropType {
    /// A colour: `#rrggbb`, `#rrggbbaa` or `@name` from `[colors]`.
    Color,
    /// A number.
    Number,
    /// A string (templates allowed where noted).
    Text,
    /// true or false.
    Bool,
    /// A list of numbers.
    Numbers,
    /// One of a fixed set of words.
    Enum(&'static [&'static str]),
}

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
        ty: PropType::Number,
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
        ty: PropType::Number,
        default: "45.0",
        doc: "hatch angle in degrees",
    },
    PropDef {
        name: "fill-hatch-spacing",
        layers: &[Fill],
        ty: PropType::Number,
        default: "4.0",
        doc: "distance between hatch lines, pt",
    },
    PropDef {
        name: "fill-hatch-width",
        layers: &[Fill],
        ty: PropType::Number,
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
        ty: PropType::Number,
        default: "0.5",
        doc: "outline width, pt",
    },
    PropDef { name: "line-color", layers: &[Line], ty: PropType::Color, default: "\"#000000\"", doc: "line colour" },
    PropDef { name: "line-width", layers: &[Line], ty: PropType::Number, default: "1.0", doc: "line width, pt" },
    PropDef {
        name: "line-opacity",
        layers: &[Line],
        ty: PropType::Number,
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
        name: "circle-symbol",
        layers: &[Circle],
        ty: PropType::Enum(&["dot", "square", "star", "swords", "flag"]),
        default: "\"dot\"",
        doc: "symbol shape",
    },
    PropDef {
        name: "circle-radius",
        layers: &[Circle],
        ty: PropType::Number,
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
        ty: PropType::Number,
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
        name: "text-font",
        layers: &[Symbol],
        ty: PropType::Enum(&["sans", "sans-bold", "sans-italic", "serif", "serif-bold"]),
        default: "\"sans\"",
        doc: "bundled font face",
    },
    PropDef { name: "text-size", layers: &[Symbol], ty: PropType::Number, default: "8.0", doc: "text size, pt" },
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
        ty: PropType::Number,
        default: "1.2",
        doc: "halo width, pt (0: none)",
    },
    PropDef {
        name: "text-letter-spacing",
        layers: &[Symbol],
        ty: PropType::Number,
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
        ty: PropType::Enum(&["point", "area", "line-center"]),
        default: "\"point\"",
        doc: "beside a point, inside an area, or beside the middle of a line",
    },
    PropDef {
        name: "symbol-sort-key",
        layers: &[Symbol],
        ty: PropType::Number,
        default: "0.0",
        doc: "placement order: lower is placed first",
    },
    PropDef {
        name: "text-offset",
        layers: &[Symbol],
        ty: PropType::Number,
        default: "3.0",
        doc: "gap between a point and its label, pt",
    },
];

/// Keys of a layer table that are not drawing properties.
pub const LAYER_KEYS: &[&str] = &["id", "source", "type", "filter", "legend", "minzoom", "maxzoom"];

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// Number.
    Num(f64),
    /// Text or enum word.
    Str(String),
    /// Colour.
    Color(Color),
    /// Boolean.
    Bool(bool),
    /// Number list.
    Nums(Vec<f64>),
}

/// A property value: constant, or chosen by a feature property.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// The same for every feature.
    Const(Lit),
    /// `{ match = "kind", cases = { capital = 4 }, default = 2 }`.
    Match {
        /// Feature property looked at.
        property: String,
        /// Value per property value.
        cases: BTreeMap<String, Lit>,
        /// Value when no case matches.
        default: Lit,
    },
}

/// A feature filter: every listed property must equal the value, or one of the values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter(pub Vec<(String, Vec<String>)>);

impl Filter {
    /// Whether the feature passes.
    pub fn accepts(&self, f: &Feature) -> bool {
        self.0.iter().all(|(k, vals)| f.text(k).is_some_and(|v| vals.contains(&v)))
    }
}

/// One style layer.
#[derive(Debug, Clone)]
pub struct StyleLayer {
    /// Stable id (the SVG group id).
    pub id: String,
    /// Geodata layer it draws from (file stem in `geodata/`).
    pub source: String,
    /// What it draws.
    pub kind: LayerType,
    /// Which features.
    pub filter: Filter,
    /// Legend text; layers without one stay out of the legend.
    pub legend: Option<String>,
    /// Drawn only at this zoom or closer (MapLibre zoom: 0 shows the world in 256 points).
    pub minzoom: f64,
    /// Drawn only below this zoom.
    pub maxzoom: f64,
    props: BTreeMap<&'static str, Expr>,
}

/// A parsed, validated style.
#[derive(Debug, Clone)]
pub struct Style {
    /// File it came from.
    pub path: PathBuf,
    /// Page background (the sea).
    pub background: Color,
    /// Colour of furniture text and frames.
    pub ink: Color,
    /// Layers, bottom to top.
    pub layers: Vec<StyleLayer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    #[serde(default)]
    colors: BTreeMap<String, Spanned<String>>,
    background: Option<Spanned<String>>,
    ink: Option<Spanned<String>>,
    #[serde(default)]
    layer: Vec<Spanned<BTreeMap<Spanned<String>, Spanned<Value>>>>,
}

impl Style {
    /// Reads and validates a style file.
    pub fn load(path: &Path) -> Result<Style> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::file(path, format!("cannot read style: {e}")))?;
        Style::parse(path, &text)
    }

    /// Parses a style from its text; `path` appears in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Style> {
        let file: StyleFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        let err = |offset: usize, msg: String| Error::at_offset(path, text, offset, msg);
        let mut colors = BTreeMap::new();
        for (name, v) in &file.colors {
            let c = Color::parse_hex(v.get_ref())
                .ok_or_else(|| err(v.span().start, format!("invalid colour '{}' for '{name}'", v.get_ref())))?;
            colors.insert(name.clone(), c);
        }
        let color_of = |v: &Spanned<String>| -> Result<Color> {
            resolve_color(v.get_ref(), &colors).map_err(|m| err(v.span().start, m))
        };
        let background = file.background.as_ref().map(color_of).transpose()?.unwrap_or(Color::rgb(0xd4, 0xe4, 0xee));
        let ink = file.ink.as_ref().map(color_of).transpose()?.unwrap_or(Color::rgb(0x22, 0x22, 0x22));
        let mut layers: Vec<StyleLayer> = Vec::new();
        for table in &file.layer {
            let layer = parse_layer(table, &colors, &err)?;
            if layers.iter().any(|l| l.id == layer.id) {
                return Err(err(table.span().start, format!("duplicate layer id '{}'", layer.id)));
            }
            layers.push(layer);
        }
        Ok(Style { path: path.to_path_buf(), background, ink, layers })
    }
}

fn resolve_color(s: &str, colors: &BTreeMap<String, Color>) -> std::result::Result<Color, String> {
    if let Some(name) = s.strip_prefix('@') {
        return colors.get(name).copied().ok_or_else(|| format!("unknown colour '@{name}' (not in [colors])"));
    }
    Color::parse_hex(s).ok_or_else(|| format!("invalid colour '{s}': expected #rrggbb, #rrggbbaa or @name"))
}

type Table = BTreeMap<Spanned<String>, Spanned<Value>>;

fn parse_layer(
    table: &Spanned<Table>,
    colors: &BTreeMap<String, Color>,
    err: &dyn Fn(usize, String) -> Error,
) -> Result<StyleLayer> {
    let start = table.span().start;
    let get = |k: &str| table.get_ref().iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v);
    let string = |k: &str| -> Result<Option<String>> {
        match get(k) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                Value::String(s) => Ok(Some(s.clone())),
                _ => Err(err(v.span().start, format!("'{k}' must be a string"))),
            },
        }
    };
    let id = string("id")?.ok_or_else(|| err(start, "layer without 'id'".into()))?;
    let source = string("source")?.ok_or_else(|| err(start, format!("layer '{id}' has no 'source'")))?;
    let kind = match string("type")?.as_deref() {
        Some("fill") => Fill,
        Some("line") => Line,
        Some("circle") => Circle,
        Some("symbol") => Symbol,
        Some(other) => {
            return Err(err(
                get("type").unwrap().span().start,
                format!("unknown layer type '{other}': expected fill, line, circle or symbol"),
            ))
        }
        None => return Err(err(start, format!("layer '{id}' has no 'type'"))),
    };
    let legend = string("legend")?;
    let zoom = |k: &str, default: f64| -> Result<f64> {
        match get(k) {
            None => Ok(default),
            Some(v) => match v.get_ref() {
                Value::Integer(i) => Ok(*i as f64),
                Value::Float(f) if f.is_finite() => Ok(*f),
                _ => Err(err(v.span().start, format!("'{k}' must be a number"))),
            },
        }
    };
    let (minzoom, maxzoom) = (zoom("minzoom", 0.0)?, zoom("maxzoom", 30.0)?);
    let filter = match get("filter") {
        None => Filter::default(),
        Some(v) => parse_filter(v).map_err(|m| err(v.span().start, m))?,
    };
    let mut props = BTreeMap::new();
    for (key, value) in table.get_ref() {
        let name = key.get_ref().as_str();
        if LAYER_KEYS.contains(&name) {
            continue;
        }
        let Some(def) = PROPERTIES.iter().find(|d| d.name == name) else {
            let hint = closest(name).map(|c| format!(" (did you mean '{c}'?)")).unwrap_or_default();
            return Err(err(key.span().start, format!("unknown property '{name}'{hint}")));
        };
        if !def.layers.contains(&kind) {
            return Err(err(key.span().start, format!("'{name}' does not apply to a {kind:?} layer").to_lowercase()));
        }
        let expr = parse_expr(value.get_ref(), def.ty, colors)
            .map_err(|m| err(value.span().start, format!("'{name}': {m}")))?;
        props.insert(def.name, expr);
    }
    Ok(StyleLayer { id, source, kind, filter, legend, minzoom, maxzoom, props })
}

fn parse_filter(v: &Spanned<Value>) -> std::result::Result<Filter, String> {
    let Value::Table(t) = v.get_ref() else { return Err("'filter' must be a table like { kind = \"city\" }".into()) };
    let mut out = Vec::new();
    for (k, val) in t {
        let scalar = |v: &Value| match v {
            Value::String(s) => Ok(s.clone()),
            Value::Integer(i) => Ok(i.to_string()),
            Value::Boolean(b) => Ok(b.to_string()),
            _ => Err(format!("filter on '{k}': values must be strings, integers or booleans")),
        };
        let vals = match val {
            Value::Array(a) => a.iter().map(scalar).collect::<std::result::Result<Vec<_>, _>>()?,
            other => vec![scalar(other)?],
        };
        out.push((k.clone(), vals));
    }
    Ok(Filter(out))
}

fn parse_lit(v: &Value, ty: PropType, colors: &BTreeMap<String, Color>) -> std::result::Result<Lit, String> {
    match (ty, v) {
        (PropType::Number, Value::Float(f)) if f.is_finite() => Ok(Lit::Num(*f)),
        (PropType::Number, Value::Integer(i)) => Ok(Lit::Num(*i as f64)),
        (PropType::Color, Value::String(s)) => resolve_color(s, colors).map(Lit::Color),
        (PropType::Text, Value::String(s)) => Ok(Lit::Str(s.clone())),
        (PropType::Bool, Value::Boolean(b)) => Ok(Lit::Bool(*b)),
        (PropType::Enum(words), Value::String(s)) if words.contains(&s.as_str()) => Ok(Lit::Str(s.clone())),
        (PropType::Enum(words), _) => Err(format!("expected one of {}", words.join(", "))),
        (PropType::Numbers, Value::Array(a)) => a
            .iter()
            .map(|x| match x {
                Value::Float(f) if f.is_finite() && *f >= 0.0 => Ok(*f),
                Value::Integer(i) if *i >= 0 => Ok(*i as f64),
                _ => Err("expected a list of non-negative numbers".to_string()),
            })
            .collect::<std::result::Result<Vec<_>, _>>()
            .map(Lit::Nums),
        (ty, _) => Err(format!("expected {}", type_name(ty))),
    }
}

fn type_name(ty: PropType) -> &'static str {
    match ty {
        PropType::Color => "a colour (#rrggbb or @name)",
        PropType::Number => "a number",
        PropType::Text => "a string",
        PropType::Bool => "true or false",
        PropType::Numbers => "a list of numbers",
        PropType::Enum(_) => "a word",
    }
}

fn parse_expr(v: &Value, ty: PropType, colors: &BTreeMap<String, Color>) -> std::result::Result<Expr, String> {
    let Value::Table(t) = v else { return parse_lit(v, ty, colors).map(Expr::Const) };
    let property = match t.get("match") {
        Some(Value::String(p)) => p.clone(),
        _ => return Err("a table value needs match = \"property\"".into()),
    };
    if let Some(k) = t.keys().find(|k| !["match", "cases", "default"].contains(&k.as_str())) {
        return Err(format!("unknown key '{k}' in match (expected match, cases, default)"));
    }
    let Some(Value::Table(case_table)) = t.get("cases") else {
        return Err("match needs cases = { value = ... }".into());
    };
    let mut cases = BTreeMap::new();
    for (k, v) in case_table {
        cases.insert(k.clone(), parse_lit(v, ty, colors).map_err(|m| format!("case '{k}': {m}"))?);
    }
    let default = match t.get("default") {
        Some(d) => parse_lit(d, ty, colors).map_err(|m| format!("default: {m}"))?,
        None => return Err("match needs a default".into()),
    };
    Ok(Expr::Match { property, cases, default })
}

fn closest(name: &str) -> Option<&'static str> {
    PROPERTIES
        .iter()
        .map(|d| (strsim(name, d.name), d.name))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Levenshtein distance.
fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

impl StyleLayer {
    /// Whether the layer is drawn at this zoom.
    pub fn visible_at(&self, zoom: f64) -> bool {
        zoom >= self.minzoom && zoom < self.maxzoom
    }

    fn lit(&self, name: &str, f: Option<&Feature>) -> Lit {
        let def = PROPERTIES.iter().find(|d| d.name == name).expect("known property");
        match self.props.get(def.name) {
            Some(Expr::Const(l)) => l.clone(),
            Some(Expr::Match { property, cases, default }) => {
                let key = f.and_then(|f| f.text(property));
                key.and_then(|k| cases.get(&k).cloned()).unwrap_or_else(|| default.clone())
            }
            None => {
                let v: Value = toml::from_str::<BTreeMap<String, Value>>(&format!("v = {}", def.default))
                    .expect("valid default")["v"]
                    .clone();
                parse_lit(&v, def.ty, &BTreeMap::new()).expect("valid default")
            }
        }
    }

    /// A number property for a feature (or the layer's legend, with `None`).
    pub fn num(&self, name: &str, f: Option<&Feature>) -> f64 {
        match self.lit(name, f) {
            Lit::Num(n) => n,
            _ => 0.0,
        }
    }

    /// A colour property.
    pub fn color(&self, name: &str, f: Option<&Feature>) -> Color {
        match self.lit(name, f) {
            Lit::Color(c) => c,
            _ => Color::rgb(0, 0, 0),
        }
    }

    /// A word or text property.
    pub fn word(&self, name: &str, f: Option<&Feature>) -> String {
        match self.lit(name, f) {
            Lit::Str(s) => s,
            _ => String::new(),
        }
    }

    /// A boolean property.
    pub fn flag(&self, name: &str, f: Option<&Feature>) -> bool {
        matches!(self.lit(name, f), Lit::Bool(true))
    }

    /// A number-list property.
    pub fn nums(&self, name: &str, f: Option<&Feature>) -> Vec<f64> {
        match self.lit(name, f) {
            Lit::Nums(v) => v,
            _ => Vec::new(),
        }
    }

    /// The symbol shape for a feature.
    pub fn shape(&self, f: Option<&Feature>) -> SymbolShape {
        match self.word("circle-symbol", f).as_str() {
            "square" => SymbolShape::Square,
            "star" => SymbolShape::Star,
            "swords" => SymbolShape::Swords,
            "flag" => SymbolShape::Flag,
            _ => SymbolShape::Dot,
        }
    }

    /// The label text for a feature: `text-field` with `{property}` filled in and
    /// `text-transform` applied; `None` if a referenced property is missing.
    pub fn label(&self, f: &Feature) -> Option<String> {
        let template = self.word("text-field", Some(f));
        let mut out = String::new();
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}')? + open;
            out.push_str(&f.text(&rest[open + 1..close])?);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        let out = match self.word("text-transform", Some(f)).as_str() {
            "uppercase" => out.to_uppercase(),
            "lowercase" => out.to_lowercase(),
            _ => out,
        };
        (!out.trim().is_empty()).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Style> {
        Style::parse(Path::new("s.toml"), s)
    }

    #[test]
    fn parses_layers_and_named_colours() {
        let s = parse("[colors]\nland = \"#eeddcc\"\n[[layer]]\nid = \"l\"\nsource = \"land\"\ntype = \"fill\"\nfill-color = \"@land\"\n").unwrap();
        assert_eq!(s.layers[0].color("fill-color", None), Color::rgb(0xee, 0xdd, 0xcc));
        assert_eq!(s.layers[0].num("fill-opacity", None), 1.0);
    }

    #[test]
    fn unknown_property_suggests_the_right_one() {
        let e =
            parse("[[layer]]\nid = \"l\"\nsource = \"land\"\ntype = \"fill\"\nfill-colour = \"#fff\"\n").unwrap_err();
        assert_eq!(e.location, "s.toml:5:1");
        assert!(e.message.contains("did you mean 'fill-color'"), "{e}");
    }

    #[test]
    fn invalid_colour_is_located() {
        let e =
            parse("[[layer]]\nid = \"l\"\nsource = \"land\"\ntype = \"line\"\nline-color = \"#12345\"\n").unwrap_err();
        assert_eq!(e.location, "s.toml:5:14");
        assert!(e.message.contains("invalid colour"), "{e}");
    }

    #[test]
    fn property_of_another_layer_type_is_refused() {
        let e =
            parse("[[layer]]\nid = \"l\"\nsource = \"land\"\ntype = \"line\"\nfill-color = \"#123456\"\n").unwrap_err();
        assert!(e.message.contains("does not apply"), "{e}");
    }

    #[test]
    fn match_expressions_choose_by_property() {
        let s = parse("[[layer]]\nid = \"c\"\nsource = \"cities\"\ntype = \"circle\"\ncircle-radius = { match = \"kind\", cases = { capital = 4 }, default = 2 }\n").unwrap();
        let mut f =
            Feature { props: Default::default(), geometry: geo::Point::new(0.0, 0.0).into(), start: None, end: None };
        assert_eq!(s.layers[0].num("circle-radius", Some(&f)), 2.0);
        f.props.insert("kind".into(), "capital".into());
        assert_eq!(s.layers[0].num("circle-radius", Some(&f)), 4.0);
    }

    #[test]
    fn labels_fill_templates() {
        let s = parse("[[layer]]\nid = \"t\"\nsource = \"cities\"\ntype = \"symbol\"\ntext-field = \"{name} ({name_modern})\"\ntext-transform = \"uppercase\"\n").unwrap();
        let mut f =
            Feature { props: Default::default(), geometry: geo::Point::new(0.0, 0.0).into(), start: None, end: None };
        f.props.insert("name".into(), "Hsinking".into());
        assert_eq!(s.layers[0].label(&f), None);
        f.props.insert("name_modern".into(), "Changchun".into());
        assert_eq!(s.layers[0].label(&f).unwrap(), "HSINKING (CHANGCHUN)");
    }
}
