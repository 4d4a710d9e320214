//! What the preview knows between requests: the last good load, the files the watch wrote,
//! the last error, and the events that tell open pages what changed.

use crate::atlas::{folder, same_file, Atlas};
use crate::error::Error;
use crate::index::Entry;
use crate::publish::{file_name, Options, Written};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{broadcast, Semaphore};

/// The preview's shared state: written by the watch, read by the server.
pub struct Hub {
    story: PathBuf,
    style: PathBuf,
    out: PathBuf,
    /// How the watch draws its maps (and on-demand views their page).
    pub opts: Options,
    state: Mutex<State>,
    events: broadcast::Sender<String>,
    /// One on-demand render at a time.
    pub(super) renders: Semaphore,
    /// The newest on-demand request: an older one still waiting is dropped.
    pub(super) latest: AtomicU64,
}

#[derive(Default)]
struct State {
    /// The last good load.
    atlas: Option<Arc<Atlas>>,
    /// Loads of the other styles, made on demand with the last good load's layers.
    others: BTreeMap<String, Arc<Atlas>>,
    /// The files the watch wrote, by name: the only files served.
    written: BTreeSet<String>,
    /// Each phase's map version (bumped on every write) and sources.
    versions: BTreeMap<String, u64>,
    sources: BTreeMap<String, Vec<String>>,
    /// Counter behind the versions.
    version: u64,
    /// The last load's error, until a load succeeds.
    error: Option<String>,
}

