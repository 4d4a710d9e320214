//! `histmap check`: validates the story, the style (with its `extends` chain and the phases'
//! overrides) and every geodata layer the style draws, and reports every problem at once.

use crate::atlas::{find_layer, load_styles, sources};
use crate::data::{Feature, Layer};
use crate::error::{line_column, Error};
use crate::style::Style;
use geo::{BoundingRect, Contains, Geometry, RemoveRepeatedPoints, Validation, Winding};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What a clean check looked at.
#[derive(Debug)]
pub struct Summary {
    /// Phases in the story.
    pub phases: usize,
    /// Style layers.
    pub style_layers: usize,
    /// Geodata layers and their feature counts.
    pub layers: Vec<(String, usize)>,
}

/// Checks everything a render would read; `Err` holds every problem found.
pub fn check(story: &Path, style: &Path) -> Result<Summary, Vec<Error>> {
    let (story, base, phase_styles) = load_styles(story, style)?;
    let styles: Vec<&Style> = std::iter::once(&base).chain(phase_styles.values()).collect();
    let mut errors = Vec::new();
    let mut layers: BTreeMap<String, Layer> = BTreeMap::new();
    for source in sources(&base, &phase_styles) {
        match find_layer(&story, &base, &phase_styles, source).and_then(|path| Layer::load(&path)) {
            Ok(layer) => {
                layers.insert(source.to_string(), layer);
            }
            Err(e) => errors.push(e),
        }
    }
    // Each layer's conventions, on every core.
    errors.extend(layers.par_iter().map(|(_, l)| check_layer(l)).collect::<Vec<_>>().into_iter().flatten());
    let mut reported = BTreeSet::new();
    for l in styles.iter().flat_map(|s| s.layers.iter()) {
        let Some(data) = layers.get(&l.source) else { continue };
        for key in l.filter.keys() {
            let at = l.filter_at.clone().unwrap_or_else(|| l.at.clone());
            if !data.features.iter().any(|f| f.props.contains_key(key))
                && reported.insert((at.clone(), key.to_string()))
            {
                errors.push(Error {
                    location: at,
                    message: format!("layer '{}': filter on '{key}', which no feature of '{}' has", l.id, l.source),
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Summary {
        phases: story.phases.len(),
        style_layers: base.layers.len(),
        layers: layers.iter().map(|(k, v)| (k.clone(), v.features.len())).collect(),
    })
}

/// The data conventions of a layer: unique ids, a name and a source on every feature,
/// closed rings wound as RFC 7946 says (outer counter-clockwise), no self-intersections.
/// (Dates are checked when the layer is read.)
pub fn check_layer(layer: &Layer) -> Vec<Error> {
    let text = std::fs::read_to_string(&layer.path).unwrap_or_default();
    let mut errors = Vec::new();
    let mut ids = BTreeSet::new();
    for (i, f) in layer.features.iter().enumerate() {
        let id = f.text("id");
        let at = |msg: String| locate(layer, &text, i, id.as_deref(), msg);
        match &id {
            None => errors.push(at("feature without an 'id'".into())),
            Some(id) if !ids.insert(id.clone()) => errors.push(at(format!("duplicate id '{id}'"))),
            _ => {}
        }
        for key in ["name", "source"] {
            if f.text(key).is_none_or(|v| v.trim().is_empty()) {
                errors.push(at(format!("no '{key}'")));
            }
        }
        if let Some(problem) = geometry_problem(f) {
            errors.push(at(problem));
        }
    }
    errors
}

fn geometry_problem(f: &Feature) -> Option<String> {
    let polygons: Vec<&geo::Polygon<f64>> = match &f.geometry {
        Geometry::Polygon(p) => vec![p],
        Geometry::MultiPolygon(mp) => mp.iter().collect(),
        other => return other.validation_errors().first().map(|e| format!("invalid geometry: {e}")),
    };
    for p in &polygons {
        if p.exterior().is_cw() {
            return Some("outer ring is clockwise (RFC 7946 wants counter-clockwise)".into());
        }
        if p.interiors().iter().any(|h| h.is_ccw()) {
            return Some("a hole is counter-clockwise (RFC 7946 wants clockwise)".into());
        }
    }
    polygon_problem(&polygons).map(|e| format!("invalid geometry: {e}"))
}

/// One ring's edge, for the sweep: which polygon and ring it belongs to.
#[derive(Clone)]
struct Edge {
    line: geo::Line<f64>,
    polygon: usize,
    ring: usize,
}

impl geo::sweep::Cross for Edge {
    type Scalar = f64;
    fn line(&self) -> geo::Line<f64> {
        self.line
    }
}

/// What geo's `Validation` finds in polygons, found by one sweep over all their edges
/// instead of comparing every edge with every other (which took seconds on the coasts):
/// too few points, a ring crossing itself, and members of a multipolygon that overlap or
/// touch along a line. Polygons with holes are handed to geo for the rules about holes.
fn polygon_problem(polygons: &[&geo::Polygon<f64>]) -> Option<String> {
    let multi = polygons.len() > 1;
    let named = |i: usize, e: String| if multi { format!("polygon at index {i} is invalid: {e}") } else { e };
    for (i, p) in polygons.iter().enumerate() {
        if p.exterior().remove_repeated_points().0.len() < 4 {
            return Some(named(i, "exterior ring must have at least 3 distinct points".into()));
        }
        if !p.interiors().is_empty() {
            if let Some(e) = p.validation_errors().first() {
                return Some(named(i, e.to_string()));
            }
        }
    }
    let edges = polygons.iter().enumerate().flat_map(|(i, p)| {
        std::iter::once(p.exterior()).chain(p.interiors()).enumerate().flat_map(move |(r, ring)| {
            // A repeated vertex is no edge: what meets it meets its neighbours too.
            ring.lines().filter(|l| l.start != l.end).map(move |line| Edge { line, polygon: i, ring: r })
        })
    });
    for (a, b, meet) in geo::sweep::Intersections::from_iter(edges) {
        if a.polygon == b.polygon && a.ring == b.ring {
            if a.line.start != b.line.end && a.line.end != b.line.start {
                let ring = if a.ring == 0 {
                    "exterior ring".to_string()
                } else {
                    format!("interior ring at index {}", a.ring - 1)
                };
                return Some(named(a.polygon, format!("{ring} has a self-intersection")));
            }
        } else if a.polygon != b.polygon {
            let (i, j) = (a.polygon.min(b.polygon), a.polygon.max(b.polygon));
            match meet {
                geo::LineIntersection::Collinear { .. } => {
                    return Some(format!("polygons at indices {i} and {j} touch on a line"))
                }
                m if m.is_proper() => return Some(format!("polygons at indices {i} and {j} overlap")),
                _ => {}
            }
        }
    }
    // Members whose edges never cross may still lie one inside another.
    for (i, p) in polygons.iter().enumerate() {
        let Some(&first) = p.exterior().0.first() else { continue };
        for (j, q) in polygons.iter().enumerate().filter(|(j, _)| *j != i) {
            if q.bounding_rect().is_some_and(|b| b.contains(&first)) && q.contains(&first) {
                return Some(format!("polygons at indices {} and {} overlap", i.min(j), i.max(j)));
            }
        }
    }
    None
}

/// `file:line:column` of a feature: where its id is written, if it can be found.
fn locate(layer: &Layer, text: &str, index: usize, id: Option<&str>, message: String) -> Error {
    let label = match id {
        Some(id) => format!("feature {} ('{id}'): {message}", index + 1),
        None => format!("feature {}: {message}", index + 1),
    };
    let offset = id.and_then(|id| {
        let quoted = serde_json::to_string(id).ok()?;
        text.match_indices(&quoted).map(|(i, _)| i).find(|&i| text[..i].trim_end().ends_with(':'))
    });
    match offset {
        Some(o) => {
            let (l, c) = line_column(text, o);
            Error::at(&layer.path, l, c, label)
        }
        None => Error::file(&layer.path, label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

    fn problem(g: Geometry<f64>) -> Option<String> {
        geometry_problem(&Feature { props: Default::default(), geometry: g, start: None, end: None })
    }

    /// The sweep finds what geo's (quadratic) validation finds, on the cases that matter.
    #[test]
    fn polygon_problems_agree_with_geo() {
        let square =
            |x: f64, y: f64, s: f64| polygon![(x: x, y: y), (x: x + s, y: y), (x: x + s, y: y + s), (x: x, y: y + s)];
        let bow_tie = polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 2.0), (x: 2.0, y: 0.0), (x: 0.0, y: 2.0)];
        let cases: Vec<Geometry<f64>> = vec![
            square(0.0, 0.0, 1.0).into(),
            bow_tie.into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 2.0), square(1.0, 1.0, 2.0)]).into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 1.0), square(1.0, 1.0, 1.0)]).into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 1.0), square(1.0, 0.0, 1.0)]).into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 4.0), square(1.0, 1.0, 1.0)]).into(),
            MultiPolygon::new(vec![square(0.0, 0.0, 1.0), square(3.0, 0.0, 1.0)]).into(),
            // A repeated vertex touching another member: a point, not a line.
            MultiPolygon::new(vec![
                square(0.0, 0.0, 1.0),
                polygon![(x: 1.0, y: 0.5), (x: 1.0, y: 0.5), (x: 2.0, y: 0.0), (x: 2.0, y: 1.0)],
            ])
            .into(),
        ];
        for g in cases {
            let ours = problem(g.clone());
            let geo = g.validation_errors().first().map(|e| format!("invalid geometry: {e}"));
            assert_eq!(ours.is_some(), geo.is_some(), "{g:?}: ours {ours:?}, geo {geo:?}");
        }
    }
}
