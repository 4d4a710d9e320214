//! Loading: the story, its styles (the atlas style and each phase's override), the geodata
//! layers they draw and the fonts, read once and reloaded in part when files change. This
//! is the only place that finds a layer's file; `check`, `watch` and `draw` load through it.

use crate::data::{Layer, Layers};
use crate::error::{Error, Result};
use crate::story::{Phase, Story};
use crate::style::{RawStyle, Style};
use crate::text::Fonts;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything a render needs: the story, the style, the geodata layers and the fonts.
pub struct Atlas {
    /// The story.
    pub story: Story,
    /// The style.
    pub style: Style,
    /// The style of each phase that overrides it in the story, by phase id.
    pub phase_styles: BTreeMap<String, Style>,
    /// Geodata layers by name (shared, so a reload can keep the unchanged ones).
    pub layers: Layers,
    /// The built-in fonts and any extra ones.
    pub fonts: Fonts,
}

/// The file a style's `source` names: `<source>.geojson` in the story's folder.
pub fn layer_path(story: &Story, source: &str) -> PathBuf {
    story.path.parent().unwrap_or(Path::new(".")).join(format!("{source}.geojson"))
}

/// The folder a file is in (`.` for a bare name), canonical where it exists.
pub fn folder(p: &Path) -> PathBuf {
    let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// Whether two paths name the same file (same name in the same folder).
pub fn same_file(a: &Path, b: &Path) -> bool {
    a.file_name() == b.file_name() && folder(a) == folder(b)
}

/// The style a story is drawn in when none is named: `styles/default.toml` in the story's
/// folder, else in the folder above it (the repository's layout: `geodata/story.toml`
/// beside `styles/`), else in the current folder. If none exists, the last, so the error
/// names it.
pub fn default_style(story: &Path) -> PathBuf {
    let dir = story.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = Path::new("styles").join("default.toml");
    let same = |a: &Path, b: &Path| a.canonicalize().ok().is_some_and(|a| b.canonicalize().ok() == Some(a));
    match [dir.join(&name), dir.join("..").join(&name)].into_iter().find(|p| p.is_file()) {
        // Named as the user would type it when it is the current folder's.
        Some(found) if !same(&found, &name) => found,
        _ => name,
    }
}

impl Atlas {
    /// Loads the story, the style, every geodata layer the style uses (from the story's folder)
    /// and the fonts.
    pub fn load(story: &Path, style: &Path, fonts: Option<&Path>) -> Result<Atlas> {
        Atlas::reload(story, style, Fonts::load(fonts)?, BTreeMap::new())
    }

    /// [`Atlas::load`] with fonts already loaded, taking layers from `keep` rather than from
    /// their files where it has them (the layers whose files did not change).
    pub fn reload(story: &Path, style: &Path, fonts: Fonts, mut keep: Layers) -> Result<Atlas> {
        let (story, style, phase_styles) = load_styles(story, style).map_err(|mut e| e.remove(0))?;
        let mut layers = BTreeMap::new();
        for source in sources(&style, &phase_styles) {
            let layer = match keep.remove(source) {
                Some(layer) => layer,
                None => Arc::new(Layer::load(&find_layer(&story, &style, &phase_styles, source)?)?),
            };
            layers.insert(source.to_string(), layer);
        }
        Ok(Atlas { story, style, phase_styles, layers, fonts })
    }

    /// The warnings of every layer, in layer order: what is drawn although not quite right.
    pub fn warnings(&self) -> impl Iterator<Item = &Error> {
        self.layers.values().flat_map(|l| l.warnings.iter())
    }

    /// The style a phase is drawn with.
    pub fn style_for(&self, phase: &Phase) -> &Style {
        self.phase_styles.get(&phase.id).unwrap_or(&self.style)
    }
}

/// The geodata layers the styles draw from, each once, in the order first named.
pub fn sources<'a>(style: &'a Style, phase_styles: &'a BTreeMap<String, Style>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for l in style.layers.iter().chain(phase_styles.values().flat_map(|s| s.layers.iter())) {
        if !out.contains(&l.source.as_str()) {
            out.push(&l.source);
        }
    }
    out
}

/// The file of a source, or an error at the first style layer that names a missing one.
pub fn find_layer(
    story: &Story,
    style: &Style,
    phase_styles: &BTreeMap<String, Style>,
    source: &str,
) -> Result<PathBuf> {
    let path = layer_path(story, source);
    if path.exists() {
        return Ok(path);
    }
    let layer =
        style.layers.iter().chain(phase_styles.values().flat_map(|s| s.layers.iter())).find(|l| l.source == source);
    Err(Error {
        location: layer.map(|l| l.at.clone()).unwrap_or_default(),
        message: format!(
            "layer '{}': unknown source '{source}' ({} does not exist)",
            layer.map_or(source, |l| l.id.as_str()),
            path.display()
        ),
    })
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
