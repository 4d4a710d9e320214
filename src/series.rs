//! A series: one phase drawn as panels, the same frame on several dates side by side
//! under one title, with one legend (of everything any panel draws) and one caption.

use crate::atlas::Atlas;
use crate::compose::{coverage_gaps, credits, lay_out, Furnish, Setting};
use crate::error::{Error, Result};
use crate::extent::Extent;
use crate::geometry::Bbox;
use crate::lang::Lang;
use crate::layout::furniture::{self, LegendEntry, LegendLayout};
use crate::layout::page::{Margin, Page};
use crate::locator;
use crate::project::{Frame, Projection};
use crate::scene::{Group, Scene};
use crate::size::Size;
use crate::story::Phase;
use crate::symbolize::{symbolize, Input, Symbolized};
use geo::{Coord, Rect};

/// Space between panels, in points.
const GAP: f64 = 12.0;
/// Height of each panel's heading above its frame, in points.
const HEADING: f64 = 15.0;
/// Width kept beside a legend under the panels for the scale bar and north arrow they share.
const SCALE_ROOM: f64 = furniture::SCALE_BAR_SIZE.0 + 6.0 + furniture::NORTH_ARROW_SIZE.0 + 10.0;

/// The cells of a grid of `columns` over `area`, row by row, each a map frame under its
/// heading: as many as the rows need for `n` panels, so the last row may have spare cells.
fn cells(area: Rect<f64>, n: usize, columns: usize) -> Vec<Rect<f64>> {
    let rows = n.div_ceil(columns);
    let w = (area.width() - GAP * (columns - 1) as f64) / columns as f64;
    let h = (area.height() - GAP * (rows - 1) as f64) / rows as f64 - HEADING;
    let cell = |i: usize| {
        let (c, r) = ((i % columns) as f64, (i / columns) as f64);
        let min = Coord { x: area.min().x + c * (w + GAP), y: area.min().y + r * (h + HEADING + GAP) + HEADING };
        Rect::new(min, Coord { x: min.x + w, y: min.y + h })
    };
    (0..rows * columns).map(cell).collect()
}

/// The number of columns that draws `n` panels of `extent` at the largest scale in `area`
/// (the fewer columns when two draw them alike).
fn best_columns(projection: &Projection, extent: Extent, area: Rect<f64>, n: usize) -> usize {
    let scale = |c: usize| {
        let cell = cells(area, n, c)[0];
        match cell.width() > 20.0 && cell.height() > 20.0 {
            true => Frame::fit(projection.clone(), extent, cell).map_or(0.0, |f| f.scale),
            false => 0.0,
        }
    };
    (1..=n).fold((1, 0.0), |(best, s), c| if scale(c) > s * 1.0001 { (c, scale(c)) } else { (best, s) }).0
}

/// The panels' frames in `area` in a grid of `columns`, and the spare cell after them.
fn lay(setting: &Setting, phase: &Phase, area: Rect<f64>, columns: usize) -> Result<(Vec<Frame>, Option<Rect<f64>>)> {
    let n = phase.panels.len();
    let grid = cells(area, n, columns.min(n));
    let frames = grid[..n].iter().map(|&c| Frame::fit(setting.projection.clone(), phase.extent, c));
    Ok((frames.collect::<Result<_>>()?, grid.last().copied().filter(|_| grid.len() > n)))
}

/// A series arranged on its page: the margin kept for the legend, the panels' frames,
/// and the spare cell the legend takes instead when it fits in one.
struct Arranged {
    margin: Margin,
    page: Page,
    frames: Vec<Frame>,
    /// The cell the panels leave free in their grid's last row, if any.
    spare: Option<Rect<f64>>,
    legend_cell: Option<Rect<f64>>,
}

