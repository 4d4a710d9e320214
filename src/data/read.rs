//! A streaming GeoJSON reader. It deserialises straight into `geo` geometries, checking
//! the rules of RFC 7946 on the way, so that every problem is reported at its line and
//! column and a large layer costs little more memory than its coordinates.

use super::coords::{geometry_of, Coords, CoordsSeed};
use super::{Doubt, Feature, Kin};
use crate::date::edtf::{Certainty, Edtf};
use crate::date::{DateSpan, Day};
use geo::Geometry;
use serde::de::{self, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;

/// The most positions one file may hold (about 1.2 GB of memory): larger layers are
/// refused rather than left to exhaust the machine.
pub const MAX_POSITIONS: usize = 50_000_000;

/// The features of a document, for each the index of its object in the document's
/// `features` array (0 for a bare Feature or geometry), to find it again for a warning,
/// and the `bbox` its FeatureCollection declares, if any.
pub type Read = (Vec<Feature>, Vec<usize>, Option<[f64; 4]>);

/// Reads a GeoJSON document (a FeatureCollection, a Feature or a bare geometry) into its
/// features; features without geometry, or with empty coordinates, are left out.
pub fn features(bytes: &[u8]) -> serde_json::Result<Read> {
    features_within(bytes, MAX_POSITIONS)
}

/// [`features`], refusing documents of more than `max_positions` positions.
fn features_within(bytes: &[u8], max_positions: usize) -> serde_json::Result<Read> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let budget = Cell::new(max_positions);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let object = ObjectSeed { budget: &budget }.deserialize(&mut de)?;
    de.end()?;
    let mut read = match object {
        Object::Collection(read) => read,
        Object::Feature(f) => (f.into_iter().collect(), vec![0], None),
        Object::Geometry(g) => (
            g.into_iter()
                .map(|geometry| Feature {
                    props: Map::new(),
                    geometry,
                    start: None,
                    end: None,
                    doubts: vec![],
                    kin: vec![],
                })
                .collect(),
            vec![0],
            None,
        ),
    };
    link_kin(&mut read.0);
    Ok(read)
}

/// Gives each feature with an `entity` the dates of the others with the same one.
fn link_kin(features: &mut [Feature]) {
    let entity = |f: &Feature| f.props.get("entity").and_then(Value::as_str).map(str::to_string);
    let mut by_entity: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, f) in features.iter().enumerate() {
        if let Some(e) = entity(f) {
            by_entity.entry(e).or_default().push(i);
        }
    }
    for members in by_entity.values().filter(|m| m.len() > 1) {
        for &i in members {
            let kin = members
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| Kin {
                    start: features[j].start,
                    end: features[j].end,
                    name: features[j].text("name"),
                    name_ru: features[j].text("name_ru"),
                })
                .collect();
            features[i].kin = kin;
        }
    }
}

/// A `bbox` member as west, south, east, north (RFC 7946 §5: 2 or 3 dimensions).
fn corners(b: &[f64]) -> Result<[f64; 4], String> {
    let c = match *b {
        [w, s, e, n] => [w, s, e, n],
        [w, s, _, e, n, _] => [w, s, e, n],
        _ => return Err(format!("'bbox' must hold 4 or 6 numbers, not {}", b.len())),
    };
    if c.iter().any(|v| !v.is_finite()) || c[1] > c[3] {
        return Err("'bbox' must be [west, south, east, north] with south ≤ north".into());
    }
    Ok(c)
}

/// What a GeoJSON object turned out to be once all its members were read.
enum Object {
    Collection(Read),
    /// A feature; `None` when it has no geometry.
    Feature(Option<Feature>),
    /// A geometry; `None` when its coordinates are empty.
    Geometry(Option<Geometry<f64>>),
}

