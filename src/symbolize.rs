//! Symbolising: the features of each style layer that exist on the phase's dates,
//! projected, clipped and simplified, turned into styled paths and symbols, with the label
//! requests, legend entries and sources they bring.

use crate::data::Feature;
use crate::geometry::{prepare, resample, tapered_arrow, Shape};
use crate::lang::Lang;
use crate::layout::furniture::{LegendEntry, Swatch};
use crate::layout::labels::{LabelRequest, Placement};
use crate::layout::Bbox;
use crate::project::Frame;
use crate::render::Atlas;
use crate::scene::{Color, Fill, Font, Group, Item, PathItem, Stroke, SymbolItem};
use crate::story::Phase;
use crate::style::{LayerType, StyleLayer};
use crate::text::{SANS, SERIF};
use geo::{Area, BoundingRect, Coord, Rect};
use rayon::prelude::*;

/// How far (page points) simplified lines may stray from the data: under a pixel at 2400 px.
pub const SIMPLIFY: f64 = 0.15;

impl Atlas {
    /// Every visible layer of the phase's style drawn in `frame`: one group per layer, and
    /// what the layers leave for layout.
    pub fn symbolize(&self, phase: &Phase, frame: &Frame) -> (Vec<Group>, Drawn) {
        let mut drawn = Drawn::default();
        let zoom = frame.zoom();
        let bounds = frame.lonlat_bounds();
        let groups = self
            .style_for(phase)
            .layers
            .iter()
            .filter(|l| l.visible_at(zoom))
            .map(|layer| self.draw_layer(layer, phase, frame, bounds.as_ref(), &mut drawn))
            .collect();
        (groups, drawn)
    }

