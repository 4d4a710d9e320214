//! `histmap draw`: any GeoJSON files with any style, outside the story. The frame fits the
//! data unless a bounding box is given, the projection suits the data's extent unless a PROJ
//! string is given, and without a style a plain one draws every geometry type.

use crate::atlas::Atlas;
use crate::compose::compose;
use crate::data::Layer;
use crate::date::{DateSpan, Day};
use crate::encode::{encode, Formats};
use crate::error::{Error, Result};
use crate::extent::Extent;
use crate::lang::Lang;
use crate::output::{remove_stale, write_atomic};
use crate::project::auto_projection;
use crate::size::Size;
use crate::story::{LegendPosition, Phase, Russian, Story};
use crate::style::Style;
use crate::text::Fonts;
use geo::{BoundingRect, Geometry};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to draw.
pub struct Drawing {
    /// GeoJSON files; each is a layer named after its file stem.
    pub files: Vec<PathBuf>,
    /// Style file; without one, every layer is drawn plainly.
    pub style: Option<PathBuf>,
    /// The area to show; without one, the data's extent.
    pub bbox: Option<Extent>,
    /// PROJ string; without one, a projection suited to the extent.
    pub proj: Option<String>,
    /// Map title; without one, the layers' names.
    pub title: Option<String>,
    /// Draw only what exists on this date; without one, every feature whatever its dates.
    pub date: Option<DateSpan>,
}

/// What a drawing did.
pub struct Report {
    /// Features read.
    pub features: usize,
    /// Bytes written.
    pub bytes: usize,
    /// Time to read the files.
    pub loaded: Duration,
    /// Time to draw and write the map.
    pub drawn: Duration,
    /// What was drawn although not quite right: the layers' warnings, and a projection
    /// that had to fall back to plate carrée.
    pub warnings: Vec<Error>,
}

impl Drawing {
    /// Draws the map into `out` (its extension names the format), atomically, removing the
    /// temporary files a killed run left beside it.
    pub fn draw(&self, fonts: Option<&Path>, out: &Path, size: Size, formats: Formats) -> Result<Report> {
        let started = Instant::now();
        let (mut atlas, phase, warnings) = self.atlas(fonts, out)?;
        let loaded = started.elapsed();
        let features: usize = atlas.layers.values().map(|l| l.features.len()).sum();
        let scene = compose(&atlas, &phase, Lang::En, size)?;
        // The geodata is not needed once the map is laid out: its memory goes back
        // before the map is rasterised. One map: both cores rasterise it.
        atlas.layers.clear();
        let files = encode(scene, &atlas.fonts, formats, size.dpi, true, |_| Ok(()))?;
        let bytes = files.svg.map(String::into_bytes).or(files.png).or(files.pdf).unwrap_or_default();
        remove_stale(out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")));
        write_atomic(out, &bytes)?;
        Ok(Report { features, bytes: bytes.len(), loaded, drawn: started.elapsed() - loaded, warnings })
    }

    /// Loads the layers and the style into an atlas with one phase: the map to draw, with
    /// the warning of a projection that fell back to plate carrée.
    pub fn atlas(&self, fonts: Option<&Path>, out: &Path) -> Result<(Atlas, Phase, Vec<Error>)> {
        let mut layers = BTreeMap::new();
        let mut order = Vec::new();
        let mut warnings = Vec::new();
        for f in &self.files {
            let layer = Layer::load(f)?;
            warnings.extend(layer.warnings.iter().cloned());
            order.push(layer.name.clone());
            layers.insert(layer.name.clone(), Arc::new(layer));
        }
        let mut style = match &self.style {
            Some(s) => Style::load(s)?,
            None => {
                let kinds: Vec<(&str, Kinds)> = order.iter().map(|n| (n.as_str(), Kinds::of(&layers[n]))).collect();
                Style::parse(Path::new("(plain style)"), &plain_style(&kinds))?
            }
        };
        // A style written for more layers than given draws the ones it has.
        let mut absent: Vec<String> =
            style.layers.iter().filter(|l| !layers.contains_key(&l.source)).map(|l| l.source.clone()).collect();
        absent.dedup();
        if !absent.is_empty() {
            if let Some(l) = style.layers.iter().find(|l| !layers.contains_key(&l.source)) {
                if style.layers.iter().all(|l| !layers.contains_key(&l.source)) {
                    return Err(Error {
                        location: l.at.clone(),
                        message: format!("no layer of the style draws the files given: it draws {}", sources(&absent)),
                    });
                }
                warnings.push(Error {
                    location: l.at.clone(),
                    message: format!("the style's layers on {} are left out: no such file given", sources(&absent)),
                });
            }
            style.layers.retain(|l| layers.contains_key(&l.source));
        }
        let extent = match self.bbox {
            Some(b) => b,
            None => data_extent(layers.values().map(|l| &**l)).ok_or_else(|| {
                let first = order.first().map(|n| layers[n].path.clone()).unwrap_or_default();
                let which = if order.len() > 1 { "no input layer has" } else { "the layer has no" };
                let message = format!(
                    "{which} geometry to draw (only null or empty geometries); give --bbox to draw an empty map"
                );
                Error::at(&first, 1, 1, message)
            })?,
        };
        // (A layer with no geometry at all has its own warning.)
        let any_geometry = layers.values().flat_map(|l| &l.features).any(|f| f.geometry.bounding_rect().is_some());
        if self.bbox.is_some() && any_geometry && !layers.values().any(|l| touches(l, &extent)) {
            warnings.push(Error::msg(format!(
                "nothing in the files lies within --bbox {},{},{},{}: the map is empty",
                extent.west, extent.south, extent.east, extent.north
            )));
        }
        let projection = match &self.proj {
            Some(p) => {
                crate::project::Projection::new(p).map_err(|m| Error::msg(format!("--proj '{p}': {m}")))?;
                p.clone()
            }
            None => {
                let choice = auto_projection(extent);
                warnings.extend(choice.warning.map(Error::msg));
                choice.proj
            }
        };
        let all_time = DateSpan { first: Day(i32::MIN / 2), last: Day(i32::MAX / 2) };
        let phase = Phase {
            id: out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "map".into()),
            title: self.title.clone().unwrap_or_else(|| order.join(", ")),
            subtitle: String::new(),
            date_label: String::new(),
            dates: self.date.unwrap_or(all_time),
            extent,
            inset: None,
            caption: String::new(),
            projection,
            style: None,
            date_written: (String::new(), None),
            russian: Russian::default(),
            legend: LegendPosition::Auto,
            map_only: false,
            show: vec![],
            show_at: String::new(),
            compare: None,
            panels: vec![],
            panel_columns: None,
        };
        let story = Story {
            path: out.to_path_buf(),
            title: phase.title.clone(),
            title_ru: None,
            phases: vec![phase.clone()],
            focus: vec![],
            text: String::new(),
            works: Default::default(),
        };
        let atlas = Atlas { story, style, phase_styles: BTreeMap::new(), layers, fonts: Fonts::load(fonts)? };
        Ok((atlas, phase, warnings))
    }
}

