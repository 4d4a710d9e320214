//! Label placement: candidates around each point, poles of inaccessibility for areas,
//! placed in priority order so that no label overlaps another label, a symbol or the furniture.

use super::Drawn;
use crate::geometry::Bbox;
use crate::scene::{Anchor, TextItem};
use crate::style::paint::LabelText;
use crate::text::Fonts;
use geo::{Coord, Distance};

/// Where a label wants to go.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Beside a point symbol of this radius, leaving `gap` points between.
    Point { x: f64, y: f64, radius: f64, gap: f64 },
    /// Centred on this point (an area's pole of inaccessibility), within `room`; if it
    /// fits nowhere there, centred on one of `spots` (other points inside the area).
    /// `outline`, when given, is the area itself: the label must lie (nearly) inside it.
    Area { x: f64, y: f64, room: Bbox, spots: Vec<Coord<f64>>, outline: Option<geo::Polygon<f64>> },
    /// Along a line (page points), on a smooth stretch, kept upright.
    Line(Vec<Coord<f64>>),
    /// Along a line, to one side of it: the text's nearer edge `offset` points from the
    /// line; if no stretch on either side is free, beside the line's middle (x, y).
    Beside { line: Vec<Coord<f64>>, offset: f64, x: f64, y: f64 },
}

/// A label to place.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    /// Its text and how it looks.
    pub look: LabelText,
    /// Where it wants to be.
    pub placement: Placement,
    /// Lower keys are placed first.
    pub sort_key: f64,
    /// Style layer id, for the SVG group.
    pub layer: String,
}

/// A placed label and the box it occupies.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The text to draw.
    pub item: TextItem,
    /// The boxes it covers, halo included: one for straight text, several along a curve.
    pub boxes: Vec<Bbox>,
    /// Style layer id.
    pub layer: String,
}

/// Line height of multi-line labels, in text sizes.
pub const LINE_HEIGHT: f64 = 1.15;

/// An area label too wide for its area is broken into two lines at the space nearest its middle.
fn break_area_label(fonts: &Fonts, r: &LabelRequest) -> String {
    let Placement::Area { room, .. } = &r.placement else { return r.look.text.clone() };
    if fonts.width(&r.look.text, &r.look.font, r.look.size, r.look.letter_spacing) <= room.width() * 0.6 {
        return r.look.text.clone();
    }
    in_two(&r.look.text).unwrap_or_else(|| r.look.text.clone())
}

/// A one-line text of several words broken into two at the space nearest its middle, or
/// a hyphenated word after its hyphen nearest the middle (МАНЬЧЖОУ-/ГО); `None` for a
/// single unhyphenated word or a text already in lines.
fn in_two(text: &str) -> Option<String> {
    if text.contains('\n') {
        return None;
    }
    let mid = text.len() / 2;
    let nearest = |sep: char, after: usize| {
        text.match_indices(sep).map(|(i, _)| i + after).filter(|&i| i < text.len()).min_by_key(|i| i.abs_diff(mid))
    };
    match nearest(' ', 0) {
        Some(i) => Some(format!("{}\n{}", &text[..i], &text[i + 1..])),
        None => nearest('-', 1).map(|i| format!("{}\n{}", &text[..i], &text[i..])),
    }
}

/// Places labels in priority order inside `frame`, avoiding `obstacles` and each other,
/// and keeping area names off the smaller story areas and fills that `drawn` lists.
/// A point's label stands nearer its own point than any other point symbol drawn, where
/// it can at any of its sizes, on one line or else in two; only where it cannot is it set
/// where it fits, rather than dropped. Labels that fit nowhere are dropped, and so are labels of points that `covers`
/// hide (furniture drawn over their symbol), which would otherwise name nothing.
pub fn place(
    fonts: &Fonts,
    mut requests: Vec<LabelRequest>,
    frame: Bbox,
    obstacles: &[Bbox],
    covers: &[Bbox],
    drawn: &Drawn,
) -> Vec<Placed> {
    let (areas, fills) = (&drawn.key_areas, &drawn.fills);
    // Sizes (and boxes) of the areas an area's name may have to keep off, measured once.
    let story_sizes: Vec<(&geo::MultiPolygon<f64>, f64)> =
        areas.iter().map(|a| (a, geo::Area::unsigned_area(a))).collect();
    let fill_boxes: Vec<(&geo::Polygon<f64>, Bbox, f64)> = fills.iter().map(|(p, b, a)| (p, *b, *a)).collect();
    // Stable sort: equal keys keep style and file order.
    requests.sort_by(|a, b| a.sort_key.total_cmp(&b.sort_key));
    let room = Room { fonts, frame, obstacles, story_sizes, fill_boxes, points: &drawn.points, arrows: &drawn.arrows };
    let mut placed: Vec<Placed> = Vec::new();
    for mut r in requests {
        // Along its line, on either side; where neither is free, beside the line's middle.
        if let Placement::Beside { line, offset, x, y } = &r.placement {
            if let Some(p) = room.fit_beside(&r, line, *offset, &placed) {
                placed.push(p);
                continue;
            }
            r.placement = Placement::Point { x: *x, y: *y, radius: 1.0, gap: *offset };
        }
        if let Placement::Point { x, y, .. } = r.placement {
            if covers.iter().any(|c| c.holds(Coord { x, y })) {
                continue;
            }
        }
        // A name that fits nowhere is set smaller before it is dropped (names along lines
        // are not: a smaller river name reads as a lesser river).
        let scales: &[f64] = if matches!(r.placement, Placement::Line(_)) { &[1.0] } else { &SHRINK };
        // A point's label is weighed against the filled areas around it only.
        let local = match r.placement {
            Placement::Point { x, y, radius, gap } => {
                let w = fonts.width(&r.look.text, &r.look.font, r.look.size, r.look.letter_spacing);
                let d = radius + gap + 3.0 * r.look.size + w;
                Some(room.near(&Bbox { x0: x - d, y0: y - d, x1: x + d, y1: y + d }))
            }
            _ => None,
        };
        let here = local.as_ref().unwrap_or(&room);
        // A point the phase must show may, as a last resort, be named a gap further out.
        let further = r.sort_key <= MUST_SHOW && matches!(r.placement, Placement::Point { .. });
        let fit = |nearest: bool| {
            scales.iter().find_map(|&s| here.fit(&scaled(&r, s), &placed, nearest, further && !nearest))
        };
        // An area's name that fits nowhere inside it (a coast's sliver at the frame's edge)
        // stands beside it, as an atlas names a state in the sea off its coast.
        let beside = || {
            let Placement::Area { x, y, room: own, outline, .. } = &r.placement else { return None };
            // Close beside its coast: as far out as the area reaches around the point.
            let radius = match outline {
                Some(o) => geo::Euclidean.distance(&geo::Point::new(*x, *y), o.exterior()),
                None => own.width().min(own.height()) / 2.0,
            };
            let point = LabelRequest { placement: Placement::Point { x: *x, y: *y, radius, gap: 2.0 }, ..r.clone() };
            // On the area's own side of every border and nearer its point than any symbol
            // (no symbol stands on its point); else where it comes closest to that.
            let near = |nearest| scales.iter().find_map(|&s| room.fit(&scaled(&point, s), &placed, nearest, false));
            near(true).or_else(|| near(false))
        };
        // A point's name that can stand nowhere clearly its own is dropped (an unnamed dot
        // misleads less than a misnamed one), unless the phase must show the place; a
        // movement's name, by no symbol, is set where it comes closest.
        let anywhere = || match r.placement {
            Placement::Point { .. } if r.sort_key > MUST_SHOW && here.names_symbol(&r.placement) => None,
            _ => fit(false),
        };
        // A long name beside a point (a place's, or a movement's at its arrow's middle) or
        // in a narrow area that fits nowhere on one line is tried in two before it is
        // dropped or set beside its area.
        let in_lines = || {
            if matches!(r.placement, Placement::Line(_) | Placement::Beside { .. }) {
                return None;
            }
            let r = LabelRequest { look: LabelText { text: in_two(&r.look.text)?, ..r.look.clone() }, ..r.clone() };
            let lines = |nearest: bool| {
                scales.iter().find_map(|&s| here.fit(&scaled(&r, s), &placed, nearest, further && !nearest))
            };
            // A place the phase must show takes the closest free position in two lines too.
            lines(true).or_else(|| if r.sort_key <= MUST_SHOW { lines(false) } else { None })
        };
        if let Some(p) = fit(true).or_else(anywhere).or_else(in_lines).or_else(beside) {
            placed.push(p);
        }
    }
    placed
}

