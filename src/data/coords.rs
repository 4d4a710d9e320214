//! Coordinates: the nested arrays of a geometry's `coordinates` read into positions
//! (checked and counted against the position budget), and built into a geometry once its
//! object's `type` says what they are.

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use serde::de::{self, DeserializeSeed, Deserializer, Error as _, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// Nested coordinate arrays as written, before the object's type says what they are.
/// An array of positions is kept flat, ready to become a line or ring without a copy.
pub(super) enum Coords {
    Position(Coord<f64>),
    Positions(Vec<Coord<f64>>),
    List(Vec<Coords>),
}

/// Builds the geometry of GeoJSON type `kind` from its coordinates; `None` for empty ones.
pub(super) fn geometry_of(kind: &str, coords: Coords) -> Result<Option<Geometry<f64>>, String> {
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

/// `coordinates`: positions nested at most four deep (a MultiPolygon's).
#[derive(Clone, Copy)]
pub(super) struct CoordsSeed<'a> {
    budget: &'a Cell<usize>,
    depth: usize,
}

impl<'a> CoordsSeed<'a> {
    /// Coordinates at the top of a geometry, counted against `budget`.
    pub(super) fn new(budget: &'a Cell<usize>) -> Self {
        CoordsSeed { budget, depth: 0 }
    }
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
