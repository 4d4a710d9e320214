//! Reading style files: `extends` chains, per-phase overrides, and validation that reports
//! every problem with its file, line and column.

use super::filter::Filter;
use super::props::{LayerType, LAYER_KEYS, PROPERTIES};
use super::value::{closest, default_lit, parse_expr, resolve_color, Env, Expr};
use super::{LegendCases, Style, StyleLayer};
use crate::error::{line_column, Error};
use crate::scene::Color;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::{Spanned, Value};

/// The tables of a style file (or of a phase's `style` override in the story).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleTables {
    extends: Option<Spanned<String>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    variables: BTreeMap<Spanned<String>, Spanned<Value>>,
    background: Option<Spanned<String>>,
    ink: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
    graticule: Option<bool>,
    #[serde(rename = "north-arrow")]
    north_arrow: Option<bool>,
    #[serde(default)]
    layer: Vec<Spanned<BTreeMap<Spanned<String>, Spanned<Value>>>>,
}

/// A file's text, kept so positions can be reported as line and column.
#[derive(Debug, Clone)]
struct Doc {
    path: PathBuf,
    text: String,
}

/// Where a value came from: which document, and the byte offsets of its key and value.
#[derive(Debug, Clone, Copy)]
struct At {
    doc: usize,
    key: usize,
    value: usize,
}

#[derive(Debug, Clone)]
struct RawLayer {
    id: String,
    at: At,
    entries: BTreeMap<String, (Value, At)>,
}

/// A style before validation: every file of its `extends` chain merged, child over parent,
/// with each value remembering where it was written.
#[derive(Debug, Clone)]
pub struct RawStyle {
    path: PathBuf,
    docs: Vec<Doc>,
    colors: BTreeMap<String, (String, At)>,
    variables: BTreeMap<String, (Value, At)>,
    background: Option<(String, At)>,
    ink: Option<(String, At)>,
    accent: Option<(String, At)>,
    graticule: Option<bool>,
    north_arrow: Option<bool>,
    layers: Vec<RawLayer>,
}

impl RawStyle {
    /// A style with nothing in it yet.
    pub fn empty(path: &Path) -> RawStyle {
        RawStyle {
            path: path.to_path_buf(),
            docs: vec![],
            colors: BTreeMap::new(),
            variables: BTreeMap::new(),
            background: None,
            ink: None,
            accent: None,
            graticule: None,
            north_arrow: None,
            layers: vec![],
        }
    }

    /// Reads a style file and the files it extends.
    pub fn load(path: &Path) -> Result<RawStyle, Vec<Error>> {
        let mut raw = RawStyle::empty(path);
        raw.load_chain(path, &mut Vec::new())?;
        Ok(raw)
    }

    fn load_chain(&mut self, path: &Path, chain: &mut Vec<PathBuf>) -> Result<(), Vec<Error>> {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if chain.contains(&canonical) {
            let names: Vec<String> = chain.iter().chain([&canonical]).map(|p| p.display().to_string()).collect();
            return Err(vec![Error::file(path, format!("'extends' makes a cycle: {}", names.join(" → ")))]);
        }
        chain.push(canonical);
        let text =
            std::fs::read_to_string(path).map_err(|e| vec![Error::file(path, format!("cannot read style: {e}"))])?;
        let tables: StyleTables = toml::from_str(&text).map_err(|e| vec![crate::error::toml_error(path, &text, &e)])?;
        if let Some(parent) = &tables.extends {
            let parent_path = path.parent().unwrap_or(Path::new(".")).join(parent.get_ref());
            if !parent_path.exists() {
                let (l, c) = line_column(&text, parent.span().start);
                return Err(vec![Error::at(
                    path,
                    l,
                    c,
                    format!("'extends': {} does not exist", parent_path.display()),
                )]);
            }
            self.load_chain(&parent_path, chain)?;
        }
        self.overlay(path, &text, &tables)
    }

