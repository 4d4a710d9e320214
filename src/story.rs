//! The story file: the phases of the story, each a map with its date, extent and caption.

use crate::credits::{Work, Works};
use crate::date::DateSpan;
use crate::error::{toml_error, Error, Result};
use crate::extent::Extent;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Default projection: Lambert conformal conic for North-East Asia.
pub const DEFAULT_PROJECTION: &str =
    "+proj=lcc +lat_0=44 +lat_1=38 +lat_2=50 +lon_0=125 +ellps=WGS84 +datum=WGS84 +units=m +no_defs";

/// The whole story: its phases, in order.
#[derive(Debug, Clone)]
pub struct Story {
    /// The story file this was read from.
    pub path: PathBuf,
    /// Title of the whole atlas.
    pub title: String,
    /// Phases, in story order.
    pub phases: Vec<Phase>,
    /// Title of the atlas in Russian.
    pub title_ru: Option<String>,
    /// The geodata layers the story is about: map furniture keeps off their areas.
    pub focus: Vec<String>,
    /// The file's text, for locating problems in phase style overrides.
    pub text: String,
    /// The works the maps cite, which the credits name instead of the features' notes.
    pub works: Works,
}

/// One phase of the story, drawn as one map.
#[derive(Debug, Clone)]
pub struct Phase {
    /// Stable id, also the output file name.
    pub id: String,
    /// Map title.
    pub title: String,
    /// Line under the title.
    pub subtitle: String,
    /// The date as written for readers, e.g. `29 July – 11 August 1938`.
    pub date_label: String,
    /// The days the map shows; features existing on any of them are drawn.
    pub dates: DateSpan,
    /// Area that must be visible.
    pub extent: Extent,
    /// Area of the locator inset for close-ups.
    pub inset: Option<Extent>,
    /// A sentence or two under the map.
    pub caption: String,
    /// PROJ string of the map's projection.
    pub projection: String,
    /// Style overrides for this map (`[phase.style]`), applied over the atlas style.
    pub style: Option<crate::style::StyleTables>,
    /// The date and end date as written in the story.
    pub date_written: (String, Option<String>),
    /// Russian title, subtitle and caption, for `--lang ru`.
    pub russian: Russian,
    /// Where the legend goes (`legend-position`).
    pub legend: LegendPosition,
    /// Ids of the features its map must show, drawn and named, clear of the furniture
    /// (`show`; `check` reports an id no layer has).
    pub show: Vec<String>,
    /// Where `show` is written in the story file, as `file:line:col`, for `check`.
    pub show_at: String,
    /// The map and its legend only, without the title, caption and credits bands (for a
    /// document that sets its own; `map-only` in the story, or `--map-only`).
    pub map_only: bool,
    /// The days the map compares with, for each feature's `change` (`new`, `changed`,
    /// `gone`, `kept`): the previous phase's, or the story's `compare` date; `None` for the
    /// first phase or `compare = "none"`.
    pub compare: Option<Compare>,
    /// The panels of a series (`[[phase.panel]]`): the same frame on several dates, drawn
    /// side by side under one title, with one legend; empty for a single map.
    pub panels: Vec<Panel>,
    /// How many panels stand in a row (`panel-columns`); `None` chooses the arrangement
    /// that draws them largest.
    pub panel_columns: Option<usize>,
}

/// One panel of a series: the phase's frame on its own dates.
#[derive(Debug, Clone)]
pub struct Panel {
    /// The panel's heading, e.g. `The Japanese crossing`.
    pub title: String,
    /// The heading in Russian.
    pub title_ru: Option<String>,
    /// The days the panel shows.
    pub dates: DateSpan,
    /// The date and end date as written in the story.
    pub date_written: (String, Option<String>),
}

/// The days a map compares with, and how its legend names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compare {
    /// The days.
    pub days: DateSpan,
    /// Their last date as written (`1932-02`), which a legend's `{since}` reads as
    /// "February 1932"; `None` for the frame before in an animation.
    pub written: Option<String>,
}

