//! Geodata layers: GeoJSON files loaded into features with properties and date ranges.

use crate::date::edtf::Certainty;
use crate::date::{DateSpan, Day};
use crate::error::{Error, Result};
use crate::extent::Extent;
use geo::{BoundingRect, Geometry, Rect};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod antimeridian;
mod coords;
mod locate;
mod read;
pub mod seen;
pub mod valid;
pub use read::MAX_POSITIONS;

/// The largest GeoJSON file histmap reads.
pub const MAX_FILE_BYTES: u64 = 2 << 30;

/// Geodata layers by name, shared so a reload can keep the unchanged ones.
pub type Layers = BTreeMap<String, Arc<Layer>>;

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
    /// Its `start` and `end` that are not sure, each with the days it may fall on.
    pub doubts: Vec<Doubt>,
    /// The layer's other features of the same `entity` (the same state or place in another
    /// form), for its `change` and the name it had before.
    pub kin: Vec<Kin>,
}

/// Another form of a feature's `entity`: its dates and names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kin {
    /// First day it exists, if bounded.
    pub start: Option<Day>,
    /// First day it no longer exists, if bounded.
    pub end: Option<Day>,
    /// Its `name`.
    pub name: Option<String>,
    /// Its `name_ru`.
    pub name_ru: Option<String>,
}

/// An unsure `start` or `end`: the days on which the feature may or may not be there yet
/// (or still), and how unsure the date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doubt {
    /// The days the date may fall on (an unknown date: every day on its side of the other).
    pub days: DateSpan,
    /// How unsure it is.
    pub certainty: Certainty,
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
    /// What was read but is not quite right, each located: polygons that break the rules
    /// of validity (drawn even-odd all the same), or a layer with no geometry at all.
    pub warnings: Vec<Error>,
    /// The area its data covers, as its FeatureCollection's `bbox` declares: a map
    /// reaching past it would show the data's edge, and is warned about.
    pub coverage: Option<Extent>,
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

    /// How sure its dates are: the less sure of its `start` and `end`.
    pub fn certainty(&self) -> Certainty {
        self.doubts.iter().map(|d| d.certainty).max().unwrap_or_default()
    }

    /// How sure its being there is on a map of the days `span`: the least sure of the
    /// dates whose days of doubt reach into `span`. A settlement founded `1920~` is sure
    /// on a map of 1938; Hulunbuir held until `1932-12~` is not on one of November 1932.
    pub fn certainty_during(&self, span: &DateSpan) -> Certainty {
        let reaches = |d: &&Doubt| d.days.first <= span.last && span.first <= d.days.last;
        self.doubts.iter().filter(reaches).map(|d| d.certainty).max().unwrap_or_default()
    }

    /// Whether the feature exists on any day of `span`.
    pub fn exists_during(&self, span: &DateSpan) -> bool {
        span.overlaps(self.start, self.end)
    }
}

/// Adds a feature's `source` note to `list` unless it is there already, keeping the order
/// notes are first met in.
pub fn add_sources(list: &mut Vec<String>, f: &Feature) {
    if let Some(note) = f.text("source").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        if !list.contains(&note) {
            list.push(note);
        }
    }
}

impl Layer {
    /// Why `area` (lon/lat degrees, a map's frame or inset) is not covered by the layer's
    /// declared coverage, if it is not: the edges it reaches past.
    pub fn coverage_gap(&self, area: &Rect<f64>) -> Option<String> {
        let c = self.coverage?;
        if c.west > c.east {
            return None; // across the antimeridian: not compared
        }
        let past: Vec<&str> = [
            (area.min().x < c.west - 1e-9, "west"),
            (area.max().x > c.east + 1e-9, "east"),
            (area.min().y < c.south - 1e-9, "south"),
            (area.max().y > c.north + 1e-9, "north"),
        ]
        .into_iter()
        .filter_map(|(out, side)| out.then_some(side))
        .collect();
        (!past.is_empty()).then(|| {
            let (w, s, e, n) = (c.west, c.south, c.east, c.north);
            let sides = past.join(" and ");
            format!("reaches past layer '{}' to the {sides} (its data covers {w}–{e}°E, {s}–{n}°N): the data's edge will show", self.name)
        })
    }

    /// Reads a GeoJSON file; the layer is named after the file stem. Files over
    /// [`MAX_FILE_BYTES`] are refused before they are read.
    pub fn load(path: &Path) -> Result<Layer> {
        let fail = |e: std::io::Error| Error::file(path, format!("cannot read layer: {e}"));
        let len = std::fs::metadata(path).map_err(fail)?.len();
        if len > MAX_FILE_BYTES {
            return Err(Error::file(
                path,
                format!("layer is {} MB; histmap reads layers of up to {} MB", len >> 20, MAX_FILE_BYTES >> 20),
            ));
        }
        let bytes = std::fs::read(path).map_err(fail)?;
        Layer::parse(path, &bytes)
    }

    /// Parses GeoJSON bytes (a FeatureCollection, a Feature or a geometry); `path` names the
    /// layer and appears in errors, with the line and column of the problem.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Layer> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::at(path, 1, 1, "the file is empty: expected GeoJSON"));
        }
        let (features, ordinals, bbox) = read::features(bytes).map_err(|e| {
            if e.line() > 0 {
                Error::at(path, e.line(), e.column().max(1), strip_position(&e.to_string()))
            } else {
                Error::file(path, e.to_string())
            }
        })?;
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let warnings = warnings(path, bytes, &features, &ordinals);
        let coverage = bbox.and_then(|[w, s, e, n]| Extent::from_slice(&[w, s, e, n]).ok());
        Ok(Layer { name, path: path.to_path_buf(), features, warnings, coverage })
    }
}

/// One warning for each feature whose geometry breaks a rule of validity (checked on every
/// core), at the line and column of its geometry, and one for a layer with no geometry.
fn warnings(path: &Path, bytes: &[u8], features: &[Feature], ordinals: &[usize]) -> Vec<Error> {
    let problems: Vec<(usize, String)> =
        features.par_iter().enumerate().filter_map(|(i, f)| valid::problem(&f.geometry).map(|p| (i, p))).collect();
    let mut out = Vec::new();
    if !features.iter().any(|f| f.geometry.bounding_rect().is_some()) {
        out.push(Error::at(path, 1, 1, "the layer has no geometry (only null or empty geometries)"));
    }
    if problems.is_empty() {
        return out;
    }
    let positions = locate::geometry_positions(bytes);
    for (i, problem) in problems {
        let ordinal = ordinals[i];
        let message = match features[i].text("id") {
            Some(id) => format!("feature {} ('{id}'): {problem}", ordinal + 1),
            None => format!("feature {}: {problem}", ordinal + 1),
        };
        out.push(match positions.get(ordinal).copied().flatten() {
            Some((line, column)) => Error::at(path, line, column, message),
            None => Error::file(path, message),
        });
    }
    out
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
        assert!(e.message.contains("'start' 1940-01-01 is not before 'end' 1932-01-01"), "{e}");
        assert!(e.location.starts_with("m.geojson:1:"), "{e}");
    }
}
