//! Paints: a style layer's drawing properties, compiled once from the validated property
//! table into typed values, and evaluated once per feature into what the scene draws. The
//! same evaluation draws a feature and its legend swatch.

use super::props::{LayerType, PROPERTIES};
use super::value::{default_lit, Expr, Lit};
use crate::data::seen::Seen;
use crate::lang::Lang;
use crate::scene::{Arm, Color, Echelon, Fill, Font, LineCap, LineJoin, Stroke, SymbolShape};
use crate::text::{SANS, SERIF};
use std::collections::BTreeMap;

/// A property's value: the same for every feature, or chosen by one of its properties.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<T> {
    /// The same for every feature.
    Const(T),
    /// `{ match = "kind", cases = { capital = 4 }, default = 2 }`.
    Match {
        /// Feature property looked at.
        property: String,
        /// Value per property value.
        cases: BTreeMap<String, T>,
        /// Value when no case matches, or for the legend (no feature).
        default: T,
    },
}

impl<T> Value<T> {
    /// The value for a feature (`None`: the default).
    pub fn get(&self, f: Option<&Seen>) -> &T {
        match self {
            Value::Const(v) => v,
            Value::Match { property, cases, default } => {
                f.and_then(|f| f.text(property)).and_then(|k| cases.get(&k)).unwrap_or(default)
            }
        }
    }
}

impl<T> Value<T> {
    /// Every value it can take, for any feature: each case, then the default.
    pub fn values(&self) -> Vec<&T> {
        match self {
            Value::Const(v) => vec![v],
            Value::Match { cases, default, .. } => cases.values().chain([default]).collect(),
        }
    }
}

/// How an area is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pattern {
    /// One colour.
    #[default]
    Solid,
    /// Parallel lines.
    Hatch,
    /// Two sets of lines at right angles.
    CrossHatch,
    /// Nothing.
    None,
}

/// Where a label goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SymbolPlacement {
    /// Beside the feature's point.
    #[default]
    Point,
    /// Inside its area.
    Area,
    /// Along its line.
    Line,
    /// Beside the middle of its line.
    LineCenter,
    /// Along its line, to one side of it (a movement's name along its arrow); beside its
    /// middle where no stretch on either side is free.
    LineBeside,
}

/// A change of case for labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Transform {
    /// As written.
    #[default]
    None,
    /// Capitals.
    Uppercase,
    /// Small letters.
    Lowercase,
}

/// What a layer draws, with every property typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    /// Areas.
    Fill(FillPaint),
    /// Lines.
    Line(LinePaint),
    /// Point symbols.
    Circle(CirclePaint),
    /// Labels.
    Text(TextPaint),
}

/// An area layer's properties.
#[derive(Debug, Clone, PartialEq)]
pub struct FillPaint {
    color: Value<Color>,
    opacity: Value<f64>,
    pattern: Value<Pattern>,
    hatch_color: Value<Color>,
    hatch_angle: Value<f64>,
    hatch_spacing: Value<f64>,
    hatch_width: Value<f64>,
    outline_color: Value<Color>,
    outline_width: Value<f64>,
}

/// A line layer's properties.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePaint {
    color: Value<Color>,
    width: Value<f64>,
    opacity: Value<f64>,
    dasharray: Value<Vec<f64>>,
    cap: Value<LineCap>,
    join: Value<LineJoin>,
    arrow: Value<bool>,
    taper: Value<bool>,
    casing_color: Value<Color>,
    casing_width: Value<f64>,
}

/// A point-symbol layer's properties.
#[derive(Debug, Clone, PartialEq)]
pub struct CirclePaint {
    symbol: Value<SymbolShape>,
    echelon: Value<Echelon>,
    radius: Value<f64>,
    color: Value<Color>,
    stroke_color: Value<Color>,
    stroke_width: Value<f64>,
}

