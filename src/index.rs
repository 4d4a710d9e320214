//! Index files for documents: `index.md`, `index.html` and `index.json` list every map in
//! the output folder with its title, date, caption, alt text, sources and files; the HTML
//! page doubles as a contact sheet of all the maps side by side, and the JSON file is what
//! the next run (and the live preview) reads to know the maps drawn before it.

use crate::story::Phase;
use quick_xml::escape::escape;
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use std::path::Path;

/// One map of the index, in the language it was drawn in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Phase id, or `date-<date>` for a map of one date.
    pub id: String,
    /// Title.
    pub title: String,
    /// Subtitle (may be empty).
    pub subtitle: String,
    /// The date or dates shown, as written on the map.
    pub date: String,
    /// Caption.
    pub caption: String,
    /// A description for readers who cannot see the map.
    pub alt: String,
    /// The source notes of the features drawn on it (the map credits the works they name).
    pub sources: Vec<String>,
    /// Its files in the folder (`<id>.png`, `<id>.svg`, `<id>.pdf`), relative to the index.
    #[serde(default)]
    pub files: Vec<String>,
}

impl Entry {
    /// The entry of a phase's map (the phase already in the map's language); files unset.
    pub fn new(phase: &Phase, sources: Vec<String>) -> Entry {
        let sub = if phase.subtitle.is_empty() {
            String::new()
        } else {
            format!(" {}.", phase.subtitle.trim_end_matches('.'))
        };
        Entry {
            id: phase.id.clone(),
            title: phase.title.clone(),
            subtitle: phase.subtitle.clone(),
            date: phase.date_label.clone(),
            caption: phase.caption.clone(),
            alt: format!("Map: {}, {}.{sub}", phase.title, phase.date_label),
            sources,
            files: Vec::new(),
        }
    }

    /// The file with this extension, if the map has one.
    pub fn file(&self, ext: &str) -> Option<&str> {
        self.files.iter().map(String::as_str).find(|f| Path::new(f).extension().is_some_and(|e| e == ext))
    }

    /// The image to show: the PNG, else the SVG.
    pub fn image(&self) -> Option<&str> {
        self.file("png").or_else(|| self.file("svg"))
    }

    /// The file to open for editing or printing: the SVG, else the PDF, else the PNG.
    pub fn link(&self) -> Option<&str> {
        self.file("svg").or_else(|| self.file("pdf")).or_else(|| self.file("png"))
    }
}

/// The Markdown index; file paths are relative to the output folder.
pub fn markdown(title: &str, entries: &[Entry]) -> String {
    let mut out = format!("# {title}\n\n");
    for e in entries {
        let _ = write!(out, "## {} ({})\n\n", e.title, e.date);
        if let Some(image) = e.image() {
            let _ = write!(out, "![{}]({image})\n\n", e.alt.replace(']', ")").replace('[', "("));
        }
        let files: Vec<String> = e.files.iter().map(|f| format!("[{f}]({f})")).collect();
        let _ = write!(out, "{}\n\nFiles: {}. Sources: {}.\n\n", e.caption, files.join(", "), e.sources.join("; "));
    }
    out
}

/// The HTML index and contact sheet.
pub fn html(title: &str, entries: &[Entry]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<style>\n\
         body {{ font-family: sans-serif; margin: 2em; color: #222; }}\n\
         main {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 2em; }}\n\
         figure {{ margin: 0; }} img {{ width: 100%; height: auto; border: 1px solid #ccc; }}\n\
         figcaption h2 {{ font-size: 1.1em; margin: 0.5em 0 0.2em; }} .date {{ font-weight: bold; }}\n\
         .sources {{ font-size: 0.8em; color: #555; }}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n<main>\n",
        escape(title),
        escape(title)
    );
    for e in entries {
        let picture = match e.image() {
            Some(img) => format!("<img src=\"{}\" alt=\"{}\"/>", escape(img), escape(e.alt.as_str())),
            None => escape(e.alt.as_str()).into_owned(),
        };
        let shown = match e.link() {
            Some(link) => format!("<a href=\"{}\">{picture}</a>", escape(link)),
            None => picture,
        };
        let files: Vec<String> =
            e.files.iter().map(|f| format!("<a href=\"{f}\">{f}</a>", f = escape(f.as_str()))).collect();
        let _ = write!(
            out,
            "<figure id=\"{id}\">\n{shown}\n<figcaption>\n<h2>{t}</h2>\n<p class=\"date\">{d}</p>\n<p>{c}</p>\n\
             <p class=\"sources\">Files: {f}. Sources: {s}.</p>\n</figcaption>\n</figure>\n",
            id = escape(e.id.as_str()),
            t = escape(e.title.as_str()),
            d = escape(e.date.as_str()),
            c = escape(e.caption.as_str()),
            f = files.join(", "),
            s = escape(e.sources.join("; ").as_str()),
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The index as JSON: `{"title": …, "maps": [entry, …]}`.
pub fn json(title: &str, entries: &[Entry]) -> String {
    let index = Index { title: title.to_string(), maps: entries.to_vec() };
    serde_json::to_string_pretty(&index).unwrap_or_default() + "\n"
}

/// The entries of an `index.json` an earlier run wrote; none if it is missing or unreadable
/// (it is only a memory of earlier runs: the maps are then described afresh).
pub fn read(path: &Path) -> Vec<Entry> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|s| serde_json::from_str::<Index>(&s).ok())
        .map(|i| i.maps)
        .unwrap_or_default()
}

#[derive(Serialize, Deserialize)]
struct Index {
    title: String,
    maps: Vec<Entry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(files: &[&str]) -> Entry {
        Entry {
            id: "p".into(),
            title: "T".into(),
            subtitle: String::new(),
            date: "1932".into(),
            caption: "C".into(),
            alt: "Map: T, 1932.".into(),
            sources: vec!["S".into()],
            files: files.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn links_point_only_at_files_that_exist() {
        let pdf = entry(&["p.pdf"]);
        let md = markdown("A", std::slice::from_ref(&pdf));
        assert!(!md.contains(".svg") && !md.contains("![") && md.contains("[p.pdf](p.pdf)"), "{md}");
        let html = html("A", &[pdf]);
        assert!(!html.contains(".svg") && !html.contains("<img") && html.contains("href=\"p.pdf\""), "{html}");
        let both = entry(&["p.png", "p.svg"]);
        assert_eq!((both.image(), both.link()), (Some("p.png"), Some("p.svg")));
    }

    #[test]
    fn json_reads_back_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        let entries = vec![entry(&["p.png"]), Entry { id: "date-1940".into(), ..entry(&["date-1940.svg"]) }];
        std::fs::write(&path, json("A", &entries)).unwrap();
        assert_eq!(read(&path), entries);
        std::fs::write(&path, "{ not json").unwrap();
        assert!(read(&path).is_empty());
    }
}
