//! Index files for documents: `index.md` and `index.html` list every map in the output
//! folder with its title, date, caption, alt text and sources; the HTML page doubles as a
//! contact sheet of all the maps side by side.

use crate::story::Phase;
use quick_xml::escape::escape;
use std::fmt::Write;

/// One map of the index.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The phase drawn.
    pub phase: Phase,
    /// Its sources, as credited on the map.
    pub sources: Vec<String>,
    /// The image file shown, relative to the index (the PNG, or the SVG if there is none).
    pub image: String,
}

impl Entry {
    /// A description for readers who cannot see the map.
    pub fn alt(&self) -> String {
        let p = &self.phase;
        let sub = if p.subtitle.is_empty() { String::new() } else { format!(" {}.", p.subtitle.trim_end_matches('.')) };
        format!("Map: {}, {}.{sub}", p.title, p.date_label)
    }
}

/// The Markdown index; image paths are relative to the output folder.
pub fn markdown(title: &str, entries: &[Entry]) -> String {
    let mut out = format!("# {title}\n\n");
    for e in entries {
        let p = &e.phase;
        let _ = write!(
            out,
            "## {} ({})\n\n![{}]({})\n\n{}\n\nSVG for editing: [{}.svg]({}.svg). Sources: {}.\n\n",
            p.title,
            p.date_label,
            e.alt().replace(']', ")").replace('[', "("),
            e.image,
            p.caption,
            p.id,
            p.id,
            e.sources.join("; ")
        );
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
        let p = &e.phase;
        let _ = write!(
            out,
            "<figure id=\"{id}\">\n<a href=\"{id}.svg\"><img src=\"{img}\" alt=\"{alt}\"/></a>\n<figcaption>\n<h2>{t}</h2>\n\
             <p class=\"date\">{d}</p>\n<p>{c}</p>\n<p class=\"sources\">Sources: {s}.</p>\n</figcaption>\n</figure>\n",
            id = escape(p.id.as_str()),
            img = escape(e.image.as_str()),
            alt = escape(e.alt().as_str()),
            t = escape(p.title.as_str()),
            d = escape(p.date_label.as_str()),
            c = escape(p.caption.as_str()),
            s = escape(e.sources.join("; ").as_str()),
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
