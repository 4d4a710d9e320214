//! One phase through the pipeline to its scene: the page's bands, the map's frame in the
//! phase's projection, the layers symbolised, then labels and furniture laid out around
//! the story.

use crate::atlas::Atlas;
use crate::data::{add_sources, Layer, Layers};
use crate::error::{Error, Result};
use crate::extent::Extent;
use crate::geometry::Bbox;
use crate::lang::Lang;
use crate::layout::furniture;
use crate::layout::furniture::{LegendEntry, LegendLayout};
use crate::layout::page::{self, Margin, Page, Texts};
use crate::layout::slots::{emptiest_slot, hides_story};
use crate::layout::{graticule, labels};
use crate::locator;
use crate::project::{Frame, Projection};
use crate::scene::{Group, Item, PathItem, Scene, Stroke};
use crate::size::Size;
use crate::story::{LegendPosition, Phase};
use crate::style::{Paint, Style};
use crate::symbolize::{selected, symbolize, Input, Symbolized};
use geo::{BoundingRect, Coord, Intersects, Rect};

/// A phase's map laid out on its page: its frame, the page around it, and its layers drawn.
struct Map {
    page: Page,
    frame: Frame,
    projection: Projection,
    symbolized: Symbolized,
}

/// A phase to frame on a page: what stays the same however its legend is placed.
pub(crate) struct Setting<'a> {
    pub atlas: &'a Atlas,
    phase: &'a Phase,
    pub lang: Lang,
    size: Size,
    pub projection: Projection,
    /// The credits of every feature that could show: the credits band is sized for them,
    /// then filled with those drawn.
    candidates: Vec<String>,
}

impl<'a> Setting<'a> {
    pub fn new(atlas: &'a Atlas, phase: &'a Phase, lang: Lang, size: Size) -> Result<Setting<'a>> {
        let projection = Projection::new(&phase.projection)
            .map_err(|m| Error::file(&atlas.story.path, format!("phase '{}': {m}", phase.id)))?;
        let zoom = provisional_frame(&projection, phase)?.zoom();
        let notes = sources_near(atlas.style_for(phase), &atlas.layers, phase, zoom);
        let candidates = atlas.story.works.credits(&notes, lang);
        Ok(Setting { atlas, phase, lang, size, projection, candidates })
    }

    /// The page and the map's frame, with `margin` kept outside the map for its legend.
    pub fn frame(&self, margin: Margin) -> Result<(Page, Frame)> {
        let (atlas, phase) = (self.atlas, self.phase);
        let texts =
            Texts { title: &phase.title, subtitle: &phase.subtitle, date: &phase.date_label, caption: &phase.caption };
        let (w, h) = (self.size.page_width, self.size.page_height);
        let ink = atlas.style_for(phase).ink;
        let texts = (!phase.map_only).then_some(&texts);
        let page = page::bands(&atlas.fonts, texts, (w, h), &self.candidates, margin, self.lang.words().sources, ink)
            .ok_or_else(|| {
            Error::msg(format!(
                "a {w:.0}x{h:.0} pt page leaves no room for the map under phase '{}''s title and caption",
                phase.id
            ))
        })?;
        let frame = Frame::fit(self.projection.clone(), phase.extent, page.map)?;
        Ok((page, frame))
    }

    /// The map framed with `margin` for its legend, and its layers symbolised.
    fn map(&self, margin: Margin) -> Result<Map> {
        let (page, frame) = self.frame(margin)?;
        let atlas = self.atlas;
        let symbolized = symbolize(&Input {
            style: atlas.style_for(self.phase),
            layers: &atlas.layers,
            phase: self.phase,
            frame: &frame,
            fonts: &atlas.fonts,
            focus: &atlas.story.focus,
            lang: self.lang,
        });
        Ok(Map { page, frame, projection: self.projection.clone(), symbolized })
    }
}

