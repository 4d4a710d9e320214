//! Fonts: the bundled font files, loaded into one database, and text measured from their glyph metrics.

use crate::error::{Error, Result};
use crate::scene::Font;
use resvg::usvg::fontdb::{self, Database, Family, Query, Style as FontStyle, Weight};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Family name of the bundled sans-serif face.
pub const SANS: &str = "Noto Sans";
/// Family name of the bundled serif face.
pub const SERIF: &str = "Noto Serif";

/// The fonts built into histmap (file name and bytes), from `styles/fonts/`: Noto Sans and Serif for the map's
/// own text (Latin, Cyrillic, Greek), then fallbacks for names in other scripts: Hebrew,
/// Arabic, and Droid Sans Fallback for Chinese, Japanese and Korean.
pub const BUNDLED: [(&str, &[u8]); 8] = [
    ("NotoSans-Regular.ttf", include_bytes!("../styles/fonts/NotoSans-Regular.ttf")),
    ("NotoSans-Bold.ttf", include_bytes!("../styles/fonts/NotoSans-Bold.ttf")),
    ("NotoSans-Italic.ttf", include_bytes!("../styles/fonts/NotoSans-Italic.ttf")),
    ("NotoSerif-Regular.ttf", include_bytes!("../styles/fonts/NotoSerif-Regular.ttf")),
    ("NotoSerif-Bold.ttf", include_bytes!("../styles/fonts/NotoSerif-Bold.ttf")),
    ("NotoSansHebrew-Regular.ttf", include_bytes!("../styles/fonts/NotoSansHebrew-Regular.ttf")),
    ("NotoSansArabic-Regular.ttf", include_bytes!("../styles/fonts/NotoSansArabic-Regular.ttf")),
    ("DroidSansFallback.ttf", include_bytes!("../styles/fonts/DroidSansFallback.ttf")),
];

/// What measuring has read from the faces once: each font's face, and advances in ems by
/// face (`None`: the first face that has the glyph) and character.
#[derive(Default)]
struct Metrics {
    faces: Vec<(Font, Option<fontdb::ID>)>,
    advances: FxHashMap<(Option<fontdb::ID>, char), Option<f64>>,
}

/// A text's advances summed in ems, in order: the glyphs its face has, those it lacks
/// (measured in the first face that has them), and its number of characters. Adding
/// text to a sum measures exactly as measuring the whole text.
#[derive(Debug, Clone, Copy, Default)]
struct Ems {
    face: f64,
    fallback: f64,
    chars: usize,
}

impl Ems {
    fn points(&self, size: f64, spacing: f64) -> f64 {
        (self.face + self.fallback) * size + spacing * self.chars.saturating_sub(1) as f64
    }
}

/// The fonts, shared by text measurement and rasterisation.
#[derive(Clone)]
pub struct Fonts {
    /// The font database handed to usvg: the bundled fonts, then any extra ones.
    pub db: Arc<Database>,
    /// The font files themselves, for the PDF writer's own font database.
    pub files: Arc<Vec<Arc<dyn AsRef<[u8]> + Send + Sync>>>,
    /// Faces and glyph advances, read from the fonts once: labels are measured many
    /// times over.
    metrics: Arc<Mutex<Metrics>>,
}