#[derive(Clone, Copy)]
struct ObjectSeed<'a> {
    budget: &'a Cell<usize>,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = Object;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Object, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = Object;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
        let mut kind: Option<String> = None;
        let mut features: Option<Listed> = None;
        let mut geometry: Option<Option<Object>> = None;
        let mut properties: Option<Map<String, Value>> = None;
        let mut coordinates: Option<Coords> = None;
        let mut geometries: Option<Vec<Object>> = None;
        let mut bbox: Option<Vec<f64>> = None;
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(A::Error::custom(format!("duplicate key '{key}'")));
            }
            match key.as_str() {
                "type" => kind = Some(map.next_value()?),
                "features" => features = Some(map.next_value_seed(FeaturesSeed(self))?),
                "geometry" => geometry = Some(map.next_value_seed(OptionalObject(self))?),
                "properties" => properties = map.next_value_seed(PropertiesSeed)?,
                "coordinates" => coordinates = Some(map.next_value_seed(CoordsSeed::new(self.budget))?),
                "geometries" => geometries = Some(map.next_value_seed(GeometriesSeed(self))?),
                "bbox" => bbox = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            seen.push(key);
        }
        let kind = kind.ok_or_else(|| A::Error::custom("GeoJSON object without a 'type'"))?;
        match kind.as_str() {
            "FeatureCollection" => {
                let (features, ordinals) =
                    features.ok_or_else(|| A::Error::custom("FeatureCollection without 'features'"))?;
                Ok(Object::Collection((
                    features,
                    ordinals,
                    bbox.as_deref().map(corners).transpose().map_err(A::Error::custom)?,
                )))
            }
            "Feature" => {
                let geometry = match geometry {
                    None => return Err(A::Error::custom("Feature without 'geometry' (use null for none)")),
                    Some(None) => None,
                    Some(Some(Object::Geometry(g))) => g,
                    Some(Some(_)) => return Err(A::Error::custom("a Feature's 'geometry' must be a geometry")),
                };
                let props = properties.unwrap_or_default();
                let Some(geometry) = geometry else { return Ok(Object::Feature(None)) };
                let start_date = date(&props, "start").map_err(A::Error::custom)?;
                let end_date = date(&props, "end").map_err(A::Error::custom)?;
                let (start, end) = (first_day(&start_date), first_day(&end_date));
                if let (Some(s), Some(e)) = (start, end) {
                    if s >= e {
                        return Err(A::Error::custom(format!("'start' {s} is not before 'end' {e}")));
                    }
                }
                let doubts = doubts(start_date.as_ref(), end_date.as_ref(), start, end);
                Ok(Object::Feature(Some(Feature { props, geometry, start, end, doubts, kin: vec![] })))
            }
            "GeometryCollection" => {
                let parts = geometries.ok_or_else(|| A::Error::custom("GeometryCollection without 'geometries'"))?;
                let parts: Vec<Geometry<f64>> = parts
                    .into_iter()
                    .filter_map(|o| match o {
                        Object::Geometry(g) => g.map(Ok),
                        _ => Some(Err(A::Error::custom("a GeometryCollection may hold only geometries"))),
                    })
                    .collect::<Result<_, _>>()?;
                Ok(Object::Geometry(Some(Geometry::GeometryCollection(parts.into_iter().collect()))))
            }
            other => {
                let coords = coordinates.ok_or_else(|| A::Error::custom(format!("{other} without 'coordinates'")))?;
                geometry_of(other, coords).map(Object::Geometry).map_err(A::Error::custom)
            }
        }
    }
}

/// A feature's date bound as written, an EDTF date; `None` if absent.
fn date(props: &Map<String, Value>, key: &str) -> Result<Option<Edtf>, String> {
    match props.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Edtf::parse(s).map(Some).map_err(|m| format!("'{key}': {m}")),
        Some(_) => Err(format!("'{key}' must be a date string")),
    }
}

/// The day a bound stands for: the first of the span written (`end = "1945"` means until
/// 1945 began; `start = "193X"` from 1930).
fn first_day(date: &Option<Edtf>) -> Option<Day> {
    date.as_ref().and_then(|e| e.span).map(|span| span.first)
}

/// The doubts of a feature's bounds: each unsure one with its days of doubt; an unknown
/// one (`""`) doubts every day on its side of the other bound.
fn doubts(start: Option<&Edtf>, end: Option<&Edtf>, first: Option<Day>, until: Option<Day>) -> Vec<Doubt> {
    let (min, max) = (Day(i32::MIN), Day(i32::MAX));
    let before = until.map_or(max, |d| Day(d.0 - 1));
    let unknown = [DateSpan { first: min, last: before }, DateSpan { first: first.unwrap_or(min), last: max }];
    [start, end]
        .into_iter()
        .zip(unknown)
        .filter_map(|(date, unknown)| {
            let date = date.filter(|d| d.certainty != Certainty::Certain)?;
            Some(Doubt { days: date.doubt.unwrap_or(unknown), certainty: date.certainty })
        })
        .collect()
}