/// Labels with a sort key up to this one name what the phase must show (see the story's
/// `show`) or the story's own places: placed first, and never dropped while any free
/// position is left.
pub const MUST_SHOW: f64 = 1.0;

/// The sizes, relative to its own, a point or area label may be set at when it fits
/// nowhere at its own size.
const SHRINK: [f64; 3] = [1.0, 0.85, 0.72];

fn scaled(r: &LabelRequest, s: f64) -> LabelRequest {
    let look = LabelText { size: r.look.size * s, letter_spacing: r.look.letter_spacing * s, ..r.look.clone() };
    LabelRequest { look, ..r.clone() }
}

/// What a label must keep off.
struct Room<'a> {
    fonts: &'a Fonts,
    frame: Bbox,
    obstacles: &'a [Bbox],
    story_sizes: Vec<(&'a geo::MultiPolygon<f64>, f64)>,
    fill_boxes: Vec<(&'a geo::Polygon<f64>, Bbox, f64)>,
    points: &'a [Coord<f64>],
    arrows: &'a [Vec<Coord<f64>>],
}

impl<'a> Room<'a> {
    /// The same room with only the filled areas that reach into `region`.
    fn near(&self, region: &Bbox) -> Room<'a> {
        Room {
            story_sizes: self.story_sizes.clone(),
            fill_boxes: self.fill_boxes.iter().filter(|f| f.1.intersects(region)).copied().collect(),
            ..*self
        }
    }

    /// The label placed where it is free of the frame's edge, the obstacles and the labels
    /// `placed` so far, if it fits anywhere it may go; a point's label, if `nearest`, only
    /// where it is nearer its own point than any other point symbol, and if `further` also
    /// a gap beyond the usual rings.
    fn fit(&self, r: &LabelRequest, placed: &[Placed], nearest: bool, further: bool) -> Option<Placed> {
        let fonts = self.fonts;
        let text = break_area_label(fonts, r);
        let widths: Vec<f64> =
            text.lines().map(|l| fonts.width(l, &r.look.font, r.look.size, r.look.letter_spacing)).collect();
        let width = widths.iter().copied().fold(0.0, f64::max);
        let (ascent, descent) = fonts.extent(&r.look.font, r.look.size);
        let extra = (widths.len().max(1) - 1) as f64 * LINE_HEIGHT * r.look.size;
        let pad = r.look.halo.map_or(0.5, |h| h.1.max(0.5));
        let free = |b: &Bbox| self.free(b, placed, |_| false);
        let mut item = text_item(&r.look, text);
        if let Placement::Line(line) = &r.placement {
            let (path, boxes) =
                along_line(line, width, ascent, descent, pad, false).find(|(_, boxes)| boxes.iter().all(&free))?;
            item.path = Some(path);
            return Some(Placed { item, boxes, layer: r.layer.clone() });
        }
        // An area's name keeps off the story's smaller areas (a state's name off a disputed
        // strip), and would rather keep off any smaller filled area (a lake); a small area's
        // name may still sit over a larger one.
        let own_area = match &r.placement {
            Placement::Area { outline: Some(own), .. } => geo::Area::unsigned_area(own),
            _ => 0.0,
        };
        let story: Vec<&geo::MultiPolygon<f64>> =
            self.story_sizes.iter().filter(|(_, size)| *size < own_area).map(|(a, _)| *a).collect();
        let clear = |b: &Bbox| story.iter().all(|a| !geo::Intersects::intersects(*a, &b.to_rect()));
        // Ponds too small to read under a name (less than four letter-height squares) do not count.
        let pond = 4.0 * (ascent + descent).powi(2);
        let dry = |b: &Bbox| {
            self.fill_boxes.iter().all(|(p, fb, area)| {
                *area >= own_area || *area < pond || !fb.intersects(b) || !geo::Intersects::intersects(*p, &b.to_rect())
            })
        };
        let side = self.side_of(&r.placement);
        // Each line's own box, for a centred block whose first baseline is at (x, y).
        let lines_at = |x: f64, y: f64| -> Vec<Bbox> {
            let step = LINE_HEIGHT * r.look.size;
            widths
                .iter()
                .enumerate()
                .map(|(i, w)| text_box(x, y + i as f64 * step, Anchor::Middle, *w, ascent, descent))
                .collect()
        };
        let far = further || !self.names_symbol(&r.placement);
        let options: Vec<_> = candidates(&r.placement, width, ascent, descent + extra, pad, far)
            .into_iter()
            .map(|(x, y, anchor)| (x, y, anchor, text_box(x, y, anchor, width, ascent, descent + extra).grow(pad)))
            .filter(|(x, y, _, b)| free(b) && clear(b) && within_room(&r.placement, b, &lines_at(*x, *y)))
            .filter(|(x, y, ..)| self.on_own_ground(&r.placement, &lines_at(*x, *y)))
            .filter(|(.., b)| self.beside_own(&r.placement, b))
            .filter(|(.., b)| !nearest || (self.nearest_own(&r.placement, b) && self.same_side(&r.placement, side, b)))
            .collect();
        if !nearest && matches!(r.placement, Placement::Point { .. }) {
            // No position is both on the point's side and nearest to it: take the one that
            // comes closest to being so.
            let miss = |b: &Bbox| (!self.same_side(&r.placement, side, b), self.closer_other(&r.placement, b));
            let best =
                options.iter().min_by(|a, b| miss(&a.3).partial_cmp(&miss(&b.3)).unwrap_or(std::cmp::Ordering::Equal));
            let (x, y, anchor, bbox) = best.copied()?;
            (item.x, item.y, item.anchor) = (x, y, anchor);
            return Some(Placed { item, boxes: vec![bbox], layer: r.layer.clone() });
        }
        let (x, y, anchor, bbox) = options.iter().find(|(.., b)| dry(b)).or(options.first()).copied()?;
        (item.x, item.y, item.anchor) = (x, y, anchor);
        Some(Placed { item, boxes: vec![bbox], layer: r.layer.clone() })
    }
}