    /// The features of a style layer's source that exist during the phase and pass its filter.
    pub fn selected<'a>(&'a self, layer: &'a StyleLayer, phase: &'a Phase) -> impl Iterator<Item = &'a Feature> + 'a {
        self.layers
            .get(&layer.source)
            .into_iter()
            .flat_map(|data| data.features.iter())
            .filter(|f| f.exists_during(&phase.dates) && layer.filter.accepts(f))
    }

    fn draw_layer(
        &self,
        layer: &StyleLayer,
        phase: &Phase,
        frame: &Frame,
        bounds: Option<&Rect>,
        drawn: &mut Drawn,
    ) -> Group {
        let mut group = Group { id: layer.id.clone(), label: layer.id.clone(), clip_to_map: true, items: Vec::new() };
        let clip = Rect::new(frame.rect.min() - Coord { x: 4.0, y: 4.0 }, frame.rect.max() + Coord { x: 4.0, y: 4.0 });
        let mut first: Option<&Feature> = None;
        // Features are projected, clipped and simplified on every core, and drawn in file order.
        let selected: Vec<&Feature> = self.selected(layer, phase).collect();
        let shapes: Vec<(&Feature, Shape)> = selected
            .par_iter()
            .filter_map(|&f| {
                let shape = prepare(&frame.project_near(&f.geometry, bounds, SIMPLIFY)?, &clip, SIMPLIFY);
                (!shape.is_empty()).then_some((f, shape))
            })
            .collect();
        for (f, shape) in shapes {
            let before = group.items.len() + drawn.labels.len();
            self.draw_feature(layer, f, &shape, &mut group, drawn);
            if group.items.len() + drawn.labels.len() > before {
                first.get_or_insert(f);
                add_sources(&mut drawn.sources, f);
            }
        }
        let legend = if self.lang == Lang::Ru {
            layer.legend_ru.as_ref().or(layer.legend.as_ref())
        } else {
            layer.legend.as_ref()
        };
        if let (Some(text), Some(f)) = (legend, first) {
            if let Some(swatch) = swatch(layer, f) {
                drawn.legend.push(LegendEntry { label: text.clone(), swatch });
            }
        }
        group
    }

    fn draw_feature(&self, layer: &StyleLayer, f: &Feature, shape: &Shape, group: &mut Group, drawn: &mut Drawn) {
        let fb = Some(f);
        match layer.kind {
            LayerType::Fill => {
                if shape.polygons.is_empty() {
                    return;
                }
                let polygons: Vec<geo::Polygon<f64>> = shape.polygons.iter().map(|rings| to_polygon(rings)).collect();
                if self.story.focus.contains(&layer.source) {
                    // The story's own layers are the map's subject: furniture avoids them.
                    drawn.key_areas.push(geo::MultiPolygon::new(polygons.clone()));
                }
                drawn.fills.extend(polygons);
                let outline = layer.color("fill-outline-color", fb);
                group.items.push(Item::Path(PathItem {
                    parts: shape.polygons.iter().flatten().cloned().collect(),
                    closed: true,
                    fill: fill(layer, fb),
                    stroke: (outline.a > 0).then(|| plain_stroke(outline, layer.num("fill-outline-width", fb))),
                    arrow: false,
                }));
            }
            LayerType::Line => {
                let mut parts: Vec<Vec<(f64, f64)>> = shape.lines.clone();
                parts.extend(shape.polygons.iter().flatten().cloned());
                if parts.is_empty() {
                    return;
                }
                let arrow = layer.flag("line-arrow", fb);
                if arrow {
                    // Movements are the story: furniture keeps off them as off point symbols,
                    // and labels may not cover them.
                    let samples: Vec<_> = parts.iter().flat_map(|p| resample(p, 4.0)).collect();
                    let r = layer.num("line-width", fb) / 2.0 + 0.5;
                    drawn.symbols.extend(samples.iter().map(|&(x, y)| Bbox {
                        x0: x - r,
                        y0: y - r,
                        x1: x + r,
                        y1: y + r,
                    }));
                    drawn.marks.extend(samples.iter().step_by(3));
                }
                let stroke = line_stroke(layer, fb);
                let casing = layer.color("line-casing-color", fb);
                if casing.a > 0 {
                    let width = stroke.width + 2.0 * layer.num("line-casing-width", fb);
                    let under = Stroke { color: casing, width, dash: vec![], ..stroke.clone() };
                    group.items.push(Item::Path(PathItem {
                        parts: parts.clone(),
                        closed: false,
                        fill: None,
                        stroke: Some(under),
                        arrow: false,
                    }));
                }
                if arrow && layer.flag("line-taper", fb) {
                    let arrows: Vec<_> = parts.iter().filter_map(|p| tapered_arrow(p, stroke.width)).collect();
                    let fill = Some(Fill::Solid(stroke.color));
                    group.items.push(Item::Path(PathItem {
                        parts: arrows,
                        closed: true,
                        fill,
                        stroke: None,
                        arrow: false,
                    }));
                } else {
                    group.items.push(Item::Path(PathItem {
                        parts,
                        closed: false,
                        fill: None,
                        stroke: Some(stroke),
                        arrow,
                    }));
                }
            }
            LayerType::Circle => {
                for &(x, y) in &shape.points {
                    let radius = layer.num("circle-radius", fb);
                    let sw = layer.num("circle-stroke-width", fb);
                    group.items.push(Item::Symbol(SymbolItem {
                        x,
                        y,
                        shape: layer.shape(fb),
                        radius,
                        fill: layer.color("circle-color", fb),
                        stroke: (sw > 0.0).then(|| plain_stroke(layer.color("circle-stroke-color", fb), sw)),
                    }));
                    let r = radius * 1.3 + sw;
                    drawn.symbols.push(Bbox { x0: x - r, y0: y - r, x1: x + r, y1: y + r });
                    drawn.marks.push((x, y));
                    if self.story.focus.contains(&layer.source) {
                        drawn.key_marks.push((x, y));
                    }
                }
            }
            LayerType::Symbol => {
                let Some(text) = layer.label(f, self.lang) else { return };
                let size = layer.num("text-size", fb);
                let (family, bold, italic) = match layer.word("text-font", fb).as_str() {
                    "sans-bold" => (SANS, true, false),
                    "sans-italic" => (SANS, false, true),
                    "serif" => (SERIF, false, false),
                    "serif-bold" => (SERIF, true, false),
                    _ => (SANS, false, false),
                };
                let halo_w = layer.num("text-halo-width", fb);
                let placement = match layer.word("symbol-placement", fb).as_str() {
                    "area" => area_placement(shape),
                    "line" => shape.lines.iter().max_by_key(|l| l.len()).map(|l| {
                        // Text follows the line's general course, not every meander.
                        use geo::Simplify;
                        let smooth = geo::LineString::from(l.clone()).simplify(size / 2.0);
                        Placement::Line(smooth.0.iter().map(|c| (c.x, c.y)).collect())
                    }),
                    "line-center" => shape.lines.iter().max_by_key(|l| l.len()).map(|l| {
                        let (x, y) = middle(l);
                        Placement::Point { x, y, radius: 1.0, gap: layer.num("text-offset", fb) }
                    }),
                    _ => shape.points.first().map(|&(x, y)| Placement::Point {
                        x,
                        y,
                        radius: drawn.symbol_radius(x, y),
                        gap: layer.num("text-offset", fb),
                    }),
                };
                let Some(placement) = placement else { return };
                match placement {
                    // A point label will sit somewhere around its point: keep furniture off that ring.
                    Placement::Point { x, y, .. } => {
                        let w = self.fonts.width(&text, &Font { family: family.into(), bold, italic }, size, 0.0);
                        drawn.anchors.extend([(x, y), (x - w, y), (x - w / 2.0, y), (x + w / 2.0, y), (x + w, y)]);
                    }
                    Placement::Area { x, y, .. } => drawn.anchors.push((x, y)),
                    Placement::Line(_) => {}
                }
                drawn.labels.push(LabelRequest {
                    text,
                    font: Font { family: family.into(), bold, italic },
                    size,
                    color: layer.color("text-color", fb),
                    halo: (halo_w > 0.0).then(|| (layer.color("text-halo-color", fb), halo_w)),
                    letter_spacing: layer.num("text-letter-spacing", fb) * size,
                    placement,
                    sort_key: layer.num("symbol-sort-key", fb),
                    layer: layer.id.clone(),
                });
            }
        }
    }
}

