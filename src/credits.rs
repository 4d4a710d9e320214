//! Credits: the works a map draws on, as short citations. The story's `[works]` table
//! names each work once (its citation, in Russian too where the words differ) and the
//! words by which the features' `source` notes refer to it; a map credits the works its
//! drawn features' notes name, each once, and any note that names none as written. The
//! notes themselves stay in the index and in the data.

use crate::error::{Error, Result};
use crate::lang::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// One work cited on the maps.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Work {
    /// The citation: author, title, year, and the licence where one asks for attribution.
    pub cite: String,
    /// The citation in the Russian edition (titles of works stay as published).
    pub cite_ru: Option<String>,
    /// Words that, found in a feature's `source`, mean the feature draws on this work.
    #[serde(rename = "match")]
    pub matches: Vec<String>,
}

/// The story's works, by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Works(pub BTreeMap<String, Work>);

impl Works {
    /// Checks the table as read from the story file `path` (whose `text` locates a
    /// problem): every work has a citation and words to match.
    pub fn validated(works: BTreeMap<String, Spanned<Work>>, path: &Path, text: &str) -> Result<Works> {
        let mut out = BTreeMap::new();
        for (key, spanned) in works {
            let at = spanned.span().start;
            let w = spanned.into_inner();
            if w.cite.trim().is_empty() {
                return Err(Error::at_offset(path, text, at, format!("work '{key}' has an empty `cite`")));
            }
            if w.matches.is_empty() || w.matches.iter().any(|m| m.trim().is_empty()) {
                let message = format!("work '{key}' needs `match`: the words its features' sources name it by");
                return Err(Error::at_offset(path, text, at, message));
            }
            out.insert(key, w);
        }
        Ok(Works(out))
    }

    /// The credits for these source notes, in the order the notes first name them: each
    /// work they name once (several in one note in the order the note names them), and
    /// each note naming no work as it stands.
    pub fn credits(&self, notes: &[String], lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |s: &str| {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        };
        for note in notes {
            let mut named: Vec<(usize, &Work)> = self
                .0
                .values()
                .filter_map(|w| w.matches.iter().filter_map(|m| note.find(m.as_str())).min().map(|at| (at, w)))
                .collect();
            if named.is_empty() {
                add(note);
                continue;
            }
            named.sort_by_key(|(at, _)| *at);
            for (_, w) in named {
                add(match (lang, &w.cite_ru) {
                    (Lang::Ru, Some(ru)) => ru,
                    _ => &w.cite,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(cite: &str, ru: Option<&str>, matches: &[&str]) -> Work {
        Work {
            cite: cite.into(),
            cite_ru: ru.map(Into::into),
            matches: matches.iter().map(|m| m.to_string()).collect(),
        }
    }

    fn works() -> Works {
        Works(BTreeMap::from([
            ("coox".to_string(), work("A. Coox, Nomonhan (1985)", None, &["Coox 1985", "Coox, Nomonhan"])),
            ("gn".to_string(), work("GeoNames (CC BY 4.0)", None, &["GeoNames"])),
            (
                "ne".to_string(),
                work(
                    "Natural Earth (public domain)",
                    Some("Natural Earth (общественное достояние)"),
                    &["Natural Earth"],
                ),
            ),
        ]))
    }

    #[test]
    fn notes_become_the_works_they_name_each_once_in_order() {
        let notes: Vec<String> = [
            "Route through stations at GeoNames positions (CC BY 4.0)",
            "Holsten: schematic course (Coox 1985",
            "Natural Earth 4.1.0 (public domain)",
            "placed after A. Coox, Nomonhan, at GeoNames positions",
            "hand-placed",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            works().credits(&notes, Lang::En),
            ["GeoNames (CC BY 4.0)", "A. Coox, Nomonhan (1985)", "Natural Earth (public domain)", "hand-placed"]
        );
        assert_eq!(works().credits(&notes[2..3], Lang::Ru), ["Natural Earth (общественное достояние)"]);
        assert_eq!(Works::default().credits(&notes[..1], Lang::En), notes[..1]);
    }

    #[test]
    fn a_work_without_words_to_match_is_refused_where_it_stands() {
        #[derive(Deserialize)]
        struct File {
            works: BTreeMap<String, Spanned<Work>>,
        }
        let text = "[works.a]\ncite = \"A (1990)\"\nmatch = [\"A\"]\n\n[works.x]\ncite = \"X (2000)\"\nmatch = []\n";
        let file: File = toml::from_str(text).unwrap();
        let e = Works::validated(file.works, Path::new("story.toml"), text).unwrap_err().to_string();
        assert!(e.starts_with("story.toml:5:") && e.contains("work 'x' needs `match`"), "{e}");
    }
}
