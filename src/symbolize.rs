//! Symbolising: the features of each style layer that exist on the phase's dates,
//! projected, clipped and simplified, turned into styled paths and symbols, with the label
//! requests, legend entries and sources they bring.

use crate::data::seen::Seen;
use crate::data::{add_sources, Feature, Layers};
use crate::date::DateSpan;
use crate::geometry::Bbox;
use crate::geometry::{prepare, resample, tapered_arrow, Shape};
use crate::lang::Lang;
use crate::layout::displace::{displace, leader, same_side, Glyph, Ground};
use crate::layout::furniture::{LegendEntry, Swatch};
use crate::layout::labels::{LabelRequest, Placement, MUST_SHOW};
use crate::layout::{Drawn, Moved};
use crate::project::Frame;
use crate::scene::{Color, Echelon, Fill, Group, Item, PathItem, Stroke, SymbolItem, SymbolShape};
use crate::story::{Compare, Phase};
use crate::style::paint::{self, Paint, SymbolPlacement};
use crate::style::{Style, StyleLayer};
use crate::text::Fonts;
use geo::{Area, BoundingRect, Coord, Rect};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// How far (page points) simplified lines may stray from the data: under a pixel at 2400 px.
pub const SIMPLIFY: f64 = 0.15;

/// The smallest radius (page points) a ring on the ground is drawn at: under it, it would
/// hide beneath the symbol it rings.
pub const MIN_RING: f64 = 5.0;

/// What a phase's map draws and the context it is drawn in.
pub struct Input<'a> {
    /// The phase's style.
    pub style: &'a Style,
    /// The geodata.
    pub layers: &'a Layers,
    /// The phase (its dates select the features).
    pub phase: &'a Phase,
    /// The map's frame on the page.
    pub frame: &'a Frame,
    /// Fonts, for measuring labels.
    pub fonts: &'a Fonts,
    /// The story's own layers, which furniture keeps off.
    pub focus: &'a [String],
    /// Language of the labels and legend.
    pub lang: Lang,
}

/// The map's layers as drawn: one group per style layer, and what they leave for layout.
pub struct Symbolized {
    /// One group per visible style layer, bottom to top.
    pub groups: Vec<Group>,
    /// Labels to place, obstacles, legend entries and sources.
    pub drawn: Drawn,
}

/// Every visible layer of the phase's style drawn in its frame.
pub fn symbolize(input: &Input) -> Symbolized {
    let mut drawn = Drawn::default();
    let zoom = input.frame.zoom();
    let bounds = input.frame.lonlat_bounds();
    let mut shapes = Shapes::default();
    (drawn.moved, drawn.fills) = plan_symbols(input, bounds.as_ref(), &mut shapes);
    let groups = input
        .style
        .layers
        .iter()
        .filter(|l| l.visible_at(zoom))
        .map(|layer| draw_layer(input, layer, bounds.as_ref(), &mut shapes, &mut drawn))
        .collect();
    Symbolized { groups, drawn }
}

/// The features of a style layer's source that exist during the phase and pass its filter;
/// a layer whose filter looks at `change` also gets those gone since the compared date.
/// A place renamed during the phase's days is drawn once, under its later name: a point
/// that ends within them, succeeded that day by one of the same layer at the same spot,
/// is left out.
pub fn selected<'a>(layers: &'a Layers, layer: &'a StyleLayer, phase: &'a Phase) -> impl Iterator<Item = &'a Feature> {
    let then = phase.compare.as_ref().map(|c| &c.days).filter(|_| layer.filter.asks_change());
    let data = layers.get(&layer.source);
    let all = data.map_or(&[][..], |d| d.features.as_slice());
    all.iter().filter(move |f| {
        (f.exists_during(&phase.dates) || then.is_some_and(|t| f.exists_during(t)))
            && !superseded(f, all, &phase.dates)
            && layer.filter.accepts(&seen(f, phase))
    })
}

/// Whether `f`, a place (a point), ends within `days` and another of `all` takes its place
/// that day. Areas are not: a state ending within a map's days is drawn with what follows it.
fn superseded(f: &Feature, all: &[Feature], days: &DateSpan) -> bool {
    if !matches!(f.geometry, geo::Geometry::Point(_)) {
        return false;
    }
    let Some(end) = f.end.filter(|e| *e > days.first && *e <= days.last) else { return false };
    all.iter().any(|g| g.start == Some(end) && !std::ptr::eq(f, g) && g.geometry == f.geometry)
}

