//! The pipeline for one phase: select features by date, project, clip and simplify, style,
//! lay out labels and furniture, and return the scene; then SVG and PNG from it.

use crate::data::{Feature, Layer};
use crate::encode;
use crate::error::{Error, Result};
use crate::geometry::{prepare, resample, tapered_arrow, Shape};
use crate::lang::Lang;
use crate::layout::furniture::{self, Band, LegendEntry, Swatch};
use crate::layout::labels::{self, LabelRequest, Placement};
use crate::layout::Bbox;
use crate::project::{Frame, Projection};
use crate::scene::{Color, Fill, Font, Group, Item, PathItem, Scene, Stroke, SymbolItem};
use crate::size::Size;
use crate::story::{Phase, Story};
use crate::style::{LayerType, RawStyle, Style, StyleLayer};
use crate::svg;
use crate::text::{Fonts, SANS, SERIF};
use geo::{Area, BoundingRect, Coord, Intersects, Rect};
use std::collections::BTreeMap;
use std::path::Path;

const MARGIN: f64 = 16.0;

/// Everything a render needs: the story, the style, the geodata layers and the fonts.
pub struct Atlas {
    /// The story.
    pub story: Story,
    /// The style.
    pub style: Style,
    /// The style of each phase that overrides it in the story, by phase id.
    pub phase_styles: BTreeMap<String, Style>,
    /// Geodata layers by name.
    pub layers: BTreeMap<String, Layer>,
    /// Bundled fonts.
    pub fonts: Fonts,
    /// Language of the maps' labels and texts.
    pub lang: Lang,
}

/// The files to write for each map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// SVG.
    pub svg: bool,
    /// PNG.
    pub png: bool,
    /// PDF (fonts embedded).
    pub pdf: bool,
    /// Turn the SVG's text into outlines.
    pub outline_text: bool,
    /// Rasterise the PNG in two halves on two threads (for a single map).
    pub halves: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats { svg: true, png: true, pdf: false, outline_text: false, halves: false }
    }
}

impl Formats {
    /// The file extensions written, in order.
    pub fn extensions(&self) -> Vec<&'static str> {
        [(self.svg, "svg"), (self.png, "png"), (self.pdf, "pdf")]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, e)| *e)
            .collect()
    }

    /// Parses a comma-separated list such as `svg,png,pdf`.
    pub fn parse(list: &str) -> std::result::Result<Formats, String> {
        let mut f = Formats { svg: false, png: false, pdf: false, outline_text: false, halves: false };
        for word in list.split(',').map(str::trim) {
            match word {
                "svg" => f.svg = true,
                "png" => f.png = true,
                "pdf" => f.pdf = true,
                other => {
                    return Err(format!("unknown format '{other}': expected svg, png or pdf, separated by commas"))
                }
            }
        }
        Ok(f)
    }
}

/// A rendered map: the files asked for.
pub struct Rendered {
    /// The SVG document (outlined if asked).
    pub svg: Option<String>,
    /// The PNG bytes.
    pub png: Option<Vec<u8>>,
    /// The PDF bytes.
    pub pdf: Option<Vec<u8>>,
    /// The sources credited on the map.
    pub sources: Vec<String>,
}

impl Atlas {
    /// Loads the story, the style, every geodata layer the style uses (from the story's folder)
    /// and the fonts.
    pub fn load(story: &Path, style: &Path, fonts: &Path) -> Result<Atlas> {
        let (story, style, phase_styles) = load_styles(story, style).map_err(|mut e| e.remove(0))?;
        let geodata = story.path.parent().unwrap_or(Path::new("."));
        let mut layers = BTreeMap::new();
        for l in style.layers.iter().chain(phase_styles.values().flat_map(|s| s.layers.iter())) {
            if layers.contains_key(&l.source) {
                continue;
            }
            let path = geodata.join(format!("{}.geojson", l.source));
            if !path.exists() {
                return Err(Error {
                    location: l.at.clone(),
                    message: format!(
                        "layer '{}': source '{}' not found ({} does not exist)",
                        l.id,
                        l.source,
                        path.display()
                    ),
                });
            }
            layers.insert(l.source.clone(), Layer::load(&path)?);
        }
        let fonts = Fonts::load(fonts)?;
        Ok(Atlas { story, style, phase_styles, layers, fonts, lang: Lang::En })
    }

    /// The style a phase is drawn with.
    pub fn style_for(&self, phase: &Phase) -> &Style {
        self.phase_styles.get(&phase.id).unwrap_or(&self.style)
    }

