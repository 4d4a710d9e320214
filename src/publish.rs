//! Publishing: phases rendered in parallel into the output folder under their file names,
//! each file written atomically, and the folder's index (`index.md`, `.html`, `.json`) kept
//! up to date.

use crate::atlas::Atlas;
use crate::compose::{compose, sources};
use crate::encode::{encode, Formats};
use crate::error::{Error, Result};
use crate::index::{self, Entry};
use crate::lang::Lang;
use crate::output::{remove_stale, write_atomic};
use crate::size::Size;
use crate::story::Phase;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

/// How maps are drawn and written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Page and image size.
    pub size: Size,
    /// Files to write.
    pub formats: Formats,
    /// Language of labels and texts.
    pub lang: Lang,
    /// Every map without its title, caption and credits bands.
    pub map_only: bool,
    /// Rasterise even a single map on one thread, leaving the other cores to a browser
    /// that shows it (the live preview).
    pub share_cores: bool,
}

impl Options {
    /// The phase as these options draw it (without its bands if `map_only`).
    pub fn sheet(&self, p: &Phase) -> Phase {
        Phase { map_only: p.map_only || self.map_only, ..p.clone() }
    }
}

/// What a run of [`publish`] did.
#[derive(Debug, Default)]
pub struct Published {
    /// The maps written, in the order asked, with their sources.
    pub written: Vec<Written>,
    /// One line for each phase that failed.
    pub errors: Vec<String>,
    /// One line for each map written: size, resolution, time and file sizes.
    pub stats: Vec<String>,
    /// What the maps written draw that is not quite right, each `phase: warning`.
    pub warnings: Vec<String>,
}

/// A map written by [`publish`]: its phase and the source notes of what it draws.
#[derive(Debug, Clone)]
pub struct Written {
    /// The phase drawn.
    pub phase: Phase,
    /// Its sources.
    pub sources: Vec<String>,
}

/// The file name of a phase's map: `<id>[.ru].<ext>`.
pub fn file_name(id: &str, lang: Lang, ext: &str) -> String {
    format!("{id}{}.{ext}", lang.suffix())
}

/// Checks, before any work, that maps can be written into `out` (creating it if needed).
pub fn writable(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| Error::file(out, format!("cannot create the output folder: {e}")))?;
    tempfile::tempfile_in(out)
        .map(drop)
        .map_err(|e| Error::file(out, format!("cannot write in the output folder: {e}")))
}

/// How a run of [`publish`] reports its progress.
#[derive(Clone, Copy)]
pub enum Progress<'a> {
    /// Silently.
    Quiet,
    /// A bar on a terminal while several maps render.
    Bar,
    /// Each map's SVG is written as soon as it is laid out, before its PNG and PDF are
    /// drawn, and the function hears of it (with the phase id and the SVG): the map an
    /// author looks at while editing lands first.
    SvgFirst(&'a (dyn Fn(&str, &str) + Sync)),
}

