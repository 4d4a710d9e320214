//! Geodata layers: GeoJSON files loaded into features with properties and date ranges.

use crate::date::{DateSpan, Day};
use crate::error::{Error, Result};
use geo::Geometry;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// A feature of a layer: geometry in lon/lat degrees plus its properties.
#[derive(Debug, Clone)]
pub struct Feature {
    /// Properties as read from the file.
    pub props: Map<String, Value>,
    /// Geometry in WGS84 longitude/latitude.
    pub geometry: Geometry<f64>,
    /// First day the feature exists, if bounded.
    pub start: Option<Day>,
    /// First day it no longer exists (exclusive), if bounded.
    pub end: Option<Day>,
}

/// A geodata layer: the features of one GeoJSON file.
#[derive(Debug, Clone)]
pub struct Layer {
    /// Layer name: the file stem.
    pub name: String,
    /// File it was read from.
    pub path: PathBuf,
    /// Its features, in file order.
    pub features: Vec<Feature>,
}

impl Feature {
    /// A property as text (numbers and booleans formatted), if present and not null.
    pub fn text(&self, key: &str) -> Option<String> {
        match self.props.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => Some(other.to_string()),
        }
    }

    /// Whether the feature exists on any day of `span`.
    pub fn exists_during(&self, span: &DateSpan) -> bool {
        span.overlaps(self.start, self.end)
    }
}

impl Layer {
    /// Reads a GeoJSON FeatureCollection; the layer is named after the file stem.
    pub fn load(path: &Path) -> Result<Layer> {
        let bytes = std::fs::read(path).map_err(|e| Error::file(path, format!("cannot read layer: {e}")))?;
        Layer::parse(path, &bytes)
    }

    /// Parses GeoJSON bytes; `path` names the layer and appears in errors.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Layer> {
        let fc: geojson::FeatureCollection = serde_json::from_slice(bytes).map_err(|e| {
            if e.line() > 0 {
                Error::at(path, e.line(), e.column(), strip_position(&e.to_string()))
            } else {
                Error::file(path, e.to_string())
            }
        })?;
        let mut features = Vec::with_capacity(fc.features.len());
        for (i, f) in fc.features.into_iter().enumerate() {
            let props = f.properties.unwrap_or_default();
            let label = match props.get("id").and_then(Value::as_str) {
                Some(id) => format!("feature {} (id '{id}')", i + 1),
                None => format!("feature {}", i + 1),
            };
            let fail = |m: String| Error::file(path, format!("{label}: {m}"));
            let Some(g) = f.geometry else { continue };
            let geometry = Geometry::<f64>::try_from(g).map_err(|e| fail(format!("bad geometry: {e}")))?;
            // A bound is the first day of the written span: `end = "1945"` means until 1945 began.
            let date = |key: &str| -> Result<Option<Day>> {
                match props.get(key) {
                    None | Some(Value::Null) => Ok(None),
                    Some(Value::String(s)) => {
                        let span = DateSpan::parse(s).map_err(|m| fail(format!("'{key}': {m}")))?;
                        Ok(Some(span.first))
                    }
                    Some(_) => Err(fail(format!("'{key}' must be a date string"))),
                }
            };
            let start = date("start")?;
            let end = date("end")?;
            if let (Some(s), Some(e)) = (start, end) {
                if s >= e {
                    return Err(fail(format!("'start' {s} is not before 'end' {e}")));
                }
            }
            features.push(Feature { props, geometry, start, end });
        }
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Layer { name, path: path.to_path_buf(), features })
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_json_is_located() {
        let e = Layer::parse(Path::new("x.geojson"), b"{\"type\": \"FeatureCollection\",\n \"features\": [,]}")
            .unwrap_err();
        assert_eq!(e.location, "x.geojson:2:15");
    }

    #[test]
    fn dates_are_read() {
        let src = br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"m","start":"1932-03-01","end":"1945-08"},"geometry":{"type":"Point","coordinates":[125,44]}}]}"#;
        let l = Layer::parse(Path::new("m.geojson"), src).unwrap();
        let f = &l.features[0];
        assert_eq!(f.start.unwrap().to_string(), "1932-03-01");
        assert_eq!(f.end.unwrap().to_string(), "1945-08-01");
        assert!(f.exists_during(&DateSpan::parse("1932-03-01").unwrap()));
        assert!(!f.exists_during(&DateSpan::parse("1932-02").unwrap()));
    }

    #[test]
    fn start_after_end_is_an_error() {
        let src = br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"m","start":"1940","end":"1932"},"geometry":null}]}"#;
        // Features without geometry are skipped before their dates are read.
        assert!(Layer::parse(Path::new("m.geojson"), src).is_ok());
        let src = String::from_utf8_lossy(src).replace("null", r#"{"type":"Point","coordinates":[1,2]}"#);
        let e = Layer::parse(Path::new("m.geojson"), src.as_bytes()).unwrap_err();
        assert!(e.message.contains("id 'm'"), "{e}");
    }
}