impl Room<'_> {
    /// A label set along `line`, its nearer edge `offset` points to one side of it (either,
    /// the stretch nearest the middle first), where it is free of the frame's edge, the
    /// obstacles and the labels placed.
    fn fit_beside(&self, r: &LabelRequest, line: &[Coord<f64>], offset: f64, placed: &[Placed]) -> Option<Placed> {
        let look = &r.look;
        let width = self.fonts.width(&look.text, &look.font, look.size, look.letter_spacing);
        let (ascent, descent) = self.fonts.extent(&look.font, look.size);
        let pad = look.halo.map_or(0.5, |h| h.1.max(0.5));
        // The line's own symbols (an arrow's) are not in its way: the offset keeps it off them.
        let course = geo::LineString::from(line.to_vec());
        let own = |o: &Bbox| geo::Euclidean.distance(&geo::Point::from(o.centre()), &course) < offset;
        let free = |b: &Bbox| self.free(b, placed, own);
        // The text's middle runs along a copy of the line moved aside by its half height.
        let aside = offset + (ascent + descent) / 2.0;
        let sides = [offset_line(line, aside), offset_line(line, -aside)];
        let mut stretches = sides.iter().map(|l| along_line(l, width, ascent, descent, pad, true)).collect::<Vec<_>>();
        let (path, boxes) = std::iter::from_fn(|| {
            let next: Vec<_> = stretches.iter_mut().filter_map(Iterator::next).collect();
            (!next.is_empty()).then_some(next)
        })
        .flatten()
        .find(|(_, boxes)| boxes.iter().all(&free))?;
        let item = TextItem { path: Some(path), ..text_item(look, look.text.clone()) };
        Some(Placed { item, boxes, layer: r.layer.clone() })
    }

    /// Whether box `b` lies inside the frame, clear of the obstacles (but those `passable`)
    /// and of the labels placed.
    fn free(&self, b: &Bbox, placed: &[Placed], passable: impl Fn(&Bbox) -> bool) -> bool {
        self.frame.contains(b)
            && !self.obstacles.iter().any(|o| o.intersects(b) && !passable(o))
            && !placed.iter().any(|p| p.boxes.iter().any(|q| q.intersects(b)))
    }

    /// The area of the smallest filled area holding a point label's point, if any: its
    /// label keeps to that side of every border (see [`Room::same_side`]).
    fn side_of(&self, p: &Placement) -> Option<f64> {
        let Placement::Point { x, y, .. } = *p else { return None };
        let own = Coord { x, y };
        self.fill_boxes.iter().filter(|(p, fb, _)| holds(p, fb, own)).map(|(.., a)| *a).reduce(f64::min)
    }

    /// Whether a point's label in box `b` stays on its point's side of a border: its
    /// centre and corners lie in no filled area that leaves the point out and is at least a
    /// [`NEIGHBOUR`] of `side` (the smallest area holding the point) or four times the
    /// label's size: a neighbouring state, however much smaller, is the other side; a lake
    /// or a small area may lie under a name, and the sea, in no area, may too. True for
    /// labels of no point.
    fn same_side(&self, p: &Placement, side: Option<f64>, b: &Bbox) -> bool {
        let (Placement::Point { x, y, .. }, Some(smallest)) = (p, side) else { return true };
        let own = Coord { x: *x, y: *y };
        // The centre and the corners (inset by a third of the height: letters may overhang
        // a border a little), so a name cannot straddle one with its centre on a lake.
        let [c0, c1, c2, c3] = b.inner_corners(b.height() / 3.0);
        let spots = [b.centre(), c0, c1, c2, c3];
        // An area counts as the other side if it is a neighbour of the point's own, or
        // large beside the label (Korea beside China's name on a small inset).
        let floor = (smallest * NEIGHBOUR).min(4.0 * b.width() * b.height());
        !self
            .fill_boxes
            .iter()
            .any(|(p, fb, a)| *a >= floor && !holds(p, fb, own) && spots.iter().any(|&c| holds(p, fb, c)))
    }

    /// Whether a name centred on a point of no area (a sea's, a region's) keeps to the
    /// ground its point is on: each line's corners lie in the same filled areas as the
    /// point (a sea's name off the land, a region's within its state). True for other labels.
    fn on_own_ground(&self, p: &Placement, lines: &[Bbox]) -> bool {
        let Placement::Area { x, y, outline: None, .. } = *p else { return true };
        let own = Coord { x, y };
        let mut corners = lines.iter().flat_map(|l| l.inner_corners(l.height() * 0.25));
        let ground: Vec<bool> = self.fill_boxes.iter().map(|(p, fb, _)| holds(p, fb, own)).collect();
        corners.all(|c| self.fill_boxes.iter().zip(&ground).all(|((p, fb, _), &under)| holds(p, fb, c) == under))
    }

    /// Whether an area's name set beside the area (a small one's, outside it) keeps to the
    /// area's side of every border, as a point's name does; true for a name inside its area
    /// and for other labels.
    fn beside_own(&self, p: &Placement, b: &Bbox) -> bool {
        let Placement::Area { x, y, outline: Some(own), .. } = p else { return true };
        if geo::Contains::contains(own, &geo::Point::from(b.centre())) {
            return true;
        }
        let pole = Placement::Point { x: *x, y: *y, radius: 0.0, gap: 0.0 };
        self.same_side(&pole, self.side_of(&pole), b)
    }

    /// How much nearer than its own point the nearest other point symbol stands to a
    /// label in box `b`, in points (0 if none does); for a movement's label, how much
    /// nearer than its own arrow the nearest other arrow does.
    fn closer_other(&self, p: &Placement, b: &Bbox) -> f64 {
        let Placement::Point { x, y, radius, .. } = *p else { return 0.0 };
        if let Some((own, others)) = self.arrows_of(p) {
            return self.arrow_gap(b, &own, &others).max(0.0);
        }
        let to_own = b.distance_to(Coord { x, y }) + self.margin(b);
        let others = self.points.iter().filter(|q| (q.x - x).hypot(q.y - y) > radius.max(1.0));
        others.map(|&q| to_own - b.distance_to(q)).fold(0.0, f64::max)
    }

    /// How much nearer than its own arrows (by [`Room::margin`]) the nearest other arrow
    /// stands to a label in box `b`: negative when the label is clearly its own arrow's.
    fn arrow_gap(&self, b: &Bbox, own: &[&[Coord<f64>]], others: &[&[Coord<f64>]]) -> f64 {
        let to_own = own.iter().map(|a| to_arrow(b, a)).fold(f64::INFINITY, f64::min) + self.margin(b);
        others.iter().map(|a| to_own - to_arrow(b, a)).fold(f64::NEG_INFINITY, f64::max)
    }

    /// For a label at a movement arrow's middle (no point symbol there): the arrows through
    /// its point, and the others; `None` for other labels.
    fn arrows_of(&self, p: &Placement) -> Option<Arrows<'_>> {
        let Placement::Point { x, y, .. } = *p else { return None };
        if self.names_symbol(p) {
            return None;
        }
        let through = |a: &&Vec<Coord<f64>>| a.iter().any(|q| (q.x - x).hypot(q.y - y) <= ARROW_STEP);
        let (own, others): (Vec<_>, Vec<_>) = self.arrows.iter().partition(through);
        (!own.is_empty())
            .then(|| (own.into_iter().map(Vec::as_slice).collect(), others.into_iter().map(Vec::as_slice).collect()))
    }

    /// Whether a point placement names a point symbol drawn on its point (a town's label
    /// does; a movement's, at its arrow's middle, does not).
    fn names_symbol(&self, p: &Placement) -> bool {
        let Placement::Point { x, y, radius, .. } = *p else { return false };
        self.points.iter().any(|q| (q.x - x).hypot(q.y - y) <= radius.max(1.0))
    }

    /// Whether a label in box `b` stands clearly nearer the point symbol it names than any
    /// other (by [`Room::margin`]; those drawn on the same point aside); true for labels of no point symbol (names
    /// of areas, along lines, at a line's middle).
    fn nearest_own(&self, p: &Placement, b: &Bbox) -> bool {
        let Placement::Point { x, y, radius, .. } = *p else { return true };
        let on_own = |q: &&Coord<f64>| (q.x - x).hypot(q.y - y) <= radius.max(1.0);
        if let Some((own, others)) = self.arrows_of(p) {
            return self.arrow_gap(b, &own, &others) < 0.0;
        }
        if !self.names_symbol(p) {
            return true;
        }
        let to_own = b.distance_to(Coord { x, y }) + self.margin(b);
        self.points.iter().filter(|q| !on_own(q)).all(|&q| b.distance_to(q) > to_own)
    }

    /// How much nearer its own point than any other a label must stand to read as its
    /// point's, not its neighbour's: half its height.
    fn margin(&self, b: &Bbox) -> f64 {
        b.height() * 0.5
    }
}

