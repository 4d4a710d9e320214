//! `histmap animate`: the story in motion. A sequence of dates (or the story's phases) drawn
//! in one frame, each frame's map under a header with the title and the frame's date,
//! streamed into an animated PNG, a GIF, numbered frames and a player page.
//!
//! A frame whose features (and their changes) are those of the frame before reuses that
//! frame's map raster: only its header is drawn again. Frames are drawn a few at a time on
//! every core and handed to the encoders in order, so memory holds a handful, not all.

pub mod apng;
pub mod gif;
pub mod player;
pub mod sequence;

use crate::atlas::Atlas;
use crate::compose::{compose_with_legend, legend_entries};
use crate::data::seen::Change;
use crate::date::edtf::Certainty;
use crate::date::DateSpan;
use crate::encode::{self, Raster};
use crate::error::{Error, Result};
use crate::extent::Extent;
use crate::lang::Lang;
use crate::layout::furniture::{self, Band, LegendEntry};
use crate::layout::page::MARGIN;
use crate::output::{write_atomic, Pending};
use crate::scene::Scene;
use crate::size::Size;
use crate::story::{Compare, Phase};
use crate::symbolize::{seen, selected};
use rayon::prelude::*;
use sequence::FrameDate;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    /// The animated PNG, `animation.png`.
    pub apng: bool,
    /// The GIF, `animation.gif`.
    pub gif: bool,
    /// Numbered frames, `animation-frames/0001.png`…
    pub frames: bool,
    /// The player page, `animation.html` (with the numbered frames it shows).
    pub html: bool,
}

impl Outputs {
    /// Parses a comma-separated list of apng, gif, frames, html.
    pub fn parse(list: &str) -> std::result::Result<Outputs, String> {
        let mut o = Outputs { apng: false, gif: false, frames: false, html: false };
        for word in list.split(',').map(str::trim) {
            match word {
                "apng" => o.apng = true,
                "gif" => o.gif = true,
                "frames" => o.frames = true,
                "html" => o.html = true,
                other => return Err(format!("unknown format '{other}': expected apng, gif, frames or html")),
            }
        }
        Ok(o)
    }
}

/// An animation to draw.
pub struct Request {
    /// The frames' dates, in order.
    pub dates: Vec<FrameDate>,
    /// The phase whose frame, projection and style the frames share.
    pub base: Phase,
    /// Image size of each frame.
    pub size: Size,
    /// Language of the maps.
    pub lang: Lang,
    /// What to write.
    pub outputs: Outputs,
    /// How long each frame shows, in milliseconds.
    pub delay_ms: u16,
}

/// What an animation wrote.
pub struct Report {
    /// Frames in the animation.
    pub frames: usize,
    /// Maps drawn (the other frames reused the map before them).
    pub drawn: usize,
    /// Files written.
    pub files: Vec<PathBuf>,
}

/// The frame the story's maps share: the union of its regional phases' extents (those
/// without a locator inset), in the first phase's projection.
pub fn story_frame(atlas: &Atlas) -> Phase {
    let phases = &atlas.story.phases;
    let regional: Vec<&Phase> = phases.iter().filter(|p| p.inset.is_none()).collect();
    let pick = if regional.is_empty() { phases.iter().collect() } else { regional };
    let e = pick.iter().map(|p| p.extent).fold(pick[0].extent, |a, b| Extent {
        west: a.west.min(b.west),
        south: a.south.min(b.south),
        east: a.east.max(b.east),
        north: a.north.max(b.north),
    });
    Phase { extent: e, show: vec![], inset: None, ..pick[0].clone() }
}

/// The frames of the story's phases, in order, each with its own dates.
pub fn phase_dates(atlas: &Atlas) -> Vec<FrameDate> {
    let frame = |p: &Phase| FrameDate {
        dates: p.dates,
        written: p.date_written.0.clone(),
        written_end: p.date_written.1.clone(),
    };
    atlas.story.phases.iter().map(frame).collect()
}

/// A frame's phase: the base's frame and style on the frame's dates, compared with the
/// frame before; the map and its legend only (the header is drawn apart).
fn frame_phase(atlas: &Atlas, base: &Phase, date: &FrameDate, before: DateSpan, i: usize) -> Phase {
    Phase {
        id: format!("frame-{:04}", i + 1),
        title: atlas.story.title.clone(),
        subtitle: String::new(),
        caption: String::new(),
        date_label: match &date.written_end {
            Some(end) => crate::date::describe_range(&date.written, end),
            None => crate::date::describe(&date.written),
        },
        dates: date.dates,
        date_written: (date.written.clone(), date.written_end.clone()),
        compare: Some(Compare { days: before, written: None }),
        map_only: true,
        ..base.clone()
    }
}

