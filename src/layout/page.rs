//! The page's bands, composed once: the title across the top, the map frame, and under it
//! the caption and the credits.

use super::furniture::{self, Band};
use crate::scene::{Color, Group};
use crate::text::Fonts;
use geo::{Coord, Rect};

/// The margin around the page's bands, points.
pub const MARGIN: f64 = 16.0;

/// The texts a page sets around its map.
pub struct Texts<'a> {
    /// Map title.
    pub title: &'a str,
    /// Line under it.
    pub subtitle: &'a str,
    /// The date, as readers read it.
    pub date: &'a str,
    /// Caption under the map.
    pub caption: &'a str,
}

/// A page laid out around its map.
pub struct Page {
    /// The title band.
    pub title: Group,
    /// The caption band.
    pub caption: Group,
    /// The map's frame on the page.
    pub map: Rect<f64>,
    /// Where the credits go.
    pub credits: Band,
}

/// Lays out a page of `width` × `height` points: the title on top, the caption and a
/// credits band as high as `credit_sources` need at the bottom, the map between.
/// `None` if no room of at least 100 points is left for the map.
pub fn bands(
    fonts: &Fonts,
    texts: &Texts,
    (width, height): (f64, f64),
    credit_sources: &[String],
    heading: &str,
    ink: Color,
) -> Option<Page> {
    let band = |top: f64| Band { left: MARGIN, top, width: width - 2.0 * MARGIN };
    let (title, title_h) = furniture::title(fonts, texts.title, texts.subtitle, texts.date, band(MARGIN), ink);
    let lines = furniture::caption_lines(fonts, texts.caption, band(0.0).width);
    let caption_h = furniture::caption_height(&lines);
    let credits_h = furniture::credits_height(fonts, credit_sources, band(0.0).width, heading);
    let map_top = MARGIN + title_h + 4.0;
    let map_bottom = height - MARGIN - caption_h - credits_h - 6.0;
    if map_bottom - map_top < 100.0 {
        return None;
    }
    Some(Page {
        title,
        caption: furniture::caption(&lines, band(map_bottom + 4.0), ink),
        map: Rect::new(Coord { x: MARGIN, y: map_top }, Coord { x: width - MARGIN, y: map_bottom }),
        credits: band(map_bottom + 6.0 + caption_h),
    })
}
