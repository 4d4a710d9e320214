//! The pipeline for one phase: select features by date, project, clip and simplify, style,
//! lay out labels and furniture, and return the scene; then SVG and PNG from it.

use crate::data::Layer;
use crate::encode;
use crate::error::{Error, Result};
use crate::geometry::prepare;
use crate::lang::Lang;
use crate::layout::furniture::{self, Band};
use crate::layout::labels;
use crate::layout::slots::emptiest_slot;
use crate::layout::Bbox;
use crate::project::{Frame, Projection};
use crate::scene::{Color, Fill, Group, Item, PathItem, Scene, Stroke};
use crate::size::Size;
use crate::story::{Phase, Story};
use crate::style::{LayerType, RawStyle, Style};
use crate::svg;
use crate::symbolize::{add_sources, plain_stroke};
use crate::text::Fonts;
use geo::{BoundingRect, Coord, Intersects, Rect};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

const MARGIN: f64 = 16.0;

/// Everything a render needs: the story, the style, the geodata layers and the fonts.
pub struct Atlas {
    /// The story.
    pub story: Story,
    /// The style.
    pub style: Style,
    /// The style of each phase that overrides it in the story, by phase id.
    pub phase_styles: BTreeMap<String, Style>,
    /// Geodata layers by name (shared, so a reload can keep the unchanged ones).
    pub layers: BTreeMap<String, Arc<Layer>>,
    /// The built-in fonts and any extra ones.
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
    pub fn load(story: &Path, style: &Path, fonts: Option<&Path>) -> Result<Atlas> {
        Atlas::reload(story, style, Fonts::load(fonts)?, BTreeMap::new())
    }

    /// [`Atlas::load`] with fonts already loaded, taking layers from `keep` rather than from
    /// their files where it has them (the layers whose files did not change).
    pub fn reload(story: &Path, style: &Path, fonts: Fonts, mut keep: BTreeMap<String, Arc<Layer>>) -> Result<Atlas> {
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
            let layer = match keep.remove(&l.source) {
                Some(layer) => layer,
                None => Arc::new(Layer::load(&path)?),
            };
            layers.insert(l.source.clone(), layer);
        }
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
        self.finish(self.scene(phase, size)?, size, formats)
    }

    /// Writes a laid-out scene in the formats asked for.
    pub fn finish(&self, scene: Scene, size: Size, formats: Formats) -> Result<Rendered> {
        // The PNG's SVG: the whole page, or one for each half (with 2 pt of overlap, more
        // than the rounding of the split to a whole pixel row).
        let mid = scene.height / 2.0;
        let raster = formats.png.then(|| {
            if formats.halves {
                (svg::write_band(&scene, 0.0, mid + 2.0), Some(svg::write_band(&scene, mid - 2.0, scene.height)))
            } else {
                (svg::write_for_raster(&scene), None)
            }
        });
        let svg = (formats.svg || formats.pdf).then(|| svg::write(&scene));
        // The scene, then each SVG text, goes as soon as it is no longer needed.
        let sources = { scene }.sources;
        let pdf = svg.as_deref().filter(|_| formats.pdf).map(|s| encode::pdf(s, &self.fonts, size.dpi)).transpose()?;
        let png = raster
            .map(|r| match r {
                (top, Some(bottom)) => encode::png_in_halves(&top, &bottom, &self.fonts, size.dpi),
                (whole, None) => encode::png(&encode::tree(&whole, &self.fonts, size.dpi)?, size.dpi),
            })
            .transpose()?;
        let svg = match (svg.filter(|_| formats.svg), formats.outline_text) {
            (None, _) => None,
            (Some(svg), false) => Some(svg),
            (Some(svg), true) => Some(encode::outline_text(&svg, &self.fonts)?),
        };
        Ok(Rendered { svg, png, pdf, sources })
    }

    /// The frame of a phase's map on a page of `size`: the page less the title above and
    /// the caption and credits below.
    pub fn frame(&self, phase: &Phase, size: Size) -> Result<Frame> {
        let phase = &phase.in_lang(self.lang);
        let (page_w, page_h) = (size.page_width, size.page_height);
        let ink = self.style_for(phase).ink;
        let band = Band { left: MARGIN, top: 0.0, width: page_w - 2.0 * MARGIN };
        let (_, title_h) = furniture::title(&self.fonts, &phase.title, &phase.subtitle, &phase.date_label, band, ink);
        // The bottom band holds the caption and credits; credits are sized from the
        // sources of every feature that could show, then filled with those drawn.
        let candidates = self.sources_near(phase, self.provisional_zoom(phase)?);
        let (_, caption_h) = furniture::caption(&self.fonts, &phase.caption, band, ink);
        let (_, credits_h) = furniture::credits(&self.fonts, &candidates, band, ink, self.lang.words().sources);
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
        Frame::fit(projection, phase.extent, rect)
    }

    /// Lays out one phase as a scene.
    pub fn scene(&self, phase: &Phase, size: Size) -> Result<Scene> {
        let frame = self.frame(phase, size)?;
        let phase = &phase.in_lang(self.lang);
        let words = self.lang.words();
        let (page_w, page_h) = (size.page_width, size.page_height);
        let style = self.style_for(phase);
        let ink = style.ink;
        let band = |top: f64| Band { left: MARGIN, top, width: page_w - 2.0 * MARGIN };
        let (title, _) =
            furniture::title(&self.fonts, &phase.title, &phase.subtitle, &phase.date_label, band(MARGIN), ink);
        let map_bottom = frame.rect.max().y;
        let map_box = Bbox { x0: MARGIN, y0: frame.rect.min().y, x1: frame.rect.max().x, y1: map_bottom };
        let (mut groups, mut drawn) = self.symbolize(phase, &frame);

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
        let mut labelled = labels::place(
            &self.fonts,
            requests.clone(),
            map_box.grow(-2.0),
            &obstacles,
            &placed,
            &drawn.key_areas,
            &drawn.fills,
        );
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
                &drawn.key_areas,
                &drawn.fills,
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
        let (caption, caption_h) = furniture::caption(&self.fonts, &phase.caption, band(map_bottom + 4.0), ink);
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
                if let Some(page) = inset.project(&f.geometry, 0.3) {
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
                if let Some(page) = inset.project(&f.geometry, 0.3) {
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
