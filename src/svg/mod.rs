//! The SVG writer: the scene's only reader. One group per style layer and per piece of
//! furniture, Inkscape layer attributes, every text and attribute value XML-escaped.
//! The document's width and height are its physical size; the rasteriser's copy has pixels.

mod fonts;

use crate::error::Result;
use crate::layout::labels::LINE_HEIGHT;
use crate::scene::{
    Anchor, Arm, Color, Echelon, Fill, Item, PathItem, Scene, Stroke, SymbolItem, SymbolShape, TextItem,
};
use crate::text::Fonts;
use geo::Coord;
use quick_xml::escape::escape;
use std::fmt::Write;

/// Formats a coordinate with fixed precision (two decimals of a point), no trailing zeros.
fn n(v: f64) -> String {
    let mut s = String::new();
    push_n(&mut s, v);
    s
}

/// Appends `v` as [`n`] formats it, with integer arithmetic: path data is most of a dense
/// map's SVG, and float formatting was a tenth of the time to draw one.
fn push_n(out: &mut String, v: f64) {
    let hundredths = (v * 100.0).round() as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let a = hundredths.unsigned_abs();
    let _ = write!(out, "{}", a / 100);
    let (tenths, rest) = ((a % 100) / 10, a % 10);
    if tenths > 0 || rest > 0 {
        out.push('.');
        out.push(char::from(b'0' + tenths as u8));
        if rest > 0 {
            out.push(char::from(b'0' + rest as u8));
        }
    }
}

/// Collects the hatch patterns and arrow markers the scene uses, in first-use order.
#[derive(Default)]
struct Defs<'a> {
    /// The embedded fonts, if any: the `font-family` each text gets.
    fonts: Option<&'a fonts::Embedded>,
    hatches: Vec<Fill>,
    arrows: Vec<Color>,
    /// Path data of the lines that labels follow.
    text_paths: Vec<String>,
}

impl Defs<'_> {
    fn hatch_id(&mut self, f: &Fill) -> String {
        let i = self.hatches.iter().position(|h| h == f).unwrap_or_else(|| {
            self.hatches.push(f.clone());
            self.hatches.len() - 1
        });
        format!("hatch-{}", i + 1)
    }

    fn text_path_id(&mut self, d: String) -> String {
        self.text_paths.push(d);
        format!("label-path-{}", self.text_paths.len())
    }

    fn arrow_id(&mut self, c: Color) -> String {
        let i = self.arrows.iter().position(|a| *a == c).unwrap_or_else(|| {
            self.arrows.push(c);
            self.arrows.len() - 1
        });
        format!("arrow-{}", i + 1)
    }
}

/// Writes the scene as a standalone SVG document; the map's layers are clipped to its frame.
pub fn write(scene: &Scene) -> String {
    write_as(scene, false, None, None)
}

/// [`write`] with subsets of the fonts its text uses embedded as `@font-face` data, under
/// family names of their own, so that a browser without the fonts draws it as the PNG.
pub fn write_embedded(scene: &Scene, fonts: &Fonts) -> Result<String> {
    let embedded = fonts::embed(scene, fonts)?;
    Ok(write_as(scene, false, None, Some(&embedded)))
}

/// The same drawing for the rasteriser: when the page is opaque, the map's layers are not
/// clipped but masked by the page's own colour outside the frame, which looks the same and
/// rasterises in half the time (resvg draws a clipped group into a page-sized layer and a
/// page-sized mask).
pub fn write_for_raster(scene: &Scene) -> String {
    write_as(scene, true, None, None)
}

/// [`write_for_raster`] for a band of the page, `top` to `bottom` in points: paths,
/// symbols and panels that cannot touch it are left out (texts are kept), so each half of
/// a map rasterised on its own thread parses and strokes only what it shows.
pub fn write_band(scene: &Scene, top: f64, bottom: f64) -> String {
    write_as(scene, true, Some((top, bottom)), None)
}

