//! A streaming GeoJSON reader. It deserialises straight into `geo` geometries, checking
//! the rules of RFC 7946 on the way, so that every problem is reported at its line and
//! column and a large layer costs little more memory than its coordinates.

use super::Feature;
use crate::date::{DateSpan, Day};
use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use serde::de::{self, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;

/// The most positions one file may hold (about 1.2 GB of memory): larger layers are
/// refused rather than left to exhaust the machine.
pub const MAX_POSITIONS: usize = 50_000_000;

/// The features of a document, and for each the index of its object in the document's
/// `features` array (0 for a bare Feature or geometry), to find it again for a warning.
pub type Read = (Vec<Feature>, Vec<usize>);

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
    Ok(match object {
        Object::Collection(read) => read,
        Object::Feature(f) => (f.into_iter().collect(), vec![0]),
        Object::Geometry(g) => (
            g.into_iter().map(|geometry| Feature { props: Map::new(), geometry, start: None, end: None }).collect(),
            vec![0],
        ),
    })
}

/// What a GeoJSON object turned out to be once all its members were read.
enum Object {
    Collection(Read),
    /// A feature; `None` when it has no geometry.
    Feature(Option<Feature>),
    /// A geometry; `None` when its coordinates are empty.
    Geometry(Option<Geometry<f64>>),
}