/// What symbolising a phase's layers leaves for layout.
#[derive(Default)]
pub struct Drawn {
    /// Point symbols' centres and points along movement arrows: furniture may hide none
    /// of them if it can help it.
    pub marks: Vec<(f64, f64)>,
    /// Point symbols of the story's focus layers (a battle, a base): furniture never hides
    /// one if any slot leaves them all in sight.
    pub key_marks: Vec<(f64, f64)>,
    /// Areas of the story's focus layers, one per feature.
    pub key_areas: Vec<geo::MultiPolygon<f64>>,
    /// Every filled polygon drawn (states, lakes, story areas): area names prefer to keep
    /// off the ones smaller than their own.
    pub fills: Vec<geo::Polygon<f64>>,
    /// Labels to place.
    pub labels: Vec<LabelRequest>,
    /// Boxes of point symbols and of movement arrows' samples: labels keep off them.
    pub symbols: Vec<Bbox>,
    /// Where labels will sit: furniture avoids them.
    pub anchors: Vec<(f64, f64)>,
    /// Legend entries of the layers drawn, in drawing order.
    pub legend: Vec<LegendEntry>,
    /// Citations of every feature drawn.
    pub sources: Vec<String>,
}

/// Adds the citations in a feature's `source` (several may be separated by "; ") that are
/// not listed yet, keeping the order they are first met in, so the parts of one citation
/// stay together.
pub(crate) fn add_sources(list: &mut Vec<String>, f: &Feature) {
    for part in f.text("source").iter().flat_map(|s| s.split("; ")).map(str::trim).filter(|p| !p.is_empty()) {
        if !list.iter().any(|l| l == part) {
            list.push(part.to_string());
        }
    }
}

impl Drawn {
    /// Half the size of the largest symbol box covering this point, so a label beside
    /// the point clears every symbol drawn on it.
    fn symbol_radius(&self, x: f64, y: f64) -> f64 {
        self.symbols
            .iter()
            .filter(|b| x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)
            .map(|b| (b.x1 - x).max(x - b.x0).max(b.y1 - y).max(y - b.y0))
            .fold(1.0, f64::max)
    }
}

pub(crate) fn plain_stroke(color: Color, width: f64) -> Stroke {
    Stroke { color, width, dash: vec![], cap: "butt", join: "round" }
}

fn line_stroke(layer: &StyleLayer, f: Option<&Feature>) -> Stroke {
    let width = layer.num("line-width", f);
    let mut color = layer.color("line-color", f);
    color.a = (f64::from(color.a) * layer.num("line-opacity", f).clamp(0.0, 1.0)).round() as u8;
    let cap = match layer.word("line-cap", f).as_str() {
        "round" => "round",
        "square" => "square",
        _ => "butt",
    };
    let join = match layer.word("line-join", f).as_str() {
        "miter" => "miter",
        "bevel" => "bevel",
        _ => "round",
    };
    Stroke { color, width, dash: layer.nums("line-dasharray", f).iter().map(|d| d * width).collect(), cap, join }
}

fn fill(layer: &StyleLayer, f: Option<&Feature>) -> Option<Fill> {
    let mut color = layer.color("fill-color", f);
    color.a = (f64::from(color.a) * layer.num("fill-opacity", f).clamp(0.0, 1.0)).round() as u8;
    match layer.word("fill-pattern", f).as_str() {
        "none" => None,
        p @ ("hatch" | "cross-hatch") => Some(Fill::Hatch {
            color: layer.color("fill-hatch-color", f),
            background: (color.a > 0).then_some(color),
            angle: layer.num("fill-hatch-angle", f),
            spacing: layer.num("fill-hatch-spacing", f).max(0.5),
            width: layer.num("fill-hatch-width", f),
            cross: p == "cross-hatch",
        }),
        _ => Some(Fill::Solid(color)),
    }
}