/// The spacing of an arrow's points in [`Drawn::arrows`]: a label's point at the arrow's
/// middle lies within it of one of them.
const ARROW_STEP: f64 = 4.0;

/// The arrows through a movement label's point, and the others.
type Arrows<'a> = (Vec<&'a [Coord<f64>]>, Vec<&'a [Coord<f64>]>);

/// The distance from a label's box to an arrow, by its points.
fn to_arrow(b: &Bbox, arrow: &[Coord<f64>]) -> f64 {
    arrow.iter().map(|&q| b.distance_to(q)).fold(f64::INFINITY, f64::min)
}

/// How large, relative to the area holding a point, another area must be to count as the
/// other side of a border for the point's label (Manchukuo beside the Soviet Union is; a
/// lake or an émigré district is not).
pub const NEIGHBOUR: f64 = 0.05;

/// Whether a filled polygon (with its box) holds a point.
fn holds(poly: &geo::Polygon<f64>, fb: &Bbox, c: Coord<f64>) -> bool {
    fb.holds(c) && geo::Contains::contains(poly, &geo::Point::from(c))
}

/// Most a label's baseline may turn between samples a letter-height apart, degrees.
const MAX_TURN: f64 = 25.0;
/// Most it may turn in all, degrees.
const MAX_BEND: f64 = 60.0;

/// Stretches of `line` a label of `width` could follow, best first (centred on the middle,
/// then further out), each with the boxes the text would cover. A stretch that bends more
/// than [`MAX_TURN`] between samples or [`MAX_BEND`] in all is skipped; one running right
/// to left is reversed to stay upright. If `centred`, the text's middle follows the line
/// rather than its baseline.
fn along_line(
    line: &[Coord<f64>],
    width: f64,
    ascent: f64,
    descent: f64,
    pad: f64,
    centred: bool,
) -> impl Iterator<Item = (Vec<Coord<f64>>, Vec<Bbox>)> + '_ {
    use geo::{Euclidean, Length};
    let course = geo::LineString::from(line.to_vec());
    let total = Euclidean.length(&course);
    let span = width * 1.25;
    [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9].into_iter().filter_map(move |f| {
        let start = f * total - span / 2.0;
        if start < 0.0 || start + span > total {
            return None;
        }
        // The stretch from `start` to `start + span`, its inner vertices as they are.
        let mut path = vec![point_at(&course, start)];
        let mut along = 0.0;
        for w in line.windows(2) {
            along += (w[1].x - w[0].x).hypot(w[1].y - w[0].y);
            if along > start && along < start + span {
                path.push(w[1]);
            }
        }
        path.push(point_at(&course, start + span));
        if path.last()?.x < path[0].x {
            path.reverse();
        }
        let path = geo::LineString::from(rounded(&path));
        let steps = (span / ascent).ceil().max(2.0);
        let samples: Vec<Coord<f64>> = (0..=steps as usize).map(|i| point_at(&path, span * i as f64 / steps)).collect();
        let turns: Vec<f64> = samples
            .windows(3)
            .map(|w| {
                let a = (w[1].y - w[0].y).atan2(w[1].x - w[0].x);
                let b = (w[2].y - w[1].y).atan2(w[2].x - w[1].x);
                let d = (b - a).abs();
                d.min(std::f64::consts::TAU - d)
            })
            .collect();
        // Letters pull apart on the outside of a bend: keep each turn and the whole small.
        if turns.iter().any(|&d| d > MAX_TURN.to_radians()) || turns.iter().sum::<f64>() > MAX_BEND.to_radians() {
            return None;
        }
        // The text sits on the path as its baseline; cover its height above it.
        let h = (ascent + descent) / 2.0 + pad;
        if centred {
            // Its middle on the line: the baseline half the text's height below, on the
            // side the upright text's feet are. Its boxes, for text at any angle: squares
            // inside its band, twice as many (one square's corner would reach out of a
            // slanting band by nearly half its side).
            let q = h * 0.72;
            let dense: Vec<Coord<f64>> =
                (0..=2 * steps as usize).map(|i| point_at(&path, span * i as f64 / (2.0 * steps))).collect();
            let boxes = dense.iter().map(|c| Bbox { x0: c.x - q, y0: c.y - q, x1: c.x + q, y1: c.y + q }).collect();
            return Some((offset_line(&path.0, -(ascent - descent) / 2.0), boxes));
        }
        let boxes = samples
            .iter()
            .map(|c| Bbox { x0: c.x - h, y0: c.y - ascent - pad, x1: c.x + h, y1: c.y + descent + pad })
            .collect();
        Some((path.0, boxes))
    })
}

