//! Where a feature is written: a second, light pass over a document that has already been
//! read, made only when a warning needs a line and column. It borrows each feature's
//! geometry as raw JSON text, whose place in the file is its position.

use crate::error::line_column;
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Document<'a> {
    #[serde(borrow, default)]
    features: Option<Vec<Member<'a>>>,
    #[serde(borrow, default)]
    geometry: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Member<'a> {
    #[serde(borrow, default)]
    geometry: Option<&'a RawValue>,
}

/// The line and column (1-based) of the geometry of each object in a document's `features`
/// array, in order (`None` for an object without one); for a bare Feature or geometry, one
/// position: its geometry's, or the document's start.
pub fn geometry_positions(bytes: &[u8]) -> Vec<Option<(usize, usize)>> {
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let at = |raw: &RawValue| line_column(text, raw.get().as_ptr() as usize - text.as_ptr() as usize);
    let Ok(doc) = serde_json::from_str::<Document>(text.strip_prefix('\u{feff}').unwrap_or(text)) else {
        return Vec::new();
    };
    match (doc.features, doc.geometry) {
        (Some(members), _) => members.iter().map(|m| m.geometry.map(at)).collect(),
        (None, Some(g)) => vec![Some(at(g))],
        (None, None) => {
            let start = text.find(|c: char| c != '\u{feff}' && !c.is_whitespace()).unwrap_or(0);
            vec![Some(line_column(text, start))]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometries_are_found_where_they_are_written() {
        let doc = "{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": \"Feature\", \"geometry\": null},\n  {\"type\": \"Feature\",\n   \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}";
        assert_eq!(geometry_positions(doc.as_bytes()), vec![None, Some((4, 16))]);
        assert_eq!(geometry_positions(b"\n  {\"type\": \"Point\", \"coordinates\": [1, 2]}"), vec![Some((2, 3))]);
    }
}