fn swatch(layer: &StyleLayer, f: &Feature) -> Option<Swatch> {
    let fb = Some(f);
    match layer.kind {
        LayerType::Fill => {
            let outline = layer.color("fill-outline-color", fb);
            Some(Swatch::Area(
                fill(layer, fb)?,
                (outline.a > 0).then(|| plain_stroke(outline, layer.num("fill-outline-width", fb))),
            ))
        }
        LayerType::Line if layer.flag("line-arrow", fb) && layer.flag("line-taper", fb) => {
            let stroke = line_stroke(layer, fb);
            Some(Swatch::Arrow(stroke.color, stroke.width))
        }
        LayerType::Line => {
            let stroke = line_stroke(layer, fb);
            let casing_color = layer.color("line-casing-color", fb);
            let casing = (casing_color.a > 0).then(|| Stroke {
                color: casing_color,
                width: stroke.width + 2.0 * layer.num("line-casing-width", fb),
                dash: vec![],
                ..stroke.clone()
            });
            Some(Swatch::Line(stroke, casing, layer.flag("line-arrow", fb)))
        }
        LayerType::Circle => {
            let sw = layer.num("circle-stroke-width", fb);
            Some(Swatch::Symbol(
                layer.shape(fb),
                layer.num("circle-radius", fb),
                layer.color("circle-color", fb),
                (sw > 0.0).then(|| plain_stroke(layer.color("circle-stroke-color", fb), sw)),
            ))
        }
        LayerType::Symbol => None,
    }
}

fn to_polygon(rings: &[Vec<(f64, f64)>]) -> geo::Polygon<f64> {
    let ext = geo::LineString::from(rings[0].clone());
    geo::Polygon::new(ext, rings[1..].iter().map(|r| geo::LineString::from(r.clone())).collect())
}

/// An area label goes at the pole of inaccessibility of the largest polygon; a line label
/// at the middle vertex of the longest line; a point label centred on the point.
fn area_placement(shape: &Shape) -> Option<Placement> {
    let polygon = shape
        .polygons
        .iter()
        .map(|rings| to_polygon(rings))
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()));
    if let Some(p) = polygon {
        let pole = polylabel::polylabel(&p, &0.5).ok()?;
        let bb = p.bounding_rect()?;
        return Some(Placement::Area {
            x: pole.x(),
            y: pole.y(),
            room: Bbox { x0: bb.min().x, y0: bb.min().y, x1: bb.max().x, y1: bb.max().y },
            spots: interior_spots(&p, (pole.x(), pole.y())),
            outline: Some(p),
        });
    }
    let (x, y) = match shape.lines.iter().max_by_key(|l| l.len()) {
        Some(line) => line[line.len() / 2],
        None => *shape.points.first()?,
    };
    Some(Placement::Area {
        x,
        y,
        room: Bbox { x0: f64::MIN, y0: f64::MIN, x1: f64::MAX, y1: f64::MAX },
        spots: vec![],
        outline: None,
    })
}

/// Points of a grid inside the polygon, nearest the pole first: fallbacks for its label.
fn interior_spots(p: &geo::Polygon<f64>, pole: (f64, f64)) -> Vec<(f64, f64)> {
    use geo::Contains;
    let Some(bb) = p.bounding_rect() else { return vec![] };
    let step = bb.width().min(bb.height()) / 8.0;
    if step <= 0.0 {
        return vec![];
    }
    let mut spots = Vec::new();
    let (nx, ny) = ((bb.width() / step) as usize, (bb.height() / step) as usize);
    for i in 0..=nx {
        for j in 0..=ny {
            let (x, y) = (bb.min().x + i as f64 * step, bb.min().y + j as f64 * step);
            if p.contains(&geo::Point::new(x, y)) {
                spots.push((x, y));
            }
        }
    }
    spots.sort_by(|a, b| (a.0 - pole.0).hypot(a.1 - pole.1).total_cmp(&(b.0 - pole.0).hypot(b.1 - pole.1)));
    spots.truncate(40);
    spots
}

/// The point halfway along a line.
fn middle(line: &[(f64, f64)]) -> (f64, f64) {
    let len: f64 = line.windows(2).map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1)).sum();
    let mut left = len / 2.0;
    for w in line.windows(2) {
        let d = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
        if d >= left && d > 0.0 {
            let t = left / d;
            return (w[0].0 + t * (w[1].0 - w[0].0), w[0].1 + t * (w[1].1 - w[0].1));
        }
        left -= d;
    }
    line[line.len() / 2]
}