    /// Renders one phase to SVG and PNG in memory.
    pub fn render(&self, phase: &Phase, size: Size) -> Result<Rendered> {
        self.render_as(phase, size, Formats::default())
    }

    /// Renders one phase in memory to the formats asked for. PNG and PDF are made from the
    /// SVG with its text, so all three agree.
    pub fn render_as(&self, phase: &Phase, size: Size, formats: Formats) -> Result<Rendered> {
        let scene = self.scene(phase, size)?;
        let svg = svg::write(&scene);
        let png = formats.png.then(|| encode::png(&svg, &self.fonts, size.dpi, formats.halves)).transpose()?;
        let pdf = formats.pdf.then(|| encode::pdf(&svg, &self.fonts, size.dpi)).transpose()?;
        let svg = match (formats.svg, formats.outline_text) {
            (false, _) => None,
            (true, false) => Some(svg),
            (true, true) => Some(encode::outline_text(&svg, &self.fonts)?),
        };
        Ok(Rendered { svg, png, pdf, sources: scene.sources })
    }

    /// Lays out one phase as a scene.
    pub fn scene(&self, phase: &Phase, size: Size) -> Result<Scene> {
        let phase = &phase.in_lang(self.lang);
        let words = self.lang.words();
        let (page_w, page_h) = (size.page_width, size.page_height);
        let style = self.style_for(phase);
        let ink = style.ink;
        let band = |top: f64| Band { left: MARGIN, top, width: page_w - 2.0 * MARGIN };
        let (title, title_h) =
            furniture::title(&self.fonts, &phase.title, &phase.subtitle, &phase.date_label, band(MARGIN), ink);

        // The bottom band holds the caption and credits; credits are sized from the
        // sources of every feature that could show, then filled with those drawn.
        let candidates = self.sources_near(phase, self.provisional_zoom(phase)?);
        let (_, caption_h) = furniture::caption(&self.fonts, &phase.caption, band(0.0), ink);
        let (_, credits_h) = furniture::credits(&self.fonts, &candidates, band(0.0), ink, words.sources);
        let map_top = MARGIN + title_h + 4.0;
        let map_bottom = page_h - MARGIN - caption_h - credits_h - 6.0;
        if map_bottom - map_top < 100.0 {
            return Err(Error::msg(format!(
                "a {page_w:.0}x{page_h:.0} pt page leaves no room for the map under phase '{}''s title and caption",
                phase.id
            )));
        }
        let rect = Rect::new(Coord { x: MARGIN, y: map_top }, Coord { x: page_w - MARGIN, y: map_bottom });
        let projection = Projection::new(&phase.projection)
            .map_err(|m| Error::file(&self.story.path, format!("phase '{}': {m}", phase.id)))?;
        let frame = Frame::fit(projection, phase.extent, rect)?;
        let map_box = Bbox { x0: rect.min().x, y0: rect.min().y, x1: rect.max().x, y1: rect.max().y };

        let mut drawn = Drawn::default();
        let mut groups = Vec::new();
        let zoom = frame.zoom();
        let bounds = frame.lonlat_bounds();
        for layer in style.layers.iter().filter(|l| l.visible_at(zoom)) {
            groups.push(self.draw_layer(layer, phase, &frame, bounds.as_ref(), &mut drawn));
        }

        // Furniture goes in the corners where it hides the least.
        let mut furniture_groups = Vec::new();
        let mut obstacles: Vec<Bbox> = drawn.symbols.clone();
        let mut placed: Vec<Bbox> = Vec::new();
        let legend_size = furniture::legend_size(&self.fonts, &drawn.legend, words.legend);
        if !drawn.legend.is_empty() {
            let b = emptiest_slot(&map_box, legend_size, &drawn, &placed, &[]);
            furniture_groups.push(furniture::legend(&self.fonts, &drawn.legend, b, ink, words.legend));
            placed.push(b);
        }
        if let Some(extent) = phase.inset {
            let b = emptiest_slot(&map_box, (170.0, 130.0), &drawn, &placed, &[]);
            furniture_groups.push(self.inset(phase, extent, &frame, b)?);
            placed.push(b);
        }
        // Labels go next, around the legend and inset. The small scale bar and north arrow
        // then take the slot that covers the fewest labels (never other furniture); if it
        // still covers some, the labels are placed again around it.
        obstacles.extend(placed.iter().copied());
        let requests = std::mem::take(&mut drawn.labels);
        let mut labelled = labels::place(&self.fonts, requests.clone(), map_box.grow(-2.0), &obstacles, &placed);
        let label_boxes: Vec<Bbox> = labelled.iter().flat_map(|l| l.boxes.iter().copied()).collect();
        let (sw, sh) = furniture::SCALE_BAR_SIZE;
        let (nw, nh) = furniture::NORTH_ARROW_SIZE;
        let block = emptiest_slot(&map_box, (sw + 6.0 + nw, sh.max(nh)), &drawn, &placed, &label_boxes);
        if label_boxes.iter().any(|b| b.intersects(&block.grow(4.0))) {
            obstacles.push(block.grow(4.0));
            labelled = labels::place(
                &self.fonts,
                requests,
                map_box.grow(-2.0),
                &obstacles,
                &[placed.clone(), vec![block]].concat(),
            );
        }
        let mut label_boxes = Vec::new();
        for (i, placed) in labelled.into_iter().enumerate() {
            label_boxes.extend(placed.boxes.iter().map(|b| (i, b.xywh_array())));
            if let Some(g) = groups.iter_mut().find(|g| g.id == placed.layer) {
                g.items.push(Item::Text(placed.item));
            }
        }
        let sb = Bbox::xywh(block.x0, block.y1 - sh, sw, sh);
        let (scale_group, _) = furniture::scale_bar(&frame, sb, ink, &words);
        furniture_groups.push(scale_group);
        let na = Bbox::xywh(block.x1 - nw, block.y1 - nh, nw, nh);
        furniture_groups.push(furniture::north_arrow(&frame, na, ink));

        let frame_line = Stroke { color: ink, width: 0.8, dash: vec![], cap: "butt", join: "miter" };
        let [x, y, w, h] = map_box.xywh_array();
        furniture_groups.insert(
            0,
            Group {
                id: "frame".into(),
                label: "frame".into(),
                clip_to_map: false,
                items: vec![Item::Path(PathItem {
                    parts: vec![vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]],
                    closed: true,
                    fill: None,
                    stroke: Some(frame_line),
                    arrow: false,
                })],
            },
        );
        furniture_groups.push(title);
        let (caption, _) = furniture::caption(&self.fonts, &phase.caption, band(map_bottom + 4.0), ink);
        furniture_groups.push(caption);
        let (credits, _) =
            furniture::credits(&self.fonts, &drawn.sources, band(map_bottom + 6.0 + caption_h), ink, words.sources);