/// A feature as the phase's map sees it, with its change since the compared date.
pub fn seen<'a>(f: &'a Feature, phase: &Phase) -> Seen<'a> {
    Seen::on(f, &phase.dates, phase.compare.as_ref().map(|c| &c.days))
}

/// Features already projected, clipped and simplified in the frame, by address (`None`:
/// nothing of it shows): several style layers draw the same features (a state's fill, its
/// border and its name), which are prepared once.
type Shapes = FxHashMap<usize, Option<Arc<Shape>>>;

fn draw_layer(
    input: &Input,
    layer: &StyleLayer,
    bounds: Option<&Rect>,
    shapes: &mut Shapes,
    drawn: &mut Drawn,
) -> Group {
    let mut group = Group { id: layer.id.clone(), label: layer.id.clone(), clip: Some(0), items: Vec::new() };
    // The legend shows the first feature drawn (of each case), as it was drawn.
    let mut swatches: Vec<(Option<String>, Option<Swatch>)> = Vec::new();
    let mut features = prepared(input, layer, bounds, shapes);
    if let Some(mask) = mask_of(input, layer, bounds, shapes) {
        features = features
            .into_iter()
            .map(|(f, s)| (f, Arc::new(crate::geometry::lines_outside(&s, &mask))))
            .filter(|(_, s)| !s.is_empty())
            .collect();
    }
    let focus = input.focus.contains(&layer.source);
    for (f, shape) in features {
        let shape = &*shape;
        let before = group.items.len() + drawn.labels.len();
        let sample = draw_feature(input, layer, f, shape, focus, &mut group, drawn);
        if group.items.len() + drawn.labels.len() > before {
            let case = layer.legend_case(f);
            if !swatches.iter().any(|(c, _)| *c == case) {
                swatches.push((case, sample));
            }
            add_sources(&mut drawn.sources, f);
        }
    }
    let since = Compare::since(input.phase.compare.as_ref(), input.lang);
    for (case, swatch) in swatches {
        // A ring on the ground shows in the legend as a ring, not as a line.
        let swatch = match swatch {
            Some(Swatch::Line(stroke, _, _)) if layer.ground_radius.is_some() => Some(Swatch::Ring(stroke)),
            other => other,
        };
        if let (Some(label), Some(swatch)) = (layer.legend_for(input.lang, &since, case.as_deref()), swatch) {
            // Layers that draw the same class from several sources share one entry: the
            // first drawn stands for the class.
            if !drawn.legend.iter().any(|e| e.label == label) {
                drawn.legend.push(LegendEntry { label, swatch });
            }
        }
    }
    group
}

/// The areas a line layer's `mask` layers draw on this map, widened by [`MASK_MARGIN`] so
/// that a line along their edge is left out too; `None` if it has no mask or they draw none.
fn mask_of(
    input: &Input,
    layer: &StyleLayer,
    bounds: Option<&Rect>,
    shapes: &mut Shapes,
) -> Option<geo::MultiPolygon<f64>> {
    use geo::Buffer;
    if layer.mask.is_empty() {
        return None;
    }
    let zoom = input.frame.zoom();
    let masks = input.style.layers.iter().filter(|l| layer.mask.contains(&l.id) && l.visible_at(zoom));
    let polygons: Vec<geo::Polygon<f64>> = masks
        .flat_map(|m| prepared(input, m, bounds, shapes))
        .flat_map(|(_, s)| s.polygons.clone())
        .filter_map(|rings| {
            let mut rings = rings.into_iter().map(geo::LineString::from);
            Some(geo::Polygon::new(rings.next()?, rings.collect()))
        })
        .collect();
    (!polygons.is_empty()).then(|| geo::MultiPolygon::new(polygons).buffer(MASK_MARGIN))
}

/// How far beyond a mask's areas a masked line is left out, in points.
const MASK_MARGIN: f64 = 1.5;

/// A feature's key in [`Shapes`] and in [`Drawn::moved`]: its address.
fn key(f: &Feature) -> usize {
    f as *const Feature as usize
}