impl Compare {
    /// The days of a date as written, named by it.
    pub fn on(written: &str) -> std::result::Result<Compare, String> {
        Ok(Compare { days: DateSpan::parse(written)?, written: Some(written.trim().to_string()) })
    }

    /// The days of a phase, named by their last date as written.
    pub fn phase(p: &Phase) -> Compare {
        let last = p.date_written.1.as_ref().unwrap_or(&p.date_written.0);
        Compare { days: p.dates, written: Some(last.clone()) }
    }

    /// What a legend's `{since}` reads in `lang`: "1 March 1932", "1 марта 1932" (the
    /// genitive, after «после»), or "the previous frame".
    pub fn since(compare: Option<&Compare>, lang: crate::lang::Lang) -> String {
        match compare.and_then(|c| c.written.as_deref()) {
            Some(w) if lang == crate::lang::Lang::Ru => crate::date::describe_genitive_ru(w),
            Some(w) => crate::date::describe(w),
            None => lang.words().previous_frame.to_string(),
        }
    }
}

/// Where a phase's legend goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LegendPosition {
    /// Inside the frame where it hides none of the story, else under the map.
    #[default]
    Auto,
    /// Inside the frame, where it hides least.
    Inside,
    /// In a band under the map.
    Below,
    /// In a column at the map's right.
    Right,
}

