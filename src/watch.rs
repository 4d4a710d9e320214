//! `histmap watch`: re-render on every save. Watches the story's folder and the style's
//! folder; after a change (debounced, so an editor's rename-and-write or double save makes
//! one render) it reloads the story, the style and the changed layers, and re-renders only
//! the phases the change touches. A
//! broken file is reported in one line and the last good maps stay; it never exits on one.

use crate::atlas::{folder, same_file, Atlas};
use crate::data::Layer;
use crate::error::{Error, Result};
use crate::story::Phase;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// What to watch and where to render.
pub struct Watch {
    /// Story file.
    pub story: PathBuf,
    /// Style file.
    pub style: PathBuf,
    /// Fonts folder.
    pub fonts: Option<PathBuf>,
    /// Phases to keep rendered (empty: all).
    pub phases: Vec<String>,
}

/// How long the files must be quiet before a render starts: an editor's write-and-rename
/// or double save comes within a few milliseconds.
const SETTLE: Duration = Duration::from_millis(15);

/// What a watch does with what it sees: every good load, every render, every broken
/// file and every line to print.
pub trait Hooks {
    /// A good load (the first, or after a change), before any phase is drawn with it.
    fn loaded(&mut self, _atlas: &Arc<Atlas>) {}
    /// Draws the given phases; returns a line to print. `settled` is the moment the save
    /// that caused the render settled, if any.
    fn render(&mut self, atlas: &Arc<Atlas>, phases: &[Phase], settled: Option<Instant>) -> String;
    /// A load failed (the last good maps stay).
    fn broken(&mut self, _error: &Error) {}
    /// A line to print.
    fn log(&mut self, line: &str);
}

impl Watch {
    /// Loads everything and draws the phases, then draws again after every change. Runs
    /// until the watcher fails.
    pub fn run(&self, hooks: &mut dyn Hooks) -> Result<()> {
        let (tx, rx) = mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(tx).map_err(|e| Error::msg(format!("cannot watch files: {e}")))?;
        let mut dirs: Vec<PathBuf> = [&self.story, &self.style].iter().map(|p| folder(p)).collect();
        dirs.sort();
        dirs.dedup();
        for d in &dirs {
            watcher.watch(d, RecursiveMode::NonRecursive).map_err(|e| Error::file(d, format!("cannot watch: {e}")))?;
        }
        hooks.log(&format!(
            "watching {} (Ctrl-C to stop)",
            dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
        ));
        // Whether the last load failed: the next good one says so.
        let mut broken = false;
        let mut atlas = match self.load() {
            Ok(a) => {
                let a = Arc::new(a);
                a.warnings().for_each(|w| hooks.log(&format!("warning: {w}")));
                hooks.loaded(&a);
                let line = hooks.render(&a, &self.selected(&a, None), None);
                hooks.log(&line);
                Some(a)
            }
            Err(e) => {
                broken = true;
                hooks.broken(&e);
                hooks.log(&format!("error: {e}"));
                None
            }
        };
        loop {
            let Ok(first) = rx.recv() else { return Ok(()) };
            let mut changed = BTreeSet::new();
            collect(first, &mut changed);
            while let Ok(more) = rx.recv_timeout(SETTLE) {
                collect(more, &mut changed);
            }
            if changed.is_empty() {
                continue;
            }
            let started = Instant::now();
            match self.reload(atlas.as_deref(), &changed) {
                Err(e) => {
                    broken = true;
                    hooks.broken(&e);
                    hooks.log(&format!("error: {e} (keeping the last good maps)"))
                }
                Ok(new) => {
                    let new = Arc::new(new);
                    // The warnings of the layers read again.
                    let old = atlas.as_ref().map(|a| &a.layers);
                    new.layers
                        .iter()
                        .filter(|(name, l)| !old.and_then(|o| o.get(*name)).is_some_and(|o| Arc::ptr_eq(o, l)))
                        .flat_map(|(_, l)| l.warnings.iter())
                        .for_each(|w| hooks.log(&format!("warning: {w}")));
                    let phases = self.selected(&new, Some((atlas.as_deref(), &changed)));
                    hooks.loaded(&new);
                    if std::mem::take(&mut broken) {
                        let up_to_date = if phases.is_empty() { "; the maps are up to date" } else { "" };
                        hooks.log(&format!("fixed: {} load again{up_to_date}", names(&changed)));
                    }
                    if !phases.is_empty() {
                        let line = hooks.render(&new, &phases, Some(started));
                        hooks.log(&format!("{line} [{} ms after the save settled]", started.elapsed().as_millis()));
                    }
                    atlas = Some(new);
                }
            }
        }
    }

    fn load(&self) -> Result<Atlas> {
        Atlas::load(&self.story, &self.style, self.fonts.as_deref())
    }

    /// Reloads the story and style, and the layers whose files changed; the other layers
    /// and the fonts come from the last good load.
    fn reload(&self, last: Option<&Atlas>, changed: &BTreeSet<PathBuf>) -> Result<Atlas> {
        let Some(last) = last else { return self.load() };
        let stale = |name: &str| {
            changed
                .iter()
                .any(|c| c.extension().is_some_and(|e| e == "geojson") && c.file_stem().is_some_and(|s| s == name))
        };
        let keep = last.layers.iter().filter(|(name, _)| !stale(name)).map(|(n, l)| (n.clone(), l.clone())).collect();
        Atlas::reload(&self.story, &self.style, last.fonts.clone(), keep)
    }

    /// The phases to draw: the ones asked for, narrowed after a change to those it touches.
    fn selected(&self, atlas: &Atlas, change: Option<(Option<&Atlas>, &BTreeSet<PathBuf>)>) -> Vec<Phase> {
        let wanted = atlas.story.phases.iter().filter(|p| self.phases.is_empty() || self.phases.contains(&p.id));
        let Some((Some(old), changed)) = change else { return wanted.cloned().collect() };
        let touched_toml = changed.iter().any(|p| p.extension().is_some_and(|e| e == "toml"));
        let story_changed = changed.iter().any(|p| same_file(p, &self.story));
        let style_changed = touched_toml && !story_changed || changed.iter().any(|p| same_file(p, &self.style));
        wanted
            .filter(|p| {
                if style_changed {
                    return true;
                }
                let before = old.story.phase(&p.id);
                if story_changed && before.map(|b| format!("{b:?}")) != Some(format!("{p:?}")) {
                    return true;
                }
                changed.iter().filter(|c| c.extension().is_some_and(|e| e == "geojson")).any(|c| {
                    let name = c.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    draws(atlas.layers.get(&name).map(|l| &**l), p) || draws(old.layers.get(&name).map(|l| &**l), p)
                })
            })
            .cloned()
            .collect()
    }
}

/// The changed files' names, for a message.
fn names(changed: &BTreeSet<PathBuf>) -> String {
    let names: Vec<String> =
        changed.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    names.join(", ")
}

/// Whether a layer has a feature that exists during the phase.
fn draws(layer: Option<&Layer>, phase: &Phase) -> bool {
    layer.is_some_and(|l| l.features.iter().any(|f| f.exists_during(&phase.dates)))
}

/// Keeps the story, style and layer files an event names; ignores temporaries.
fn collect(event: notify::Result<notify::Event>, into: &mut BTreeSet<PathBuf>) {
    let Ok(event) = event else { return };
    if event.kind.is_access() {
        return;
    }
    for p in event.paths {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let relevant = p.extension().is_some_and(|e| e == "toml" || e == "geojson");
        if relevant && !name.starts_with('.') {
            into.insert(p);
        }
    }
}