/// A label layer's properties.
#[derive(Debug, Clone, PartialEq)]
pub struct TextPaint {
    field: Value<String>,
    field_ru: Value<String>,
    font: Value<Font>,
    size: Value<f64>,
    color: Value<Color>,
    halo_color: Value<Color>,
    halo_width: Value<f64>,
    letter_spacing: Value<f64>,
    transform: Value<Transform>,
    placement: Value<SymbolPlacement>,
    sort_key: Value<f64>,
    offset: Value<f64>,
}

/// An area as drawn: its fill (none for `fill-pattern = "none"`) and outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Fill.
    pub fill: Option<Fill>,
    /// Outline.
    pub outline: Option<Stroke>,
}

/// A line as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The line itself.
    pub stroke: Stroke,
    /// A wider line under it.
    pub casing: Option<Stroke>,
    /// An arrowhead at its end (a movement).
    pub arrow: bool,
    /// Drawn as a filled arrow widening towards its head.
    pub taper: bool,
}

/// A point symbol as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    /// Shape.
    pub shape: SymbolShape,
    /// Radius, points.
    pub radius: f64,
    /// Fill.
    pub fill: Color,
    /// Outline.
    pub stroke: Option<Stroke>,
}

/// How a label's text looks: what layout places, and the scene draws.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelText {
    /// The text.
    pub text: String,
    /// Face.
    pub font: Font,
    /// Size, points.
    pub size: f64,
    /// Colour.
    pub color: Color,
    /// Halo colour and width.
    pub halo: Option<(Color, f64)>,
    /// Extra space between letters, points.
    pub letter_spacing: f64,
}

/// A label as asked for, before it is placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Its text and how it looks.
    pub look: LabelText,
    /// Where it goes.
    pub placement: SymbolPlacement,
    /// Placement order: lower first.
    pub sort_key: f64,
    /// Gap to its point, points.
    pub offset: f64,
}

impl Paint {
    /// Every colour the layer may draw with, for any feature: area fills, hatches and
    /// outlines; lines and casings; symbol fills and outlines; text and halos. Each colour
    /// property counts whether or not the layer's other properties make it show.
    pub fn colors(&self) -> Vec<Color> {
        let props: Vec<&Value<Color>> = match self {
            Paint::Fill(p) => vec![&p.color, &p.hatch_color, &p.outline_color],
            Paint::Line(p) => vec![&p.color, &p.casing_color],
            Paint::Circle(p) => vec![&p.color, &p.stroke_color],
            Paint::Text(p) => vec![&p.color, &p.halo_color],
        };
        props.into_iter().flat_map(Value::values).copied().collect()
    }
}

fn with_opacity(mut c: Color, opacity: f64) -> Color {
    c.a = (f64::from(c.a) * opacity.clamp(0.0, 1.0)).round() as u8;
    c
}

impl FillPaint {
    /// The area for a feature (`None`: the legend's default).
    pub fn eval(&self, f: Option<&Seen>) -> Area {
        let color = with_opacity(*self.color.get(f), *self.opacity.get(f));
        let fill = match self.pattern.get(f) {
            Pattern::None => None,
            p @ (Pattern::Hatch | Pattern::CrossHatch) => Some(Fill::Hatch {
                color: *self.hatch_color.get(f),
                background: (color.a > 0).then_some(color),
                angle: *self.hatch_angle.get(f),
                spacing: self.hatch_spacing.get(f).max(0.5),
                width: *self.hatch_width.get(f),
                cross: *p == Pattern::CrossHatch,
            }),
            Pattern::Solid => Some(Fill::Solid(color)),
        };
        let outline = *self.outline_color.get(f);
        Area { fill, outline: (outline.a > 0).then(|| Stroke::plain(outline, *self.outline_width.get(f))) }
    }

    /// The area colour, without opacity (for locator insets).
    pub fn color(&self) -> Color {
        *self.color.get(None)
    }
}