/// A phase's Russian texts (`title_ru`, `subtitle_ru`, `caption_ru`); missing ones fall back
/// to the English.
#[derive(Debug, Clone, Default)]
pub struct Russian {
    /// Title.
    pub title: Option<String>,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Caption.
    pub caption: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoryFile {
    title: String,
    title_ru: Option<String>,
    projection: Option<String>,
    #[serde(default)]
    focus: Vec<String>,
    phase: Vec<Spanned<PhaseFile>>,
    #[serde(default)]
    works: BTreeMap<String, Spanned<Work>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhaseFile {
    id: String,
    title: String,
    #[serde(default)]
    subtitle: String,
    date: Spanned<String>,
    date_end: Option<Spanned<String>>,
    extent: Spanned<Vec<f64>>,
    inset: Option<Spanned<Vec<f64>>>,
    caption: String,
    projection: Option<String>,
    style: Option<crate::style::StyleTables>,
    title_ru: Option<String>,
    subtitle_ru: Option<String>,
    caption_ru: Option<String>,
    #[serde(default, rename = "legend-position")]
    legend_position: LegendPosition,
    #[serde(default, rename = "map-only")]
    map_only: bool,
    show: Option<Spanned<Vec<String>>>,
    compare: Option<Spanned<String>>,
    #[serde(default)]
    panel: Vec<PanelFile>,
    #[serde(rename = "panel-columns")]
    panel_columns: Option<Spanned<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PanelFile {
    title: String,
    title_ru: Option<String>,
    date: Spanned<String>,
    date_end: Option<Spanned<String>>,
}

/// The most panels a series may have.
pub const MAX_PANELS: usize = 12;

/// Reads `date` (and `date_end`) as written: their days and how readers see them.
fn dates_of(
    date: &Spanned<String>,
    end: Option<&Spanned<String>>,
    err_at: &dyn Fn(usize, String) -> Error,
) -> Result<(DateSpan, String)> {
    let first = DateSpan::parse(date.get_ref()).map_err(|m| err_at(date.span().start, m))?;
    match end {
        Some(end) => {
            let e = DateSpan::parse(end.get_ref()).map_err(|m| err_at(end.span().start, m))?;
            if e.last < first.first {
                return Err(err_at(end.span().start, "date_end is before date".into()));
            }
            Ok((first.through(e), crate::date::describe_range(date.get_ref(), end.get_ref())))
        }
        None => Ok((first, crate::date::describe(date.get_ref()))),
    }
}

impl Story {
    /// Reads and validates a story file.
    pub fn load(path: &Path) -> Result<Story> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::file(path, format!("cannot read story: {e}")))?;
        Story::parse(path, &text)
    }

    /// Parses a story from its text; `path` is used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Story> {
        let file: StoryFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        let default_proj = file.projection.unwrap_or_else(|| DEFAULT_PROJECTION.to_string());
        let mut phases: Vec<Phase> = Vec::new();
        for spanned in file.phase {
            let at = spanned.span().start;
            let p = spanned.into_inner();
            let err_at = |offset: usize, msg: String| Error::at_offset(path, text, offset, msg);
            if p.id.is_empty() || !p.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                return Err(err_at(at, format!("phase id '{}' must be letters, digits, '-' or '_'", p.id)));
            }
            if phases.iter().any(|q| q.id == p.id) {
                return Err(err_at(at, format!("duplicate phase id '{}'", p.id)));
            }
            let (dates, date_label) = dates_of(&p.date, p.date_end.as_ref(), &err_at)?;
            if p.panel.len() > MAX_PANELS {
                return Err(err_at(at, format!("phase '{}' has {} panels; at most {MAX_PANELS}", p.id, p.panel.len())));
            }
            let mut panels = Vec::new();
            for f in &p.panel {
                let (days, _) = dates_of(&f.date, f.date_end.as_ref(), &err_at)?;
                if days.first < dates.first || days.last > dates.last {
                    return Err(err_at(f.date.span().start, "a panel's dates must lie within its phase's".into()));
                }
                panels.push(Panel {
                    title: f.title.clone(),
                    title_ru: f.title_ru.clone(),
                    dates: days,
                    date_written: (f.date.get_ref().clone(), f.date_end.as_ref().map(|d| d.get_ref().clone())),
                });
            }
            let panel_columns = match &p.panel_columns {
                Some(c) if *c.get_ref() == 0 || *c.get_ref() > MAX_PANELS => {
                    return Err(err_at(c.span().start, format!("panel-columns must be 1 to {MAX_PANELS}")))
                }
                c => c.as_ref().map(|c| *c.get_ref()),
            };
            let extent = Extent::from_slice(p.extent.get_ref()).map_err(|m| err_at(p.extent.span().start, m))?;
            let compare = match p.compare.as_ref().map(|c| (c.get_ref().trim(), c.span().start)) {
                Some(("none", _)) => None,
                Some((c, at)) => Some(Compare::on(c).map_err(|m| err_at(at, format!("compare: {m} (or \"none\")")))?),
                None => phases.last().map(Compare::phase),
            };
            let inset = match &p.inset {
                Some(i) => Some(Extent::from_slice(i.get_ref()).map_err(|m| err_at(i.span().start, m))?),
                None => None,
            };
            phases.push(Phase {
                id: p.id,
                title: p.title,
                subtitle: p.subtitle,
                date_label,
                dates,
                extent,
                inset,
                caption: p.caption,
                projection: p.projection.unwrap_or_else(|| default_proj.clone()),
                style: p.style,
                date_written: (p.date.get_ref().clone(), p.date_end.as_ref().map(|d| d.get_ref().clone())),
                russian: Russian { title: p.title_ru, subtitle: p.subtitle_ru, caption: p.caption_ru },
                legend: p.legend_position,
                map_only: p.map_only,
                show_at: p.show.as_ref().map_or_else(
                    || Error::at_offset(path, text, at, "").location,
                    |s| Error::at_offset(path, text, s.span().start, "").location,
                ),
                show: p.show.map(Spanned::into_inner).unwrap_or_default(),
                compare,
                panels,
                panel_columns,
            });
        }
        if phases.is_empty() {
            return Err(Error::file(path, "the story has no [[phase]]"));
        }
        Ok(Story {
            path: path.to_path_buf(),
            title: file.title,
            title_ru: file.title_ru,
            phases,
            focus: file.focus,
            works: Works::validated(file.works, path, text)?,
            text: text.to_string(),
        })
    }

    /// The phase with this id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// The phase whose frame suits a date: the one it falls in, else the last one begun
    /// before it, else the first.
    pub fn phase_for(&self, date: &DateSpan) -> &Phase {
        self.phases
            .iter()
            .find(|p| p.dates.first <= date.first && date.first <= p.dates.last)
            .or_else(|| self.phases.iter().rev().find(|p| p.dates.first <= date.first))
            .unwrap_or(&self.phases[0])
    }

    /// The days of the last phase over before `date` begins, which a map of `date` compares
    /// with: the map the reader saw before it.
    pub fn before(&self, date: &DateSpan) -> Option<Compare> {
        self.phases.iter().filter(|p| p.dates.last < date.first).max_by_key(|p| p.dates.last).map(Compare::phase)
    }
}

