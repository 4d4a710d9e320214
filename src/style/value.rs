//! Property values: literals, colours, variables and `match` expressions.

use super::props::{PropType, PROPERTIES};
use crate::scene::Color;
use std::collections::BTreeMap;
use toml::Value;

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

pub(crate) fn resolve_color(s: &str, colors: &BTreeMap<String, Color>) -> std::result::Result<Color, String> {
    if let Some(name) = s.strip_prefix('@') {
        return colors.get(name).copied().ok_or_else(|| format!("unknown colour '@{name}' (not in [colors])"));
    }
    Color::parse_hex(s).ok_or_else(|| format!("invalid colour '{s}': expected #rrggbb, #rrggbbaa or @name"))
}

/// What a value may refer to: named colours (`@name`) and variables (`$name`).
pub(crate) struct Env<'a> {
    pub colors: &'a BTreeMap<String, Color>,
    pub variables: &'a BTreeMap<String, Value>,
}

impl Env<'_> {
    /// The value itself, or the variable it names.
    fn resolve<'v>(&'v self, v: &'v Value) -> std::result::Result<&'v Value, String> {
        match v.as_str().and_then(|s| s.strip_prefix('$')) {
            Some(name) => {
                self.variables.get(name).ok_or_else(|| format!("unknown variable '${name}' (not in [variables])"))
            }
            None => Ok(v),
        }
    }
}

pub(crate) fn parse_lit(v: &Value, ty: PropType, env: &Env) -> std::result::Result<Lit, String> {
    let colors = env.colors;
    match (ty, env.resolve(v)?) {
        (PropType::Number(r), Value::Float(f)) if f.is_finite() => in_range(*f, r),
        (PropType::Number(r), Value::Integer(i)) => in_range(*i as f64, r),
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

/// A number within its property's range, or what the range is.
fn in_range(v: f64, r: super::props::Range) -> std::result::Result<Lit, String> {
    if (r.min..=r.max).contains(&v) {
        Ok(Lit::Num(v))
    } else {
        Err(format!("{v} is out of range: expected {} to {}", r.min, r.max))
    }
}

fn type_name(ty: PropType) -> &'static str {
    match ty {
        PropType::Color => "a colour (#rrggbb or @name)",
        PropType::Number(_) => "a number",
        PropType::Text => "a string",
        PropType::Bool => "true or false",
        PropType::Numbers => "a list of numbers",
        PropType::Enum(_) => "a word",
    }
}

/// A property's default value.
pub(crate) fn default_lit(def: &super::PropDef) -> Lit {
    let table: toml::Table = toml::from_str(&format!("v = {}", def.default)).expect("defaults are valid TOML");
    let env = Env { colors: &BTreeMap::new(), variables: &BTreeMap::new() };
    parse_lit(&table["v"], def.ty, &env).expect("defaults are valid values")
}

pub(crate) fn parse_expr(v: &Value, ty: PropType, env: &Env) -> std::result::Result<Expr, String> {
    let Value::Table(t) = v else { return parse_lit(v, ty, env).map(Expr::Const) };
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
        cases.insert(k.clone(), parse_lit(v, ty, env).map_err(|m| format!("case '{k}': {m}"))?);
    }
    let default = match t.get("default") {
        Some(d) => parse_lit(d, ty, env).map_err(|m| format!("default: {m}"))?,
        None => return Err("match needs a default".into()),
    };
    Ok(Expr::Match { property, cases, default })
}

pub(crate) fn closest(name: &str) -> Option<&'static str> {
    PROPERTIES
        .iter()
        .map(|d| (strsim::levenshtein(name, d.name), d.name))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}