/// The sources a phase's map credits, without laying it out.
pub fn sources(atlas: &Atlas, phase: &Phase, lang: Lang, size: Size) -> Result<Vec<String>> {
    if !phase.panels.is_empty() {
        return Ok(compose(atlas, phase, lang, size)?.sources);
    }
    let phase = &phase.in_lang(lang);
    Ok(map_and_legend(atlas, phase, lang, size, None)?.0.symbolized.drawn.sources)
}

/// The legend entries a phase's map draws, without laying it out.
pub fn legend_entries(atlas: &Atlas, phase: &Phase, lang: Lang, size: Size) -> Result<Vec<LegendEntry>> {
    if !phase.panels.is_empty() {
        return crate::series::legend_entries(atlas, phase, lang, size);
    }
    let phase = &phase.in_lang(lang);
    Ok(Setting::new(atlas, phase, lang, size)?.map(Margin::None)?.symbolized.drawn.legend)
}

/// Where a legend goes: how it is set and, inside the frame, the box it takes.
struct LegendPlace {
    layout: LegendLayout,
    inside: Option<Bbox>,
}

/// The phase's map, and where its legend goes: inside the frame where it hides none of
/// the story (or where the story asks for it there), else beside or under the map,
/// whichever leaves the map larger, for which the map is framed again. A `fixed` legend
/// (the same on every frame of an animation) always goes beside or under the map, so that
/// the map's frame does not depend on what it draws.
fn map_and_legend(
    atlas: &Atlas,
    phase: &Phase,
    lang: Lang,
    size: Size,
    fixed: Option<&[LegendEntry]>,
) -> Result<(Map, LegendPlace)> {
    let setting = Setting::new(atlas, phase, lang, size)?;
    let (fonts, heading) = (&atlas.fonts, lang.words().legend);
    let (margin, width) = match fixed {
        Some(entries) => {
            let (page, _) = setting.frame(Margin::None)?;
            (margin_for(&setting, entries, &page), page.map.width())
        }
        None => {
            let first = setting.map(Margin::None)?;
            let drawn = &first.symbolized.drawn;
            let inside = LegendLayout::inside(&drawn.legend);
            let map_box = Bbox::of_rect(&first.frame.rect);
            let slot = || {
                emptiest_slot(&map_box, furniture::legend_size(fonts, &drawn.legend, heading, inside), drawn, &[], &[])
            };
            let stays = match (drawn.legend.is_empty(), phase.legend) {
                (true, _) => Some(None),
                (false, LegendPosition::Inside) => Some(Some(slot())),
                (false, LegendPosition::Below | LegendPosition::Right) => None,
                (false, LegendPosition::Auto) => Some(slot()).filter(|at| !hides_story(&map_box, at, drawn)).map(Some),
            };
            if let Some(at) = stays {
                return Ok((first, LegendPlace { layout: inside, inside: at }));
            }
            (margin_for(&setting, &drawn.legend, &first.page), first.page.map.width())
        }
    };
    let mut second = setting.map(margin)?;
    if let Some(entries) = fixed {
        second.symbolized.drawn.legend = entries.to_vec();
    }
    // The new frame may draw a little more or less; set what it draws in the room kept.
    let entries = &second.symbolized.drawn.legend;
    let layout = match margin {
        Margin::Beside(_) => LegendLayout::column(fonts, entries, heading, second.page.map.height()),
        _ => LegendLayout::band(fonts, entries, heading, width),
    };
    Ok((second, LegendPlace { layout, inside: None }))
}

/// The margin a legend of these entries takes beside or under the map of `page` (laid out
/// with no margin): where the story asks, else whichever keeps the larger scale.
fn margin_for(setting: &Setting, entries: &[LegendEntry], page: &Page) -> Margin {
    let (fonts, heading) = (&setting.atlas.fonts, setting.lang.words().legend);
    let (width, height) = (page.map.width(), page.map.height());
    let below = LegendLayout::band(fonts, entries, heading, width);
    let beside = LegendLayout::column(fonts, entries, heading, height);
    let below = Margin::Below(furniture::legend_size(fonts, entries, heading, below).1);
    let beside = Margin::Beside(furniture::legend_size(fonts, entries, heading, beside).0);
    match setting.phase.legend {
        LegendPosition::Below => below,
        LegendPosition::Right => beside,
        _ => {
            let scale = |m: Margin| setting.frame(m).map_or(0.0, |(_, f)| f.scale);
            if scale(beside) > scale(below) {
                beside
            } else {
                below
            }
        }
    }
}