/// The kinds of geometry a layer holds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Kinds {
    areas: bool,
    lines: bool,
    points: bool,
}

impl Kinds {
    fn of(layer: &Layer) -> Kinds {
        let mut k = Kinds::default();
        layer.features.iter().for_each(|f| k.add(&f.geometry));
        k
    }

    fn add(&mut self, g: &Geometry<f64>) {
        match g {
            Geometry::Point(_) | Geometry::MultiPoint(_) => self.points = true,
            Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_) => self.lines = true,
            Geometry::Polygon(_) | Geometry::MultiPolygon(_) | Geometry::Rect(_) | Geometry::Triangle(_) => {
                self.areas = true
            }
            Geometry::GeometryCollection(gc) => gc.iter().for_each(|g| self.add(g)),
        }
    }
}

/// A style that draws every layer, each in its own colour, in the order given: all areas,
/// then all lines and outlines, then all points, then the points' names, so nothing hides
/// a line or a point. Each layer has one legend entry, for the kind it draws first.
fn plain_style(layers: &[(&str, Kinds)]) -> String {
    const COLORS: [&str; 6] = ["#4e79a7", "#e15759", "#59a14f", "#b07aa1", "#f28e2b", "#76b7b2"];
    let mut s = String::from("background = \"#f4f6f8\"\n");
    // Each pass: its name, whether a layer gets it, whether it is the layer's legend entry,
    // and its properties.
    type Test = fn(Kinds) -> bool;
    let passes: [(&str, Test, Test, &str); 6] = [
        ("areas", |k| k.areas, |_| true, "type = \"fill\"\nfill-color = \"{c}55\""),
        ("lines", |k| k.areas || k.lines, |k| !k.areas, "type = \"line\"\nline-color = \"{c}\"\nline-width = 0.8"),
        (
            "points",
            |k| k.points,
            |k| !k.areas && !k.lines,
            "type = \"circle\"\ncircle-color = \"{c}\"\ncircle-radius = 2.2",
        ),
        ("area-names", |k| k.areas, |_| false, "type = \"symbol\"\nsymbol-placement = \"area\"\ntext-size = 8"),
        ("line-names", |k| k.lines, |_| false, "type = \"symbol\"\nsymbol-placement = \"line\"\ntext-size = 7"),
        ("names", |k| k.points, |_| false, "type = \"symbol\"\ntext-size = 7.5"),
    ];
    for (pass, drawn, in_legend, props) in passes {
        for (i, &(name, kinds)) in layers.iter().enumerate().filter(|(_, (_, k))| drawn(*k)) {
            let c = COLORS[i % COLORS.len()];
            let id = name.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_', "-");
            let src = toml::Value::String(name.to_string()).to_string();
            let legend = if in_legend(kinds) { format!("legend = {src}\n") } else { String::new() };
            s.push_str(&format!(
                "[[layer]]\nid = \"{id}-{pass}\"\nsource = {src}\n{}\n{legend}",
                props.replace("{c}", c)
            ));
        }
    }
    s
}

