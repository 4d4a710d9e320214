//! On-demand views: a phase drawn in another style, in another language or on another date
//! (in the phase's frame), as SVG in memory with the texts shown under it. Nothing is
//! written to disk.

use super::hub::Hub;
use crate::compose::compose;
use crate::date::DateSpan;
use crate::encode::{encode, Formats};
use crate::index::Entry;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// What the page asks for.
#[derive(Debug, Deserialize)]
pub struct Query {
    /// Phase id.
    pub phase: String,
    /// Style file name, one of those beside the watched style [default: the watched one].
    pub style: Option<String>,
    /// `en` or `ru` [default: the watch's].
    pub lang: Option<String>,
    /// A date (YYYY, YYYY-MM or YYYY-MM-DD) to draw in the phase's frame [default: the
    /// phase's own dates].
    pub date: Option<String>,
}

/// A view: the SVG and the texts that go under it.
#[derive(Debug, Serialize)]
pub struct View {
    /// The map.
    pub svg: String,
    /// Title, date, caption, alt text and sources.
    #[serde(flatten)]
    pub entry: Entry,
}

/// Why a view could not be drawn: the request was wrong, or the style or story is broken.
#[derive(Debug)]
pub enum Refused {
    /// A malformed or unknown phase, date or language.
    Bad(String),
    /// The style or the story does not load, or the map failed.
    Broken(String),
}

/// Draws the view asked for with the last good load.
pub fn view(hub: &Hub, q: &Query) -> Result<View, Refused> {
    let style = q.style.clone().unwrap_or_else(|| hub.style_name());
    let lang = q.lang.as_deref().map(Lang::parse).transpose().map_err(Refused::Bad)?.unwrap_or(hub.opts.lang);
    let atlas = hub.atlas(&style).map_err(Refused::Broken)?;
    let phase = atlas.story.phase(&q.phase).ok_or_else(|| Refused::Bad(format!("no phase '{}'", q.phase)))?;
    let phase = match q.date.as_deref().filter(|d| !d.is_empty()) {
        Some(date) => {
            let span = DateSpan::parse(date).map_err(|m| Refused::Bad(format!("date: {m}")))?;
            phase.on_date(date, atlas.story.before(&span)).map_err(Refused::Bad)?
        }
        None => phase.clone(),
    };
    let scene =
        compose(&atlas, &hub.opts.sheet(&phase), lang, hub.opts.size).map_err(|e| Refused::Broken(e.to_string()))?;
    let svg_only = Formats { svg: true, png: false, pdf: false, outline_text: false, embed_fonts: false };
    let files = encode(scene, &atlas.fonts, svg_only, hub.opts.size.dpi, false, |_| Ok(()))
        .map_err(|e| Refused::Broken(e.to_string()))?;
    Ok(View { svg: files.svg.unwrap_or_default(), entry: Entry::new(&phase.in_lang(lang), files.sources) })
}