/// Lays out one phase as a scene, its texts in `lang`: one map, or a series of panels.
pub fn compose(atlas: &Atlas, phase: &Phase, lang: Lang, size: Size) -> Result<Scene> {
    match phase.panels.is_empty() {
        true => compose_with_legend(atlas, phase, lang, size, None),
        false => crate::series::compose(atlas, &phase.in_lang(lang), lang, size),
    }
}

/// [`compose`] of a single map, with a `fixed` legend in place of the one the map draws,
/// beside or under the map (as the frames of an animation share one).
pub fn compose_with_legend(
    atlas: &Atlas,
    phase: &Phase,
    lang: Lang,
    size: Size,
    fixed: Option<&[LegendEntry]>,
) -> Result<Scene> {
    let phase = &phase.in_lang(lang);
    let (Map { page, frame, projection, symbolized }, legend) = map_and_legend(atlas, phase, lang, size, fixed)?;
    let style = atlas.style_for(phase);
    let map_box = Bbox::of_rect(&frame.rect);
    let at = match page.legend {
        // Under or beside the map, from its top left corner.
        Some(band) => LegendAt::Outside(band),
        // Chosen when deciding where the legend goes (nothing was placed before it).
        None => LegendAt::Inside(legend.inside),
    };
    let furnish = Furnish { legend: Some((legend.layout, at)), inset: phase.inset, scale_bar: true };
    let (drawing, sources) = lay_out(atlas, phase, lang, &frame, projection, symbolized, furnish)?;
    let mut groups = drawing.layers;
    groups.extend(drawing.furniture);
    groups.push(page.title);
    groups.push(page.caption);
    groups.push(credits(atlas, phase, lang, &sources, page.credits, style.ink));
    Ok(Scene {
        width: size.page_width,
        height: size.page_height,
        svg_size: size.svg_dimensions(),
        raster_size: size.raster_dimensions(),
        frames: vec![map_box],
        background: style.background,
        groups,
        title: format!("{} ({})", phase.title, phase.date_label),
        label_boxes: drawing.label_boxes,
        sources,
        warnings: coverage_gaps(|s| atlas.layers.get(s).map(|l| &**l), style, &frame, phase.inset),
    })
}

/// The credits band: the works the drawn features' `sources` cite (none on a map alone).
pub(crate) fn credits(
    atlas: &Atlas,
    phase: &Phase,
    lang: Lang,
    sources: &[String],
    band: furniture::Band,
    ink: crate::scene::Color,
) -> Group {
    let credits = if phase.map_only { vec![] } else { atlas.story.works.credits(sources, lang) };
    furniture::credits(&atlas.fonts, &credits, band, ink, lang.words().sources)
}

/// Where a frame's legend goes.
pub(crate) enum LegendAt {
    /// Outside the frame, from the band's top left corner.
    Outside(furniture::Band),
    /// Inside the frame: in this box, or in the slot where it hides least.
    Inside(Option<Bbox>),
}

/// The furniture a map frame carries besides its labels.
pub(crate) struct Furnish {
    /// The legend (of the entries the map draws), set in this layout, and where.
    pub legend: Option<(LegendLayout, LegendAt)>,
    /// The locator inset's extent.
    pub inset: Option<Extent>,
    /// Whether the scale bar (and the style's north arrow) is drawn.
    pub scale_bar: bool,
}

/// A map frame laid out: its layers with their labels (clipped to the frame), and its
/// furniture (the frame line first), bottom to top.
pub(crate) struct Drawing {
    pub layers: Vec<Group>,
    pub furniture: Vec<Group>,
    pub label_boxes: Vec<(usize, Bbox)>,
}