/// Layer names for a message: `land.geojson, lakes.geojson`.
fn sources(names: &[String]) -> String {
    names.iter().map(|n| format!("{n}.geojson")).collect::<Vec<_>>().join(", ")
}

/// Whether any of a layer's geometries meets the extent.
fn touches(layer: &Layer, extent: &Extent) -> bool {
    use geo::Intersects;
    let rect = extent.rect();
    layer.features.iter().filter_map(|f| f.geometry.bounding_rect()).any(|b| {
        // Longitudes past 180° (a frame across the antimeridian) meet data at -180..0 too.
        b.intersects(&rect)
            || b.intersects(&geo::Rect::new(
                rect.min() - geo::coord! { x: 360.0, y: 0.0 },
                rect.max() - geo::coord! { x: 360.0, y: 0.0 },
            ))
    })
}

/// The lon/lat box of every geometry, padded by 5% (a single point: half a degree). Data that crosses the antimeridian gets
/// a box running past 180° (east > 180) rather than one around the whole world.
pub fn data_extent<'a>(layers: impl Iterator<Item = &'a Layer>) -> Option<Extent> {
    let mut lons = Vec::new();
    let (mut s, mut n) = (f64::MAX, f64::MIN);
    for f in layers.flat_map(|l| l.features.iter()) {
        let Some(b) = f.geometry.bounding_rect() else { continue };
        lons.extend([b.min().x, b.max().x]);
        s = s.min(b.min().y);
        n = n.max(b.max().y);
    }
    if lons.is_empty() {
        return None;
    }
    let span = |v: &[f64]| v.iter().cloned().fold(f64::MIN, f64::max) - v.iter().cloned().fold(f64::MAX, f64::min);
    let shifted: Vec<f64> = lons.iter().map(|&x| if x < 0.0 { x + 360.0 } else { x }).collect();
    let lons = if span(&shifted) < span(&lons) { shifted } else { lons };
    let (w, e) = (lons.iter().cloned().fold(f64::MAX, f64::min), lons.iter().cloned().fold(f64::MIN, f64::max));
    // A single point gets a box of a degree around it.
    let least = if e == w && n == s { 0.5 } else { 0.01 };
    let (pw, ph) = (((e - w) * 0.05).max(least), ((n - s) * 0.05).max(least));
    Extent::new(w - pw, (s - ph).max(-90.0), e + pw, (n + ph).min(90.0)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_style_draws_what_each_file_holds_with_one_legend_entry_each() {
        let points = Kinds { points: true, ..Kinds::default() };
        let areas = Kinds { areas: true, ..Kinds::default() };
        let style = Style::parse(Path::new("plain"), &plain_style(&[("cities", points), ("states", areas)])).unwrap();
        let layers: Vec<(&str, Option<&str>)> =
            style.layers.iter().map(|l| (l.id.as_str(), l.legend.as_deref())).collect();
        assert_eq!(
            layers,
            [
                ("states-areas", Some("states")),
                ("states-lines", None),
                ("cities-points", Some("cities")),
                ("states-area-names", None),
                ("cities-names", None)
            ]
        );
    }

    fn layer(json: &str) -> Layer {
        Layer::parse(Path::new("t.geojson"), json.as_bytes()).unwrap()
    }

    #[test]
    fn extents_cross_the_antimeridian_rather_than_the_world() {
        let l = layer(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[170,50],[180,52]]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-170,55]}}]}"#,
        );
        let Extent { west: w, east: e, .. } = data_extent([&l].into_iter()).unwrap();
        assert!(w > 168.0 && w < 170.0 && e > 190.0 && e < 192.0, "{w} {e}");
        let p = auto_projection(Extent::new(w, 49.0, e, 56.0).unwrap()).proj;
        assert!(p.contains("+lon_0=-180") || p.contains("+lon_0=180"), "{p}");
    }
}