        furniture_groups.push(credits);

        groups.extend(furniture_groups);
        Ok(Scene {
            width: page_w,
            height: page_h,
            svg_size: size.svg_dimensions(),
            map_rect: map_box.xywh_array(),
            background: style.background,
            groups,
            title: format!("{} ({})", phase.title, phase.date_label),
            label_boxes,
            sources: drawn.sources,
        })
    }

    /// The zoom of the phase's map on a page of the default shape, close enough to decide
    /// which layers can contribute sources before the map's exact frame is known.
    fn provisional_zoom(&self, phase: &Phase) -> Result<f64> {
        let projection = Projection::new(&phase.projection)
            .map_err(|m| Error::file(&self.story.path, format!("phase '{}': {m}", phase.id)))?;
        let rect = Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 768.0, y: 480.0 });
        Ok(Frame::fit(projection, phase.extent, rect)?.zoom())
    }

    /// Sources of the features that exist during the phase and lie near its extent.
    fn sources_near(&self, phase: &Phase, zoom: f64) -> Vec<String> {
        let [w, s, e, n] = phase.extent;
        let (dx, dy) = ((e - w) * 0.5, (n - s) * 0.5);
        let area = Rect::new(Coord { x: w - dx, y: s - dy }, Coord { x: e + dx, y: n + dy });
        let mut out = Vec::new();
        for layer in self.style_for(phase).layers.iter().filter(|l| l.visible_at(zoom - 0.5)) {
            let Some(data) = self.layers.get(&layer.source) else { continue };
            for f in data.features.iter().filter(|f| f.exists_during(&phase.dates) && layer.filter.accepts(f)) {
                if f.geometry.bounding_rect().is_some_and(|b| b.intersects(&area)) {
                    add_sources(&mut out, f);
                }
            }
        }
        out
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
        let Some(data) = self.layers.get(&layer.source) else { return group };
        let clip = Rect::new(frame.rect.min() - Coord { x: 4.0, y: 4.0 }, frame.rect.max() + Coord { x: 4.0, y: 4.0 });
        let mut first: Option<&Feature> = None;
        for f in data.features.iter().filter(|f| f.exists_during(&phase.dates) && layer.filter.accepts(f)) {
            let Some(page) = frame.project_near(&f.geometry, bounds) else { continue };
            let shape = prepare(&page, &clip, 0.15);
            if shape.is_empty() {
                continue;
            }
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
                if self.story.focus.contains(&layer.source) {
                    // The story's own layers are the map's subject: furniture avoids them.
                    drawn
                        .key_areas
                        .push(geo::MultiPolygon::new(shape.polygons.iter().map(|rings| to_polygon(rings)).collect()));
                }
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

    /// A locator map of `extent` in `at`, outlining where the main map lies.
    fn inset(&self, phase: &Phase, extent: [f64; 4], main: &Frame, at: Bbox) -> Result<Group> {
        let projection = Projection::new(&phase.projection).map_err(Error::msg)?;
        let rect = Rect::new(Coord { x: at.x0 + 3.0, y: at.y0 + 3.0 }, Coord { x: at.x1 - 3.0, y: at.y1 - 3.0 });
        let inset = Frame::fit(projection, extent, rect)?;
        let style = self.style_for(phase);
        let ink = style.ink;
        let mut items =
            vec![Item::Rect { rect: at.xywh_array(), fill: style.background, stroke: Some(plain_stroke(ink, 0.8)) }];
        let land_fill = style
            .layers
            .iter()
            .find(|l| l.source == "land" && l.kind == LayerType::Fill)
            .map(|l| l.color("fill-color", None))
            .unwrap_or(Color::rgb(240, 236, 226));
        if let Some(land) = self.layers.get("land") {
            for f in &land.features {
                if let Some(page) = inset.project(&f.geometry) {
                    let shape = prepare(&page, &rect, 0.3);
                    if !shape.polygons.is_empty() {
                        items.push(Item::Path(PathItem {
                            parts: shape.polygons.concat(),
                            closed: true,
                            fill: Some(Fill::Solid(land_fill)),
                            stroke: None,
                            arrow: false,
                        }));
                    }
                }
            }
        }
        if let Some(states) = self.layers.get("states") {
            let border = plain_stroke(Color { a: 150, ..ink }, 0.4);
            for f in states.features.iter().filter(|f| f.exists_during(&phase.dates)) {
                if let Some(page) = inset.project(&f.geometry) {
                    let shape = prepare(&page, &rect, 0.3);
                    let parts: Vec<_> = shape.polygons.concat();
                    if !parts.is_empty() {
                        items.push(Item::Path(PathItem {
                            parts,
                            closed: false,
                            fill: None,
                            stroke: Some(border.clone()),
                            arrow: false,
                        }));
                    }
                }
            }
        }
        // The main map's frame, traced along its edges.
        let r = main.rect;
        let mut outline = Vec::new();
        for i in 0..=40 {
            let t = f64::from(i) / 40.0;
            let p = match i / 10 {
                0 => Coord { x: r.min().x + t * 4.0 * r.width(), y: r.min().y },
                1 => Coord { x: r.max().x, y: r.min().y + (t - 0.25) * 4.0 * r.height() },
                2 => Coord { x: r.max().x - (t - 0.5) * 4.0 * r.width(), y: r.max().y },
                _ => Coord { x: r.min().x, y: r.max().y - (t - 0.75) * 4.0 * r.height() },
            };
            if let Some(q) = main.to_lonlat(p).and_then(|(lon, lat)| inset.to_page(lon, lat)) {
                outline.push((q.x, q.y));
            }
        }
        let accent = style.accent;
        items.push(Item::Path(PathItem {
            parts: vec![outline],
            closed: true,
            fill: Some(Fill::Solid(Color { a: 60, ..accent })),
            stroke: Some(plain_stroke(accent, 1.2)),
            arrow: false,
        }));
        Ok(Group { id: "inset".into(), label: "inset".into(), clip_to_map: false, items })
    }
}

/// Reads the story and the style, and builds the style of every phase that overrides it;
/// returns every problem found.
pub fn load_styles(
    story: &Path,
    style: &Path,
) -> std::result::Result<(Story, Style, BTreeMap<String, Style>), Vec<Error>> {
    let story = Story::load(story).map_err(|e| vec![e])?;
    let raw = RawStyle::load(style)?;
    let mut errors = Vec::new();
    let base = raw.compile().map_err(|e| errors.extend(e)).ok();
    let mut phase_styles = BTreeMap::new();
    for phase in &story.phases {
        let Some(tables) = &phase.style else { continue };
        let mut r = raw.clone();
        match r.overlay(&story.path, &story.text, tables).and_then(|_| r.compile()) {
            Ok(s) => {
                phase_styles.insert(phase.id.clone(), s);
            }
            Err(e) => {
                errors.extend(e.into_iter().filter(|e| e.location.starts_with(&story.path.display().to_string())))
            }
        }
    }
    match base {
        Some(base) if errors.is_empty() => Ok((story, base, phase_styles)),
        _ => Err(errors),
    }
}

/// What a layer pass leaves for layout.
#[derive(Default)]
struct Drawn {
    /// Point symbols' centres and points along movement arrows: furniture may hide none
    /// of them if it can help it.
    marks: Vec<(f64, f64)>,
    /// Areas of the story's focus layers, one per feature.
    key_areas: Vec<geo::MultiPolygon<f64>>,
    labels: Vec<LabelRequest>,
    symbols: Vec<Bbox>,
    anchors: Vec<(f64, f64)>,
    legend: Vec<LegendEntry>,
    sources: Vec<String>,
}

/// Adds the citations in a feature's `source` (several may be separated by "; ") that are
/// not listed yet, keeping the order they are first met in, so the parts of one citation
/// stay together.
fn add_sources(list: &mut Vec<String>, f: &Feature) {
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

fn plain_stroke(color: Color, width: f64) -> Stroke {
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

/// Where along the frame furniture may go, as fractions of the free width and height,
/// in order of preference on ties: the corners, the middles of the edges, then between.
const SLOTS: [(f64, f64); 16] = [
    (1.0, 1.0),
    (0.0, 1.0),
    (1.0, 0.0),
    (0.0, 0.0),
    (0.5, 1.0),
    (0.5, 0.0),
    (1.0, 0.5),
    (0.0, 0.5),
    (0.25, 1.0),
    (0.75, 1.0),
    (0.25, 0.0),
    (0.75, 0.0),
    (1.0, 0.25),
    (1.0, 0.75),
    (0.0, 0.25),
    (0.0, 0.75),
];

/// The box of `size` along the map's edge that covers no `furniture`, as few `labels` as
/// it can, and hides the least of the map (see `cost`).
fn emptiest_slot(map: &Bbox, size: (f64, f64), drawn: &Drawn, furniture: &[Bbox], labels: &[Bbox]) -> Bbox {
    let pad = 8.0;
    let boxes = SLOTS.iter().map(|&(fx, fy)| {
        Bbox::xywh(
            map.x0 + pad + fx * (map.width() - 2.0 * pad - size.0),
            map.y0 + pad + fy * (map.height() - 2.0 * pad - size.1),
            size.0,
            size.1,
        )
    });
    // Cost: anchors (label positions, movements) within a margin of the box, and point
    // symbols twenty times over.
    let cost = |b: &Bbox| {
        let g = b.grow(15.0);
        let inside = |(x, y): &&(f64, f64)| *x >= g.x0 && *x <= g.x1 && *y >= g.y0 && *y <= g.y1;
        let anchors = drawn.anchors.iter().filter(inside).count() + 20 * drawn.marks.iter().filter(inside).count();
        // Each story area costs the share of it the box would hide (600 for all of it), so a
        // box may cover a corner of a large state but not half of a small disputed strip.
        let boxed = Rect::new(Coord { x: g.x0, y: g.y0 }, Coord { x: g.x1, y: g.y1 }).to_polygon();
        let hidden: f64 = drawn
            .key_areas
            .iter()
            .filter(|p| {
                p.bounding_rect()
                    .is_some_and(|r| r.min().x < g.x1 && r.max().x > g.x0 && r.min().y < g.y1 && r.max().y > g.y0)
            })
            .map(|p| {
                use geo::BooleanOps;
                let area = p.unsigned_area().max(1.0);
                let covered = p.intersection(&boxed).unsigned_area();
                // Hiding any of a small story area (a strip, a leased territory) is worse still.
                let small = if covered > 0.0 && area < 0.05 * map.width() * map.height() { 30.0 } else { 0.0 };
                600.0 * covered / area + small
            })
            .sum();
        anchors + hidden.round() as usize
    };
    // Covering furniture is worst, then covering labels, then hiding the map.
    let clashes = |b: &Bbox, with: &[Bbox]| with.iter().filter(|p| p.grow(4.0).intersects(b)).count();
    boxes.min_by_key(|b| (clashes(b, furniture), clashes(b, labels), cost(b))).expect("slots")
}