/// What a frame's map draws: each style layer's features with their changes and how sure
/// they are that day. Two frames with the same signature draw the same map.
fn signature(atlas: &Atlas, phase: &Phase) -> Vec<(usize, Option<Change>, Certainty)> {
    let style = atlas.style_for(phase);
    style
        .layers
        .iter()
        .flat_map(|l| selected(&atlas.layers, l, phase))
        .map(|f| {
            let seen = seen(f, phase);
            (f as *const _ as usize, seen.change, seen.certainty)
        })
        .collect()
}

/// The header over every frame: the title and the frame's date, in the page's colours.
struct Header {
    height_pt: f64,
    height_px: u32,
}

impl Header {
    fn new(size: &Size) -> Header {
        let height_pt = 28.0 + MARGIN + 2.0;
        let height_px = (height_pt * f64::from(size.width) / size.page_width).round() as u32;
        Header { height_pt, height_px }
    }

    /// The header's raster for a frame.
    fn draw(&self, atlas: &Atlas, phase: &Phase, size: &Size) -> Result<Raster> {
        let style = atlas.style_for(phase);
        let band = Band { left: MARGIN, top: MARGIN - 4.0, width: size.page_width - 2.0 * MARGIN };
        let (group, _) = furniture::title(&atlas.fonts, &phase.title, "", &phase.date_label, band, style.ink);
        let px = |v: u32| v.to_string();
        let scene = Scene {
            width: size.page_width,
            height: self.height_pt,
            svg_size: (px(size.width), px(self.height_px)),
            raster_size: (px(size.width), px(self.height_px)),
            frames: vec![],
            background: style.background,
            groups: vec![group],
            title: phase.title.clone(),
            warnings: vec![],
            sources: vec![],
            label_boxes: vec![],
        };
        encode::rasterise(&encode::tree(&crate::svg::write_for_raster(&scene), &atlas.fonts, size.dpi)?)
    }
}

/// A frame's map, drawn with the animation's legend.
fn draw_map(
    atlas: &Atlas,
    phase: &Phase,
    lang: Lang,
    size: Size,
    legend: &[LegendEntry],
) -> Result<(Raster, Vec<String>)> {
    let scene = compose_with_legend(atlas, phase, lang, size, Some(legend))?;
    let tree = encode::tree(&crate::svg::write_for_raster(&scene), &atlas.fonts, size.dpi)?;
    Ok((encode::rasterise(&tree)?, scene.sources))
}

/// One legend for every frame: each entry any frame draws, once (by its text), in the
/// order of the style's layers (`rank` gives an entry's).
fn merged_legend(lists: Vec<Vec<LegendEntry>>, rank: impl Fn(&str) -> usize) -> Vec<LegendEntry> {
    let mut all: Vec<LegendEntry> = Vec::new();
    for e in lists.into_iter().flatten() {
        if !all.iter().any(|a| a.label == e.label) {
            all.push(e);
        }
    }
    all.sort_by_key(|e| rank(&e.label));
    all
}

/// The header over the map, as opaque RGB rows.
fn stack(header: &Raster, map: &Raster) -> Vec<u8> {
    header.rgba.chunks_exact(4).chain(map.rgba.chunks_exact(4)).flat_map(|p| [p[0], p[1], p[2]]).collect()
}

/// Frames drawn at once: enough to keep every core busy, few enough to keep memory low.
const BATCH: usize = 8;

