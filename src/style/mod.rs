//! Styles: TOML files of layers drawn bottom to top, with MapLibre-style property names,
//! named colours and variables, values that depend on feature properties, styles that
//! extend other styles, and per-phase overrides from the story.

pub mod filter;
pub mod paint;
mod parse;
pub mod props;
mod value;

pub use filter::Filter;
pub use paint::Paint;
pub use parse::{RawStyle, StyleTables};
pub use props::{LayerType, PropDef, PropType, LAYER_KEYS, PROPERTIES};
pub use value::{Expr, Lit};

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::scene::Color;
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
    /// One legend entry per value of a feature property, each with its text (`legend =
    /// { match = "arm", cases = { infantry = "Infantry" } }`; `legend` is then the
    /// `default`, for values with no case).
    pub legend_cases: Option<LegendCases>,
    /// Drawn only at this zoom or closer (MapLibre zoom: 0 shows the world in 256 points).
    pub minzoom: f64,
    /// Drawn only below this zoom.
    pub maxzoom: f64,
    /// Where the layer is defined, `file:line:column`.
    pub at: String,
    /// Where its filter is written, if it has one.
    pub filter_at: Option<String>,
    /// The feature property holding a radius in kilometres (`ground-radius`): a fill or
    /// line layer with one draws each point as the circle of that radius on the ground,
    /// such as how far from its mark a place may truly lie.
    pub ground_radius: Option<String>,
    /// Fill layers (by id) whose areas a line layer is not drawn in: a border is left out of
    /// the disputed ground its claims cross, so the map takes neither side.
    pub mask: Vec<String>,
    /// Its drawing properties, typed.
    pub paint: Paint,
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
    /// Whether regional maps get a labelled graticule (`graticule`, default true).
    pub graticule: bool,
    /// Whether maps get a north arrow (`north-arrow`); by default, those without a graticule.
    pub north_arrow: Option<bool>,
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
        let tables: StyleTables = toml::from_str(text).map_err(|e| crate::error::toml_error(path, text, &e))?;
        let mut raw = RawStyle::empty(path);
        raw.overlay(path, text, &tables).and_then(|_| raw.compile()).map_err(|mut e| e.remove(0))
    }
}

/// A layer's legend texts by the value of a feature property.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendCases {
    /// The property.
    pub property: String,
    /// Text per value.
    pub cases: BTreeMap<String, String>,
    /// Text per value in the Russian edition (`legend-ru`'s cases), where different.
    pub cases_ru: BTreeMap<String, String>,
}

impl StyleLayer {
    /// Whether the layer is drawn at this zoom.
    pub fn visible_at(&self, zoom: f64) -> bool {
        zoom >= self.minzoom && zoom < self.maxzoom
    }

    /// The legend text in `lang` (Russian falls back to English).
    pub fn legend_in(&self, lang: Lang) -> Option<&String> {
        match lang {
            Lang::Ru => self.legend_ru.as_ref().or(self.legend.as_ref()),
            Lang::En => self.legend.as_ref(),
        }
    }

    /// The legend text in `lang`, its `{since}` replaced by the date the map's changes
    /// are counted from.
    pub fn legend_since(&self, lang: Lang, since: &str) -> Option<String> {
        self.legend_in(lang).map(|t| t.replace("{since}", since))
    }

    /// The value of the property that chooses a feature's legend entry, if the legend has cases.
    pub fn legend_case(&self, f: &crate::data::Feature) -> Option<String> {
        self.legend_cases.as_ref().and_then(|c| f.text(&c.property))
    }

    /// The legend text in `lang` for features whose legend property has the value `case`
    /// (the plain text for a layer without cases, or for a value with none).
    pub fn legend_for(&self, lang: Lang, since: &str, case: Option<&str>) -> Option<String> {
        let text = |c: &LegendCases| {
            let case = case?;
            let ru = (lang == Lang::Ru).then(|| c.cases_ru.get(case)).flatten();
            ru.or_else(|| c.cases.get(case)).cloned()
        };
        match self.legend_cases.as_ref().and_then(text) {
            Some(t) => Some(t.replace("{since}", since)),
            None => self.legend_since(lang, since),
        }
    }