impl LinePaint {
    /// The line for a feature.
    pub fn eval(&self, f: Option<&Seen>) -> Line {
        let width = *self.width.get(f);
        let stroke = Stroke {
            color: with_opacity(*self.color.get(f), *self.opacity.get(f)),
            width,
            dash: self.dasharray.get(f).iter().map(|d| d * width).collect(),
            cap: *self.cap.get(f),
            join: *self.join.get(f),
        };
        let casing_color = *self.casing_color.get(f);
        let casing = (casing_color.a > 0).then(|| Stroke {
            color: casing_color,
            width: width + 2.0 * self.casing_width.get(f),
            dash: vec![],
            ..stroke.clone()
        });
        let arrow = *self.arrow.get(f);
        Line { stroke, casing, arrow, taper: arrow && *self.taper.get(f) }
    }
}

impl CirclePaint {
    /// The symbol for a feature.
    pub fn eval(&self, f: Option<&Seen>) -> Symbol {
        let sw = *self.stroke_width.get(f);
        let shape = match *self.symbol.get(f) {
            SymbolShape::Unit(arm, _) => SymbolShape::Unit(arm, *self.echelon.get(f)),
            other => other,
        };
        Symbol {
            shape,
            radius: *self.radius.get(f),
            fill: *self.color.get(f),
            stroke: (sw > 0.0).then(|| Stroke::plain(*self.stroke_color.get(f), sw)),
        }
    }
}

impl TextPaint {
    /// The label for a feature in `lang`; `None` when its text would be empty or names a
    /// property the feature lacks.
    pub fn eval(&self, f: &Seen, lang: Lang) -> Option<Label> {
        let fb = Some(f);
        let text = self.text(f, lang)?;
        let size = *self.size.get(fb);
        let halo_w = *self.halo_width.get(fb);
        Some(Label {
            look: LabelText {
                text,
                font: self.font.get(fb).clone(),
                size,
                color: *self.color.get(fb),
                halo: (halo_w > 0.0).then(|| (*self.halo_color.get(fb), halo_w)),
                letter_spacing: self.letter_spacing.get(fb) * size,
            },
            placement: *self.placement.get(fb),
            sort_key: *self.sort_key.get(fb),
            offset: *self.offset.get(fb),
        })
    }

    /// `text-field` (in Russian `text-field-ru`, if set) with `{property}` filled in (in
    /// Russian, from `property_ru` or `name_ru` when present) and `text-transform` applied; `None` if a referenced
    /// property is missing or the text is blank.
    pub fn text(&self, f: &Seen, lang: Lang) -> Option<String> {
        let ru = Some(self.field_ru.get(Some(f))).filter(|t| lang == Lang::Ru && !t.is_empty());
        let template = ru.unwrap_or_else(|| self.field.get(Some(f)));
        let mut out = String::new();
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}')? + open;
            let key = &rest[open + 1..close];
            out.push_str(&lang.property_keys(key).iter().find_map(|k| f.text(k))?);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        let out = match self.transform.get(Some(f)) {
            Transform::Uppercase => out.to_uppercase(),
            Transform::Lowercase => out.to_lowercase(),
            Transform::None => out,
        };
        (!out.trim().is_empty()).then_some(out)
    }
}

/// Turns a layer's validated properties (every one of its type present, defaults filled
/// in) into its paint. A property missing from the table falls back to its documented
/// default, so nothing here can fail.
pub(crate) fn compile(kind: LayerType, props: BTreeMap<&'static str, Expr>) -> Paint {
    compile_checked(kind, props).0
}