/// Lays out a symbolised map in its frame: the furniture in the corners where it hides
/// the least, the graticule, then the labels around them. Returns the drawing and the
/// source notes of what it draws.
pub(crate) fn lay_out(
    atlas: &Atlas,
    phase: &Phase,
    lang: Lang,
    frame: &Frame,
    projection: Projection,
    symbolized: Symbolized,
    furnish: Furnish,
) -> Result<(Drawing, Vec<String>)> {
    let Symbolized { mut groups, mut drawn } = symbolized;
    let style = atlas.style_for(phase);
    let (fonts, words, ink) = (&atlas.fonts, lang.words(), style.ink);
    let map_box = Bbox::of_rect(&frame.rect);

    let mut furniture_groups = Vec::new();
    let mut obstacles: Vec<Bbox> = drawn.symbols.clone();
    let mut placed: Vec<Bbox> = Vec::new();
    if let Some((layout, at)) = furnish.legend.filter(|_| !drawn.legend.is_empty()) {
        let size = furniture::legend_size(fonts, &drawn.legend, words.legend, layout);
        let b = match at {
            LegendAt::Outside(band) => Bbox::xywh(band.left, band.top, size.0, size.1),
            LegendAt::Inside(b) => {
                let b = b.unwrap_or_else(|| emptiest_slot(&map_box, size, &drawn, &placed, &[]));
                placed.push(b);
                b
            }
        };
        furniture_groups.push(furniture::legend(fonts, &drawn.legend, b, ink, words.legend, layout));
    }
    if let Some(extent) = furnish.inset {
        // Smaller in a small frame (a panel of a series), so it hides no more of it.
        let k = (map_box.width().min(map_box.height()) / 450.0).min(1.0);
        let b = emptiest_slot(&map_box, (170.0 * k, 130.0 * k), &drawn, &placed, &[]);
        furniture_groups.push(locator::inset(atlas, phase, lang, projection, extent, frame, b)?);
        placed.push(b);
    }
    // A graticule on regional maps: its lines above the areas, its labels along the frame's
    // bottom and left edges where no furniture is.
    let zoom = frame.zoom();
    let mut ticks = Vec::new();
    if style.graticule && zoom < graticule::MAX_ZOOM {
        if let Some((lines, edge_labels)) = graticule::graticule(frame, fonts, ink, &words) {
            let fills =
                style.layers.iter().filter(|l| l.visible_at(zoom)).take_while(|l| matches!(l.paint, Paint::Fill(_)));
            groups.insert(fills.count().min(groups.len()), lines);
            ticks = edge_labels.into_iter().filter(|t| !placed.iter().any(|p| p.intersects(&t.bbox))).collect();
        }
    }
    let north_arrow = furnish.scale_bar && style.north_arrow.unwrap_or(ticks.is_empty());
    // Labels go next, around the legend and inset. The small scale bar and north arrow
    // then take the slot that covers the fewest labels (never other furniture); if it
    // still covers some, the labels are placed again around it.
    obstacles.extend(placed.iter().copied());
    obstacles.extend(ticks.iter().map(|t| t.bbox));
    let requests = std::mem::take(&mut drawn.labels);
    let place = |requests, obstacles: &[Bbox], covers: &[Bbox]| {
        labels::place(fonts, requests, map_box.grow(-2.0), obstacles, covers, &drawn)
    };
    let mut labelled = place(requests.clone(), &obstacles, &placed);
    let label_boxes: Vec<Bbox> = labelled.iter().flat_map(|l| l.boxes.iter().copied()).collect();
    let (sw, sh) = furniture::SCALE_BAR_SIZE;
    let (nw, nh) = furniture::NORTH_ARROW_SIZE;
    let block_size = match (furnish.scale_bar, north_arrow) {
        (false, _) => (0.0, 0.0),
        (true, true) => (sw + 6.0 + nw, sh.max(nh)),
        (true, false) => (sw, sh),
    };
    let block = emptiest_slot(&map_box, block_size, &drawn, &placed, &label_boxes);
    if furnish.scale_bar && label_boxes.iter().any(|b| b.intersects(&block.grow(4.0))) {
        obstacles.push(block.grow(4.0));
        labelled = place(requests, &obstacles, &[placed.clone(), vec![block]].concat());
    }
    let mut label_boxes = Vec::new();
    for (i, placed) in labelled.into_iter().enumerate() {
        label_boxes.extend(placed.boxes.iter().map(|b| (i, *b)));
        if let Some(g) = groups.iter_mut().find(|g| g.id == placed.layer) {
            g.items.push(Item::Text(placed.item));
        }
    }
    if furnish.scale_bar {
        let (scale_group, _) = furniture::scale_bar(frame, Bbox::xywh(block.x0, block.y1 - sh, sw, sh), ink, &words);
        furniture_groups.push(scale_group);
    }
    if north_arrow {
        furniture_groups.push(furniture::north_arrow(frame, Bbox::xywh(block.x1 - nw, block.y1 - nh, nw, nh), ink));
    }
    if !ticks.is_empty() {
        let items = ticks.into_iter().filter(|t| !t.bbox.intersects(&block)).map(|t| Item::Text(t.item)).collect();
        furniture_groups.push(Group {
            id: "graticule-labels".into(),
            label: "graticule-labels".into(),
            clip: None,
            items,
        });
    }
    furniture_groups.insert(0, frame_group(map_box, ink));
    Ok((Drawing { layers: groups, furniture: furniture_groups, label_boxes }, drawn.sources))
}