    /// Every legend text the layer can show in `lang`, in the order its cases are written.
    pub fn legend_texts(&self, lang: Lang, since: &str) -> Vec<String> {
        let mut out: Vec<String> = self.legend_since(lang, since).into_iter().collect();
        if let Some(c) = &self.legend_cases {
            out.extend(c.cases.keys().filter_map(|k| self.legend_for(lang, since, Some(k))));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::seen::Seen;
    use crate::data::Feature;
    use crate::scene::Fill;

    fn parse(s: &str) -> Result<Style> {
        Style::parse(Path::new("s.toml"), s)
    }

    fn feature() -> Feature {
        Feature {
            props: Default::default(),
            geometry: geo::Point::new(0.0, 0.0).into(),
            start: None,
            end: None,
            doubts: vec![],
            kin: vec![],
        }
    }

    #[test]
    fn parses_layers_and_named_colours() {
        let s = parse("[colors]\nland = \"#eeddcc\"\n[[layer]]\nid = \"l\"\nsource = \"land\"\ntype = \"fill\"\nfill-color = \"@land\"\n").unwrap();
        let Paint::Fill(p) = &s.layers[0].paint else { panic!("a fill layer") };
        assert_eq!(p.eval(None).fill, Some(Fill::Solid(Color::rgb(0xee, 0xdd, 0xcc))));
    }

    #[test]
    fn a_mask_names_fill_layers_of_the_style_and_applies_to_lines() {
        let fill = "[[layer]]\nid = \"strip\"\nsource = \"s\"\ntype = \"fill\"\n";
        let line =
            |mask: &str| format!("{fill}[[layer]]\nid = \"b\"\nsource = \"s\"\ntype = \"line\"\nmask = {mask}\n");
        assert_eq!(parse(&line("\"strip\"")).unwrap().layers[1].mask, ["strip"]);
        assert_eq!(parse(&line("[\"strip\"]")).unwrap().layers[1].mask, ["strip"]);
        let e = parse(&line("[\"strip\", \"b\"]")).unwrap_err().to_string();
        assert!(e.contains("'mask' names 'b', which is no fill layer of the style") && e.contains("s.toml:"), "{e}");
        let e = parse(&line("3")).unwrap_err().to_string();
        assert!(e.contains("'mask' must be a layer id or a list of them"), "{e}");
        let on_fill = format!("{fill}mask = \"strip\"\n");
        assert!(parse(&on_fill).unwrap_err().to_string().contains("'mask' applies to line layers"));
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
        let Paint::Circle(p) = &s.layers[0].paint else { panic!("a circle layer") };
        let mut f = feature();
        assert_eq!(p.eval(Some(&Seen::plain(&f))).radius, 2.0);
        f.props.insert("kind".into(), "capital".into());
        assert_eq!(p.eval(Some(&Seen::plain(&f))).radius, 4.0);
    }

    #[test]
    fn labels_fill_templates() {
        let s = parse("[[layer]]\nid = \"t\"\nsource = \"cities\"\ntype = \"symbol\"\ntext-field = \"{name} ({name_modern})\"\ntext-transform = \"uppercase\"\n").unwrap();
        let Paint::Text(p) = &s.layers[0].paint else { panic!("a label layer") };
        let mut f = feature();
        f.props.insert("name".into(), "Hsinking".into());
        assert_eq!(p.text(&Seen::plain(&f), Lang::En), None);
        f.props.insert("name_modern".into(), "Changchun".into());
        assert_eq!(p.text(&Seen::plain(&f), Lang::En).unwrap(), "HSINKING (CHANGCHUN)");
        f.props.insert("name_ru".into(), "Синьцзин".into());
        assert_eq!(p.text(&Seen::plain(&f), Lang::Ru).unwrap(), "СИНЬЦЗИН (CHANGCHUN)");
    }
}