/// [`compile`], also returning the names it looked for but did not find and the
/// properties it left unread (both empty when the paints and the vocabulary agree).
fn compile_checked(kind: LayerType, mut props: BTreeMap<&'static str, Expr>) -> (Paint, Vec<String>, Vec<String>) {
    let mut missing = Vec::new();
    let mut take = |name: &str| -> Expr {
        props.remove(name).unwrap_or_else(|| {
            missing.push(name.to_string());
            let def = PROPERTIES.iter().find(|d| d.name == name);
            Expr::Const(def.map_or(Lit::Bool(false), default_lit))
        })
    };
    let paint = match kind {
        LayerType::Fill => Paint::Fill(FillPaint {
            color: typed(take("fill-color"), color),
            opacity: typed(take("fill-opacity"), num),
            pattern: typed(take("fill-pattern"), |l| match word(l) {
                "hatch" => Pattern::Hatch,
                "cross-hatch" => Pattern::CrossHatch,
                "none" => Pattern::None,
                _ => Pattern::Solid,
            }),
            hatch_color: typed(take("fill-hatch-color"), color),
            hatch_angle: typed(take("fill-hatch-angle"), num),
            hatch_spacing: typed(take("fill-hatch-spacing"), num),
            hatch_width: typed(take("fill-hatch-width"), num),
            outline_color: typed(take("fill-outline-color"), color),
            outline_width: typed(take("fill-outline-width"), num),
        }),
        LayerType::Line => Paint::Line(LinePaint {
            color: typed(take("line-color"), color),
            width: typed(take("line-width"), num),
            opacity: typed(take("line-opacity"), num),
            dasharray: typed(take("line-dasharray"), |l| match l {
                Lit::Nums(v) => v,
                _ => vec![],
            }),
            cap: typed(take("line-cap"), |l| match word(l) {
                "round" => LineCap::Round,
                "square" => LineCap::Square,
                _ => LineCap::Butt,
            }),
            join: typed(take("line-join"), |l| match word(l) {
                "miter" => LineJoin::Miter,
                "bevel" => LineJoin::Bevel,
                _ => LineJoin::Round,
            }),
            arrow: typed(take("line-arrow"), flag),
            taper: typed(take("line-taper"), flag),
            casing_color: typed(take("line-casing-color"), color),
            casing_width: typed(take("line-casing-width"), num),
        }),
        LayerType::Circle => Paint::Circle(CirclePaint {
            symbol: typed(take("circle-symbol"), |l| match word(l) {
                "square" => SymbolShape::Square,
                "star" => SymbolShape::Star,
                "swords" => SymbolShape::Swords,
                "flag" => SymbolShape::Flag,
                "triangle" => SymbolShape::Triangle,
                "unit-infantry" => SymbolShape::Unit(Arm::Infantry, Echelon::None),
                "unit-armour" => SymbolShape::Unit(Arm::Armour, Echelon::None),
                "unit-cavalry" => SymbolShape::Unit(Arm::Cavalry, Echelon::None),
                "unit-motorised" => SymbolShape::Unit(Arm::Motorised, Echelon::None),
                "unit-artillery" => SymbolShape::Unit(Arm::Artillery, Echelon::None),
                _ => SymbolShape::Dot,
            }),
            echelon: typed(take("circle-echelon"), |l| match word(l) {
                "battalion" => Echelon::Battalion,
                "regiment" => Echelon::Regiment,
                "brigade" => Echelon::Brigade,
                "division" => Echelon::Division,
                "corps" => Echelon::Corps,
                "army" => Echelon::Army,
                _ => Echelon::None,
            }),
            radius: typed(take("circle-radius"), num),
            color: typed(take("circle-color"), color),
            stroke_color: typed(take("circle-stroke-color"), color),
            stroke_width: typed(take("circle-stroke-width"), num),
        }),
        LayerType::Symbol => Paint::Text(TextPaint {
            field: typed(take("text-field"), |l| match l {
                Lit::Str(s) => s,
                _ => String::new(),
            }),
            field_ru: typed(take("text-field-ru"), |l| match l {
                Lit::Str(s) => s,
                _ => String::new(),
            }),
            font: typed(take("text-font"), |l| {
                let (family, bold, italic) = match word(l) {
                    "sans-bold" => (SANS, true, false),
                    "sans-italic" => (SANS, false, true),
                    "serif" => (SERIF, false, false),
                    "serif-bold" => (SERIF, true, false),
                    _ => (SANS, false, false),
                };
                Font { family: family.into(), bold, italic }
            }),
            size: typed(take("text-size"), num),
            color: typed(take("text-color"), color),
            halo_color: typed(take("text-halo-color"), color),
            halo_width: typed(take("text-halo-width"), num),
            letter_spacing: typed(take("text-letter-spacing"), num),
            transform: typed(take("text-transform"), |l| match word(l) {
                "uppercase" => Transform::Uppercase,
                "lowercase" => Transform::Lowercase,
                _ => Transform::None,
            }),
            placement: typed(take("symbol-placement"), |l| match word(l) {
                "area" => SymbolPlacement::Area,
                "line" => SymbolPlacement::Line,
                "line-center" => SymbolPlacement::LineCenter,
                "line-beside" => SymbolPlacement::LineBeside,
                _ => SymbolPlacement::Point,
            }),
            sort_key: typed(take("symbol-sort-key"), num),
            offset: typed(take("text-offset"), num),
        }),
    };
    (paint, missing, props.keys().map(|k| k.to_string()).collect())
}