impl Phase {
    /// A map of the state on `date` (as written, `YYYY[-MM[-DD]]`) in this phase's frame,
    /// named `date-<date>`, comparing with the days `compare`.
    pub fn on_date(&self, date: &str, compare: Option<Compare>) -> std::result::Result<Phase, String> {
        let dates = DateSpan::parse(date)?;
        let when = crate::date::describe(date);
        let on = if date.trim().len() == 10 { "on" } else { "in" };
        Ok(Phase {
            id: format!("date-{}", date.trim()),
            title: format!("The map {on} {when}"),
            subtitle: format!("In the frame of “{}”", self.title),
            date_label: when.clone(),
            dates,
            caption: format!(
                "Every feature of the atlas that existed {on} {when}, drawn in the frame of the phase “{}” ({}).",
                self.title, self.date_label
            ),
            style: None,
            compare,
            panels: vec![],
            date_written: (date.trim().to_string(), None),
            russian: Russian {
                title: Some(format!("Карта: {}", crate::date::describe_ru(date))),
                subtitle: Some(format!("В рамках карты «{}»", self.russian.title.as_deref().unwrap_or(&self.title))),
                caption: Some(format!(
                    "Всё, что существовало на эту дату ({}), в рамках карты «{}».",
                    crate::date::describe_ru(date),
                    self.russian.title.as_deref().unwrap_or(&self.title)
                )),
            },
            ..self.clone()
        })
    }

    /// The map of the `i`th panel of a series: the phase on the panel's dates, titled by
    /// its heading in `lang` and compared with the panel before it (the first panel with
    /// what the phase compares with).
    pub fn panel(&self, i: usize, lang: crate::lang::Lang) -> Phase {
        let p = &self.panels[i];
        let title = match lang {
            crate::lang::Lang::Ru => p.title_ru.clone().unwrap_or_else(|| p.title.clone()),
            crate::lang::Lang::En => p.title.clone(),
        };
        let date_label = match (&p.date_written, lang) {
            ((d, Some(e)), crate::lang::Lang::Ru) => crate::date::describe_range_ru(d, e),
            ((d, None), crate::lang::Lang::Ru) => crate::date::describe_ru(d),
            ((d, Some(e)), crate::lang::Lang::En) => crate::date::describe_range(d, e),
            ((d, None), crate::lang::Lang::En) => crate::date::describe(d),
        };
        let compare = match i {
            0 => self.compare.clone(),
            _ => {
                let before = &self.panels[i - 1];
                let last = before.date_written.1.as_ref().unwrap_or(&before.date_written.0);
                Some(Compare { days: before.dates, written: Some(last.clone()) })
            }
        };
        Phase {
            russian: Russian { title: Some(title.clone()), ..self.russian.clone() },
            title,
            date_label,
            dates: p.dates,
            date_written: p.date_written.clone(),
            compare,
            panels: vec![],
            ..self.clone()
        }
    }