impl Fonts {
    /// The bundled fonts, plus every `.ttf`, `.otf` and `.ttc` file in `extra` (sorted by
    /// name, so loading is deterministic): they serve the glyphs the bundled fonts lack.
    pub fn load(extra: Option<&Path>) -> Result<Fonts> {
        let mut files: Vec<Arc<dyn AsRef<[u8]> + Send + Sync>> =
            BUNDLED.iter().map(|(_, b)| Arc::new(*b) as Arc<dyn AsRef<[u8]> + Send + Sync>).collect();
        if let Some(dir) = extra {
            let mut paths: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| Error::file(dir, format!("cannot read font folder: {e}")))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ttf" || x == "otf" || x == "ttc"))
                .collect();
            paths.sort();
            for f in &paths {
                let bytes = std::fs::read(f).map_err(|e| Error::file(f, format!("cannot read font: {e}")))?;
                if ttf_parser::fonts_in_collection(&bytes).is_none() && ttf_parser::Face::parse(&bytes, 0).is_err() {
                    return Err(Error::file(f, "not a font file histmap can read"));
                }
                files.push(Arc::new(bytes));
            }
        }
        let mut db = Database::new();
        for f in &files {
            db.load_font_source(fontdb::Source::Binary(f.clone()));
        }
        db.set_sans_serif_family(SANS);
        db.set_serif_family(SERIF);
        Ok(Fonts { db: Arc::new(db), files: Arc::new(files), metrics: Arc::default() })
    }

    /// The face `font` resolves to, as the rasteriser picks it.
    pub fn face(&self, font: &Font) -> Option<fontdb::ID> {
        self.db.query(&Query {
            families: &[Family::Name(&font.family)],
            weight: if font.bold { Weight::BOLD } else { Weight::NORMAL },
            style: if font.italic { FontStyle::Italic } else { FontStyle::Normal },
            ..Query::default()
        })
    }

    /// Width in points of `text` at `size` points with `spacing` points between letters.
    /// Characters the font lacks are measured in the first font that has them, as the
    /// rasteriser draws them.
    pub fn width(&self, text: &str, font: &Font, size: f64, spacing: f64) -> f64 {
        let mut m = self.metrics.lock().unwrap_or_else(|e| e.into_inner());
        match self.face_of(&mut m, font) {
            Some(id) => self.add_ems(&mut m, id, text, Ems::default()).points(size, spacing),
            None => text.chars().count() as f64 * size * 0.55,
        }
    }

    /// The face drawing `font`, looked up once.
    fn face_of(&self, m: &mut Metrics, font: &Font) -> Option<fontdb::ID> {
        if let Some((_, id)) = m.faces.iter().find(|(f, _)| f == font) {
            return *id;
        }
        let id = self.face(font);
        m.faces.push((font.clone(), id));
        id
    }

    /// `sum` with the advances of `text` in face `id` added.
    fn add_ems(&self, m: &mut Metrics, id: fontdb::ID, text: &str, mut sum: Ems) -> Ems {
        let mut missing = Vec::new();
        for c in text.chars() {
            match *m.advances.entry((Some(id), c)).or_insert_with(|| self.advance(id, c)) {
                Some(a) => sum.face += a,
                None => missing.push(c),
            }
        }
        for c in missing {
            sum.fallback += m
                .advances
                .entry((None, c))
                .or_insert_with(|| self.db.faces().find_map(|info| self.advance(info.id, c)))
                .unwrap_or(0.55);
        }
        sum.chars += text.chars().count();
        sum
    }

    /// The advance of `c` in ems in one face, if it has the glyph.
    fn advance(&self, id: fontdb::ID, c: char) -> Option<f64> {
        self.db
            .with_face_data(id, |data, index| {
                let face = ttf_parser::Face::parse(data, index).ok()?;
                let units = face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g))?;
                Some(f64::from(units) / f64::from(face.units_per_em()))
            })
            .flatten()
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

/// Breaks `text` into lines no wider than `max` points, at spaces (never at a no-break
/// space). Each line is measured as it grows, a word at a time.
pub fn wrap(fonts: &Fonts, text: &str, font: &Font, size: f64, max: f64) -> Vec<String> {
    let mut m = fonts.metrics.lock().unwrap_or_else(|e| e.into_inner());
    let id = fonts.face_of(&mut m, font);
    let mut measure = |text: &str, sum: Ems| match id {
        Some(id) => fonts.add_ems(&mut m, id, text, sum),
        None => Ems { fallback: sum.fallback + 0.55 * text.chars().count() as f64, ..sum },
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_ems = Ems::default();
    for word in text.split_ascii_whitespace() {
        if line.is_empty() {
            line = word.to_string();
            line_ems = measure(word, Ems::default());
            continue;
        }
        let spaced = measure(" ", line_ems);
        let candidate = measure(word, spaced);
        if candidate.points(size, 0.0) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
            line_ems = measure(word, Ems::default());
        } else {
            line.push(' ');
            line.push_str(word);
            line_ems = candidate;
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
        Fonts::load(None).unwrap()
    }

    fn sans() -> Font {
        Font { family: SANS.into(), bold: false, italic: false }
    }

    #[test]
    fn lines_never_break_at_a_no_break_space() {
        let f = fonts();
        let lines = wrap(&f, "GeoNames (CC\u{a0}BY\u{a0}4.0); GeoNames (CC\u{a0}BY\u{a0}4.0)", &sans(), 10.0, 60.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with("BY") && !l.starts_with("4.0")), "{lines:?}");
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
        // Chinese characters come from the fallback font, a full em each.
        let cjk = f.width("新京", &sans(), 10.0, 0.0);
        assert!((cjk - 20.0).abs() < 2.0, "{cjk}");
    }

    #[test]
    fn extra_fonts_must_be_fonts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fake.ttf"), b"not a font").unwrap();
        let e = Fonts::load(Some(dir.path())).err().expect("refused");
        assert!(e.to_string().contains("fake.ttf: not a font file"), "{e}");
        assert!(Fonts::load(Some(&dir.path().join("none"))).is_err());
    }

    #[test]
    fn wrapping_keeps_lines_narrow() {
        let f = fonts();
        let lines = wrap(&f, "one two three four five six seven eight nine ten", &sans(), 10.0, 60.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| f.width(l, &sans(), 10.0, 0.0) <= 60.0 || !l.contains(' ')));
    }
}
