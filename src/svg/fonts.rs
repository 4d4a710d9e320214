//! Fonts embedded in an SVG for browsers that lack them: for each face the text is drawn
//! in, a subset of only the glyphs it uses (skera keeps the `cmap`, metrics and layout
//! tables a browser needs; hinting is dropped, as resvg ignores it), as an `@font-face`
//! rule with a base64 `data:` URL. Each face gets a family name of its own, its family's
//! name and the subset's checksum, so no other font can stand in for it.

use crate::error::{Error, Result};
use crate::scene::{Font, Item, Scene};
use crate::text::Fonts;
use base64::Engine;
use read_fonts::collections::IntSet;
use read_fonts::types::{NameId, Tag};
use read_fonts::FontRef;
use resvg::usvg::fontdb::{self, ID};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

/// The fonts of one SVG: the `<style>` that carries them and each text's family list.
pub struct Embedded {
    /// A `<style>` element with one `@font-face` rule a face.
    pub style: String,
    /// The `font-family` value of each font the scene names: its embedded face, the
    /// embedded faces that serve the characters it lacks, then its own family name (for
    /// tools that ignore `@font-face`).
    families: HashMap<Font, String>,
}

impl Embedded {
    /// The `font-family` value for text in `font`.
    pub fn family(&self, font: &Font) -> Option<&str> {
        self.families.get(font).map(String::as_str)
    }
}

/// Subsets and embeds the faces the scene's text is drawn in. Each character goes to the
/// face its font resolves to, or, where that face lacks it, to the first face that has it,
/// as the rasteriser draws it. The same scene gives the same bytes.
pub fn embed(scene: &Scene, fonts: &Fonts) -> Result<Embedded> {
    let mut used: HashMap<Font, BTreeSet<char>> = HashMap::new();
    for g in &scene.groups {
        for item in &g.items {
            if let Item::Text(t) = item {
                used.entry(t.font.clone()).or_default().extend(t.text.chars().filter(|c| !c.is_control()));
            }
        }
    }
    let mut faces: BTreeMap<ID, BTreeSet<char>> = BTreeMap::new();
    let mut primary: HashMap<Font, Option<ID>> = HashMap::new();
    let mut fallbacks = BTreeSet::new();
    for (font, chars) in &used {
        let face = fonts.face(font);
        primary.insert(font.clone(), face);
        for &c in chars {
            let own = face.filter(|&id| has_glyph(fonts, id, c));
            let Some(id) = own.or_else(|| fonts.db.faces().map(|f| f.id).find(|&id| has_glyph(fonts, id, c))) else {
                continue;
            };
            if own.is_none() {
                fallbacks.insert(id);
            }
            faces.entry(id).or_default().insert(c);
        }
    }
    let mut style = String::from("<style type=\"text/css\">\n");
    let mut names = BTreeMap::new();
    for (id, chars) in &faces {
        let info = fonts.db.face(*id).ok_or_else(|| Error::msg("internal error: a font face went missing"))?;
        let data = fonts
            .db
            .with_face_data(*id, |data, index| subset(data, index, chars))
            .ok_or_else(|| Error::msg("internal error: a font face went missing"))??;
        let family: String = info
            .families
            .first()
            .map_or("font", |(name, _)| name.as_str())
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
            .collect();
        let name = format!("{family} histmap-{:08x}", crc32fast::hash(&data));
        let slant = match info.style {
            fontdb::Style::Normal => "normal",
            fontdb::Style::Italic => "italic",
            fontdb::Style::Oblique => "oblique",
        };
        let _ = writeln!(
            style,
            r#"@font-face{{font-family:"{name}";font-weight:{};font-style:{slant};src:url(data:font/ttf;base64,{}) format("truetype")}}"#,
            info.weight.0,
            base64::engine::general_purpose::STANDARD.encode(&data)
        );
        names.insert(*id, name);
    }
    // Browsers would fake a bold or italic face the fonts lack, and Chromium puts glyphs
    // on whole pixels unless the text is geometry; resvg does neither.
    style.push_str("text{font-synthesis:none;text-rendering:geometricPrecision}\n</style>\n");
    let families = primary
        .into_iter()
        .map(|(font, face)| {
            let own = face.and_then(|id| names.get(&id));
            let others = fallbacks.iter().filter(|&&id| Some(id) != face).filter_map(|id| names.get(id));
            let list: Vec<String> =
                own.into_iter().chain(others).chain([&font.family]).map(|n| format!("'{n}'")).collect();
            (font, list.join(", "))
        })
        .collect();
    Ok(Embedded { style, families })
}

/// Whether face `id` has a glyph for `c`.
fn has_glyph(fonts: &Fonts, id: ID, c: char) -> bool {
    fonts
        .db
        .with_face_data(id, |data, index| {
            ttf_parser::Face::parse(data, index).ok().and_then(|f| f.glyph_index(c)).is_some()
        })
        .unwrap_or(false)
}

/// A TrueType font of face `index` in `data` with only the glyphs for `chars` (and those
/// its ligatures and other substitutions of them need), unhinted, its names and licence kept.
fn subset(data: &[u8], index: u32, chars: &BTreeSet<char>) -> Result<Vec<u8>> {
    let bad = |e: &dyn std::fmt::Display| Error::msg(format!("cannot subset a font for embedding: {e}"));
    let font = FontRef::from_index(data, index).map_err(|e| bad(&e))?;
    let unicodes: IntSet<u32> = chars.iter().map(|&c| u32::from(c)).collect();
    // The tables hb-subset drops by default: layout tables browsers do not read here,
    // bitmaps, signatures.
    let drop: IntSet<Tag> = [skera::MORX, skera::MORT, skera::KERX, skera::KERN, skera::JSTF, skera::DSIG]
        .into_iter()
        .chain([skera::EBSC, skera::PCLT, skera::LTSH, skera::GLAT, skera::GLOC, skera::SILF, skera::SILL])
        .chain([Tag::new(b"EBDT"), Tag::new(b"EBLC"), Tag::new(b"SVG "), Tag::new(b"feat")])
        .collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = skera::DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let mut name_ids = IntSet::<NameId>::empty();
    // Names 0–6 (copyright, family, style, version) and 13–14, the licence the OFL asks
    // each copy to carry.
    name_ids.insert_range(NameId::from(0)..=NameId::from(6));
    name_ids.insert_range(NameId::from(13)..=NameId::from(14));
    let languages: IntSet<u16> = [0x0409].into_iter().collect();
    let plan = skera::Plan::new(
        &IntSet::empty(),
        &unicodes,
        &font,
        skera::SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &drop,
        &scripts,
        &features,
        &name_ids,
        &languages,
    );
    skera::subset_font(&font, &plan).map_err(|e| bad(&e))
}