    /// This phase's texts in `lang` (Russian falls back to English where the story has none).
    pub fn in_lang(&self, lang: crate::lang::Lang) -> Phase {
        if lang == crate::lang::Lang::En {
            return self.clone();
        }
        let r = &self.russian;
        let date_label = match &self.date_written {
            (d, Some(e)) => crate::date::describe_range_ru(d, e),
            (d, None) => crate::date::describe_ru(d),
        };
        Phase {
            title: r.title.clone().unwrap_or_else(|| self.title.clone()),
            subtitle: r.subtitle.clone().unwrap_or_else(|| self.subtitle.clone()),
            caption: r.caption.clone().unwrap_or_else(|| self.caption.clone()),
            date_label,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"
title = "t"
[[phase]]
id = "a"
title = "A"
date = "1938-07-29"
date_end = "1938-08-11"
extent = [120, 40, 130, 45]
caption = "c"
"#;

    #[test]
    fn parses_a_phase() {
        let s = Story::parse(Path::new("s.toml"), ONE).unwrap();
        let p = &s.phases[0];
        assert_eq!(p.date_label, "29 July – 11 August 1938");
        assert_eq!(p.dates.last.to_string(), "1938-08-11");
        assert_eq!(p.projection, DEFAULT_PROJECTION);
    }

    #[test]
    fn any_date_gets_a_map_in_a_fitting_frame() {
        let s = Story::parse(Path::new("s.toml"), ONE).unwrap();
        let d = DateSpan::parse("1938-08-01").unwrap();
        let p = s.phase_for(&d).on_date("1938-08-01", None).unwrap();
        assert_eq!(p.id, "date-1938-08-01");
        assert_eq!(p.title, "The map on 1 August 1938");
        assert_eq!(p.extent, s.phases[0].extent);
        assert!(s.phases[0].on_date("1938-02-30", None).is_err());
    }

    #[test]
    fn a_legend_names_the_date_compared_with() {
        use crate::lang::Lang;
        let c = Compare::on("1932-02").unwrap();
        assert_eq!(Compare::since(Some(&c), Lang::En), "February 1932");
        assert_eq!(Compare::since(Some(&c), Lang::Ru), "февраля 1932");
        let frame = Compare { days: c.days, written: None };
        assert_eq!(Compare::since(Some(&frame), Lang::En), "the previous frame");
        assert_eq!(Compare::since(Some(&frame), Lang::Ru), "предыдущего кадра");
        assert!(Compare::on("1932-13").is_err());
    }

    #[test]
    fn each_phase_compares_with_the_one_before() {
        let phase = |id: &str, date: &str, extra: &str| {
            format!("[[phase]]\nid = \"{id}\"\ntitle = \"T\"\ndate = \"{date}\"\nextent = [120, 40, 130, 45]\ncaption = \"c\"\n{extra}\n")
        };
        let text = format!(
            "title = \"t\"\n{}{}{}{}",
            phase("a", "1932-03-01", ""),
            phase("b", "1938", ""),
            phase("c", "1939", "compare = \"1931-09\""),
            phase("d", "1945", "compare = \"none\"")
        );
        let s = Story::parse(Path::new("s.toml"), &text).unwrap();
        let compares: Vec<Option<String>> =
            s.phases.iter().map(|p| p.compare.as_ref().map(|c| c.days.first.to_string())).collect();
        assert_eq!(compares, [None, Some("1932-03-01".into()), Some("1931-09-01".into()), None]);
        // A map of any date compares with the last phase over before it.
        let before = |d: &str| s.before(&DateSpan::parse(d).unwrap()).map(|c| c.days.first.to_string());
        assert_eq!(before("1939-06").as_deref(), Some("1938-01-01"));
        assert_eq!(before("1938-06").as_deref(), Some("1932-03-01"));
        assert_eq!(before("1932"), None);
        let bad = text.replace("1931-09", "1931-13");
        let e = Story::parse(Path::new("s.toml"), &bad).unwrap_err();
        assert!(e.message.contains("compare: invalid date"), "{e}");
        assert_eq!(e.location, "s.toml:22:11");
    }

    #[test]
    fn bad_date_is_located() {
        let text = ONE.replace("1938-08-11", "1938-08-41");
        let e = Story::parse(Path::new("s.toml"), &text).unwrap_err();
        assert_eq!(e.location, "s.toml:7:12");
        assert!(e.message.contains("invalid date"), "{e}");
    }

    #[test]
    fn syntax_error_is_located() {
        let e = Story::parse(Path::new("s.toml"), "title = \"t\"\n[[phase]\n").unwrap_err();
        assert!(e.location.starts_with("s.toml:2:"), "{e}");
    }

    #[test]
    fn the_legend_position_is_read_and_checked() {
        let s = Story::parse(
            Path::new("s.toml"),
            &ONE.replace("caption = \"c\"", "caption = \"c\"\nlegend-position = \"right\""),
        )
        .unwrap();
        assert_eq!(s.phases[0].legend, LegendPosition::Right);
        assert_eq!(Story::parse(Path::new("s.toml"), ONE).unwrap().phases[0].legend, LegendPosition::Auto);
        let e = Story::parse(
            Path::new("s.toml"),
            &ONE.replace("caption = \"c\"", "caption = \"c\"\nlegend-position = \"left\""),
        )
        .unwrap_err();
        assert!(e.location.starts_with("s.toml:10:"), "{e}");
    }

    #[test]
    fn a_phase_may_be_drawn_without_its_bands() {
        let s = Story::parse(Path::new("s.toml"), &ONE.replace("caption = \"c\"", "caption = \"c\"\nmap-only = true"));
        assert!(s.unwrap().phases[0].map_only);
        assert!(!Story::parse(Path::new("s.toml"), ONE).unwrap().phases[0].map_only);
    }

    #[test]
    fn works_are_read_from_the_story() {
        let text = format!("{ONE}\n[works.gn]\ncite = \"GeoNames (CC BY 4.0)\"\nmatch = [\"GeoNames\"]\n");
        let s = Story::parse(Path::new("s.toml"), &text).unwrap();
        assert_eq!(s.works.0["gn"].cite, "GeoNames (CC BY 4.0)");
        let e = Story::parse(Path::new("s.toml"), &text.replace("match", "mach")).unwrap_err();
        assert!(e.message.contains("mach"), "{e}");
    }

    #[test]
    fn panels_are_read_dated_and_checked() {
        let panels = "caption = \"c\"\npanel-columns = 2\npanel = [\n  { title = \"Seizure\", title_ru = \"Захват\", date = \"1938-07-29\", date_end = \"1938-08-01\" },\n  { title = \"Ceasefire\", date = \"1938-08-11\" },\n]";
        let s = Story::parse(Path::new("s.toml"), &ONE.replace("caption = \"c\"", panels)).unwrap();
        let p = &s.phases[0];
        assert_eq!((p.panels.len(), p.panel_columns), (2, Some(2)));
        let second = p.panel(1, crate::lang::Lang::En);
        assert_eq!((second.title.as_str(), second.date_label.as_str()), ("Ceasefire", "11 August 1938"));
        assert!(second.panels.is_empty() && second.id == p.id);
        // Each panel compares with the one before it.
        assert_eq!(second.compare.unwrap().days.last.to_string(), "1938-08-01");
        assert_eq!(p.panel(0, crate::lang::Lang::Ru).title, "Захват");
        // A panel outside its phase's days, or no columns, is refused at its line.
        let e = Story::parse(
            Path::new("s.toml"),
            &ONE.replace("caption = \"c\"", &panels.replace("1938-08-11\" }", "1938-09-11\" }")),
        )
        .unwrap_err();
        assert!(e.message.contains("within its phase's") && e.location.starts_with("s.toml:13:"), "{e}");
        let e = Story::parse(
            Path::new("s.toml"),
            &ONE.replace("caption = \"c\"", &panels.replace("panel-columns = 2", "panel-columns = 0")),
        )
        .unwrap_err();
        assert!(e.message.contains("panel-columns") && e.location.starts_with("s.toml:10:"), "{e}");
    }

    #[test]
    fn unknown_key_is_an_error() {
        let e = Story::parse(Path::new("s.toml"), &ONE.replace("caption", "captoin")).unwrap_err();
        assert!(e.message.contains("captoin"), "{e}");
    }
}