/// A label's text item, set `text` as `look` says, centred on no point yet.
fn text_item(look: &LabelText, text: String) -> TextItem {
    TextItem {
        x: 0.0,
        y: 0.0,
        text,
        font: look.font.clone(),
        size: look.size,
        color: look.color,
        halo: look.halo,
        anchor: Anchor::Middle,
        letter_spacing: look.letter_spacing,
        path: None,
    }
}

/// The line moved `by` points to its left (as it runs, on the page, where y grows down:
/// above a line running left to right); each vertex along the mean of its segments' normals.
fn offset_line(line: &[Coord<f64>], by: f64) -> Vec<Coord<f64>> {
    let normal = |a: Coord<f64>, b: Coord<f64>| {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = dx.hypot(dy).max(f64::EPSILON);
        Coord { x: dy / len, y: -dx / len }
    };
    let normals: Vec<Coord<f64>> = line.windows(2).map(|w| normal(w[0], w[1])).collect();
    (0..line.len())
        .map(|i| {
            let (before, after) = (normals.get(i.wrapping_sub(1)), normals.get(i));
            let n = match (before, after) {
                (Some(a), Some(b)) => {
                    let m = Coord { x: a.x + b.x, y: a.y + b.y };
                    // Kept at `by` from both segments, within reason at a sharp corner.
                    let cos = (m.x * b.x + m.y * b.y) / m.x.hypot(m.y).max(f64::EPSILON);
                    let len = m.x.hypot(m.y).max(f64::EPSILON) * cos.max(0.5);
                    Coord { x: m.x / len, y: m.y / len }
                }
                (Some(n), None) | (None, Some(n)) => *n,
                (None, None) => Coord { x: 0.0, y: 0.0 },
            };
            Coord { x: line[i].x + n.x * by, y: line[i].y + n.y * by }
        })
        .collect()
}

/// The path with its corners cut twice (Chaikin), ends kept: letters set along a sharp
/// corner pull apart on its outside, along a rounded one they follow it.
fn rounded(path: &[Coord<f64>]) -> Vec<Coord<f64>> {
    use geo::ChaikinSmoothing;
    geo::LineString::from(path.to_vec()).chaikin_smoothing(2).0
}

/// The point `at` points along a line (its ends beyond them).
fn point_at(line: &geo::LineString<f64>, at: f64) -> Coord<f64> {
    use geo::{Euclidean, InterpolateLine};
    match Euclidean.point_at_distance_from_start(line, at) {
        Some(p) => p.0,
        None => line.0.first().copied().unwrap_or(Coord { x: 0.0, y: 0.0 }),
    }
}

/// Areas smaller than this (points, both ways) may be labelled outside themselves.
const SMALL_AREA: f64 = 40.0;

/// Whether a label in box `b` (its lines in `lines`) keeps to the room its placement gives.
fn within_room(p: &Placement, b: &Bbox, lines: &[Bbox]) -> bool {
    use geo::Contains;
    match p {
        Placement::Area { room, outline, .. } => {
            let small = room.width() < SMALL_AREA && room.height() < SMALL_AREA;
            if small {
                return true;
            }
            match outline {
                // Each line's corners (a little inset: letters may overhang) and the centre
                // lie inside the area.
                Some(area) => {
                    let mut spots = lines.iter().flat_map(|l| l.inner_corners(l.height() * 0.25)).chain([b.centre()]);
                    spots.all(|c| area.contains(&geo::Point::from(c)))
                }
                None => room.contains(b),
            }
        }
        Placement::Point { .. } | Placement::Line(_) | Placement::Beside { .. } => true,
    }
}

/// The box of a text whose anchor is at (x, baseline y).
pub fn text_box(x: f64, y: f64, anchor: Anchor, width: f64, ascent: f64, descent: f64) -> Bbox {
    let x0 = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - width / 2.0,
        Anchor::End => x - width,
    };
    Bbox { x0, y0: y - ascent, x1: x0 + width, y1: y + descent }
}

