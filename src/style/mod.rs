//! Styles: TOML files of layers drawn bottom to top, with MapLibre-style property names,
//! named colours and variables, values that depend on feature properties, styles that
//! extend other styles, and per-phase overrides from the story.

pub mod filter;
mod parse;
pub mod props;
mod value;

pub use filter::Filter;
pub use parse::{RawStyle, StyleTables};
pub use props::{LayerType, PropDef, PropType, LAYER_KEYS, PROPERTIES};
pub use value::{Expr, Lit};

use crate::data::Feature;
use crate::error::{Error, Result};
use crate::scene::{Color, SymbolShape};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    /// Legend text of the Russian edition (`legend-ru`), if different.
    pub legend_ru: Option<String>,
    /// Drawn only at this zoom or closer (MapLibre zoom: 0 shows the world in 256 points).
    pub minzoom: f64,
    /// Drawn only below this zoom.
    pub maxzoom: f64,
    /// Where the layer is defined, `file:line:column`.
    pub at: String,
    /// Where its filter is written, if it has one.
    pub filter_at: Option<String>,
    props: BTreeMap<&'static str, Expr>,
}

/// A parsed, validated style.
#[derive(Debug, Clone)]
pub struct Style {
    /// File it came from (the last of its `extends` chain).
    pub path: PathBuf,
    /// Page background (the sea).
    pub background: Color,
    /// Colour of furniture text and frames.
    pub ink: Color,
    /// Colour that marks the main map's area on locator insets.
    pub accent: Color,
    /// Layers, bottom to top.
    pub layers: Vec<StyleLayer>,
}

impl Style {
    /// Reads and validates a style file and those it extends; the error is the first problem.
    pub fn load(path: &Path) -> Result<Style> {
        Style::check(path).map_err(|mut e| e.remove(0))
    }

    /// Reads and validates a style, returning every problem found.
    pub fn check(path: &Path) -> std::result::Result<Style, Vec<Error>> {
        RawStyle::load(path)?.compile()
    }

    /// Parses a style from its text alone (no `extends`); `path` appears in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Style> {
        let tables: StyleTables = toml::from_str(text).map_err(|e| crate::story::toml_error(path, text, &e))?;
        let mut raw = RawStyle::empty(path);
        raw.overlay(path, text, &tables).and_then(|_| raw.compile()).map_err(|mut e| e.remove(0))
    }
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
            // Defaults are filled in when the layer is compiled; this is for a property
            // of another layer type, which the renderer never asks for.
            None => value::default_lit(def),
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

    /// The label text for a feature: `text-field` with `{property}` filled in (in Russian,
    /// from `property_ru` or `name_ru` when present) and `text-transform` applied; `None` if
    /// a referenced property is missing.
    pub fn label(&self, f: &Feature, lang: crate::lang::Lang) -> Option<String> {
        let template = self.word("text-field", Some(f));
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
        assert_eq!(s.layers[0].label(&f, crate::lang::Lang::En), None);
        f.props.insert("name_modern".into(), "Changchun".into());
        assert_eq!(s.layers[0].label(&f, crate::lang::Lang::En).unwrap(), "HSINKING (CHANGCHUN)");
        f.props.insert("name_ru".into(), "Синьцзин".into());
        assert_eq!(s.layers[0].label(&f, crate::lang::Lang::Ru).unwrap(), "СИНЬЦЗИН (CHANGCHUN)");
    }
}