/// The arrangement that draws the panels largest, the inset in a cell of its own where
/// one can be had: for each number of columns (or the story's `panel-columns`), the legend
/// of `entries` in the spare cell where it fits, else beside or under the grid.
fn arrange(setting: &Setting, phase: &Phase, entries: &[LegendEntry]) -> Result<Arranged> {
    let (fonts, heading) = (&setting.atlas.fonts, setting.lang.words().legend);
    let n = phase.panels.len();
    let (page, _) = setting.frame(Margin::None)?;
    let (width, height) = (page.map.width(), page.map.height());
    let fits = |cell: &Rect<f64>| {
        let (w, h) = furniture::legend_size(
            fonts,
            entries,
            heading,
            LegendLayout::column(fonts, entries, heading, cell.height()),
        );
        w <= cell.width() && h <= cell.height()
    };
    let margins = match entries.is_empty() {
        true => vec![Margin::None],
        false => vec![
            Margin::None,
            Margin::Below(
                furniture::legend_size(
                    fonts,
                    entries,
                    heading,
                    LegendLayout::band(fonts, entries, heading, width - SCALE_ROOM),
                )
                .1,
            ),
            Margin::Beside(
                furniture::legend_size(fonts, entries, heading, LegendLayout::column(fonts, entries, heading, height))
                    .0,
            ),
        ],
    };
    let columns: Vec<usize> = match phase.panel_columns {
        Some(c) => vec![c.min(n)],
        None => (1..=n).collect(),
    };
    // An arrangement that must set the inset inside a panel, over the story, wins only
    // where it draws the panels clearly larger (by more than `INSET_IN_PANEL`).
    let mut best: Option<(f64, Arranged)> = None;
    for margin in margins {
        let Ok((page, _)) = setting.frame(margin) else { continue };
        for &c in &columns {
            let (frames, spare) = lay(setting, phase, page.map, c)?;
            let legend_cell = spare.filter(fits);
            if matches!(margin, Margin::None) && !entries.is_empty() && legend_cell.is_none() {
                continue;
            }
            let legend_cell = legend_cell.filter(|_| matches!(margin, Margin::None));
            let inset_free = phase.inset.is_none() || (spare.is_some() && legend_cell.is_none());
            let score = frames[0].scale * if inset_free { 1.0 } else { INSET_IN_PANEL };
            if best.as_ref().is_none_or(|(s, _)| score > s * 1.0001) {
                let page = setting.frame(margin)?.0;
                best = Some((score, Arranged { margin, page, frames, spare, legend_cell }));
            }
        }
    }
    best.map(|(_, a)| a).ok_or_else(|| Error::msg(format!("phase '{}': no room on the page for its panels", phase.id)))
}

/// What an arrangement's scale counts for when it leaves the inset no cell of its own.
const INSET_IN_PANEL: f64 = 0.85;

/// Each panel's layers symbolised in its frame.
fn symbolize_all(atlas: &Atlas, phase: &Phase, panels: &[Phase], frames: &[Frame], lang: Lang) -> Vec<Symbolized> {
    let input = |(panel, frame)| Input {
        style: atlas.style_for(phase),
        layers: &atlas.layers,
        phase: panel,
        frame,
        fonts: &atlas.fonts,
        focus: &atlas.story.focus,
        lang,
    };
    panels.iter().zip(frames).map(|p| symbolize(&input(p))).collect()
}

/// The legend entries of every panel, each text once (as first drawn), in order.
fn union(symbolized: &[Symbolized]) -> Vec<LegendEntry> {
    let mut out: Vec<LegendEntry> = Vec::new();
    for e in symbolized.iter().flat_map(|s| s.drawn.legend.iter()) {
        if !out.iter().any(|o| o.label == e.label) {
            out.push(e.clone());
        }
    }
    out
}

/// The legend entries a series draws.
pub fn legend_entries(atlas: &Atlas, phase: &Phase, lang: Lang, size: Size) -> Result<Vec<LegendEntry>> {
    let phase = &phase.in_lang(lang);
    let setting = Setting::new(atlas, phase, lang, size)?;
    let (page, _) = setting.frame(Margin::None)?;
    let panels: Vec<Phase> = (0..phase.panels.len()).map(|i| phase.panel(i, lang)).collect();
    let columns =
        phase.panel_columns.unwrap_or_else(|| best_columns(&setting.projection, phase.extent, page.map, panels.len()));
    Ok(union(&symbolize_all(atlas, phase, &panels, &lay(&setting, phase, page.map, columns)?.0, lang)))
}