/// Where the map's frame (or its inset's extent) reaches past the declared coverage of a
/// layer its style draws at the map's zoom, in words for a warning; `layer` finds a
/// layer by its source name.
pub fn coverage_gaps<'a>(
    layer: impl Fn(&str) -> Option<&'a Layer>,
    style: &Style,
    frame: &Frame,
    inset: Option<Extent>,
) -> Vec<String> {
    let zoom = frame.zoom();
    let mut sources: Vec<&str> =
        style.layers.iter().filter(|l| l.visible_at(zoom)).map(|l| l.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let areas = [frame.lonlat_bounds().map(|b| ("frame", b)), inset.map(|e| ("inset", e.rect()))];
    let mut out = Vec::new();
    for (what, area) in areas.into_iter().flatten() {
        let gaps = sources.iter().filter_map(|s| layer(s)).filter_map(|l| l.coverage_gap(&area));
        out.extend(gaps.map(|gap| format!("the map's {what} {gap}")));
    }
    out
}

/// The line around the map.
fn frame_group(map: Bbox, ink: crate::scene::Color) -> Group {
    let Bbox { x0, y0, x1, y1 } = map;
    Group {
        id: "frame".into(),
        label: "frame".into(),
        clip: None,
        items: vec![Item::Path(PathItem {
            parts: vec![[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)].map(Coord::from).to_vec()],
            closed: true,
            fill: None,
            stroke: Some(Stroke::sharp(ink, 0.8)),
            arrow: false,
        })],
    }
}

/// The phase's map on a page of the default shape: close enough to its frame to decide
/// which layers can contribute sources (and, for `check`, what the map reaches) before
/// the exact frame is known.
pub fn provisional_frame(projection: &Projection, phase: &Phase) -> Result<Frame> {
    let rect = Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 768.0, y: 480.0 });
    Frame::fit(projection.clone(), phase.extent, rect)
}

/// Sources of the features that exist during the phase and lie near its extent.
fn sources_near(style: &Style, layers: &Layers, phase: &Phase, zoom: f64) -> Vec<String> {
    let area = phase.extent.grown(0.5, 0.5).rect();
    let mut out = Vec::new();
    for layer in style.layers.iter().filter(|l| l.visible_at(zoom - 0.5)) {
        for f in selected(layers, layer, phase) {
            if f.geometry.bounding_rect().is_some_and(|b| b.intersects(&area)) {
                add_sources(&mut out, f);
            }
        }
    }
    out
}