/// Renders phases in parallel and writes each map's files atomically, every file complete
/// in memory before any is written (but for [`Progress::SvgFirst`]); first removes the
/// temporary files a killed run left. A single map gets both cores for its raster (unless
/// [`Options::share_cores`]); several share them a map each.
pub fn publish(atlas: &Atlas, phases: &[Phase], out: &Path, opts: &Options, progress: Progress) -> Published {
    let bar = if matches!(progress, Progress::Bar) && phases.len() > 1 {
        indicatif::ProgressBar::new(phases.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    remove_stale(out);
    let halves = phases.len() == 1 && !opts.share_cores;
    let results: Vec<_> = phases
        .par_iter()
        .map(|p| {
            let r = publish_one(atlas, p, out, opts, halves, progress);
            bar.inc(1);
            (p, r)
        })
        .collect();
    bar.finish_and_clear();
    let mut done = Published::default();
    for (p, r) in results {
        match r {
            Ok((sources, line, warnings)) => {
                done.written.push(Written { phase: p.clone(), sources });
                done.stats.push(line);
                done.warnings.extend(warnings.into_iter().map(|w| format!("{}: {w}", p.id)));
            }
            Err(e) => done.errors.push(format!("{}: {e}", p.id)),
        }
    }
    done
}

fn publish_one(
    atlas: &Atlas,
    p: &Phase,
    out: &Path,
    opts: &Options,
    halves: bool,
    progress: Progress,
) -> Result<(Vec<String>, String, Vec<String>)> {
    let t = Instant::now();
    let scene = compose(atlas, &opts.sheet(p), opts.lang, opts.size)?;
    let name = |ext: &str| out.join(file_name(&p.id, opts.lang, ext));
    let early = |svg: &str| match progress {
        Progress::SvgFirst(heard) => {
            write_atomic(&name("svg"), svg.as_bytes())?;
            heard(&p.id, svg);
            Ok(())
        }
        _ => Ok(()),
    };
    let files = encode(scene, &atlas.fonts, opts.formats, opts.size.dpi, halves, early)?;
    let mut bytes = Vec::new();
    let svg_written = matches!(progress, Progress::SvgFirst(_));
    for (ext, data) in [
        ("svg", files.svg.as_ref().map(String::as_bytes)),
        ("png", files.png.as_deref()),
        ("pdf", files.pdf.as_deref()),
    ] {
        if let Some(data) = data {
            if !(ext == "svg" && svg_written) {
                write_atomic(&name(ext), data)?;
            }
            bytes.push(format!("{ext} {} KB", data.len() / 1024));
        }
    }
    let size = opts.size;
    let stats = format!(
        "{}: {}x{} px at {:.0} dpi, {} ms, {}",
        p.id,
        size.width,
        size.height,
        size.dpi,
        t.elapsed().as_millis(),
        bytes.join(", ")
    );
    Ok((files.sources, stats, files.warnings))
}

/// Writes `index.md`, `index.html` and `index.json` (`index.ru.*` for Russian) listing
/// every map of the language in `out`: the story's phases in story order, then the maps of
/// single dates (`date-*`) in date order, each with the files it has. A map drawn now is
/// described from this run; one drawn before takes its sources (and, for a date map, its
/// texts) from the last `index.json`, or else has them gathered again (its layers
/// symbolised, not laid out; a date map in the frame of the phase its date falls in).
pub fn write_index(atlas: &Atlas, out: &Path, opts: &Options, rendered: Vec<Written>) -> Result<()> {
    let lang = opts.lang;
    let index_file = |ext: &str| out.join(format!("index{}.{ext}", lang.suffix()));
    let before = index::read(&index_file("json"));
    let earlier = |id: &str| before.iter().find(|e| e.id == id);
    let files = |id: &str| -> Vec<String> {
        ["png", "svg", "pdf"].iter().map(|ext| file_name(id, lang, ext)).filter(|f| out.join(f).is_file()).collect()
    };
    let now = |id: &str| rendered.iter().find(|w| w.phase.id == id);
    let mut entries = Vec::new();
    for p in &atlas.story.phases {
        let sources = match (now(&p.id), earlier(&p.id)) {
            (Some(w), _) => w.sources.clone(),
            (None, _) if files(&p.id).is_empty() => continue,
            (None, Some(e)) => e.sources.clone(),
            (None, None) => sources(atlas, p, lang, opts.size)?,
        };
        entries.push(Entry { files: files(&p.id), ..Entry::new(&p.in_lang(lang), sources) });
    }
    for id in date_maps(out, lang, rendered.iter().map(|w| w.phase.id.as_str())) {
        let entry = match (now(&id), earlier(&id)) {
            (Some(w), _) => Entry::new(&w.phase.in_lang(lang), w.sources.clone()),
            (None, Some(e)) => e.clone(),
            (None, None) => {
                let date = &id["date-".len()..];
                let Ok(span) = crate::date::DateSpan::parse(date) else { continue };
                let phase =
                    atlas.story.phase_for(&span).on_date(date, atlas.story.before(&span)).map_err(Error::msg)?;
                Entry::new(&phase.in_lang(lang), sources(atlas, &phase, lang, opts.size)?)
            }
        };
        entries.push(Entry { files: files(&id), ..entry });
    }
    if entries.is_empty() {
        return Ok(());
    }
    let title = match lang {
        Lang::Ru => atlas.story.title_ru.as_deref().unwrap_or(&atlas.story.title),
        Lang::En => &atlas.story.title,
    };
    write_atomic(&index_file("md"), index::markdown(title, &entries).as_bytes())?;
    write_atomic(&index_file("html"), index::html(title, &entries).as_bytes())?;
    write_atomic(&index_file("json"), index::json(title, &entries).as_bytes())
}

/// The ids of the maps of single dates in `out` for `lang` and of those drawn now, sorted.
fn date_maps<'a>(out: &Path, lang: Lang, drawn: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut ids: BTreeSet<String> = drawn.filter(|id| id.starts_with("date-")).map(str::to_string).collect();
    for entry in std::fs::read_dir(out).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((stem, ext)) = name.rsplit_once('.') else { continue };
        let Some(id) = stem.strip_suffix(lang.suffix()) else { continue };
        if ["png", "svg", "pdf"].contains(&ext) && id.starts_with("date-") && !id.contains('.') {
            ids.insert(id.to_string());
        }
    }
    ids.into_iter().collect()
}