/// The features a style layer draws, in file order, each with its shape: projected,
/// clipped and simplified into `shapes` (on every core) unless another layer already did;
/// those of which nothing shows are left out. A layer with a `ground-radius` draws each
/// point as the circle of that many kilometres around it instead.
fn prepared<'a>(
    input: &Input<'a>,
    layer: &'a StyleLayer,
    bounds: Option<&Rect>,
    shapes: &mut Shapes,
) -> Vec<(&'a Feature, Arc<Shape>)> {
    let frame = input.frame;
    let clip = Rect::new(frame.rect.min() - Coord { x: 4.0, y: 4.0 }, frame.rect.max() + Coord { x: 4.0, y: 4.0 });
    let features: Vec<&Feature> = selected(input.layers, layer, input.phase).collect();
    let shape_of = |g: &geo::Geometry<f64>| {
        let shape = frame.project_near(g, bounds, SIMPLIFY).map(|g| prepare(&g, &clip, SIMPLIFY));
        shape.filter(|s| !s.is_empty()).map(Arc::new)
    };
    if let Some(property) = &layer.ground_radius {
        // Rings are the layer's own: not shared, so not kept. One smaller than a symbol
        // would hide under it, and is not drawn.
        let seen = |s: &Arc<Shape>| s.polygon_box().is_some_and(|b| (b.x1 - b.x0).max(b.y1 - b.y0) >= 2.0 * MIN_RING);
        let rings: Vec<_> = features
            .par_iter()
            .map(|&f| (f, ground_circles(f, property).and_then(|g| shape_of(&g)).filter(seen)))
            .collect();
        return rings.into_iter().filter_map(|(f, s)| Some((f, s?))).collect();
    }
    let new: Vec<&Feature> = features.iter().copied().filter(|f| !shapes.contains_key(&key(f))).collect();
    let made: Vec<(usize, Option<Arc<Shape>>)> = new.par_iter().map(|&f| (key(f), shape_of(&f.geometry))).collect();
    shapes.extend(made);
    features.into_iter().filter_map(|f| Some((f, shapes[&key(f)].clone()?))).collect()
}

/// The circles of `property` kilometres (a positive number) around a feature's points, on
/// the ground; `None` if it has no points or no such radius.
fn ground_circles(f: &Feature, property: &str) -> Option<geo::Geometry<f64>> {
    let km = f.props.get(property)?.as_f64().or_else(|| f.text(property)?.parse().ok())?;
    if !(km > 0.0 && km.is_finite()) {
        return None;
    }
    let points: Vec<geo::Point<f64>> = match &f.geometry {
        geo::Geometry::Point(p) => vec![*p],
        geo::Geometry::MultiPoint(m) => m.0.clone(),
        _ => return None,
    };
    let circles = points.iter().map(|p| crate::geometry::ground_circle(*p, km)).collect();
    Some(geo::Geometry::MultiPolygon(geo::MultiPolygon::new(circles)))
}