/// Nested coordinate arrays as written, before the object's type says what they are.
/// An array of positions is kept flat, ready to become a line or ring without a copy.
enum Coords {
    Position(Coord<f64>),
    Positions(Vec<Coord<f64>>),
    List(Vec<Coords>),
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
        let mut features: Option<Read> = None;
        let mut geometry: Option<Option<Object>> = None;
        let mut properties: Option<Map<String, Value>> = None;
        let mut coordinates: Option<Coords> = None;
        let mut geometries: Option<Vec<Object>> = None;
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
                "coordinates" => coordinates = Some(map.next_value_seed(CoordsSeed { budget: self.budget, depth: 0 })?),
                "geometries" => geometries = Some(map.next_value_seed(GeometriesSeed(self))?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            seen.push(key);
        }
        let kind = kind.ok_or_else(|| A::Error::custom("GeoJSON object without a 'type'"))?;
        match kind.as_str() {
            "FeatureCollection" => Ok(Object::Collection(
                features.ok_or_else(|| A::Error::custom("FeatureCollection without 'features'"))?,
            )),
            "Feature" => {
                let geometry = match geometry {
                    None => return Err(A::Error::custom("Feature without 'geometry' (use null for none)")),
                    Some(None) => None,
                    Some(Some(Object::Geometry(g))) => g,
                    Some(Some(_)) => return Err(A::Error::custom("a Feature's 'geometry' must be a geometry")),
                };
                let props = properties.unwrap_or_default();
                let Some(geometry) = geometry else { return Ok(Object::Feature(None)) };
                let start = date(&props, "start").map_err(A::Error::custom)?;
                let end = date(&props, "end").map_err(A::Error::custom)?;
                if let (Some(s), Some(e)) = (start, end) {
                    if s >= e {
                        return Err(A::Error::custom(format!("'start' {s} is not before 'end' {e}")));
                    }
                }
                Ok(Object::Feature(Some(Feature { props, geometry, start, end })))
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

/// A feature's date bound: the first day of the span written, e.g. `end = "1945"` means
/// until 1945 began.
fn date(props: &Map<String, Value>, key: &str) -> Result<Option<Day>, String> {
    match props.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => DateSpan::parse(s).map(|span| Some(span.first)).map_err(|m| format!("'{key}': {m}")),
        Some(_) => Err(format!("'{key}' must be a date string")),
    }
}

/// Builds the geometry of GeoJSON type `kind` from its coordinates; `None` for empty ones.
fn geometry_of(kind: &str, coords: Coords) -> Result<Option<Geometry<f64>>, String> {
    const KINDS: [&str; 6] = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];
    if !KINDS.contains(&kind) {
        return Err(format!("unknown GeoJSON type '{kind}'"));
    }
    let list = match coords {
        Coords::Position(p) if kind == "Point" => return Ok(Some(Geometry::Point(Point(p)))),
        Coords::Position(_) => return Err(format!("a {kind}'s coordinates must be an array of positions")),
        Coords::List(l) if l.is_empty() => return Ok(None),
        Coords::Positions(p) if kind == "MultiPoint" => {
            return Ok(Some(Geometry::MultiPoint(MultiPoint(p.into_iter().map(Point).collect()))))
        }
        Coords::Positions(p) if kind == "LineString" => {
            return line(Coords::Positions(p), kind).map(|l| Some(Geometry::LineString(l)))
        }
        Coords::Positions(_) if kind == "Point" => return Err("a Point's coordinates must be one position".into()),
        Coords::Positions(_) => return Err(format!("a {kind}'s coordinates are not nested deep enough")),
        Coords::List(_) if matches!(kind, "Point" | "MultiPoint" | "LineString") => {
            return Err(format!("a {kind}'s coordinates are nested too deep"))
        }
        Coords::List(l) => l,
    };
    Ok(Some(match kind {
        "MultiLineString" => Geometry::MultiLineString(MultiLineString(
            lists(list, kind)?.into_iter().map(|l| line(l, kind)).collect::<Result<_, _>>()?,
        )),
        "Polygon" => Geometry::Polygon(polygon(list)?),
        _ => Geometry::MultiPolygon(MultiPolygon(
            lists(list, kind)?
                .into_iter()
                .map(|p| match p {
                    Coords::List(rings) => polygon(rings),
                    _ => Err("a MultiPolygon's coordinates are not nested deep enough".into()),
                })
                .collect::<Result<_, _>>()?,
        )),
    }))
}

/// An array of positions.
fn positions(c: Coords, kind: &str) -> Result<Vec<Coord<f64>>, String> {
    match c {
        Coords::Positions(p) => Ok(p),
        Coords::List(l) if l.is_empty() => Ok(Vec::new()),
        Coords::List(_) => Err(format!("a {kind}'s coordinates are nested too deep")),
        Coords::Position(_) => Err(format!("a {kind}'s coordinates are not nested deep enough")),
    }
}

/// An array of arrays (of positions or deeper).
fn lists(list: Vec<Coords>, kind: &str) -> Result<Vec<Coords>, String> {
    list.into_iter()
        .map(|c| match c {
            Coords::Position(_) => Err(format!("a {kind}'s coordinates are not nested deep enough")),
            list => Ok(list),
        })
        .collect()
}

fn line(c: Coords, kind: &str) -> Result<LineString<f64>, String> {
    let points = positions(c, kind)?;
    if points.len() < 2 {
        return Err(format!("a line of a {kind} has {} position; it needs at least 2", points.len()));
    }
    Ok(LineString(points))
}

/// A polygon: closed rings of at least four positions. Rings written across the
/// antimeridian without a cut are unwrapped; whether the holes lie inside the shell is
/// left to [`super::valid`], since such polygons are still drawn.
fn polygon(rings: Vec<Coords>) -> Result<Polygon<f64>, String> {
    let mut rings = rings
        .into_iter()
        .enumerate()
        .map(|(i, ring)| {
            let points = positions(ring, "Polygon")?;
            let which = if i == 0 { "outer ring".to_string() } else { format!("hole {i}") };
            if points.len() < 4 {
                return Err(format!("a Polygon's {which} has {} positions; a ring needs at least 4", points.len()));
            }
            if points.first() != points.last() {
                return Err(format!("a Polygon's {which} is not closed: its last position differs from its first"));
            }
            Ok(LineString(points))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if rings.is_empty() {
        return Err("a Polygon needs an outer ring".into());
    }
    super::antimeridian::unwrap(&mut rings);
    let shell = rings.remove(0);
    Ok(Polygon::new(shell, rings))
}

/// `features`: an array of Feature objects.
struct FeaturesSeed<'a>(ObjectSeed<'a>);

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = Read;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of Features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read, A::Error> {
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

/// `coordinates`: positions nested at most four deep (a MultiPolygon's).
#[derive(Clone, Copy)]
struct CoordsSeed<'a> {
    budget: &'a Cell<usize>,
    depth: usize,
}

/// One element of a coordinates array: a number of a position, or a nested array.
enum Element {
    Number(f64),
    List(Coords),
}

impl<'de> DeserializeSeed<'de> for CoordsSeed<'_> {
    type Value = Coords;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Coords, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for CoordsSeed<'_> {
    type Value = Coords;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of coordinates")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Coords, A::Error> {
        if self.depth >= 4 {
            return Err(A::Error::custom("coordinates are nested deeper than a MultiPolygon's"));
        }
        let inner = ElementSeed(CoordsSeed { depth: self.depth + 1, ..self });
        let first = match seq.next_element_seed(inner)? {
            None => return Ok(Coords::List(Vec::new())),
            Some(e) => e,
        };
        match first {
            Element::Number(x) => {
                // Longitude, latitude and the count of numbers (altitude and more are read and dropped).
                let mut numbers = [x, 0.0];
                let mut count = 1;
                while let Some(n) = seq.next_element::<f64>()? {
                    if count < 2 {
                        numbers[count] = n;
                    }
                    count += 1;
                }
                let remaining = self.budget.get().checked_sub(1).ok_or_else(|| {
                    A::Error::custom("too many positions: histmap reads at most 50 million per layer")
                })?;
                self.budget.set(remaining);
                position(&numbers[..count.min(2)]).map(Coords::Position).map_err(A::Error::custom)
            }
            Element::List(Coords::Position(p)) => {
                let mut list = vec![p];
                while let Some(c) = seq.next_element_seed(CoordsSeed { depth: self.depth + 1, ..self })? {
                    match c {
                        Coords::Position(p) => list.push(p),
                        _ => return Err(A::Error::custom("an array mixes positions and arrays of positions")),
                    }
                }
                Ok(Coords::Positions(list))
            }
            Element::List(c) => {
                let mut list = vec![c];
                while let Some(c) = seq.next_element_seed(CoordsSeed { depth: self.depth + 1, ..self })? {
                    if matches!(c, Coords::Position(_)) {
                        return Err(A::Error::custom("an array mixes positions and arrays of positions"));
                    }
                    list.push(c);
                }
                Ok(Coords::List(list))
            }
        }
    }
}