/// Candidate anchor positions in order of preference (cartographic convention: right,
/// left, upper right, lower right, upper left, lower left, above, below; near, then far),
/// for a text `width` wide whose box grows by `pad` (its halo); `far` adds a ring further
/// out, for a name by no symbol of its own (a movement's, beside its arrow's middle).
fn candidates(p: &Placement, width: f64, ascent: f64, descent: f64, pad: f64, far: bool) -> Vec<(f64, f64, Anchor)> {
    match *p {
        Placement::Point { x, y, radius, gap } => {
            // Eight positions close to the symbol, then the same eight half a letter and
            // then a letter further out (no further: a name further off reads as no one's;
            // a name of no symbol may go a gap further still).
            let mid = y + (ascent - descent) / 2.0;
            let near = radius + gap;
            let rings = [near, near + ascent / 2.0, near + ascent, 2.0 * near + ascent];
            rings[..if far { 4 } else { 3 }]
                .iter()
                .copied()
                .flat_map(|d| {
                    // A diagonal label's corner (with its halo, `pad`) clears the square
                    // the symbol keeps free, not only the round symbol.
                    let diag = (d * 0.7).max(radius + pad + 0.1);
                    [
                        (x + d, mid, Anchor::Start),
                        (x - d, mid, Anchor::End),
                        (x + diag, y - diag - descent, Anchor::Start),
                        (x + diag, y + diag + ascent, Anchor::Start),
                        (x - diag, y - diag - descent, Anchor::End),
                        (x - diag, y + diag + ascent, Anchor::End),
                        (x, y - d - descent, Anchor::Middle),
                        (x, y + d + ascent, Anchor::Middle),
                    ]
                })
                .collect()
        }
        Placement::Line(_) | Placement::Beside { .. } => vec![],
        Placement::Area { x, y, room, ref spots, .. } => {
            // `descent` includes any extra lines: centre the whole block on the point.
            let base = y + (ascent - descent) / 2.0;
            let step = ascent;
            let mut c = Vec::new();
            for dy in [0.0, -1.0, 1.0, -2.0, 2.0] {
                for dx in [0.0, -0.25, 0.25] {
                    c.push((x + dx * width, base + dy * step, Anchor::Middle));
                }
            }
            let mid = (ascent - descent) / 2.0;
            c.extend(spots.iter().map(|s| (s.x, s.y + mid, Anchor::Middle)));
            // A small area (a lake, a strip) may be labelled beside itself instead.
            if room.width() < SMALL_AREA && room.height() < SMALL_AREA {
                let radius = room.width().max(room.height()) / 2.0;
                c.extend(candidates(&Placement::Point { x, y, radius, gap: 2.0 }, width, ascent, descent, pad, false));
            }
            c
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Color, Font};
    use crate::text::SANS;

    fn fonts() -> Fonts {
        Fonts::load(None).unwrap()
    }

    fn req(text: &str, x: f64, y: f64, key: f64) -> LabelRequest {
        LabelRequest {
            look: LabelText {
                text: text.into(),
                font: Font { family: SANS.into(), bold: false, italic: false },
                size: 9.0,
                color: Color::rgb(0, 0, 0),
                halo: Some((Color::rgb(255, 255, 255), 1.0)),
                letter_spacing: 0.0,
            },
            placement: Placement::Point { x, y, radius: 2.0, gap: 2.0 },
            sort_key: key,
            layer: "t".into(),
        }
    }

    /// A small deterministic generator, so the property test needs no extra crate.
    fn lcg(seed: &mut u64) -> f64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn no_two_labels_overlap_on_random_point_sets() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        let mut seed = 7;
        for round in 0..30 {
            let n = 10 + round * 5;
            let reqs: Vec<_> = (0..n)
                .map(|i| req(&format!("Place {i}"), lcg(&mut seed) * 400.0, lcg(&mut seed) * 300.0, 0.0))
                .collect();
            let placed = place(&f, reqs, frame, &[], &[], &Drawn::default());
            assert!(!placed.is_empty());
            for (i, a) in placed.iter().enumerate() {
                assert!(frame.contains(&a.boxes[0]));
                for b in &placed[i + 1..] {
                    assert!(!a.boxes[0].intersects(&b.boxes[0]), "{} overlaps {}", a.item.text, b.item.text);
                }
            }
        }
    }

    #[test]
    fn a_long_label_with_no_room_on_one_line_is_set_in_two() {
        let f = fonts();
        // A town in a gap 70 pt wide between two walls: "Choibalsan (formerly Bayan
        // Tumen)" is wider than the gap on one line; in two it stands above or below.
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        let walls = [Bbox::xywh(0.0, 0.0, 165.0, 300.0), Bbox::xywh(235.0, 0.0, 165.0, 300.0)];
        let text = "Choibalsan (formerly Bayan Tumen)";
        let town = Drawn { points: vec![Coord { x: 200.0, y: 150.0 }], ..Drawn::default() };
        let placed = place(&f, vec![req(text, 200.0, 150.0, 4.0)], frame, &walls, &[], &town);
        assert_eq!(placed.len(), 1, "dropped");
        assert_eq!(placed[0].item.text, "Choibalsan (formerly\nBayan Tumen)");
        assert!(walls.iter().all(|w| !w.intersects(&placed[0].boxes[0])));
        // A single word that fits nowhere is still dropped.
        let word = "Verkhneudinskiyanskaya";
        assert!(place(&f, vec![req(word, 200.0, 150.0, 4.0)], frame, &walls, &[], &town).is_empty());
    }

    #[test]
    fn a_hyphenated_name_breaks_after_its_hyphen_and_a_plain_word_not_at_all() {
        assert_eq!(in_two("МАНЬЧЖОУ-ГО").as_deref(), Some("МАНЬЧЖОУ-\nГО"));
        assert_eq!(in_two("SOVIET UNION").as_deref(), Some("SOVIET\nUNION"));
        // A space wins over a hyphen; a trailing hyphen is no break.
        assert_eq!(in_two("Nikolsk-Ussuriysky town").as_deref(), Some("Nikolsk-Ussuriysky\ntown"));
        assert_eq!(in_two("MANCHUKUO-"), None);
        assert_eq!(in_two("MANCHUKUO"), None);
    }

    #[test]
    fn a_movements_label_stands_nearer_its_own_arrow_than_any_other() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // Two arrows side by side, 30 pt apart; the first one's label, at its middle, would
        // first go to the right, across the second.
        let arrow = |x: f64| (0..=25).map(|i| Coord { x, y: 100.0 + 4.0 * f64::from(i) }).collect::<Vec<_>>();
        let label = || vec![req("First Front", 200.0, 150.0, 3.5)];
        let alone = place(&f, label(), frame, &[], &[], &Drawn { arrows: vec![arrow(200.0)], ..Drawn::default() });
        assert!(alone[0].boxes[0].x0 > 200.0, "{:?}", alone[0].boxes);
        let both = Drawn { arrows: vec![arrow(200.0), arrow(230.0)], ..Drawn::default() };
        let placed = place(&f, label(), frame, &[], &[], &both);
        let b = placed[0].boxes[0];
        let to = |x: f64| to_arrow(&b, &arrow(x));
        assert!(to(200.0) < to(230.0), "nearer the other arrow: {b:?}");
    }

    #[test]
    fn a_label_beside_its_line_runs_along_it_on_a_free_side_and_falls_back_to_its_middle() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // A slanting arrow, long enough for its name; its own arrow's symbols (as
        // symbolize.rs gives them) do not stand in the way.
        let line: Vec<Coord<f64>> =
            (0..=60).map(|i| Coord { x: 50.0 + 4.0 * f64::from(i), y: 50.0 + 3.0 * f64::from(i) }).collect();
        let own: Vec<Bbox> =
            line.iter().map(|c| Bbox { x0: c.x - 2.6, y0: c.y - 2.6, x1: c.x + 2.6, y1: c.y + 2.6 }).collect();
        let beside = |line: &[Coord<f64>]| LabelRequest {
            placement: Placement::Beside {
                line: line.to_vec(),
                offset: 4.0,
                x: line[line.len() / 2].x,
                y: line[line.len() / 2].y,
            },
            ..req("Transbaikal Front", 0.0, 0.0, 3.5)
        };
        let course = geo::LineString::from(line.clone());
        let placed = place(&f, vec![beside(&line)], frame, &own, &[], &Drawn::default());
        let path = placed[0].item.path.as_ref().expect("set along its line");
        let off: Vec<f64> = path.iter().map(|c| geo::Euclidean.distance(&geo::Point::from(*c), &course)).collect();
        // Its baseline between the nearer edge (4 pt off) and the far one; never on the line.
        assert!(off.iter().all(|&d| (4.0..16.0).contains(&d)), "{off:?}");
        // A label on one side takes that side's room: the next one goes to the other.
        let both = place(&f, vec![beside(&line), beside(&line)], frame, &own, &[], &Drawn::default());
        let side = |p: &Placed| {
            let c = p.item.path.as_ref().unwrap()[0];
            let (a, b) = (line[0], line[60]);
            ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)).signum()
        };
        assert_eq!(both.len(), 2);
        assert_ne!(side(&both[0]), side(&both[1]));
        // A line shorter than its name: beside its middle, as a point's label.
        let short = &line[28..33];
        let placed = place(&f, vec![beside(short)], frame, &[], &[], &Drawn::default());
        assert!(placed[0].item.path.is_none() && placed[0].boxes[0].distance_to(short[2]) < 8.0, "{:?}", placed[0]);
    }

    #[test]
    fn a_label_stands_nearer_its_own_point_than_any_other() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        let (own, other) = (Coord { x: 200.0, y: 150.0 }, Coord { x: 235.0, y: 150.0 });
        let drawn = Drawn { points: vec![own, other], ..Drawn::default() };
        let placed = place(&f, vec![req("Harbin taken", own.x, own.y, 0.0)], frame, &[], &[], &drawn);
        let b = placed[0].boxes[0];
        assert!(b.distance_to(own) < b.distance_to(other), "{b:?}");
        // Without the other point it takes the first choice, on the right (towards it).
        let alone = place(&f, vec![req("Harbin taken", own.x, own.y, 0.0)], frame, &[], &[], &Drawn::default());
        assert!(alone[0].boxes[0].x0 > own.x);
        // Hemmed in on every side, a place the phase must show is still named rather than
        // dropped; an ordinary town's name is dropped rather than set where it reads as a
        // neighbour's.
        let ring: Vec<Coord<f64>> = (0..16)
            .map(|i| f64::from(i) * std::f64::consts::PI / 8.0)
            .map(|a| Coord { x: own.x + 12.0 * a.cos(), y: own.y + 12.0 * a.sin() })
            .chain([own])
            .collect();
        let hemmed = Drawn { points: ring, ..Drawn::default() };
        assert_eq!(place(&f, vec![req("Harbin taken", own.x, own.y, MUST_SHOW)], frame, &[], &[], &hemmed).len(), 1);
        assert!(place(&f, vec![req("Town", own.x, own.y, 4.0)], frame, &[], &[], &hemmed).is_empty());
        // Where only the ring beyond a letter is free, a movement's name (by an arrow's
        // middle, where no symbol stands) goes there; a town's name does not.
        let body = [Bbox { x0: own.x - 12.0, y0: own.y - 12.0, x1: own.x + 12.0, y1: own.y + 12.0 }];
        let town = Drawn { points: vec![own], ..Drawn::default() };
        assert!(place(&f, vec![req("Town", own.x, own.y, 4.0)], frame, &body, &[], &town).is_empty());
        let placed = place(&f, vec![req("1st Front", own.x, own.y, 4.0)], frame, &body, &[], &Drawn::default());
        assert_eq!(placed.len(), 1, "a movement's name is set");
    }

    #[test]
    fn higher_priority_wins_and_obstacles_are_avoided() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        let obstacle = Bbox::xywh(100.0, 0.0, 300.0, 300.0);
        let placed = place(
            &f,
            vec![req("Low", 50.0, 150.0, 5.0), req("High", 50.0, 150.0, 1.0)],
            frame,
            &[obstacle],
            &[],
            &Drawn::default(),
        );
        assert_eq!(placed[0].item.text, "High");
        assert!(placed.iter().all(|p| !p.boxes[0].intersects(&obstacle)));
    }

    fn ground(p: geo::Polygon<f64>) -> crate::layout::displace::Ground {
        let r = geo::BoundingRect::bounding_rect(&p).unwrap();
        let a = geo::Area::unsigned_area(&p);
        (p, Bbox::of_rect(&r), a)
    }

    fn square(x0: f64, y0: f64, side: f64) -> geo::Polygon<f64> {
        geo::Rect::new(geo::Coord { x: x0, y: y0 }, geo::Coord { x: x0 + side, y: y0 + side }).to_polygon()
    }

    fn area_req(text: &str, outline: geo::Polygon<f64>) -> LabelRequest {
        let pole = geo::Centroid::centroid(&outline).unwrap();
        let r = geo::BoundingRect::bounding_rect(&outline).unwrap();
        LabelRequest {
            placement: Placement::Area {
                x: pole.x(),
                y: pole.y(),
                room: Bbox { x0: r.min().x, y0: r.min().y, x1: r.max().x, y1: r.max().y },
                spots: vec![Coord { x: pole.x(), y: pole.y() + 60.0 }],
                outline: Some(outline),
            },
            ..req(text, 0.0, 0.0, 0.0)
        }
    }

    #[test]
    fn an_area_name_keeps_off_a_smaller_story_area_but_a_lake_name_may_cross_a_larger_one() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // A state 300 pt square with a small disputed strip on its centre.
        let strip = geo::MultiPolygon::new(vec![square(180.0, 130.0, 40.0)]);
        let state = area_req("STATE", square(50.0, 0.0, 300.0));
        let placed = place(
            &f,
            vec![state.clone()],
            frame,
            &[],
            &[],
            &Drawn { key_areas: vec![strip.clone()], ..Drawn::default() },
        );
        assert_eq!(placed.len(), 1, "{placed:?}");
        assert!(!geo::Intersects::intersects(&strip, &placed[0].boxes[0].to_rect()), "{:?}", placed[0].boxes);
        // Without the strip it would have sat on it.
        let free = place(&f, vec![state], frame, &[], &[], &Drawn::default());
        assert!(geo::Intersects::intersects(&strip, &free[0].boxes[0].to_rect()));
        // A lake smaller than the story area it lies by may be named over that area.
        let big = geo::MultiPolygon::new(vec![square(0.0, 0.0, 400.0)]);
        let lake = area_req("Lake", square(390.0, 100.0, 5.0));
        assert_eq!(
            place(&f, vec![lake], frame, &[], &[], &Drawn { key_areas: vec![big], ..Drawn::default() }).len(),
            1
        );
    }

    #[test]
    fn a_name_that_fits_nowhere_is_set_smaller_before_it_is_dropped() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // A narrow area: its name fits only at a smaller size.
        let mut state = area_req("STATE", square(100.0, 100.0, 70.0));
        state.look.size = 30.0;
        let full = f.width("STATE", &state.look.font, 30.0, 0.0);
        assert!(full > 80.0, "the name is wider than its area at full size: {full}");
        let placed = place(&f, vec![state], frame, &[], &[], &Drawn::default());
        assert_eq!(placed.len(), 1, "placed smaller, not dropped");
        let size = placed[0].item.size;
        assert!((30.0 * 0.72..30.0).contains(&size), "{size}");
    }

    #[test]
    fn a_state_name_too_long_for_its_sliver_stands_beside_it_not_dropped() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // A coast 20 pt wide and 200 tall at the frame's right edge.
        let sliver = geo::Rect::new(Coord { x: 380.0, y: 50.0 }, Coord { x: 400.0, y: 250.0 }).to_polygon();
        let placed = place(&f, vec![area_req("JAPAN", sliver.clone())], frame, &[], &[], &Drawn::default());
        assert_eq!(placed.len(), 1, "never dropped");
        let b = placed[0].boxes[0];
        assert!(b.x1 <= 381.0 && b.x1 > 340.0, "beside the coast, close to it: {b:?}");
    }

    #[test]
    fn an_area_name_with_no_room_on_its_own_side_is_set_where_it_comes_closest() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // A strip too narrow for its name, walled in by larger neighbouring areas on every
        // side (a stage of an advance between others): no spot beside it keeps to its own
        // side, yet its name is set close to it rather than dropped.
        let rect = |x0: f64, y0: f64, x1: f64, y1: f64| {
            geo::Rect::new(Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 }).to_polygon()
        };
        let strip = rect(195.0, 100.0, 205.0, 200.0);
        let walls = [
            rect(100.0, 100.0, 195.0, 200.0),
            rect(205.0, 100.0, 300.0, 200.0),
            rect(100.0, 20.0, 300.0, 100.0),
            rect(100.0, 200.0, 300.0, 280.0),
        ];
        let drawn = Drawn { fills: walls.into_iter().chain([strip.clone()]).map(ground).collect(), ..Drawn::default() };
        let placed = place(&f, vec![area_req("Jan 1932", strip)], frame, &[], &[], &drawn);
        assert_eq!(placed.len(), 1, "dropped");
        assert!(placed[0].boxes[0].distance_to(Coord { x: 200.0, y: 150.0 }) < 30.0, "{:?}", placed[0].boxes);
    }

    #[test]
    fn a_town_name_stays_out_of_a_smaller_neighbouring_state_but_may_cross_a_lake() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // A town by the border of a large state, with a neighbour a fifteenth its size
        // where its name would first go (right of it); then a lake there instead.
        let state = geo::Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 200.0, y: 300.0 }).to_polygon();
        let beyond = |side: f64| {
            geo::Rect::new(Coord { x: 200.0, y: 150.0 - side / 2.0 }, Coord { x: 200.0 + side, y: 150.0 + side / 2.0 })
                .to_polygon()
        };
        let centre =
            |p: &Placed| Coord { x: (p.boxes[0].x0 + p.boxes[0].x1) / 2.0, y: (p.boxes[0].y0 + p.boxes[0].y1) / 2.0 };
        for (side, crosses) in [(63.0, false), (12.0, true)] {
            let drawn = Drawn { fills: vec![ground(state.clone()), ground(beyond(side))], ..Drawn::default() };
            let placed = place(&f, vec![req("Town", 196.0, 150.0, 0.0)], frame, &[], &[], &drawn);
            let inside = geo::Contains::contains(&beyond(side), &geo::Point::from(centre(&placed[0])));
            assert_eq!(inside, crosses, "neighbour {side} pt: {:?}", placed[0].boxes);
        }
    }

    #[test]
    fn a_sea_name_keeps_off_the_land_around_its_point() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        // Land covers all but a strait 60 pt wide; the sea's point lies near its left shore.
        let west = geo::Rect::new(Coord { x: 0.0, y: 0.0 }, Coord { x: 170.0, y: 300.0 }).to_polygon();
        let east = geo::Rect::new(Coord { x: 230.0, y: 0.0 }, Coord { x: 400.0, y: 300.0 }).to_polygon();
        let sea = LabelRequest {
            placement: Placement::Area { x: 174.0, y: 150.0, room: frame, spots: vec![], outline: None },
            ..req("Strait", 0.0, 0.0, 0.0)
        };
        let drawn = Drawn { fills: vec![ground(west.clone()), ground(east.clone())], ..Drawn::default() };
        let placed = place(&f, vec![sea.clone()], frame, &[], &[], &drawn);
        assert_eq!(placed.len(), 1);
        let b = placed[0].boxes[0];
        assert!(b.x0 >= 165.0 && b.x1 <= 235.0, "inside the strait (letters may overhang a little): {b:?}");
        // Without the land it would have been centred on its point, over the west shore.
        let free = place(&f, vec![sea], frame, &[], &[], &Drawn::default());
        assert!(free[0].boxes[0].x0 < 165.0);
    }

    #[test]
    fn label_paths_round_their_corners_and_keep_their_ends() {
        let path = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)].map(Coord::from);
        let r = rounded(&path);
        assert_eq!((r[0], r[r.len() - 1]), (path[0], path[2]));
        assert!(!r.contains(&path[1]), "the corner is cut");
        assert!(r.iter().all(|c| (0.0..=10.0).contains(&c.x) && (0.0..=10.0).contains(&c.y)));
    }

    #[test]
    fn an_area_name_would_rather_keep_off_a_lake_but_is_never_dropped_for_one() {
        let f = fonts();
        let frame = Bbox::xywh(0.0, 0.0, 400.0, 300.0);
        let state = area_req("STATE", square(50.0, 0.0, 300.0));
        let lake = square(170.0, 130.0, 60.0);
        let placed = place(
            &f,
            vec![state.clone()],
            frame,
            &[],
            &[],
            &Drawn { fills: vec![ground(lake.clone())], ..Drawn::default() },
        );
        assert!(!geo::Intersects::intersects(&lake, &placed[0].boxes[0].to_rect()), "{:?}", placed[0].boxes);
        let sea = square(55.0, 5.0, 290.0);
        assert_eq!(
            place(&f, vec![state], frame, &[], &[], &Drawn { fills: vec![ground(sea)], ..Drawn::default() }).len(),
            1
        );
    }
}