/// Where every point symbol of the phase is drawn, before any is: those that would be drawn
/// over another feature's symbol are moved clear of it (see [`displace`]). Also returns
/// every filled polygon the phase draws, measured once for displacement and labels.
fn plan_symbols(input: &Input, bounds: Option<&Rect>, shapes: &mut Shapes) -> (Vec<Moved>, Vec<Ground>) {
    let zoom = input.frame.zoom();
    let mut glyphs = Vec::new();
    for layer in input.style.layers.iter().filter(|l| l.visible_at(zoom)) {
        let Paint::Circle(p) = &layer.paint else { continue };
        for (f, shape) in prepared(input, layer, bounds, shapes) {
            let symbol = p.eval(Some(&seen(f, input.phase)));
            for at in kept_points(input, f, &shape, &symbol).0 {
                glyphs.push(Glyph {
                    owner: key(f),
                    at,
                    shape: symbol.shape,
                    radius: symbol.radius,
                    stroke: symbol.stroke.as_ref().map_or(0.0, |s| s.width),
                    hollow: symbol.fill.a == 0,
                });
            }
        }
    }
    // The filled areas as they will be drawn: a moved symbol keeps to its side of borders.
    let mut fills: Vec<Ground> = Vec::new();
    for layer in input.style.layers.iter().filter(|l| l.visible_at(zoom) && matches!(l.paint, Paint::Fill(_))) {
        for (_, shape) in prepared(input, layer, bounds, shapes) {
            for rings in &shape.polygons {
                let poly = to_polygon(rings);
                let Some(b) = poly.bounding_rect() else { continue };
                let size = poly.unsigned_area();
                fills.push((poly, Bbox::of_rect(&b), size));
            }
        }
    }
    let frame = Bbox::of_rect(&input.frame.rect);
    let at = displace(&glyphs, &frame, &|p, q| same_side(&fills, p, q));
    let moved: Vec<(&Glyph, Coord<f64>)> = glyphs.iter().zip(at).filter(|(g, to)| *to != g.at).collect();
    let moves = moved
        .iter()
        .map(|&(g, to)| {
            // The leader starts at the edge of the largest sign left on the place; a sign
            // that moved as one draws it once, from its largest glyph.
            let here = glyphs.iter().filter(|o| o.owner != g.owner && (o.at.x - g.at.x).hypot(o.at.y - g.at.y) < 1.0);
            let clear = here.map(Glyph::reach).fold(0.0, f64::max);
            let outdone = moved.iter().any(|(o, t)| o.at == g.at && *t == to && o.reach() > g.reach());
            let line = if outdone { None } else { leader(g.at, to, clear, g.reach() * 0.5) };
            Moved { owner: g.owner, from: g.at, to, leader: line }
        })
        .collect();
    (moves, fills)
}

/// The points of a feature's symbol that are drawn, and those left out because the frame
/// would cut the symbol (not outside the area the phase asks for: that is always drawn).
fn kept_points(
    input: &Input,
    f: &Feature,
    shape: &Shape,
    symbol: &paint::Symbol,
) -> (Vec<Coord<f64>>, Vec<Coord<f64>>) {
    let reach = symbol.radius * 1.3 + symbol.stroke.as_ref().map_or(0.0, |s| s.width) + 1.0;
    let area = input.phase.extent.rect();
    let asked = f.geometry.bounding_rect().is_some_and(|b| geo::Intersects::intersects(&area, &b));
    shape.points.iter().partition(|c| asked || within_frame(input.frame, **c, reach))
}