impl Hub {
    /// A hub for a watch of `story` drawn in `style` into `out`.
    pub fn new(story: &Path, style: &Path, out: &Path, opts: Options) -> Hub {
        Hub {
            story: story.to_path_buf(),
            style: style.to_path_buf(),
            out: out.to_path_buf(),
            opts,
            state: Mutex::default(),
            events: broadcast::channel(64).0,
            renders: Semaphore::new(1),
            latest: AtomicU64::new(0),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends an event to every open page; builds it only if a page is open.
    fn send(&self, event: impl FnOnce() -> Value) {
        if self.events.receiver_count() > 0 {
            let _ = self.events.send(event().to_string());
        }
    }

    /// A good load: the error, if any, is cleared and the other styles load again.
    pub fn loaded(&self, atlas: &Arc<Atlas>) {
        let mut s = self.state();
        s.atlas = Some(atlas.clone());
        s.others.clear();
        s.error = None;
        drop(s);
        self.send(|| json!({ "kind": "loaded" }));
    }

    /// A phase's SVG was written: pages showing it show it again (it comes with the event,
    /// saving them a request).
    pub fn svg_written(&self, id: &str, svg: &str) {
        let mut s = self.state();
        s.version += 1;
        let version = s.version;
        s.versions.insert(id.to_string(), version);
        let file = file_name(id, self.opts.lang, "svg");
        s.written.insert(file.clone());
        drop(s);
        self.send(|| json!({ "kind": "map", "id": id, "version": version, "file": file, "svg": svg }));
    }

    /// Maps were written in full: their files and sources are known.
    pub fn published(&self, written: &[Written]) {
        let mut s = self.state();
        for w in written {
            for ext in self.opts.formats.extensions() {
                s.written.insert(file_name(&w.phase.id, self.opts.lang, ext));
            }
            s.sources.insert(w.phase.id.clone(), w.sources.clone());
        }
        drop(s);
        self.send(|| json!({ "kind": "state" }));
    }

    /// A load failed: pages show its error above the last good map.
    pub fn broken(&self, error: &Error) {
        let text = error.to_string();
        self.state().error = Some(text.clone());
        self.send(|| json!({ "kind": "error", "text": text }));
    }

    /// A receiver of every event from now on.
    pub(super) fn subscribe(&self) -> broadcast::Receiver<String> {
        self.events.subscribe()
    }

    /// The path of a file the watch wrote, by its name; none for any other name.
    pub(super) fn file(&self, name: &str) -> Option<PathBuf> {
        self.state().written.contains(name).then(|| self.out.join(name))
    }

    /// The style files the page offers: the `.toml` files beside the watched style.
    pub(super) fn styles(&self) -> Vec<String> {
        let dir = folder(&self.style);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml") && !n.starts_with('.'))
            .filter(|n| !same_file(&dir.join(n), &self.story))
            .collect();
        names.push(self.style_name());
        names.sort();
        names.dedup();
        names
    }

    /// The watched style's file name.
    pub(super) fn style_name(&self) -> String {
        self.style.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// The last good load drawn in the style named (one of [`Hub::styles`]).
    pub(super) fn atlas(&self, style: &str) -> std::result::Result<Arc<Atlas>, String> {
        let (base, cached) = {
            let s = self.state();
            let Some(base) = s.atlas.clone() else {
                return Err(s.error.clone().unwrap_or_else(|| "the story has not loaded yet".into()));
            };
            (base, s.others.get(style).cloned())
        };
        if style == self.style_name() {
            return Ok(base);
        }
        if let Some(atlas) = cached {
            return Ok(atlas);
        }
        if !self.styles().iter().any(|s| s == style) {
            return Err(format!("no style '{style}' beside {}", self.style.display()));
        }
        let path = self.style.with_file_name(style);
        let atlas = Atlas::reload(&self.story, &path, base.fonts.clone(), base.layers.clone())
            .map(Arc::new)
            .map_err(|e| e.to_string())?;
        self.state().others.insert(style.to_string(), atlas.clone());
        Ok(atlas)
    }

    /// What the page shows of the story: its phases with their texts, sources, map files
    /// and versions; the styles and languages; the last error.
    pub(super) fn summary(&self) -> Value {
        let s = self.state();
        let lang = self.opts.lang;
        let phases: Vec<Value> = s
            .atlas
            .iter()
            .flat_map(|a| a.story.phases.iter())
            .map(|p| {
                let sources = s.sources.get(&p.id).cloned().unwrap_or_default();
                let entry = Entry::new(&p.in_lang(lang), sources);
                let svg = file_name(&p.id, lang, "svg");
                json!({
                    "id": p.id,
                    "title": entry.title,
                    "date": entry.date,
                    "caption": entry.caption,
                    "alt": entry.alt,
                    "sources": entry.sources,
                    "first": p.dates.first.to_string(),
                    "last": p.dates.last.to_string(),
                    "svg": s.written.contains(&svg).then_some(svg),
                    "version": s.versions.get(&p.id).copied().unwrap_or(0),
                })
            })
            .collect();
        let title = s.atlas.as_ref().map(|a| a.story.title.clone()).unwrap_or_default();
        json!({
            "title": title,
            "phases": phases,
            "style": self.style_name(),
            "styles": self.styles(),
            "lang": lang.code(),
            "langs": ["en", "ru"],
            "error": s.error,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::Formats;
    use crate::lang::Lang;
    use crate::size::Size;

    #[test]
    fn the_styles_offered_are_the_toml_files_beside_the_style_but_the_story() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["story.toml", "default.toml", "print.toml", ".hidden.toml", "notes.md"] {
            std::fs::write(dir.path().join(f), "").unwrap();
        }
        let opts = Options {
            size: Size::pixels(800, 600, None).unwrap(),
            formats: Formats::parse("svg").unwrap(),
            lang: Lang::En,
            map_only: false,
            share_cores: false,
        };
        let hub = Hub::new(&dir.path().join("story.toml"), &dir.path().join("default.toml"), dir.path(), opts);
        assert_eq!(hub.styles(), ["default.toml", "print.toml"]);
        assert_eq!(hub.file("default.toml"), None, "only files the watch wrote are served");
        hub.svg_written("p", "<svg/>");
        assert_eq!(hub.file("p.svg"), Some(dir.path().join("p.svg")));
    }
}