/// `features`: an array of Feature objects.
struct FeaturesSeed<'a>(ObjectSeed<'a>);

/// Features and their indices in the array.
type Listed = (Vec<Feature>, Vec<usize>);

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = Listed;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Listed, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = Listed;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of Features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Listed, A::Error> {
        let (mut out, mut ordinals) = (Vec::new(), Vec::new());
        let mut i = 0;
        while let Some(object) = seq.next_element_seed(self.0)? {
            match object {
                Object::Feature(Some(f)) => {
                    out.push(f);
                    ordinals.push(i);
                }
                Object::Feature(None) => {}
                _ => return Err(A::Error::custom("a FeatureCollection may hold only Features")),
            }
            i += 1;
        }
        Ok((out, ordinals))
    }
}

/// `geometries`: an array of geometry objects.
struct GeometriesSeed<'a>(ObjectSeed<'a>);

impl<'de> DeserializeSeed<'de> for GeometriesSeed<'_> {
    type Value = Vec<Object>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Object>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for GeometriesSeed<'_> {
    type Value = Vec<Object>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of geometries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Object>, A::Error> {
        let mut out = Vec::new();
        while let Some(object) = seq.next_element_seed(self.0)? {
            out.push(object);
        }
        Ok(out)
    }
}

/// An object or `null`.
struct OptionalObject<'a>(ObjectSeed<'a>);

impl<'de> DeserializeSeed<'de> for OptionalObject<'_> {
    type Value = Option<Object>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Object>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OptionalObject<'_> {
    type Value = Option<Object>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a geometry or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<Object>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<Object>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Object>, D::Error> {
        self.0.deserialize(d).map(Some)
    }
}

/// `properties`: an object (duplicate names are an error) or `null`.
struct PropertiesSeed;

impl<'de> DeserializeSeed<'de> for PropertiesSeed {
    type Value = Option<Map<String, Value>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for PropertiesSeed {
    type Value = Option<Map<String, Value>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut props = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            if props.insert(key.clone(), value).is_some() {
                return Err(A::Error::custom(format!("duplicate property '{key}'")));
            }
        }
        Ok(Some(props))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_collection_declares_what_it_covers_in_its_bbox() {
        let fc = |bbox: &str| format!(r#"{{"type":"FeatureCollection",{bbox}"features":[]}}"#);
        assert_eq!(features(fc(r#""bbox":[90,20,165,65],"#).as_bytes()).unwrap().2, Some([90.0, 20.0, 165.0, 65.0]));
        assert_eq!(
            features(fc(r#""bbox":[90,20,0,165,65,9],"#).as_bytes()).unwrap().2,
            Some([90.0, 20.0, 165.0, 65.0])
        );
        assert_eq!(features(fc("").as_bytes()).unwrap().2, None);
        let e = features(fc(r#""bbox":[90,65,165,20],"#).as_bytes()).unwrap_err().to_string();
        assert!(e.contains("south ≤ north") && e.contains("line 1"), "{e}");
    }

    use super::*;
    use geo::LineString;

    const LINE: &[u8] = br#"{"type":"LineString","coordinates":[[1,2],[3,4],[5,6,7]]}"#;

    #[test]
    fn positions_beyond_the_limit_are_refused() {
        assert_eq!(features_within(LINE, 3).unwrap().0.len(), 1);
        let e = features_within(LINE, 2).unwrap_err();
        assert!(e.to_string().contains("too many positions"), "{e}");
        assert_eq!((e.line(), e.column()), (1, 55));
    }

    #[test]
    fn altitudes_are_dropped_and_holes_kept() {
        let (f, ..) = features(LINE).unwrap();
        assert_eq!(f[0].geometry, Geometry::LineString(LineString::from(vec![(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)])));
        let square = br#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[1,1]]]}"#;
        let Geometry::Polygon(p) = &features(square).unwrap().0[0].geometry else { panic!("not a polygon") };
        assert_eq!(p.interiors().len(), 1);
    }
}