/// Draws one feature into the layer's group; returns its legend swatch (none for labels
/// and for areas without a fill).
fn draw_feature(
    input: &Input,
    layer: &StyleLayer,
    f: &Feature,
    shape: &Shape,
    focus: bool,
    group: &mut Group,
    drawn: &mut Drawn,
) -> Option<Swatch> {
    let seen = seen(f, input.phase);
    let fb = Some(&seen);
    // A place the phase must show is kept clear of the furniture like the story's own.
    let shown = !input.phase.show.is_empty() && f.text("id").is_some_and(|id| input.phase.show.contains(&id));
    match &layer.paint {
        Paint::Fill(p) => {
            if shape.polygons.is_empty() {
                return None;
            }
            let area = p.eval(fb);
            if focus || shown {
                // The story's own layers are the map's subject, and an area the phase must
                // show (a lake the battle's river runs into) is too: furniture avoids them.
                let polygons = shape.polygons.iter().map(|rings| to_polygon(rings)).collect();
                drawn.key_areas.push(geo::MultiPolygon::new(polygons));
            }
            group.items.push(Item::Path(PathItem {
                parts: shape.polygons.iter().flatten().cloned().collect(),
                closed: true,
                fill: area.fill.clone(),
                stroke: area.outline.clone(),
                arrow: false,
            }));
            Some(Swatch::Area(area.fill?, area.outline))
        }
        Paint::Line(p) => {
            let mut parts: Vec<Vec<Coord<f64>>> = shape.lines.clone();
            parts.extend(shape.polygons.iter().flatten().cloned());
            if parts.is_empty() {
                return None;
            }
            let line = p.eval(fb);
            if !line.arrow {
                // A line that ends at a place whose symbol was moved aside (a railhead at a
                // town set clear of its neighbour across a river) ends at the symbol.
                for part in parts.iter_mut().take(shape.lines.len()).filter(|p| !p.is_empty()) {
                    let last = part.len() - 1;
                    for end in [0, last] {
                        let at = part[end];
                        if let Some(m) = drawn.moved.iter().find(|m| (m.from.x - at.x).hypot(m.from.y - at.y) < 0.5) {
                            part[end] = m.to;
                        }
                    }
                }
            }
            if line.arrow {
                // Movements are the story: furniture keeps off them as off point symbols,
                // and labels may not cover them.
                let samples: Vec<_> = parts.iter().flat_map(|p| resample(p, 4.0)).collect();
                let r = line.stroke.width / 2.0 + 0.5;
                drawn.symbols.extend(samples.iter().map(|c| Bbox {
                    x0: c.x - r,
                    y0: c.y - r,
                    x1: c.x + r,
                    y1: c.y + r,
                }));
                drawn.marks.extend(samples.iter().step_by(3));
                drawn.arrows.push(samples);
            }
            if let Some(casing) = &line.casing {
                group.items.push(Item::Path(PathItem {
                    parts: parts.clone(),
                    closed: false,
                    fill: None,
                    stroke: Some(casing.clone()),
                    arrow: false,
                }));
            }
            if line.taper {
                let arrows: Vec<_> = parts.iter().filter_map(|p| tapered_arrow(p, line.stroke.width)).collect();
                group.items.push(Item::Path(PathItem {
                    parts: arrows,
                    closed: true,
                    fill: Some(Fill::Solid(line.stroke.color)),
                    stroke: None,
                    arrow: false,
                }));
                return Some(Swatch::Arrow(line.stroke.color, line.stroke.width));
            }
            group.items.push(Item::Path(PathItem {
                parts,
                closed: false,
                fill: None,
                stroke: Some(line.stroke.clone()),
                arrow: line.arrow,
            }));
            Some(Swatch::Line(line.stroke, line.casing, line.arrow))
        }
        Paint::Circle(p) => {
            let symbol = p.eval(fb);
            // A symbol the frame would cut or touch is left out (with its name, see
            // `request_label`).
            let (inside, cut) = kept_points(input, f, shape, &symbol);
            drawn.cut.extend(cut);
            for place in inside {
                // Drawn where the plan put it, tied to its place by a leader if it moved.
                let moved = drawn.moved_to(key(f), place);
                let c @ Coord { x, y } = moved.map_or(place, |m| m.to);
                if let Some(line) = moved.and_then(|m| m.leader) {
                    let ink = match &symbol.stroke {
                        Some(s) if symbol.fill.a == 0 => s.color,
                        _ => Color { a: 255, ..symbol.fill },
                    };
                    group.items.push(Item::Path(PathItem {
                        parts: vec![line.to_vec()],
                        closed: false,
                        fill: None,
                        stroke: Some(Stroke::plain(ink, (symbol.radius * 0.15).max(0.5))),
                        arrow: false,
                    }));
                }
                group.items.push(Item::Symbol(SymbolItem {
                    x,
                    y,
                    shape: symbol.shape,
                    radius: symbol.radius,
                    fill: symbol.fill,
                    stroke: symbol.stroke.clone(),
                }));
                let r = symbol.radius * 1.3 + symbol.stroke.as_ref().map_or(0.0, |s| s.width);
                drawn.symbols.push(Bbox { x0: x - r, y0: y - r, x1: x + r, y1: y + r });
                drawn.marks.push(c);
                drawn.points.push(c);
                if focus || shown {
                    drawn.key_marks.push(c);
                }
            }
            // A unit's legend sample shows its arm, not the size of the first one drawn.
            let shape = match symbol.shape {
                SymbolShape::Unit(arm, _) => SymbolShape::Unit(arm, Echelon::None),
                other => other,
            };
            Some(Swatch::Symbol(shape, symbol.radius, symbol.fill, symbol.stroke))
        }
        Paint::Text(p) => {
            request_label(input, layer, p, f, shape, shown, drawn);
            None
        }
    }
}

