//! Fonts: the bundled font files, loaded into one database, and text measured from their glyph metrics.

use crate::error::{Error, Result};
use crate::scene::Font;
use resvg::usvg::fontdb::{self, Database, Family, Query, Style as FontStyle, Weight};
use std::path::Path;
use std::sync::Arc;

/// Family name of the bundled sans-serif face.
pub const SANS: &str = "Noto Sans";
/// Family name of the bundled serif face.
pub const SERIF: &str = "Noto Serif";

/// The bundled fonts, shared by text measurement and rasterisation.
#[derive(Clone)]
pub struct Fonts {
    /// The font database handed to usvg; it holds only the bundled files.
    pub db: Arc<Database>,
    /// The font files themselves, for the PDF writer's own font database.
    pub files: Arc<Vec<Vec<u8>>>,
}

impl Fonts {
    /// Loads every `.ttf`/`.otf` file in `dir` (sorted by name, so loading is deterministic).
    pub fn load(dir: &Path) -> Result<Fonts> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| Error::file(dir, format!("cannot read font folder: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ttf" || x == "otf"))
            .collect();
        files.sort();
        let mut db = Database::new();
        let mut data = Vec::new();
        for f in &files {
            let bytes = std::fs::read(f).map_err(|e| Error::file(f, format!("cannot read font: {e}")))?;
            db.load_font_data(bytes.clone());
            data.push(bytes);
        }
        for family in [SANS, SERIF] {
            if db.query(&Query { families: &[Family::Name(family)], ..Query::default() }).is_none() {
                return Err(Error::file(dir, format!("bundled font '{family}' is missing")));
            }
        }
        db.set_sans_serif_family(SANS);
        db.set_serif_family(SERIF);
        Ok(Fonts { db: Arc::new(db), files: Arc::new(data) })
    }

    fn face(&self, font: &Font) -> Option<fontdb::ID> {
        self.db.query(&Query {
            families: &[Family::Name(&font.family)],
            weight: if font.bold { Weight::BOLD } else { Weight::NORMAL },
            style: if font.italic { FontStyle::Italic } else { FontStyle::Normal },
            ..Query::default()
        })
    }

    /// Width in points of `text` at `size` points with `spacing` points between letters.
    pub fn width(&self, text: &str, font: &Font, size: f64, spacing: f64) -> f64 {
        let Some(id) = self.face(font) else { return text.chars().count() as f64 * size * 0.55 };
        let advance = self
            .db
            .with_face_data(id, |data, index| {
                let face = ttf_parser::Face::parse(data, index).ok()?;
                let upem = f64::from(face.units_per_em());
                let fallback = face.glyph_index('n').and_then(|g| face.glyph_hor_advance(g)).unwrap_or(500);
                let units: u32 = text
                    .chars()
                    .map(|c| u32::from(face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(fallback)))
                    .sum();
                Some(f64::from(units) / upem)
            })
            .flatten()
            .unwrap_or(0.55 * text.chars().count() as f64);
        advance * size + spacing * text.chars().count().saturating_sub(1) as f64
    }

    /// Ascent and descent (both positive) in points at `size`.
    pub fn extent(&self, font: &Font, size: f64) -> (f64, f64) {
        self.face(font)
            .and_then(|id| {
                self.db.with_face_data(id, |data, index| {
                    let face = ttf_parser::Face::parse(data, index).ok()?;
                    let upem = f64::from(face.units_per_em());
                    // Cap height and a short descender suit label boxes better than the
                    // font's full line gap.
                    let cap = face.capital_height().map(f64::from).unwrap_or(0.72 * upem);
                    Some((cap / upem * size, 0.22 * size))
                })
            })
            .flatten()
            .unwrap_or((0.72 * size, 0.22 * size))
    }
}

/// Breaks `text` into lines no wider than `max` points.
pub fn wrap(fonts: &Fonts, text: &str, font: &Font, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if !line.is_empty() && fonts.width(&candidate, font, size, 0.0) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("styles/fonts")).unwrap()
    }

    fn sans() -> Font {
        Font { family: SANS.into(), bold: false, italic: false }
    }

    #[test]
    fn widths_come_from_glyph_advances() {
        let f = fonts();
        let w = f.width("Harbin", &sans(), 10.0, 0.0);
        assert!(w > 25.0 && w < 40.0, "{w}");
        assert!(f.width("WWW", &sans(), 10.0, 0.0) > f.width("iii", &sans(), 10.0, 0.0) * 2.0);
        // Cyrillic glyphs are in the bundled fonts.
        let ru = f.width("Харбин", &sans(), 10.0, 0.0);
        assert!(ru > 25.0 && ru < 45.0, "{ru}");
        let bold = Font { bold: true, ..sans() };
        assert!(f.width("Harbin", &bold, 10.0, 0.0) > w);
    }

    #[test]
    fn wrapping_keeps_lines_narrow() {
        let f = fonts();
        let lines = wrap(&f, "one two three four five six seven eight nine ten", &sans(), 10.0, 60.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| f.width(l, &sans(), 10.0, 0.0) <= 60.0 || !l.contains(' ')));
    }
}