/// Lays out a phase of panels (`phase` in `lang` already) as one scene: the panels in a
/// grid, each under its heading (its title and dates), with the legend in a spare cell
/// where it fits, else beside or under the grid; the inset and scale bar in the first.
pub fn compose(atlas: &Atlas, phase: &Phase, lang: Lang, size: Size) -> Result<Scene> {
    let setting = Setting::new(atlas, phase, lang, size)?;
    let (fonts, words) = (&atlas.fonts, lang.words());
    let heading = words.legend;
    let style = atlas.style_for(phase);
    let panels: Vec<Phase> = (0..phase.panels.len()).map(|i| phase.panel(i, lang)).collect();

    // Where the legend goes, from the entries of a first layout without room kept for it.
    let (first_page, _) = setting.frame(Margin::None)?;
    let columns = best_columns(&setting.projection, phase.extent, first_page.map, panels.len());
    let (first, _) = lay(&setting, phase, first_page.map, phase.panel_columns.unwrap_or(columns))?;
    let entries = union(&symbolize_all(atlas, phase, &panels, &first, lang));
    let Arranged { margin, page, frames, spare, legend_cell } = arrange(&setting, phase, &entries)?;
    let symbolized = symbolize_all(atlas, phase, &panels, &frames, lang);
    let entries = union(&symbolized);
    // A cell the legend leaves free holds the inset (larger than a panel could spare).
    let free = spare.filter(|_| legend_cell.is_none());
    // The one legend, and the scale bar the panels share (with the north arrow) under or
    // beside it, or under the inset in the free cell; in the first panel if neither has room.
    let mut furniture_groups = Vec::new();
    let mut under: Option<Bbox> = None;
    if !entries.is_empty() {
        let (at, layout) = match (legend_cell, page.legend) {
            (Some(cell), _) => (cell.min(), LegendLayout::column(fonts, &entries, heading, cell.height())),
            (None, Some(band)) => {
                let layout = match margin {
                    Margin::Beside(_) => LegendLayout::column(fonts, &entries, heading, page.map.height()),
                    _ => LegendLayout::band(fonts, &entries, heading, page.map.width() - SCALE_ROOM),
                };
                (Coord { x: band.left, y: band.top }, layout)
            }
            (None, None) => (page.map.min(), LegendLayout::inside(&entries)),
        };
        let (w, h) = furniture::legend_size(fonts, &entries, heading, layout);
        let b = Bbox::xywh(at.x, at.y, w, h);
        furniture_groups.push(furniture::legend(fonts, &entries, b, style.ink, heading, layout));
        under = Some(b);
    }
    if let (Some(cell), Some(extent)) = (free, phase.inset) {
        let w = (cell.width() * 0.7).min(cell.height() * 0.7 * 170.0 / 130.0);
        let b = Bbox::xywh(cell.min().x, cell.min().y, w, w * 130.0 / 170.0);
        furniture_groups.push(locator::inset(atlas, phase, lang, setting.projection.clone(), extent, &frames[0], b)?);
        under = Some(b);
    }
    let (sw, sh) = furniture::SCALE_BAR_SIZE;
    let (nw, nh) = furniture::NORTH_ARROW_SIZE;
    let north = style.north_arrow.unwrap_or(true);
    let (bw, bh) = (if north { sw + 6.0 + nw } else { sw }, sh.max(nh));
    let block = under.and_then(|u| {
        let (right, bottom) = (page.map.max().x.max(u.x1), page.map.max().y.max(u.y1));
        let below = Bbox::xywh(u.x0, u.y1 + 10.0, bw, bh);
        let beside = Bbox::xywh(u.x1 + 10.0, u.y0, bw, bh);
        [below, beside].into_iter().find(|b| b.x1 <= right && b.y1 <= bottom)
    });
    if let Some(b) = block {
        let (scale_group, _) = furniture::scale_bar(&frames[0], Bbox::xywh(b.x0, b.y1 - sh, sw, sh), style.ink, &words);
        furniture_groups.push(scale_group);
        if north {
            furniture_groups.push(furniture::north_arrow(
                &frames[0],
                Bbox::xywh(b.x0 + sw + 6.0, b.y0, nw, nh),
                style.ink,
            ));
        }
    }
    let (mut layers, mut label_boxes, mut sources) = (vec![], vec![], vec![]);
    for (i, ((panel, frame), symbolized)) in panels.iter().zip(&frames).zip(symbolized).enumerate() {
        let inset = phase.inset.filter(|_| i == 0 && free.is_none());
        let furnish = Furnish { legend: None, inset, scale_bar: i == 0 && block.is_none() };
        let (drawing, drawn_sources) =
            lay_out(atlas, panel, lang, frame, setting.projection.clone(), symbolized, furnish)?;
        let prefix = |g: Group| Group { id: format!("panel-{}-{}", i + 1, g.id), clip: g.clip.map(|_| i), ..g };
        layers.extend(drawing.layers.into_iter().map(prefix));
        furniture_groups.extend(drawing.furniture.into_iter().map(prefix));
        let r = frame.rect;
        let text = format!("{}, {}", panel.title, panel.date_label);
        let at = (r.min().x, r.min().y - 5.0);
        furniture_groups.push(furniture::panel_heading(
            fonts,
            &format!("panel-{}-heading", i + 1),
            &text,
            at,
            r.width(),
            style.ink,
        ));
        let offset = label_boxes.iter().map(|&(l, _): &(usize, Bbox)| l + 1).max().unwrap_or(0);
        label_boxes.extend(drawing.label_boxes.into_iter().map(|(l, b)| (l + offset, b)));
        for s in drawn_sources {
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
    }
    layers.extend(furniture_groups);
    layers.push(page.title);
    layers.push(page.caption);
    layers.push(credits(atlas, phase, lang, &sources, page.credits, style.ink));
    let warnings = frames.iter().enumerate().flat_map(|(i, f)| {
        let inset = phase.inset.filter(|_| i == 0);
        coverage_gaps(|s| atlas.layers.get(s).map(|l| &**l), style, f, inset)
    });
    let mut warned: Vec<String> = Vec::new();
    warnings.for_each(|w| {
        if !warned.contains(&w) {
            warned.push(w)
        }
    });
    Ok(Scene {
        width: size.page_width,
        height: size.page_height,
        svg_size: size.svg_dimensions(),
        raster_size: size.raster_dimensions(),
        frames: frames.iter().map(|f| Bbox::of_rect(&f.rect)).collect(),
        background: style.background,
        groups: layers,
        title: format!("{} ({})", phase.title, phase.date_label),
        label_boxes,
        sources,
        warnings: warned,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_fill_the_area_row_by_row_under_their_headings() {
        let area = Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 312.0, y: 200.0 });
        let c = cells(area, 3, 2);
        assert_eq!(c.len(), 4, "two rows of two, one cell spare");
        assert_eq!((c[0].min().x, c[0].min().y), (0.0, HEADING));
        assert_eq!(c[0].width(), 150.0);
        assert_eq!(c[1].min().x, 162.0);
        assert_eq!(c[2].min().y, 94.0 + GAP + HEADING);
        assert!((c[3].max().y - 200.0).abs() < 1e-9 && (c[3].max().x - 312.0).abs() < 1e-9);
    }

    #[test]
    fn the_columns_are_chosen_to_draw_the_panels_largest() {
        let p = Projection::new(crate::story::DEFAULT_PROJECTION).unwrap();
        let square = Extent::from_slice(&[120.0, 40.0, 126.0, 44.5]).unwrap();
        let wide = Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 900.0, y: 300.0 });
        let tall = Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 300.0, y: 900.0 });
        assert_eq!(best_columns(&p, square, wide, 3), 3);
        assert_eq!(best_columns(&p, square, tall, 3), 1);
        let page = Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 800.0, y: 600.0 });
        assert_eq!(best_columns(&p, square, page, 4), 2);
    }
}