    /// Applies `tables` (written in the file `path`, whose text is `text`) over this style:
    /// colours, variables and background replace the old ones; a layer with a known id
    /// changes only the keys it sets; a new id adds a layer on top.
    pub fn overlay(&mut self, path: &Path, text: &str, tables: &StyleTables) -> Result<(), Vec<Error>> {
        let doc = self.docs.len();
        self.docs.push(Doc { path: path.to_path_buf(), text: text.to_string() });
        let at = |k: usize, v: usize| At { doc, key: k, value: v };
        for (k, v) in &tables.colors {
            self.colors.insert(k.get_ref().clone(), (v.get_ref().clone(), at(k.span().start, v.span().start)));
        }
        for (k, v) in &tables.variables {
            self.variables.insert(k.get_ref().clone(), (v.get_ref().clone(), at(k.span().start, v.span().start)));
        }
        if let Some(b) = &tables.background {
            self.background = Some((b.get_ref().clone(), at(b.span().start, b.span().start)));
        }
        if let Some(i) = &tables.ink {
            self.ink = Some((i.get_ref().clone(), at(i.span().start, i.span().start)));
        }
        if let Some(a) = &tables.accent {
            self.accent = Some((a.get_ref().clone(), at(a.span().start, a.span().start)));
        }
        self.graticule = tables.graticule.or(self.graticule);
        self.north_arrow = tables.north_arrow.or(self.north_arrow);
        let mut errors = Vec::new();
        let mut seen = Vec::new();
        for table in &tables.layer {
            let start = table.span().start;
            let id = table.get_ref().iter().find(|(k, _)| k.get_ref() == "id").map(|(_, v)| v);
            let Some(id) = id.and_then(|v| v.get_ref().as_str().map(|s| (s.to_string(), v.span().start))) else {
                errors.push(self.error(at(start, start), "layer without a string 'id'".into()));
                continue;
            };
            if seen.contains(&id.0) {
                errors.push(self.error(at(id.1, id.1), format!("duplicate layer id '{}' in this file", id.0)));
                continue;
            }
            seen.push(id.0.clone());
            let entries = table
                .get_ref()
                .iter()
                .map(|(k, v)| (k.get_ref().clone(), (v.get_ref().clone(), at(k.span().start, v.span().start))));
            match self.layers.iter_mut().find(|l| l.id == id.0) {
                Some(existing) => existing.entries.extend(entries),
                None => self.layers.push(RawLayer { id: id.0, at: at(start, id.1), entries: entries.collect() }),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn error(&self, at: At, message: String) -> Error {
        let doc = &self.docs[at.doc];
        let (l, c) = line_column(&doc.text, at.value);
        Error::at(&doc.path, l, c, message)
    }

    fn key_error(&self, at: At, message: String) -> Error {
        self.error(At { value: at.key, ..at }, message)
    }

    /// Validates the merged style; every problem found is returned, not just the first.
    pub fn compile(&self) -> Result<Style, Vec<Error>> {
        let mut errors = Vec::new();
        let mut colors = BTreeMap::new();
        for (name, (v, at)) in &self.colors {
            match Color::parse_hex(v) {
                Some(c) => {
                    colors.insert(name.clone(), c);
                }
                None => errors
                    .push(self.error(*at, format!("invalid colour '{v}' for '{name}': expected #rrggbb or #rrggbbaa"))),
            }
        }
        let variables: BTreeMap<String, Value> =
            self.variables.iter().map(|(k, (v, _))| (k.clone(), v.clone())).collect();
        let env = Env { colors: &colors, variables: &variables };
        let mut color_of = |v: &Option<(String, At)>, default: Color| match v {
            None => default,
            Some((s, at)) => resolve_color(s, &colors).unwrap_or_else(|m| {
                errors.push(self.error(*at, m));
                default
            }),
        };
        let background = color_of(&self.background, Color::rgb(0xd4, 0xe4, 0xee));
        let ink = color_of(&self.ink, Color::rgb(0x22, 0x22, 0x22));
        let accent = color_of(&self.accent, Color::rgb(0xc8, 0x1e, 0x1e));
        let mut layers = Vec::new();
        for raw in &self.layers {
            if let Some(layer) = self.compile_layer(raw, &env, &mut errors) {
                layers.push(layer);
            }
        }
        if errors.is_empty() {
            let (graticule, north_arrow) = (self.graticule.unwrap_or(true), self.north_arrow);
            Ok(Style { path: self.path.clone(), background, ink, accent, graticule, north_arrow, layers })
        } else {
            Err(errors)
        }
    }

    fn compile_layer(&self, raw: &RawLayer, env: &Env, errors: &mut Vec<Error>) -> Option<StyleLayer> {
        let before = errors.len();
        let get = |k: &str| raw.entries.get(k);
        let mut legend_of = |k: &str| -> (Option<String>, Option<Cases>) {
            match get(k) {
                Some((v @ Value::Table(_), at)) => match legend_cases(v) {
                    Ok((property, cases, default)) => (default, Some((property, cases))),
                    Err(m) => {
                        errors.push(self.error(*at, format!("'{k}': {m}")));
                        (None, None)
                    }
                },
                Some((Value::String(s), _)) => (Some(s.clone()), None),
                Some((_, at)) => {
                    errors.push(self.error(*at, format!("'{k}' must be a string or a match table")));
                    (None, None)
                }
                None => (None, None),
            }
        };
        let (legend, cases) = legend_of("legend");
        let (legend_ru, cases_ru) = legend_of("legend-ru");
        let legend_cases = match (cases, cases_ru) {
            (Some((property, cases)), ru) => {
                Some(LegendCases { property, cases, cases_ru: ru.map(|(_, c)| c).unwrap_or_default() })
            }
            (None, Some(_)) => {
                errors.push(
                    self.error(get("legend-ru").unwrap().1, "'legend-ru' has cases but 'legend' has none".into()),
                );
                None
            }
            (None, None) => None,
        };
        let mut string = |k: &str| -> Option<String> {
            let (v, at) = get(k)?;
            match v.as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    errors.push(self.error(*at, format!("'{k}' must be a string")));
                    None
                }
            }
        };
        let source = string("source");
        let ty = string("type");
        let ground_radius = string("ground-radius");
        let mask: Vec<String> =
            match get("mask") {
                None => vec![],
                Some((v, at)) => match v.as_str().map(|s| vec![s.to_string()]).or_else(|| {
                    v.as_array()?.iter().map(|x| x.as_str().map(str::to_string)).collect::<Option<Vec<_>>>()
                }) {
                    Some(ids) => ids,
                    None => {
                        errors.push(self.error(*at, "'mask' must be a layer id or a list of them".into()));
                        vec![]
                    }
                },
            };
        if source.is_none() && get("source").is_none() {
            errors.push(self.error(raw.at, format!("layer '{}' has no 'source'", raw.id)));
        }
        let kind = match ty.as_deref() {
            Some("fill") => Some(LayerType::Fill),
            Some("line") => Some(LayerType::Line),
            Some("circle") => Some(LayerType::Circle),
            Some("symbol") => Some(LayerType::Symbol),
            Some(other) => {
                errors.push(self.error(
                    get("type").unwrap().1,
                    format!("unknown layer type '{other}': expected fill, line, circle or symbol"),
                ));
                None
            }
            None => {
                if get("type").is_none() {
                    errors.push(self.error(raw.at, format!("layer '{}' has no 'type'", raw.id)));
                }
                None
            }
        };
        let mut zoom = |k: &str, default: f64| match get(k) {
            None => default,
            Some((Value::Integer(i), _)) => *i as f64,
            Some((Value::Float(f), _)) if f.is_finite() => *f,
            Some((_, at)) => {
                errors.push(self.error(*at, format!("'{k}' must be a number")));
                default
            }
        };
        let (minzoom, maxzoom) = (zoom("minzoom", 0.0), zoom("maxzoom", 30.0));
        let (filter, filter_at) = match get("filter") {
            None => (Filter::default(), None),
            Some((v, at)) => match Filter::parse(v) {
                Ok(f) => (f, Some(self.location(*at))),
                Err(m) => {
                    errors.push(self.error(*at, m));
                    (Filter::default(), None)
                }
            },
        };
        let mut props = BTreeMap::new();
        for (name, (value, at)) in &raw.entries {
            if LAYER_KEYS.contains(&name.as_str()) {
                continue;
            }
            let Some(def) = PROPERTIES.iter().find(|d| d.name == name) else {
                let hint = closest(name).map(|c| format!(" (did you mean '{c}'?)")).unwrap_or_default();
                errors.push(self.key_error(*at, format!("unknown property '{name}'{hint}")));
                continue;
            };
            if let Some(kind) = kind {
                if !def.layers.contains(&kind) {
                    errors.push(self.key_error(
                        *at,
                        format!("'{name}' does not apply to a {} layer", format!("{kind:?}").to_lowercase()),
                    ));
                    continue;
                }
            }
            match parse_expr(value, def.ty, env) {
                Ok(e) => {
                    props.insert(def.name, e);
                }
                Err(m) => errors.push(self.error(*at, format!("'{name}': {m}"))),
            }
        }
        if errors.len() > before {
            return None;
        }
        let kind = kind?;
        if let (Some(_), LayerType::Circle | LayerType::Symbol) = (&ground_radius, kind) {
            let at = get("ground-radius").unwrap().1;
            errors.push(self.key_error(at, "'ground-radius' applies to fill and line layers".into()));
            return None;
        }
        if let Some((_, at)) = get("mask") {
            if kind != LayerType::Line {
                errors.push(self.key_error(*at, "'mask' applies to line layers".into()));
                return None;
            }
            let fills: Vec<&str> = self
                .layers
                .iter()
                .filter(|l| l.entries.get("type").and_then(|(v, _)| v.as_str()) == Some("fill"))
                .map(|l| l.id.as_str())
                .collect();
            if let Some(bad) = mask.iter().find(|m| !fills.contains(&m.as_str())) {
                errors.push(self.error(*at, format!("'mask' names '{bad}', which is no fill layer of the style")));
                return None;
            }
        }
        for def in PROPERTIES.iter().filter(|d| d.layers.contains(&kind)) {
            props.entry(def.name).or_insert_with(|| Expr::Const(default_lit(def)));
        }
        Some(StyleLayer {
            id: raw.id.clone(),
            source: source?,
            kind,
            filter,
            legend,
            legend_ru,
            legend_cases,
            minzoom,
            maxzoom,
            at: self.location(raw.at),
            filter_at,
            ground_radius,
            mask,
            paint: super::paint::compile(kind, props),
        })
    }

    fn location(&self, at: At) -> String {
        let doc = &self.docs[at.doc];
        let (l, c) = line_column(&doc.text, at.value);
        format!("{}:{l}:{c}", doc.path.display())
    }
}

/// A legend's property and its text per value.
type Cases = (String, BTreeMap<String, String>);
/// A legend's property, its text per value, and its text for other values.
type LegendMatch = (String, BTreeMap<String, String>, Option<String>);

/// A legend's match table: `{ match = "property", cases = { value = "text" }, default = "text" }`.
fn legend_cases(v: &Value) -> std::result::Result<LegendMatch, String> {
    let t = v.as_table().ok_or("expected a table")?;
    if let Some(k) = t.keys().find(|k| !["match", "cases", "default"].contains(&k.as_str())) {
        return Err(format!("unknown key '{k}' (expected match, cases, default)"));
    }
    let property = t.get("match").and_then(Value::as_str).ok_or("'match' must name a feature property")?;
    let cases = t.get("cases").and_then(Value::as_table).ok_or("'cases' must be a table of texts")?;
    let cases = cases
        .iter()
        .map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())).ok_or(format!("case '{k}' must be a text")))
        .collect::<std::result::Result<_, _>>()?;
    let default = match t.get("default") {
        Some(d) => Some(d.as_str().ok_or("'default' must be a text")?.to_string()),
        None => None,
    };
    Ok((property.to_string(), cases, default))
}