struct ElementSeed<'a>(CoordsSeed<'a>);

impl<'de> DeserializeSeed<'de> for ElementSeed<'_> {
    type Value = Element;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Element, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ElementSeed<'_> {
    type Value = Element;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or an array of coordinates")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Element, E> {
        Ok(Element::Number(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Element, E> {
        Ok(Element::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Element, E> {
        Ok(Element::Number(v as f64))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Element, A::Error> {
        self.0.visit_seq(seq).map(Element::List)
    }
}

/// A position: longitude and latitude in degrees (an altitude, if any, is ignored).
/// Longitudes up to 360° either way are accepted, for data written across the antimeridian.
fn position(numbers: &[f64]) -> Result<Coord<f64>, String> {
    let &[x, y, ..] = numbers else {
        return Err(format!("a position needs a longitude and a latitude, found {} number", numbers.len()));
    };
    if !(-360.0..=360.0).contains(&x) {
        return Err(format!("longitude {} is out of range (-360 to 360)", short(x)));
    }
    if !(-90.0..=90.0).contains(&y) {
        return Err(format!("latitude {} is out of range (-90 to 90)", short(y)));
    }
    Ok(Coord { x, y })
}

/// A number as written in a message: huge ones in exponent form.
fn short(v: f64) -> String {
    if v.abs() >= 1e9 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let (f, _) = features(LINE).unwrap();
        assert_eq!(f[0].geometry, Geometry::LineString(LineString::from(vec![(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)])));
        let square = br#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[1,1]]]}"#;
        let Geometry::Polygon(p) = &features(square).unwrap().0[0].geometry else { panic!("not a polygon") };
        assert_eq!(p.interiors().len(), 1);
    }
}