/// Asks layout for a feature's label, where its placement says (early, if `shown`).
fn request_label(
    input: &Input,
    layer: &StyleLayer,
    p: &paint::TextPaint,
    f: &Feature,
    shape: &Shape,
    shown: bool,
    drawn: &mut Drawn,
) {
    let Some(mut label) = p.eval(&seen(f, input.phase), input.lang) else { return };
    // A place the phase must show is named before the ordinary towns.
    if shown {
        label.sort_key = label.sort_key.min(MUST_SHOW);
    }
    let placement = match label.placement {
        // Named only where the area shows: its pole inside the frame, not in the margin
        // the shapes are clipped with (a lake just beyond the edge is not named).
        SymbolPlacement::Area => area_placement(shape).filter(|p| match p {
            Placement::Area { x, y, .. } => within_frame(input.frame, Coord { x: *x, y: *y }, 1.0),
            _ => true,
        }),
        SymbolPlacement::Line => shape.lines.iter().max_by_key(|l| l.len()).map(|l| {
            // Text follows the line's general course, not every meander.
            use geo::Simplify;
            let smooth = geo::LineString::from(l.clone()).simplify(label.look.size / 2.0);
            Placement::Line(smooth.0)
        }),
        SymbolPlacement::LineBeside => shape.lines.iter().max_by_key(|l| l.len()).map(|l| {
            use geo::Simplify;
            let smooth = geo::LineString::from(l.clone()).simplify(label.look.size / 2.0);
            let Coord { x, y } = middle(l);
            Placement::Beside { line: smooth.0, offset: label.offset, x, y }
        }),
        SymbolPlacement::LineCenter => shape.lines.iter().max_by_key(|l| l.len()).map(|l| {
            let Coord { x, y } = middle(l);
            Placement::Point { x, y, radius: 1.0, gap: label.offset }
        }),
        SymbolPlacement::Point => shape.points.first().filter(|c| !drawn.was_cut(**c)).map(|&place| {
            // Beside the feature's symbol, where the plan drew it.
            let c = drawn.moved_to(key(f), place).map_or(place, |m| m.to);
            Placement::Point { x: c.x, y: c.y, radius: drawn.symbol_radius(c), gap: label.offset }
        }),
    };
    let Some(placement) = placement else { return };
    match placement {
        // A point label will sit somewhere around its point: keep furniture off that ring.
        Placement::Point { x, y, .. } => {
            let w = input.fonts.width(&label.look.text, &label.look.font, label.look.size, 0.0);
            drawn.anchors.extend([x, x - w, x - w / 2.0, x + w / 2.0, x + w].map(|x| Coord { x, y }));
        }
        Placement::Area { x, y, .. } => drawn.anchors.push(Coord { x, y }),
        Placement::Beside { x, y, .. } => drawn.anchors.push(Coord { x, y }),
        Placement::Line(_) => {}
    }
    drawn.labels.push(LabelRequest { look: label.look, placement, sort_key: label.sort_key, layer: layer.id.clone() });
}

/// Whether a point lies inside the map's frame, at least `margin` points from its edge.
fn within_frame(frame: &Frame, c: Coord<f64>, margin: f64) -> bool {
    let r = frame.rect;
    c.x >= r.min().x + margin && c.x <= r.max().x - margin && c.y >= r.min().y + margin && c.y <= r.max().y - margin
}

fn to_polygon(rings: &[Vec<Coord<f64>>]) -> geo::Polygon<f64> {
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
            spots: interior_spots(&p, pole.0),
            outline: Some(p),
        });
    }
    let Coord { x, y } = match shape.lines.iter().max_by_key(|l| l.len()) {
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
fn interior_spots(p: &geo::Polygon<f64>, pole: Coord<f64>) -> Vec<Coord<f64>> {
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
            let c = Coord { x: bb.min().x + i as f64 * step, y: bb.min().y + j as f64 * step };
            if p.contains(&c) {
                spots.push(c);
            }
        }
    }
    spots.sort_by(|a, b| (a.x - pole.x).hypot(a.y - pole.y).total_cmp(&(b.x - pole.x).hypot(b.y - pole.y)));
    spots.truncate(40);
    spots
}

/// The point halfway along a line.
fn middle(line: &[Coord<f64>]) -> Coord<f64> {
    use geo::{Euclidean, InterpolateLine};
    match Euclidean.point_at_ratio_from_start(&geo::LineString::from(line.to_vec()), 0.5) {
        Some(p) => p.0,
        None => line[line.len() / 2],
    }
}
