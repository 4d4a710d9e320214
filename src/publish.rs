//! Publishing: phases rendered in parallel into the output folder under their file names,
//! each file written atomically, and the folder's index (`index.md`, `index.html`) kept
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
use std::collections::BTreeMap;
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
}

/// What a run of [`publish`] did.
#[derive(Debug, Default)]
pub struct Published {
    /// The maps written, in the order asked, with their sources.
    pub written: Vec<Entry>,
    /// One line for each phase that failed.
    pub errors: Vec<String>,
    /// One line for each map written: size, resolution, time and file sizes.
    pub stats: Vec<String>,
}

/// The sources of maps already in an output folder, by phase id: what the index lists
/// for a map not drawn in this run (kept by `watch` between renders).
pub type KnownSources = BTreeMap<String, Vec<String>>;

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
    /// drawn, and the function hears of it (with the phase id): the map an author looks
    /// at while editing lands first.
    SvgFirst(&'a (dyn Fn(&str) + Sync)),
}

/// Renders phases in parallel and writes each map's files atomically, every file complete
/// in memory before any is written (but for [`Progress::SvgFirst`]); first removes the
/// temporary files a killed run left. A single map gets both cores for its raster;
/// several share them a map each.
pub fn publish(atlas: &Atlas, phases: &[Phase], out: &Path, opts: &Options, progress: Progress) -> Published {
    let bar = if matches!(progress, Progress::Bar) && phases.len() > 1 {
        indicatif::ProgressBar::new(phases.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    remove_stale(out);
    let halves = phases.len() == 1;
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
            Ok((sources, line)) => {
                done.written.push(Entry { phase: p.clone(), sources, image: String::new() });
                done.stats.push(line);
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
) -> Result<(Vec<String>, String)> {
    let t = Instant::now();
    let scene = compose(atlas, p, opts.lang, opts.size)?;
    let name = |ext: &str| out.join(file_name(&p.id, opts.lang, ext));
    let early = |svg: &str| match progress {
        Progress::SvgFirst(heard) => {
            write_atomic(&name("svg"), svg.as_bytes())?;
            heard(&p.id);
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
    Ok((files.sources, stats))
}

/// Writes `index.md` and `index.html` for every phase whose map is in `out` (in story
/// order), then the maps of other dates drawn now. The sources of a map drawn earlier come
/// from `known`, or are gathered again (its layers symbolised, not laid out) and kept there.
pub fn write_index(
    atlas: &Atlas,
    out: &Path,
    opts: &Options,
    rendered: Vec<Entry>,
    known: &mut KnownSources,
) -> Result<()> {
    let lang = opts.lang;
    for e in &rendered {
        known.insert(e.phase.id.clone(), e.sources.clone());
    }
    let mut entries = Vec::new();
    for p in &atlas.story.phases {
        if let Some(e) = rendered.iter().find(|e| e.phase.id == p.id) {
            entries.push(e.clone());
        } else if out.join(file_name(&p.id, lang, "png")).exists() {
            let sources = match known.get(&p.id) {
                Some(s) => s.clone(),
                None => sources(atlas, p, lang, opts.size)?,
            };
            known.insert(p.id.clone(), sources.clone());
            entries.push(Entry { phase: p.clone(), sources, image: String::new() });
        }
    }
    entries.extend(rendered.into_iter().filter(|e| atlas.story.phase(&e.phase.id).is_none()));
    for e in &mut entries {
        let png = file_name(&e.phase.id, lang, "png");
        e.image = if out.join(&png).exists() { png } else { file_name(&e.phase.id, lang, "svg") };
        e.phase = e.phase.in_lang(lang);
    }
    if entries.is_empty() {
        return Ok(());
    }
    let title = match lang {
        Lang::Ru => atlas.story.title_ru.as_deref().unwrap_or(&atlas.story.title),
        Lang::En => &atlas.story.title,
    };
    write_atomic(&out.join(format!("index{}.md", lang.suffix())), index::markdown(title, &entries).as_bytes())?;
    write_atomic(&out.join(format!("index{}.html", lang.suffix())), index::html(title, &entries).as_bytes())
}