/// Whether an item can draw anything between `top` and `bottom` (page points).
fn touches(item: &Item, (top, bottom): (f64, f64)) -> bool {
    let (y0, y1, pad) = match item {
        Item::Path(p) => {
            let ys = p.parts.iter().flatten().map(|c| c.y);
            let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
            // Half the stroke, miter joins and arrowheads reach beyond the points.
            let w = p.stroke.as_ref().map_or(0.0, |s| s.width);
            (y0, y1, 4.0 * w + if p.arrow { 6.0 * w } else { 0.0 })
        }
        Item::Symbol(s) => (s.y, s.y, 2.0 * s.radius + s.stroke.as_ref().map_or(0.0, |st| st.width)),
        Item::Rect { rect, stroke, .. } => (rect.y0, rect.y1, stroke.as_ref().map_or(0.0, |s| s.width)),
        // Glyphs reach well under 2 em above and below their baseline (or path); the
        // halo adds its width.
        Item::Text(t) => {
            let ys = t.path.iter().flatten().map(|c| c.y).chain(t.path.is_none().then_some(t.y));
            let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
            (y0, y1, 2.0 * t.size + t.halo.map_or(0.0, |(_, w)| w))
        }
    };
    y1 + pad + 2.0 >= top && y0 - pad - 2.0 <= bottom
}

/// The document, or the rasteriser's copy (`raster`: pixel size, the mask in place of the
/// clip on an opaque page), of the whole page or of a `band` of it, with `fonts` embedded.
fn write_as(scene: &Scene, raster: bool, band: Option<(f64, f64)>, fonts: Option<&fonts::Embedded>) -> String {
    // (A page of panels keeps its clips: one panel's mask would hide the panels before it.)
    let knockout = raster && scene.background.a == 255 && scene.frames.len() == 1;
    let mut defs = Defs { fonts, ..Defs::default() };
    let mut body = String::new();
    let _ = writeln!(
        body,
        r#"<rect id="background" x="0" y="0" width="{}" height="{}" fill="{}"/>"#,
        n(scene.width),
        n(scene.height),
        scene.background.hex()
    );
    // Consecutive layers of one map share one clipped group: one clip for the whole map
    // is far cheaper to rasterise than one per layer.
    let mut in_map: Option<usize> = None;
    for g in &scene.groups {
        if g.clip != in_map {
            if let Some(i) = in_map {
                body.push_str("</g>\n");
                if knockout {
                    write_knockout(&mut body, scene, i);
                }
            }
            if let Some(i) = g.clip {
                let _ = match knockout {
                    false => writeln!(
                        body,
                        "<g id=\"{}\" clip-path=\"url(#{})\">",
                        numbered("map", i),
                        numbered("map-clip", i)
                    ),
                    true => writeln!(body, "<g id=\"{}\">", numbered("map", i)),
                };
            }
            in_map = g.clip;
        }
        let _ = writeln!(
            body,
            r#"<g id="{}" inkscape:groupmode="layer" inkscape:label="{}">"#,
            escape(g.id.as_str()),
            escape(g.label.as_str())
        );
        for item in g.items.iter().filter(|i| band.is_none_or(|b| touches(i, b))) {
            write_item(&mut body, item, &mut defs);
        }
        body.push_str("</g>\n");
    }
    if let Some(i) = in_map {
        body.push_str("</g>\n");
        if knockout {
            write_knockout(&mut body, scene, i);
        }
    }
    let size = if raster { &scene.raster_size } else { &scene.svg_size };
    let mut out = String::with_capacity(body.len() + fonts.map_or(0, |f| f.style.len()) + 2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="{}" height="{}" viewBox="0 0 {} {}">"#,
        size.0,
        size.1,
        n(scene.width),
        n(scene.height)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(scene.title.as_str()));
    out.push_str("<defs>\n");
    if let Some(f) = fonts {
        out.push_str(&f.style);
    }
    for (i, m) in scene.frames.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<clipPath id="{}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
            numbered("map-clip", i),
            n(m.x0),
            n(m.y0),
            n(m.width()),
            n(m.height())
        );
    }
    for (i, h) in defs.hatches.iter().enumerate() {
        write_hatch(&mut out, i + 1, h);
    }
    for (i, d) in defs.text_paths.iter().enumerate() {
        let _ = writeln!(out, r#"<path id="label-path-{}" d="{d}"/>"#, i + 1);
    }
    for (i, c) in defs.arrows.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<marker id="arrow-{}" viewBox="0 0 10 10" refX="3" refY="5" markerWidth="3.2" markerHeight="3.2" markerUnits="strokeWidth" orient="auto"><path d="M0,0 L10,5 L0,10 L2.5,5 Z" fill="{}"{}/></marker>"#,
            i + 1,
            c.hex(),
            opacity_attr("fill-opacity", *c)
        );
    }
    out.push_str("</defs>\n");
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// The page outside the map's frame, in the page's colour: it hides whatever of the map
/// reaches past the frame.
fn write_knockout(out: &mut String, scene: &Scene, frame: usize) {
    let m = scene.frames[frame];
    let _ = writeln!(
        out,
        r#"<path id="{}" d="M0 0H{pw}V{ph}H0Z M{x} {y}V{y1}H{x1}V{y}Z" fill="{}" fill-rule="evenodd"/>"#,
        numbered("map-mask", frame),
        scene.background.hex(),
        pw = n(scene.width),
        ph = n(scene.height),
        x = n(m.x0),
        y = n(m.y0),
        x1 = n(m.x1),
        y1 = n(m.y1),
    );
}