fn typed<T>(e: Expr, convert: impl Fn(Lit) -> T) -> Value<T> {
    match e {
        Expr::Const(l) => Value::Const(convert(l)),
        Expr::Match { property, cases, default } => Value::Match {
            property,
            cases: cases.into_iter().map(|(k, v)| (k, convert(v))).collect(),
            default: convert(default),
        },
    }
}

fn num(l: Lit) -> f64 {
    match l {
        Lit::Num(n) => n,
        _ => 0.0,
    }
}

fn color(l: Lit) -> Color {
    match l {
        Lit::Color(c) => c,
        _ => Color::rgb(0, 0, 0),
    }
}

fn flag(l: Lit) -> bool {
    matches!(l, Lit::Bool(true))
}

fn word(l: Lit) -> &'static str {
    // Enumerated words are validated against the vocabulary when parsed; map each back
    // to the vocabulary's own static string.
    let Lit::Str(s) = l else { return "" };
    PROPERTIES
        .iter()
        .filter_map(|d| match d.ty {
            super::props::PropType::Enum(words) => words.iter().find(|w| **w == s).copied(),
            _ => None,
        })
        .next()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Feature;

    /// Each layer type's paint reads exactly the properties the vocabulary gives that type:
    /// a name misspelt in a paint, or a property no paint draws, fails here.
    #[test]
    fn paints_read_exactly_the_vocabulary() {
        for kind in [LayerType::Fill, LayerType::Line, LayerType::Circle, LayerType::Symbol] {
            let props: BTreeMap<&'static str, Expr> = PROPERTIES
                .iter()
                .filter(|d| d.layers.contains(&kind))
                .map(|d| (d.name, Expr::Const(default_lit(d))))
                .collect();
            let (_, missing, unread) = compile_checked(kind, props);
            assert!(missing.is_empty(), "{kind:?}: paints read unknown properties {missing:?}");
            assert!(unread.is_empty(), "{kind:?}: no paint reads {unread:?}");
        }
    }

    #[test]
    fn colors_are_every_case_of_every_colour_property() {
        let mut props: BTreeMap<&'static str, Expr> = PROPERTIES
            .iter()
            .filter(|d| d.layers.contains(&LayerType::Circle))
            .map(|d| (d.name, Expr::Const(default_lit(d))))
            .collect();
        let (red, blue) = (Color::rgb(255, 0, 0), Color::rgb(0, 0, 255));
        props.insert(
            "circle-color",
            Expr::Match {
                property: "kind".into(),
                cases: [("capital".to_string(), Lit::Color(red))].into(),
                default: Lit::Color(blue),
            },
        );
        // The symbol's fill (each case, then the default), then its outline (the default white).
        assert_eq!(compile(LayerType::Circle, props).colors(), [red, blue, Color::rgb(255, 255, 255)]);
    }

    #[test]
    fn match_values_choose_by_feature_property() {
        let v = Value::Match { property: "kind".into(), cases: [("capital".to_string(), 4.0)].into(), default: 2.0 };
        let mut f = Feature {
            props: Default::default(),
            geometry: geo::Point::new(0.0, 0.0).into(),
            start: None,
            end: None,
            doubts: vec![],
            kin: vec![],
        };
        assert_eq!(*v.get(Some(&Seen::plain(&f))), 2.0);
        assert_eq!(*v.get(None), 2.0);
        f.props.insert("kind".into(), "capital".into());
        assert_eq!(*v.get(Some(&Seen::plain(&f))), 4.0);
    }
}
