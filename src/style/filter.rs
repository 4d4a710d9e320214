//! Feature filters: which features of a source a style layer draws.
//!
//! `filter = { kind = "city" }` (equality), `{ kind = ["city", "town"] }` (one of),
//! `{ class = { "<=" = 2 } }` (comparison), `{ name_ru = { exists = true } }` (presence),
//! `{ start = { "<" = "1933-03" } }` (dates compare as dates). All conditions must hold.

use crate::data::seen::Seen;
use crate::date::edtf::Edtf;
use serde_json::Value as Json;
use std::cmp::Ordering;
use toml::Value;

/// A literal a feature property is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// Text (also compared as a date when both sides are dates).
    Str(String),
    /// A number.
    Num(f64),
    /// A boolean.
    Bool(bool),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Equal to one of the values.
    In,
    /// Equal to none of the values.
    NotIn,
    /// Less than.
    Lt,
    /// Less than or equal.
    Le,
    /// Greater than.
    Gt,
    /// Greater than or equal.
    Ge,
    /// Present (value true) or absent (false).
    Exists(bool),
}

/// One condition on one property.
#[derive(Debug, Clone, PartialEq)]
pub struct Cond {
    /// Feature property.
    pub key: String,
    /// Operator.
    pub op: Op,
    /// Operand(s).
    pub values: Vec<Scalar>,
}

/// All conditions must hold; an empty filter accepts every feature.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter(pub Vec<Cond>);

impl Filter {
    /// Parses the `filter` table of a style layer.
    pub fn parse(v: &Value) -> Result<Filter, String> {
        let Value::Table(t) = v else { return Err("'filter' must be a table like { kind = \"city\" }".into()) };
        let mut conds = Vec::new();
        for (key, val) in t {
            let scalar = |v: &Value| -> Result<Scalar, String> {
                match v {
                    Value::String(s) => Ok(Scalar::Str(s.clone())),
                    Value::Integer(i) => Ok(Scalar::Num(*i as f64)),
                    Value::Float(f) if f.is_finite() => Ok(Scalar::Num(*f)),
                    Value::Boolean(b) => Ok(Scalar::Bool(*b)),
                    _ => Err(format!("filter on '{key}': values must be strings, numbers or booleans")),
                }
            };
            let list = |v: &Value| -> Result<Vec<Scalar>, String> {
                match v {
                    Value::Array(a) => a.iter().map(scalar).collect(),
                    other => Ok(vec![scalar(other)?]),
                }
            };
            match val {
                Value::Table(ops) => {
                    for (op, operand) in ops {
                        let op = match op.as_str() {
                            "==" | "in" => Op::In,
                            "!=" | "not-in" => Op::NotIn,
                            "<" => Op::Lt,
                            "<=" => Op::Le,
                            ">" => Op::Gt,
                            ">=" => Op::Ge,
                            "exists" => match operand {
                                Value::Boolean(b) => Op::Exists(*b),
                                _ => return Err(format!("filter on '{key}': exists must be true or false")),
                            },
                            other => {
                                return Err(format!(
                                    "filter on '{key}': unknown operator '{other}' (expected ==, !=, <, <=, >, >=, in, not-in, exists)"
                                ))
                            }
                        };
                        let values = if matches!(op, Op::Exists(_)) { vec![] } else { list(operand)? };
                        conds.push(Cond { key: key.clone(), op, values });
                    }
                }
                other => conds.push(Cond { key: key.clone(), op: Op::In, values: list(other)? }),
            }
        }
        Ok(Filter(conds))
    }

    /// Whether the feature passes every condition.
    pub fn accepts(&self, f: &Seen) -> bool {
        self.0.iter().all(|c| c.holds(f.value(&c.key).as_deref()))
    }

    /// Whether it looks at `change`: only such a layer draws features gone since the
    /// compared date.
    pub fn asks_change(&self) -> bool {
        self.keys().any(|k| k == "change")
    }

    /// The properties the filter looks at.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|c| c.key.as_str())
    }
}

impl Cond {
    fn holds(&self, v: Option<&Json>) -> bool {
        match (self.op, v) {
            (Op::Exists(want), v) => v.is_some() == want,
            (_, None) => self.op == Op::NotIn,
            (Op::In, Some(v)) => self.values.iter().any(|s| compare(v, s) == Some(Ordering::Equal)),
            (Op::NotIn, Some(v)) => self.values.iter().all(|s| compare(v, s) != Some(Ordering::Equal)),
            (op, Some(v)) => {
                let Some(ord) = self.values.first().and_then(|s| compare(v, s)) else { return false };
                match op {
                    Op::Lt => ord == Ordering::Less,
                    Op::Le => ord != Ordering::Greater,
                    Op::Gt => ord == Ordering::Greater,
                    _ => ord != Ordering::Less,
                }
            }
        }
    }
}

