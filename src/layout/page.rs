//! The page's bands, composed once: the title across the top, the map frame, and under it
//! the caption and the credits.

use super::furniture::{self, Band};
use crate::scene::{Color, Group};
use crate::text::Fonts;
use geo::{Coord, Rect};

/// The margin around the page's bands, points.
pub const MARGIN: f64 = 16.0;

/// The space between the map and a legend set beside or under it, points.
const LEGEND_GAP: f64 = 6.0;

/// Room kept outside the map for its legend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Margin {
    /// None: the legend, if any, goes inside the frame.
    None,
    /// A band this many points high under the map.
    Below(f64),
    /// A column this many points wide at the map's right.
    Beside(f64),
}

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
    /// Where the legend goes outside the map (its top left corner and width), if room
    /// was kept for it.
    pub legend: Option<Band>,
}

/// Lays out a page of `width` × `height` points: the title on top, the caption and a
/// credits band as high as `credit_sources` need at the bottom, the map between, and the
/// `legend`'s margin beside or under the map; without `texts`, the map and its legend
/// alone. `None` if no room of at least 100 points is left for the map.
pub fn bands(
    fonts: &Fonts,
    texts: Option<&Texts>,
    (width, height): (f64, f64),
    credit_sources: &[String],
    legend: Margin,
    heading: &str,
    ink: Color,
) -> Option<Page> {
    let band = |top: f64| Band { left: MARGIN, top, width: width - 2.0 * MARGIN };
    let (title, title_h, lines, credits_h) = match texts {
        Some(t) => {
            let (title, title_h) = furniture::title(fonts, t.title, t.subtitle, t.date, band(MARGIN), ink);
            let lines = furniture::caption_lines(fonts, t.caption, band(0.0).width);
            (title, title_h + 4.0, lines, furniture::credits_height(fonts, credit_sources, band(0.0).width, heading))
        }
        None => (furniture::group("title", vec![]), 0.0, vec![], 0.0),
    };
    let caption_h = furniture::caption_height(&lines);
    let map_top = MARGIN + title_h;
    let (legend_h, legend_w) = match legend {
        Margin::None => (0.0, 0.0),
        Margin::Below(h) => (h + LEGEND_GAP, 0.0),
        Margin::Beside(w) => (0.0, w + LEGEND_GAP),
    };
    let under = if texts.is_some() { caption_h + credits_h + 6.0 } else { 0.0 };
    let map_bottom = height - MARGIN - under - legend_h;
    let map_right = width - MARGIN - legend_w;
    if map_bottom - map_top < 100.0 || map_right - MARGIN < 100.0 {
        return None;
    }
    Some(Page {
        title,
        caption: furniture::caption(&lines, band(map_bottom + legend_h + 4.0), ink),
        map: Rect::new(Coord { x: MARGIN, y: map_top }, Coord { x: map_right, y: map_bottom }),
        credits: band(map_bottom + legend_h + 6.0 + caption_h),
        legend: match legend {
            Margin::None => None,
            Margin::Below(_) => Some(band(map_bottom + LEGEND_GAP)),
            Margin::Beside(w) => Some(Band { left: map_right + LEGEND_GAP, top: map_top, width: w }),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legend_margin_takes_its_room_beside_or_under_the_map() {
        let fonts = Fonts::load(None).unwrap();
        let texts = Texts { title: "T", subtitle: "s", date: "1938", caption: "A caption." };
        let ink = Color::rgb(0, 0, 0);
        let page = |m| bands(&fonts, Some(&texts), (800.0, 600.0), &[], m, "Sources", ink).unwrap();
        let (plain, beside, below) = (page(Margin::None), page(Margin::Beside(200.0)), page(Margin::Below(80.0)));
        assert!(plain.legend.is_none());
        assert!((plain.map.width() - beside.map.width() - 206.0).abs() < 1e-9);
        assert_eq!(plain.map.height(), beside.map.height());
        let b = beside.legend.unwrap();
        assert!(b.left > beside.map.max().x && b.top == beside.map.min().y);
        assert!((plain.map.height() - below.map.height() - 86.0).abs() < 1e-9);
        let b = below.legend.unwrap();
        assert!(b.top > below.map.max().y);
        // The caption moves down under the legend's band.
        let top = |g: &Group| match &g.items[0] {
            crate::scene::Item::Text(t) => t.y,
            _ => panic!("caption text"),
        };
        assert!(top(&below.caption) > b.top + 80.0);
        assert!(bands(&fonts, Some(&texts), (800.0, 600.0), &[], Margin::Beside(700.0), "Sources", ink).is_none());
        // Without its texts the map takes the page but for the margin and the legend's room.
        let bare = bands(&fonts, None, (800.0, 600.0), &["S".into()], Margin::Below(80.0), "Sources", ink).unwrap();
        assert_eq!(
            bare.map,
            Rect::new(Coord { x: MARGIN, y: MARGIN }, Coord { x: 800.0 - MARGIN, y: 600.0 - MARGIN - 86.0 })
        );
        assert!(bare.title.items.is_empty() && bare.caption.items.is_empty());
    }
}