/// The id of the `i`th of a kind of element: `map` for the first map, `map-2` for the
/// second panel's.
fn numbered(kind: &str, i: usize) -> String {
    match i {
        0 => kind.to_string(),
        _ => format!("{kind}-{}", i + 1),
    }
}

fn write_hatch(out: &mut String, id: usize, h: &Fill) {
    let Fill::Hatch { color, background, angle, spacing, width, cross } = h else { return };
    let s = n(*spacing);
    let _ = write!(
        out,
        r#"<pattern id="hatch-{id}" patternUnits="userSpaceOnUse" width="{s}" height="{s}" patternTransform="rotate({})">"#,
        n(-angle)
    );
    if let Some(bg) = background {
        let _ = write!(
            out,
            r#"<rect x="0" y="0" width="{s}" height="{s}" fill="{}"{}/>"#,
            bg.hex(),
            opacity_attr("fill-opacity", *bg)
        );
    }
    let stroke =
        format!(r#" stroke="{}" stroke-width="{}"{}"#, color.hex(), n(*width), opacity_attr("stroke-opacity", *color));
    let _ = write!(
        out,
        r#"<line x1="0" y1="0" x2="{s}" y2="0"{stroke}/><line x1="0" y1="{s}" x2="{s}" y2="{s}"{stroke}/>"#
    );
    if *cross {
        let _ = write!(
            out,
            r#"<line x1="0" y1="0" x2="0" y2="{s}"{stroke}/><line x1="{s}" y1="0" x2="{s}" y2="{s}"{stroke}/>"#
        );
    }
    out.push_str("</pattern>\n");
}

fn opacity_attr(name: &str, c: Color) -> String {
    if c.a == 255 {
        String::new()
    } else {
        format!(r#" {name}="{}""#, n(c.opacity()))
    }
}

fn fill_attrs(fill: Option<&Fill>, defs: &mut Defs) -> String {
    match fill {
        None => r#" fill="none""#.into(),
        Some(Fill::Solid(c)) => format!(r#" fill="{}"{}"#, c.hex(), opacity_attr("fill-opacity", *c)),
        Some(h @ Fill::Hatch { .. }) => format!(r#" fill="url(#{})""#, defs.hatch_id(h)),
    }
}

fn stroke_attrs(s: Option<&Stroke>) -> String {
    let Some(s) = s else { return String::new() };
    let mut a = format!(
        r#" stroke="{}" stroke-width="{}" stroke-linecap="{}" stroke-linejoin="{}"{}"#,
        s.color.hex(),
        n(s.width),
        s.cap.svg(),
        s.join.svg(),
        opacity_attr("stroke-opacity", s.color)
    );
    if !s.dash.is_empty() {
        let d: Vec<String> = s.dash.iter().map(|v| n(*v)).collect();
        let _ = write!(a, r#" stroke-dasharray="{}""#, d.join(" "));
    }
    a
}

/// Page points from (x, y) pairs, for the symbols' fixed shapes.
fn pts<const N: usize>(xy: [(f64, f64); N]) -> Vec<Coord<f64>> {
    xy.map(Coord::from).to_vec()
}

fn path_data(parts: &[Vec<Coord<f64>>], closed: bool) -> String {
    let mut d = String::new();
    for part in parts {
        for (i, c) in part.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            push_n(&mut d, c.x);
            d.push(' ');
            push_n(&mut d, c.y);
        }
        if closed {
            d.push('Z');
        }
    }
    d
}

fn write_item(out: &mut String, item: &Item, defs: &mut Defs) {
    match item {
        Item::Path(p) => write_path(out, p, defs),
        Item::Symbol(s) => write_symbol(out, s),
        Item::Text(t) => write_text(out, t, defs),
        Item::Rect { rect, fill, stroke } => {
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}"{}{}/>"#,
                n(rect.x0),
                n(rect.y0),
                n(rect.width()),
                n(rect.height()),
                fill_attrs(Some(&Fill::Solid(*fill)), defs),
                stroke_attrs(stroke.as_ref())
            );
        }
    }
}

fn write_path(out: &mut String, p: &PathItem, defs: &mut Defs) {
    let marker = match (&p.stroke, p.arrow) {
        (Some(s), true) => format!(r#" marker-end="url(#{})""#, defs.arrow_id(s.color)),
        _ => String::new(),
    };
    let rule = if p.closed { r#" fill-rule="evenodd""# } else { "" };
    let fill = if p.closed { fill_attrs(p.fill.as_ref(), defs) } else { r#" fill="none""#.into() };
    let _ = writeln!(
        out,
        r#"<path d="{}"{fill}{rule}{}{marker}/>"#,
        path_data(&p.parts, p.closed),
        stroke_attrs(p.stroke.as_ref())
    );
}

fn write_symbol(out: &mut String, s: &SymbolItem) {
    let (x, y, r) = (s.x, s.y, s.radius);
    let fill = format!(r#" fill="{}"{}"#, s.fill.hex(), opacity_attr("fill-opacity", s.fill));
    let stroke = stroke_attrs(s.stroke.as_ref());
    let _ = match s.shape {
        SymbolShape::Dot => writeln!(out, r#"<circle cx="{}" cy="{}" r="{}"{fill}{stroke}/>"#, n(x), n(y), n(r)),
        SymbolShape::Square => writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{fill}{stroke}/>"#,
            n(x - r),
            n(y - r),
            n(2.0 * r),
            n(2.0 * r)
        ),
        SymbolShape::Star => {
            let star: Vec<Coord<f64>> = (0..10)
                .map(|i| {
                    let a = std::f64::consts::PI * (i as f64 / 5.0 - 0.5);
                    let rr = if i % 2 == 0 { r * 1.25 } else { r * 0.5 };
                    Coord { x: x + rr * a.cos(), y: y + rr * a.sin() }
                })
                .collect();
            writeln!(out, r#"<path d="{}"{fill}{stroke}/>"#, path_data(&[star], true))
        }
        SymbolShape::Triangle => {
            // Pointing down, its area about a dot's of the same radius.
            let k = r * 1.35;
            let tri = pts([(x - k, y - k * 0.6), (x + k, y - k * 0.6), (x, y + k * 1.05)]);
            writeln!(out, r#"<path d="{}"{fill}{stroke}/>"#, path_data(&[tri], true))
        }
        SymbolShape::Swords => {
            // Two blades crossing, each with a short guard near its hilt.
            let k = r * 1.2;
            let w = (r * 0.45).max(0.8);
            let blades =
                path_data(&[pts([(x - k, y + k), (x + k, y - k)]), pts([(x + k, y + k), (x - k, y - k)])], false);
            let g = r * 0.45;
            let guards = path_data(
                &[
                    pts([(x - k + g * 0.2, y + k - g * 1.6), (x - k + g * 1.6, y + k - g * 0.2)]),
                    pts([(x + k - g * 0.2, y + k - g * 1.6), (x + k - g * 1.6, y + k - g * 0.2)]),
                ],
                false,
            );
            let halo = s.stroke.as_ref().map_or(Color::rgb(255, 255, 255), |st| st.color);
            writeln!(
                out,
                r#"<path d="{blades}{guards}" fill="none" stroke="{}" stroke-width="{}" stroke-linecap="round"/><path d="{blades}{guards}" fill="none" stroke="{}" stroke-width="{}" stroke-linecap="round"{}/>"#,
                halo.hex(),
                n(w + 1.2),
                s.fill.hex(),
                n(w),
                opacity_attr("stroke-opacity", s.fill)
            )
        }
        SymbolShape::Flag => {
            let staff = path_data(&[pts([(x - r * 0.6, y + r * 1.2), (x - r * 0.6, y - r * 1.4)])], false);
            let pennant = path_data(
                &[pts([(x - r * 0.6, y - r * 1.4), (x + r * 1.4, y - r * 0.8), (x - r * 0.6, y - r * 0.2)])],
                true,
            );
            writeln!(
                out,
                r#"<path d="{staff}" fill="none" stroke="{}" stroke-width="{}"/><path d="{pennant}"{fill}{stroke}/>"#,
                s.fill.hex(),
                n((r * 0.3).max(0.6))
            )
        }
        SymbolShape::Unit(arm, echelon) => write_unit(out, s, arm, echelon, &fill),
    };
}

/// A unit symbol: a frame 3 radii wide and 2 high in the fill colour, outlined and signed
/// in the stroke's colour (the ink when it has none), its size's marks above it.
fn write_unit(out: &mut String, s: &SymbolItem, arm: Arm, echelon: Echelon, fill: &str) -> std::fmt::Result {
    let (x, y, r) = (s.x, s.y, s.radius);
    let (w, h) = (1.5 * r, r);
    let ink = s.stroke.as_ref().map_or(Color::rgb(30, 30, 30), |st| st.color);
    let lw = s.stroke.as_ref().map_or(0.8, |st| st.width);
    let sign_w = n((lw * 0.8).max(0.5));
    let mut sign: Vec<Vec<Coord<f64>>> = Vec::new();
    let (l, t, rt, b) = (x - w, y - h, x + w, y + h);
    match arm {
        Arm::Infantry | Arm::Motorised => {
            sign.push(pts([(l, t), (rt, b)]));
            sign.push(pts([(l, b), (rt, t)]));
            if arm == Arm::Motorised {
                sign.push(pts([(x, t), (x, b)]));
            }
        }
        Arm::Cavalry => sign.push(pts([(l, b), (rt, t)])),
        Arm::Armour | Arm::Artillery => {}
    }
    writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}"{fill} stroke="{}" stroke-width="{}"/>"#,
        n(l),
        n(t),
        n(2.0 * w),
        n(2.0 * h),
        ink.hex(),
        n(lw)
    )?;
    let stroke = format!(r#" fill="none" stroke="{}" stroke-width="{sign_w}""#, ink.hex());
    if !sign.is_empty() {
        writeln!(out, r#"<path d="{}"{stroke}/>"#, path_data(&sign, false))?;
    }
    match arm {
        Arm::Armour => {
            let (rx, ry) = (w * 0.62, h * 0.48);
            writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"{stroke}/>"#,
                n(x - rx),
                n(y - ry),
                n(2.0 * rx),
                n(2.0 * ry),
                n(ry)
            )?;
        }
        Arm::Artillery => {
            writeln!(out, r#"<circle cx="{}" cy="{}" r="{}" fill="{}"/>"#, n(x), n(y), n(h * 0.35), ink.hex())?;
        }
        _ => {}
    }
    let (count, crosses) = echelon.marks();
    if count == 0 {
        return Ok(());
    }
    // Marks 0.7 radii high, just above the frame, centred.
    let mh = 0.7 * r;
    let (mw, gap) = if crosses { (0.6 * r, 0.2 * r) } else { (0.0, 0.4 * r) };
    let step = mw + gap;
    let total = (count - 1) as f64 * step + mw;
    let (y1, y0) = (t - 0.25 * r, t - 0.25 * r - mh);
    let mut marks = Vec::new();
    for i in 0..count {
        let x0 = x - total / 2.0 + i as f64 * step;
        if crosses {
            marks.push(pts([(x0, y0), (x0 + mw, y1)]));
            marks.push(pts([(x0, y1), (x0 + mw, y0)]));
        } else {
            marks.push(pts([(x0, y0), (x0, y1)]));
        }
    }
    writeln!(out, r#"<path d="{}"{stroke}/>"#, path_data(&marks, false))
}

fn write_text(out: &mut String, t: &TextItem, defs: &mut Defs) {
    let anchor = match t.anchor {
        Anchor::Start => "",
        Anchor::Middle => r#" text-anchor="middle""#,
        Anchor::End => r#" text-anchor="end""#,
    };
    let weight = if t.font.bold { r#" font-weight="bold""# } else { "" };
    let style = if t.font.italic { r#" font-style="italic""# } else { "" };
    let spacing =
        if t.letter_spacing != 0.0 { format!(r#" letter-spacing="{}""#, n(t.letter_spacing)) } else { String::new() };
    let halo = match t.halo {
        Some((c, w)) if w > 0.0 => format!(
            r#" stroke="{}" stroke-width="{}" stroke-linejoin="round"{} paint-order="stroke""#,
            c.hex(),
            n(2.0 * w),
            opacity_attr("stroke-opacity", c)
        ),
        _ => String::new(),
    };
    let body = if let Some(path) = &t.path {
        // A label along a line follows it as a textPath, centred on the stretch.
        let id = defs.text_path_id(path_data(std::slice::from_ref(path), false));
        format!(r##"<textPath xlink:href="#{id}" startOffset="50%">{}</textPath>"##, escape(t.text.as_str()))
    } else if t.text.contains('\n') {
        // Lines of one label stay in one text element, as tspans.
        let dy = n(LINE_HEIGHT * t.size);
        t.text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                format!(
                    r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                    n(t.x),
                    if i == 0 { "0" } else { dy.as_str() },
                    escape(l)
                )
            })
            .collect::<String>()
    } else {
        escape(t.text.as_str()).into_owned()
    };
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" font-family="{}" font-size="{}"{weight}{style} fill="{}"{}{anchor}{spacing}{halo}>{body}</text>"#,
        n(t.x),
        n(t.y),
        escape(defs.fonts.and_then(|f| f.family(&t.font)).unwrap_or(&t.font.family)),
        n(t.size),
        t.color.hex(),
        opacity_attr("fill-opacity", t.color),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Bbox;
    use crate::scene::{Font, Group};

    fn scene(items: Vec<Item>) -> Scene {
        Scene {
            width: 100.0,
            height: 80.0,
            svg_size: ("30mm".into(), "24mm".into()),
            raster_size: ("300".into(), "240".into()),
            frames: vec![Bbox::xywh(0.0, 0.0, 100.0, 80.0)],
            background: Color::rgb(200, 220, 240),
            groups: vec![Group { id: "cities".into(), label: "cities".into(), clip: Some(0), items }],
            title: "A & B".into(),
            label_boxes: vec![],
            sources: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn text_and_ids_are_escaped() {
        let t = TextItem {
            x: 1.0,
            y: 2.0,
            text: "<script>alert(\"x\")</script> & Co".into(),
            font: Font { family: "Noto Sans".into(), bold: false, italic: false },
            size: 8.0,
            color: Color::rgb(0, 0, 0),
            halo: None,
            anchor: Anchor::Start,
            letter_spacing: 0.0,
            path: None,
        };
        let svg = write(&scene(vec![Item::Text(t)]));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("<title>A &amp; B</title>"));
        assert!(roxmltree_parses(&svg));
    }

    #[test]
    fn coordinates_have_fixed_precision() {
        assert_eq!(n(1.23456), "1.23");
        assert_eq!(n(2.0), "2");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(10.5), "10.5");
        assert_eq!(n(-12.304), "-12.3");
        assert_eq!(n(0.999), "1");
        assert_eq!(n(-1.05), "-1.05");
        assert_eq!(n(1234.07), "1234.07");
    }

    #[test]
    fn a_unit_is_a_frame_with_its_arms_sign_and_its_sizes_marks() {
        let unit = |arm, echelon| {
            let mut out = String::new();
            let s = SymbolItem {
                x: 50.0,
                y: 40.0,
                shape: SymbolShape::Unit(arm, echelon),
                radius: 4.0,
                fill: Color::rgb(245, 205, 201),
                stroke: Some(Stroke::plain(Color::rgb(179, 38, 30), 0.9)),
            };
            write_symbol(&mut out, &s);
            out
        };
        // A division of infantry: a 12 × 8 frame, its two diagonals, two crosses above.
        let div = unit(Arm::Infantry, Echelon::Division);
        assert!(
            div.contains(r##"<rect x="44" y="36" width="12" height="8" fill="#f5cdc9" stroke="#b3261e""##),
            "{div}"
        );
        assert_eq!(div.matches("<path").count(), 2, "the sign, and the marks");
        assert_eq!(div.matches('M').count(), 2 + 4, "two diagonals; two crosses of two strokes");
        // Armour: a track, no diagonals; no size, no marks.
        let tanks = unit(Arm::Armour, Echelon::None);
        assert!(tanks.contains(" rx=") && !tanks.contains("<path"), "{tanks}");
        // A regiment: three bars.
        let regt = unit(Arm::Cavalry, Echelon::Regiment);
        assert_eq!(regt.matches('M').count(), 1 + 3, "{regt}");
    }

    #[test]
    fn groups_are_inkscape_layers() {
        let svg = write(&scene(vec![]));
        let map = svg.find(r#"<g id="map" clip-path="url(#map-clip)">"#).expect("one clipped map group");
        let layer = svg.find(r#"<g id="cities" inkscape:groupmode="layer" inkscape:label="cities">"#).expect("layer");
        assert!(map < layer);
    }

    fn roxmltree_parses(s: &str) -> bool {
        resvg::usvg::roxmltree::Document::parse(s).is_ok()
    }
}