/// Orders a feature value against a literal: numbers as numbers (numeric strings too),
/// dates as dates, other text as text; `None` when they cannot be compared.
fn compare(v: &Json, s: &Scalar) -> Option<Ordering> {
    match (v, s) {
        (Json::Bool(a), Scalar::Bool(b)) => Some(a.cmp(b)),
        (Json::Number(a), Scalar::Num(b)) => a.as_f64()?.partial_cmp(b),
        (Json::String(a), Scalar::Num(b)) => a.parse::<f64>().ok()?.partial_cmp(b),
        (Json::Number(a), Scalar::Str(b)) => Some(a.to_string().cmp(b)),
        (Json::String(a), Scalar::Str(b)) => match (date(a), date(b)) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => Some(a.cmp(b)),
        },
        _ => None,
    }
}

/// The first day of a written date (EDTF), if it is one.
fn date(s: &str) -> Option<crate::date::Day> {
    Edtf::parse(s).ok()?.span.map(|span| span.first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Feature;

    fn feature(props: serde_json::Value) -> Feature {
        Feature {
            props: props.as_object().unwrap().clone(),
            geometry: geo::Point::new(0.0, 0.0).into(),
            start: None,
            end: None,
            doubts: vec![],
            kin: vec![],
        }
    }

    fn filter(s: &str) -> Filter {
        let v: toml::Table = toml::from_str(&format!("f = {s}")).unwrap();
        Filter::parse(&v["f"]).unwrap()
    }

    #[test]
    fn equality_sets_comparisons_presence_and_dates() {
        let f = feature(serde_json::json!({"kind": "city", "class": 2, "start": "1932-03", "name": "Harbin"}));
        assert!(filter(r#"{ kind = "city" }"#).accepts(&Seen::plain(&f)));
        assert!(filter(r#"{ kind = ["town", "city"] }"#).accepts(&Seen::plain(&f)));
        assert!(!filter(r#"{ kind = { "!=" = "city" } }"#).accepts(&Seen::plain(&f)));
        assert!(filter(r#"{ class = { "<=" = 2, ">" = 1 } }"#).accepts(&Seen::plain(&f)));
        assert!(!filter(r#"{ class = { "<" = 2 } }"#).accepts(&Seen::plain(&f)));
        assert!(filter(r#"{ name_ru = { exists = false }, name = { exists = true } }"#).accepts(&Seen::plain(&f)));
        assert!(filter(r#"{ start = { "<" = "1933" } }"#).accepts(&Seen::plain(&f)));
        assert!(!filter(r#"{ start = { ">=" = "1932-04-01" } }"#).accepts(&Seen::plain(&f)));
        // A missing property fails every condition but "not in" and "exists = false".
        assert!(!filter(r#"{ missing = "x" }"#).accepts(&Seen::plain(&f)));
        assert!(filter(r#"{ missing = { not-in = ["x"] } }"#).accepts(&Seen::plain(&f)));
    }

    #[test]
    fn derived_properties_filter_too() {
        let f = feature(serde_json::json!({"kind": "province"}));
        let approximate = crate::date::edtf::Certainty::Approximate;
        let new =
            Seen { feature: &f, change: Some(crate::data::seen::Change::New), certainty: approximate, formerly: None };
        assert!(filter(r#"{ change = "new", date-certainty = ["approximate", "uncertain"] }"#).accepts(&new));
        assert!(!filter(r#"{ change = "gone" }"#).accepts(&new));
        // A map comparing with no date gives no change: only "not in" and "exists = false" hold.
        assert!(!filter(r#"{ change = "new" }"#).accepts(&Seen::plain(&f)));
        assert!(filter(r#"{ change = { not-in = ["new"] } }"#).accepts(&Seen::plain(&f)));
        assert!(filter(r#"{ change = "kept" }"#).asks_change() && !filter(r#"{ kind = "x" }"#).asks_change());
        // Uncertain dates compare by their first day.
        let g = feature(serde_json::json!({"start": "193X~"}));
        assert!(filter(r#"{ start = { "<" = "1931-01-01" } }"#).accepts(&Seen::plain(&g)));
    }

    #[test]
    fn bad_filters_are_explained() {
        let v: toml::Table = toml::from_str(r#"f = { kind = { "~=" = "x" } }"#).unwrap();
        assert!(Filter::parse(&v["f"]).unwrap_err().contains("unknown operator '~='"));
        let v: toml::Table = toml::from_str(r#"f = "city""#).unwrap();
        assert!(Filter::parse(&v["f"]).is_err());
    }
}
