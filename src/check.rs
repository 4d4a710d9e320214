//! `histmap check`: validates the story, the style (with its `extends` chain and the phases'
//! overrides) and every geodata layer the style draws, and reports every problem at once.

use crate::atlas::{find_layer, load_styles, sources};
use crate::compose::{coverage_gaps, provisional_frame};
use crate::data::Layer;
use crate::error::{line_column, Error};
use crate::style::Style;
use geo::{Geometry, Winding};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What a check looked at and found.
#[derive(Debug, Default)]
pub struct Report {
    /// Phases in the story.
    pub phases: usize,
    /// Style layers.
    pub style_layers: usize,
    /// Geodata layers and their feature counts.
    pub layers: Vec<(String, usize)>,
    /// What a render would refuse.
    pub errors: Vec<Error>,
    /// What a render draws all the same (with a warning): invalid polygons, rings wound
    /// against RFC 7946, layers without geometry. `check --strict` counts them as errors.
    pub warnings: Vec<Error>,
}

/// Checks everything a render would read, reporting every problem found.
pub fn check(story: &Path, style: &Path) -> Report {
    let (story, base, phase_styles) = match load_styles(story, style) {
        Ok(loaded) => loaded,
        Err(errors) => return Report { errors, ..Report::default() },
    };
    let styles: Vec<&Style> = std::iter::once(&base).chain(phase_styles.values()).collect();
    let mut report = Report::default();
    let mut layers: BTreeMap<String, Layer> = BTreeMap::new();
    for source in sources(&base, &phase_styles) {
        match find_layer(&story, &base, &phase_styles, source).and_then(|path| Layer::load(&path)) {
            Ok(layer) => {
                layers.insert(source.to_string(), layer);
            }
            Err(e) => report.errors.push(e),
        }
    }
    // Each layer's conventions, on every core.
    for (errors, warnings) in layers.par_iter().map(|(_, l)| check_layer(l)).collect::<Vec<_>>() {
        report.errors.extend(errors);
        report.warnings.extend(warnings);
    }
    let mut reported = BTreeSet::new();
    for l in styles.iter().flat_map(|s| s.layers.iter()) {
        let Some(data) = layers.get(&l.source) else { continue };
        for key in l.filter.keys() {
            let at = l.filter_at.clone().unwrap_or_else(|| l.at.clone());
            if !crate::data::seen::DERIVED.contains(&key)
                && !data.features.iter().any(|f| f.props.contains_key(key))
                && reported.insert((at.clone(), key.to_string()))
            {
                report.errors.push(Error {
                    location: at,
                    message: format!("layer '{}': filter on '{key}', which no feature of '{}' has", l.id, l.source),
                });
            }
        }
    }
    for p in &story.phases {
        for id in p
            .show
            .iter()
            .filter(|id| !layers.values().any(|l| l.features.iter().any(|f| f.text("id").as_ref() == Some(*id))))
        {
            report.errors.push(Error {
                location: p.show_at.clone(),
                message: format!("phase '{}': show names '{id}', which no feature of the layers drawn has", p.id),
            });
        }
    }
    // Frames and insets reaching past a layer's declared coverage, each phase framed on a
    // page of the default shape (a render reports its own frame).
    for p in &story.phases {
        let style = phase_styles.get(&p.id).unwrap_or(&base);
        let Ok(projection) = crate::project::Projection::new(&p.projection) else { continue };
        let Ok(frame) = provisional_frame(&projection, p) else { continue };
        for gap in coverage_gaps(|s| layers.get(s), style, &frame, p.inset) {
            report.warnings.push(Error::file(&story.path, format!("phase '{}': {gap}", p.id)));
        }
    }
    report.phases = story.phases.len();
    report.style_layers = base.layers.len();
    report.layers = layers.iter().map(|(k, v)| (k.clone(), v.features.len())).collect();
    report
}

/// The data conventions of a layer: unique ids, a name and a source on every feature
/// (errors); valid polygons and rings wound as RFC 7946 says, outer counter-clockwise
/// (warnings). Dates are checked when the layer is read.
pub fn check_layer(layer: &Layer) -> (Vec<Error>, Vec<Error>) {
    let text = std::fs::read_to_string(&layer.path).unwrap_or_default();
    let (mut errors, mut warnings) = (Vec::new(), layer.warnings.clone());
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
        if let Some(problem) = winding_problem(&f.geometry) {
            warnings.push(at(problem));
        }
    }
    (errors, warnings)
}

fn winding_problem(g: &Geometry<f64>) -> Option<String> {
    let polygons: Vec<&geo::Polygon<f64>> = match g {
        Geometry::Polygon(p) => vec![p],
        Geometry::MultiPolygon(mp) => mp.iter().collect(),
        Geometry::GeometryCollection(gc) => return gc.iter().find_map(winding_problem),
        _ => return None,
    };
    for p in &polygons {
        if p.exterior().is_cw() {
            return Some("outer ring is clockwise (RFC 7946 wants counter-clockwise)".into());
        }
        if p.interiors().iter().any(|h| h.is_ccw()) {
            return Some("a hole is counter-clockwise (RFC 7946 wants clockwise)".into());
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