/// Draws the animation into `out`: `animation.png` and the other outputs asked for (named
/// `animation.ru.*` in Russian). Nothing is replaced until all of it is drawn.
pub fn animate(atlas: &Atlas, req: &Request, out: &Path) -> Result<Report> {
    let n = req.dates.len();
    if n == 0 {
        return Err(Error::msg("no frames to draw"));
    }
    let header = Header::new(&req.size);
    if header.height_px + 16 >= req.size.height {
        return Err(Error::msg(format!("a {}x{} frame leaves no room for the map", req.size.width, req.size.height)));
    }
    let map_size = Size {
        height: req.size.height - header.height_px,
        page_height: req.size.page_height - header.height_pt,
        ..req.size
    };
    let stem = match req.lang {
        Lang::En => "animation".to_string(),
        Lang::Ru => "animation.ru".to_string(),
    };
    let phases: Vec<Phase> = (0..n)
        // The first frame compares with itself: everything on it is kept.
        .map(|i| frame_phase(atlas, &req.base, &req.dates[i], req.dates[i.saturating_sub(1)].dates, i))
        .map(|p| p.in_lang(req.lang))
        .map(|p| Phase { title: title(atlas, req.lang), ..p })
        .collect();
    // Each frame draws its own map, or reuses the one before.
    let signatures: Vec<_> = phases.par_iter().map(|p| signature(atlas, p)).collect();
    let fresh: Vec<bool> = (0..n).map(|i| i == 0 || signatures[i] != signatures[i - 1]).collect();
    drop(signatures);
    // One legend, beside or under the map, for all frames: the map never moves.
    let lists: Vec<Vec<LegendEntry>> = (0..n)
        .into_par_iter()
        .filter(|&i| fresh[i])
        .map(|i| legend_entries(atlas, &phases[i], req.lang, map_size))
        .collect::<Result<_>>()?;
    let style = atlas.style_for(&req.base);
    let since = Compare::since(None, req.lang);
    let rank = |label: &str| {
        style
            .layers
            .iter()
            .position(|l| l.legend_texts(req.lang, &since).iter().any(|t| t == label))
            .unwrap_or(usize::MAX)
    };
    let legend = merged_legend(lists, rank);

    let (w, h) = (req.size.width, req.size.height);
    let mut apng_pending = if req.outputs.apng { Some(Pending::new(&out.join(format!("{stem}.png")))?) } else { None };
    let mut apng_writer = match apng_pending.as_mut() {
        Some(p) => Some(apng::Apng::new(
            BufWriter::new(p.file().try_clone().map_err(|e| Error::file(out, e.to_string()))?),
            w,
            h,
            n as u32,
            req.delay_ms,
            req.size.dpi,
        )?),
        None => None,
    };
    let mut gif_pending = if req.outputs.gif { Some(Pending::new(&out.join(format!("{stem}.gif")))?) } else { None };
    let mut gif_writer = match gif_pending.as_mut() {
        Some(p) => Some(gif::Gif::new(
            BufWriter::new(p.file().try_clone().map_err(|e| Error::file(out, e.to_string()))?),
            w,
            h,
            req.delay_ms,
        )?),
        None => None,
    };
    let frames_dir = out.join(format!("{stem}-frames"));
    let write_frames = req.outputs.frames || req.outputs.html;
    let mut shown = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut last_map: Option<std::sync::Arc<Raster>> = None;
    let mut drawn = 0;
    let mut start = 0;
    while start < n {
        let end = (start + BATCH).min(n);
        // The maps this batch draws, on every core.
        let maps: Vec<Option<(Raster, Vec<String>)>> = (start..end)
            .into_par_iter()
            .map(|i| fresh[i].then(|| draw_map(atlas, &phases[i], req.lang, map_size, &legend)).transpose())
            .collect::<Result<_>>()?;
        let mut batch_maps = Vec::with_capacity(end - start);
        for m in maps {
            if let Some((raster, notes)) = m {
                drawn += 1;
                for s in notes {
                    if !sources.contains(&s) {
                        sources.push(s);
                    }
                }
                last_map = Some(std::sync::Arc::new(raster));
            }
            batch_maps.push(last_map.clone().expect("the first frame draws its map"));
        }
        // Headers, the stacked frames and their numbered files, on every core.
        let frames: Vec<Vec<u8>> = (start..end)
            .into_par_iter()
            .map(|i| -> Result<Vec<u8>> {
                let top = header.draw(atlas, &phases[i], &req.size)?;
                let rgb = stack(&top, &batch_maps[i - start]);
                if write_frames {
                    let png = encode::encode_rgb_png(w, h, &rgb, req.size.dpi)?;
                    write_atomic(&frames_dir.join(format!("{:04}.png", i + 1)), &png)?;
                }
                Ok(rgb)
            })
            .collect::<Result<_>>()?;
        for (k, rgb) in frames.iter().enumerate() {
            if let Some(a) = apng_writer.as_mut() {
                a.push(rgb)?;
            }
            if let Some(g) = gif_writer.as_mut() {
                g.push(rgb)?;
            }
            shown.push(player::Shown {
                src: format!("{stem}-frames/{:04}.png", start + k + 1),
                date: phases[start + k].date_label.clone(),
            });
        }
        start = end;
    }
    let mut files = Vec::new();
    if let (Some(a), Some(pending)) = (apng_writer, apng_pending) {
        a.finish()?;
        pending.commit()?;
        files.push(out.join(format!("{stem}.png")));
    }
    if let (Some(g), Some(pending)) = (gif_writer, gif_pending) {
        g.finish()?;
        pending.commit()?;
        files.push(out.join(format!("{stem}.gif")));
    }
    if write_frames {
        files.push(frames_dir.clone());
    }
    if req.outputs.html {
        let credits = atlas.story.works.credits(&sources, req.lang);
        let page = player::page(&title(atlas, req.lang), &shown, req.delay_ms, w, h, req.lang.code(), &credits);
        let path = out.join(format!("{stem}.html"));
        write_atomic(&path, page.as_bytes())?;
        files.push(path);
    }
    Ok(Report { frames: n, drawn, files })
}

fn title(atlas: &Atlas, lang: Lang) -> String {
    match lang {
        Lang::Ru => atlas.story.title_ru.clone().unwrap_or_else(|| atlas.story.title.clone()),
        Lang::En => atlas.story.title.clone(),
    }
}
