//! Layout on the real atlas: labels never overlap each other or the furniture, the scale
//! bar tells the truth, the legend lists exactly what is drawn, and every map has its furniture.

use geo::{Coord, Distance, Geodesic, Point};
use histmap::atlas::Atlas;
use histmap::compose::compose;
use histmap::geometry::Bbox;
use histmap::lang::Lang;
use histmap::layout::graticule::MAX_ZOOM;
use histmap::project::{Frame, Projection};
use histmap::scene::{Item, Scene};
use histmap::size::Size;
use histmap::story::{Compare, Phase};
use std::collections::BTreeSet;
use std::path::Path;

mod common;

fn atlas(style: &str) -> Atlas {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Atlas::load(&root.join("geodata/story.toml"), &root.join(style), None).unwrap()
}

/// Every map of the style's story: each panel of a series as a map of its own.
fn scenes(style: &str) -> Vec<(String, Scene)> {
    let a = atlas(style);
    a.story
        .phases
        .iter()
        .flat_map(|p| {
            let scene = compose(&a, p, Lang::En, Size::pixels(2400, 1800, None).unwrap()).unwrap();
            scene.panels().into_iter().enumerate().map(|(i, v)| (format!("{} panel {}", p.id, i + 1), v))
        })
        .collect()
}

/// The phase a view of `p`'s scene draws: its `i`th panel, or the phase itself.
fn drawn_phase(p: &Phase, i: usize) -> Phase {
    if p.panels.is_empty() {
        p.clone()
    } else {
        p.panel(i, Lang::En)
    }
}

fn intersects(a: &Bbox, b: &Bbox) -> bool {
    a.intersects(b)
}

/// The panel rectangle of a furniture group (its first item).
fn panel(scene: &Scene, id: &str) -> Option<Bbox> {
    match scene.group(id)?.items.first()? {
        Item::Rect { rect, .. } => Some(*rect),
        _ => None,
    }
}

#[test]
fn no_label_overlaps_another_label_or_the_furniture_in_any_phase_or_style() {
    for style in ["styles/default.toml", "styles/print.toml"] {
        for (id, scene) in scenes(style) {
            let boxes = &scene.label_boxes;
            assert!(boxes.len() > 10, "{id}: only {} label boxes", boxes.len());
            let map = scene.map_rect();
            let furniture: Vec<Bbox> =
                ["legend", "scale-bar", "north-arrow", "inset"].iter().filter_map(|g| panel(&scene, g)).collect();
            for (i, f) in furniture.iter().enumerate() {
                assert!(furniture[i + 1..].iter().all(|g| !intersects(f, g)), "{id}: furniture overlaps furniture");
            }
            for (i, (la, a)) in boxes.iter().enumerate() {
                assert!(map.contains(a), "{id}: label box {a:?} leaves the frame");
                for f in &furniture {
                    assert!(!intersects(a, f), "{id}: a label lies under the furniture at {f:?}");
                }
                for (lb, b) in &boxes[i + 1..] {
                    assert!(la == lb || !intersects(a, b), "{id} ({style}): labels {la} and {lb} overlap");
                }
            }
        }
    }
}

#[test]
fn the_scale_bar_is_true_at_the_map_centre_within_one_percent() {
    let a = atlas("styles/default.toml");
    for p in &a.story.phases {
        let whole = compose(&a, p, Lang::En, Size::pixels(2400, 1800, None).unwrap()).unwrap();
        // The panels of a series share their scale, and the one scale bar.
        let scene = whole.panels().into_iter().find(|v| v.group("scale-bar").is_some()).unwrap();
        let g = scene.group("scale-bar").unwrap();
        let bar: f64 = g
            .items
            .iter()
            .skip(1)
            .filter_map(|i| if let Item::Rect { rect, .. } = i { Some(rect.width()) } else { None })
            .sum();
        let km: f64 = g
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text(t) if t.text.ends_with(" km") => t.text.trim_end_matches(" km").parse().ok(),
                _ => None,
            })
            .unwrap();
        // Rebuild the map's frame and measure the bar's length on the ground at its centre.
        let rect = scene.map_rect().to_rect();
        let frame = Frame::fit(Projection::new(&p.projection).unwrap(), p.extent, rect).unwrap();
        let c = rect.center();
        let west = frame.to_lonlat(Coord { x: c.x - bar / 2.0, y: c.y }).unwrap();
        let east = frame.to_lonlat(Coord { x: c.x + bar / 2.0, y: c.y }).unwrap();
        let ground = Geodesic.distance(Point::new(west.0, west.1), Point::new(east.0, east.1)) / 1000.0;
        assert!((ground - km).abs() / km < 0.01, "{}: bar says {km} km, ground {ground:.2} km", p.id);
        // And it is a round length.
        let mantissa = km / 10f64.powf(km.log10().floor());
        assert!([1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-9), "{km}");
    }
}

#[test]
fn the_legend_lists_exactly_the_layers_drawn() {
    let a = atlas("styles/default.toml");
    for p in &a.story.phases {
        let scene = compose(&a, p, Lang::En, Size::pixels(2400, 1800, None).unwrap()).unwrap();
        let listed: BTreeSet<String> = scene
            .group("legend")
            .unwrap()
            .items
            .iter()
            .filter_map(|i| if let Item::Text(t) = i { Some(t.text.replace('\n', " ")) } else { None })
            .filter(|t| t != "Legend")
            .collect();
        // The texts each layer drawn (in any panel) can show: one, or one per case.
        let mut drawn: Vec<Vec<String>> = Vec::new();
        for (i, view) in scene.panels().iter().enumerate() {
            let phase = drawn_phase(p, i);
            let since = Compare::since(phase.compare.as_ref(), Lang::En);
            let layers = a.style_for(p).layers.iter();
            let drawing = layers
                .filter(|l| view.group(&l.id).is_some_and(|g| g.items.iter().any(|i| !matches!(i, Item::Text(_)))));
            drawn.extend(drawing.map(|l| l.legend_texts(Lang::En, &since)).filter(|t| !t.is_empty()));
        }
        for t in &listed {
            assert!(drawn.iter().any(|d| d.contains(t)), "{}: '{t}' is listed but not drawn", p.id);
        }
        for d in &drawn {
            assert!(d.iter().any(|t| listed.contains(t)), "{}: {d:?} is drawn but not listed", p.id);
        }
        assert!(!listed.is_empty());
    }
}

/// Every map of `a`'s story has its furniture; returns the close-ups' ids. A map is a
/// close-up when its zoom is past the graticule's (it gets a north arrow instead), and has
/// a locator inset when its phase asks for one.
fn check_furniture(a: &Atlas) -> Vec<String> {
    let mut close_ups = Vec::new();
    for p in &a.story.phases {
        let id = &p.id;
        let whole = compose(a, p, Lang::En, Size::pixels(2400, 1800, None).unwrap()).unwrap();
        let views = whole.panels();
        let frame =
            Frame::fit(Projection::new(&p.projection).unwrap(), p.extent, views[0].map_rect().to_rect()).unwrap();
        let close_up = frame.zoom() >= MAX_ZOOM;
        // Regional maps have a graticule; the close-ups a north arrow instead.
        let orientation: &[&str] = if close_up { &["north-arrow"] } else { &["graticule", "graticule-labels"] };
        // Each panel of a series has its frame; the furniture they share is there once.
        for scene in &views {
            let group = scene.group("frame").unwrap_or_else(|| panic!("{id}: no frame"));
            assert!(!group.items.is_empty(), "{id}: frame is empty");
        }
        for g in ["title", "legend", "scale-bar", "caption", "credits"].iter().chain(orientation) {
            let group = views.iter().find_map(|v| v.group(g)).unwrap_or_else(|| panic!("{id}: no {g}"));
            assert!(!group.items.is_empty(), "{id}: {g} is empty");
        }
        let north = views.iter().any(|v| v.group("north-arrow").is_some());
        assert_eq!(north, close_up, "{id}: a north arrow only without a graticule");
        let insets = views.iter().filter(|v| v.group("inset").is_some()).count();
        assert_eq!(insets > 0, p.inset.is_some(), "{id}: an inset when the phase asks for one");
        let credits: String = whole
            .group("credits")
            .unwrap()
            .items
            .iter()
            .filter_map(|i| if let Item::Text(t) = i { Some(t.text.clone()) } else { None })
            .collect();
        assert!(credits.contains("Natural Earth") && credits.contains("GSHHG"), "{id}: {credits}");
        if close_up {
            close_ups.push(id.clone());
        }
    }
    close_ups
}

#[test]
fn every_map_has_its_furniture() {
    // The shipped story's two battle close-ups are close-ups, and only they.
    assert_eq!(check_furniture(&atlas("styles/default.toml")), ["1938-khasan", "1939-khalkhin-gol"]);
}

#[test]
fn a_phase_added_to_the_story_gets_its_furniture_too() {
    let dir = tempfile::tempdir().unwrap();
    let story = common::story_with_added_phase(dir.path());
    let a = Atlas::load(&story, &Path::new(env!("CARGO_MANIFEST_DIR")).join("styles/default.toml"), None).unwrap();
    assert_eq!(a.story.phases.last().unwrap().id, common::ADDED);
    assert_eq!(check_furniture(&a), ["1938-khasan", "1939-khalkhin-gol"]);
}

#[test]
fn each_half_of_a_map_keeps_everything_that_shows_in_it() {
    // A single map is rasterised in two halves, each from an SVG holding only what can
    // show in it: within its rows, each must draw exactly what the whole page draws.
    use histmap::encode::{rasterise, tree};
    use histmap::svg::{write_band, write_for_raster};
    let a = atlas("styles/default.toml");
    let size = Size::pixels(1200, 900, None).unwrap();
    for p in &a.story.phases {
        let scene = compose(&a, p, Lang::En, size).unwrap();
        let draw = |svg: &str| rasterise(&tree(svg, &a.fonts, size.dpi).unwrap()).unwrap();
        let whole = draw(&write_for_raster(&scene));
        let row = whole.width as usize * 4;
        let split = (whole.height / 2) as usize * row;
        let mid = scene.height / 2.0;
        let top = draw(&write_band(&scene, 0.0, mid + 2.0));
        let bottom = draw(&write_band(&scene, mid - 2.0, scene.height));
        assert!(top.rgba[..split] == whole.rgba[..split], "{}: the top half lost something", p.id);
        assert!(bottom.rgba[split..] == whole.rgba[split..], "{}: the bottom half lost something", p.id);
        let kept = |svg: String| svg.matches("<path").count();
        assert!(
            kept(write_band(&scene, 0.0, mid + 2.0)) < kept(write_for_raster(&scene)),
            "{}: the top half's SVG should leave something out",
            p.id
        );
    }
}

#[test]
fn the_legend_and_the_scale_bar_cover_no_point_symbol_in_any_phase_or_style() {
    for style in ["styles/default.toml", "styles/print.toml"] {
        for (id, scene) in scenes(style) {
            let symbols: Vec<Coord<f64>> = scene
                .groups
                .iter()
                .filter(|g| g.clip.is_some())
                .flat_map(|g| g.items.iter())
                .filter_map(|i| if let Item::Symbol(s) = i { Some(Coord { x: s.x, y: s.y }) } else { None })
                .filter(|&p| scene.map_rect().holds(p))
                .collect();
            assert!(!symbols.is_empty(), "{id}: no symbols");
            for furniture in ["legend", "scale-bar", "north-arrow"] {
                let Some(b) = panel(&scene, furniture) else { continue };
                let hidden: Vec<_> = symbols.iter().filter(|&&p| b.holds(p)).collect();
                assert!(hidden.is_empty(), "{id} ({style}): the {furniture} covers symbols at {hidden:?}");
            }
        }
    }
}

#[test]
fn graticule_labels_name_the_meridian_or_parallel_they_stand_on() {
    let a = atlas("styles/default.toml");
    for p in &a.story.phases {
        let scene = compose(&a, p, Lang::En, Size::pixels(2400, 1800, None).unwrap()).unwrap();
        let Some(g) = scene.group("graticule-labels") else { continue };
        let rect = scene.map_rect().to_rect();
        let frame = Frame::fit(Projection::new(&p.projection).unwrap(), p.extent, rect).unwrap();
        let mut seen = 0;
        for t in g.items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None }) {
            let value: f64 = t.text.trim_end_matches(['E', 'N', 'W', 'S']).trim_end_matches('°').parse().unwrap();
            // A meridian's label stands 3 pt above where it meets the bottom edge; a
            // parallel's 3 pt right of, and 2 pt above, where it meets the left edge.
            let (lon, lat) = if t.text.ends_with('E') {
                frame.to_lonlat(Coord { x: t.x, y: rect.max().y }).unwrap()
            } else {
                frame.to_lonlat(Coord { x: rect.min().x, y: t.y + 2.0 }).unwrap()
            };
            let actual = if t.text.ends_with('E') { lon } else { lat };
            assert!((actual - value).abs() < 0.05, "{}: {} stands at {actual:.3}", p.id, t.text);
            seen += 1;
        }
        assert!(seen >= 4, "{}: only {seen} graticule labels", p.id);
    }
}

/// Every map of the story, in both styles and both languages, at the default size.
fn every_map(mut check: impl FnMut(&str, Lang, &Atlas, &Phase, &Scene)) {
    for style in ["styles/default.toml", "styles/print.toml"] {
        let a = atlas(style);
        for lang in [Lang::En, Lang::Ru] {
            for p in &a.story.phases {
                let scene = compose(&a, p, lang, Size::pixels(2400, 1800, None).unwrap()).unwrap();
                check(style, lang, &a, p, &scene);
            }
        }
    }
}

/// The furniture's groups: everything else a scene sets is on the map.
const FURNITURE: [&str; 8] =
    ["legend", "inset", "scale-bar", "north-arrow", "title", "caption", "credits", "graticule-labels"];

/// A feature's name in `lang`, lower-cased for comparison with the texts on the map.
fn name_in(f: &histmap::data::Feature, lang: Lang) -> String {
    lang.property_keys("name").iter().find_map(|k| f.text(k)).unwrap().to_lowercase()
}

/// The credits cite works, not features: at most two lines on every map at the default
/// size, in both styles and both languages, each work named once.
#[test]
fn the_credits_fit_two_lines_and_name_each_work_once() {
    every_map(|style, lang, a, p, scene| {
        let lines: Vec<String> = scene
            .group("credits")
            .map(|g| {
                g.items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t.text.clone()) } else { None }).collect()
            })
            .unwrap_or_default();
        assert!((1..=2).contains(&lines.len()), "{style} {lang:?} {}: {} credit lines: {lines:?}", p.id, lines.len());
        let text = lines.join(" ");
        for w in a.story.works.0.values() {
            let cite = if lang == Lang::Ru { w.cite_ru.as_ref().unwrap_or(&w.cite) } else { &w.cite };
            assert!(text.matches(cite.as_str()).count() <= 1, "{} names '{cite}' twice", p.id);
        }
        assert!(!text.contains("SOURCES.md") && !text.contains("via npm"), "{}: notes, not works: {text}", p.id);
    });
}

/// The texts a scene sets on the map (not in its furniture), lower-cased and on one line,
/// each with a small box at its anchor.
fn map_texts(scene: &Scene) -> Vec<(String, Bbox)> {
    let on_map = scene.groups.iter().filter(|g| !FURNITURE.contains(&g.id.as_str()));
    on_map
        .flat_map(|g| g.items.iter())
        .filter_map(|i| match i {
            Item::Text(t) => {
                Some((t.text.replace('\n', " ").to_lowercase(), Bbox::xywh(t.x - 1.0, t.y - 1.0, 2.0, 2.0)))
            }
            _ => None,
        })
        .collect()
}

/// Every place a phase's `show` lists is drawn and named on its map, in every panel of a
/// series whose dates it exists on, in both styles and both languages, and no furniture
/// panel covers its name.
#[test]
fn every_place_a_phase_must_show_is_named_and_clear_of_the_furniture() {
    every_map(|style, lang, a, p, whole| {
        assert!(!p.show.is_empty(), "{}: the story lists what its map must show", p.id);
        let furniture: Vec<Bbox> = ["legend", "inset", "scale-bar"].iter().filter_map(|id| panel(whole, id)).collect();
        for (i, scene) in whole.panels().iter().enumerate() {
            let dates = if p.panels.is_empty() { p.dates } else { p.panel(i, lang).dates };
            let texts = map_texts(scene);
            for id in &p.show {
                let of = |span: &histmap::date::DateSpan| {
                    a.layers
                        .values()
                        .flat_map(|l| l.features.iter())
                        .find(|f| f.text("id").as_ref() == Some(id) && f.exists_during(span))
                };
                assert!(of(&p.dates).is_some(), "{}: no feature '{id}' on its dates", p.id);
                let Some(f) = of(&dates) else { continue };
                let name = name_in(f, lang);
                let named = texts.iter().find(|(t, _)| t == &name || t.starts_with(&format!("{name} ")));
                let Some((_, at)) = named else {
                    panic!("{style} {lang:?} {} panel {}: '{id}' ({name}) is not named on the map", p.id, i + 1);
                };
                assert!(!furniture.iter().any(|b| b.intersects(at)), "{style} {}: furniture covers '{name}'", p.id);
            }
        }
    });
}

/// Every state that covers more than 3 % of a map's frame is named on it, in both styles
/// and both languages: names shrink or move before they are dropped.
#[test]
fn every_state_covering_a_few_percent_of_the_frame_is_named() {
    use geo::Area;
    every_map(|style, lang, a, p, whole| {
        for scene in &whole.panels() {
            let texts: Vec<String> = map_texts(scene).into_iter().map(|(t, _)| t).collect();
            let rect = scene.map_rect().to_rect();
            let frame = Frame::fit(Projection::new(&p.projection).unwrap(), p.extent, rect).unwrap();
            for f in a.layers["states"].features.iter().filter(|f| f.exists_during(&p.dates)) {
                let Some(page) = frame.project(&f.geometry, 0.5) else { continue };
                let shape = histmap::geometry::prepare(&page, &rect, 0.5);
                let area: f64 = shape
                    .polygons
                    .iter()
                    .map(|rings| geo::Polygon::new(geo::LineString::from(rings[0].clone()), vec![]).unsigned_area())
                    .sum();
                let share = area / (rect.width() * rect.height());
                if share < 0.03 {
                    continue;
                }
                let name = name_in(f, lang);
                let pct = 100.0 * share;
                assert!(
                    texts.contains(&name),
                    "{style} {lang:?} {}: {name} covers {pct:.0} % of the frame but is not named",
                    p.id
                );
            }
        }
    });
}

/// The close-ups take neither side: no border is drawn across the ground in dispute, where
/// each side's claim is its own line, in both styles.
#[test]
fn no_border_runs_through_disputed_ground() {
    use geo::Contains;
    let mut checked = BTreeSet::new();
    every_map(|style, lang, a, p, whole| {
        for scene in &whole.panels() {
            let rect = scene.map_rect().to_rect();
            let frame = Frame::fit(Projection::new(&p.projection).unwrap(), p.extent, rect).unwrap();
            let disputed: Vec<geo::Polygon<f64>> = ["khalkhin_gol", "khasan"]
                .iter()
                .flat_map(|l| a.layers[*l].features.iter())
                .filter(|f| f.text("kind").as_deref() == Some("disputed") && f.exists_during(&p.dates))
                .filter_map(|f| match frame.project(&f.geometry, 0.1)? {
                    geo::Geometry::Polygon(poly) => Some(poly),
                    _ => None,
                })
                .collect();
            if disputed.is_empty() || scene.group("claims-soviet").or(scene.group("khasan-claims-soviet")).is_none() {
                continue;
            }
            checked.insert(format!("{style} {lang:?} {}", p.id));
            for id in ["state-borders", "manchukuo-border"] {
                let Some(g) = scene.group(id) else { continue };
                let paths = g.items.iter().filter_map(|i| if let Item::Path(path) = i { Some(path) } else { None });
                for c in paths.flat_map(|path| path.parts.iter().flatten()) {
                    assert!(
                        !disputed.iter().any(|d| d.contains(&geo::Point::from(*c))),
                        "{style} {lang:?} {}: {id} runs through the disputed ground at {c:?}",
                        p.id
                    );
                }
            }
        }
    });
    // Both close-ups, in both styles and languages.
    assert_eq!(checked.len(), 8);
}

#[test]
fn a_railway_ending_at_a_town_moved_aside_ends_at_its_symbol() {
    // Sakhalyan, 3 km across the Amur from Blagoveshchensk, is drawn aside from it; the
    // Peian–Heiho line that ends there ends at Sakhalyan's symbol as drawn, not at its
    // place beside Blagoveshchensk (which read as a line across the river).
    let a = atlas("styles/default.toml");
    let p = a.story.phase("1938-asano").unwrap();
    let scene = compose(&a, p, Lang::En, Size::pixels(2400, 1800, None).unwrap()).unwrap();
    let frame = Frame::fit(Projection::new(&p.projection).unwrap(), p.extent, scene.map_rect().to_rect()).unwrap();
    let place = |id: &str| {
        let f = a.layers["cities"].features.iter().find(|f| f.text("id").as_deref() == Some(id)).unwrap();
        match frame.project(&f.geometry, 0.1).unwrap() {
            geo::Geometry::Point(pt) => pt.0,
            g => panic!("{g:?}"),
        }
    };
    let symbols: Vec<Coord<f64>> = scene
        .group("cities")
        .unwrap()
        .items
        .iter()
        .filter_map(|i| if let Item::Symbol(s) = i { Some(Coord { x: s.x, y: s.y }) } else { None })
        .collect();
    let near = |a: Coord<f64>, b: Coord<f64>| (a.x - b.x).hypot(a.y - b.y);
    let (sakhalyan, blagoveshchensk) = (place("sakhalyan"), place("blagoveshchensk"));
    let drawn = *symbols
        .iter()
        .filter(|&&c| near(c, blagoveshchensk) > 0.5)
        .min_by(|a, b| near(**a, sakhalyan).total_cmp(&near(**b, sakhalyan)))
        .unwrap();
    assert!(near(drawn, sakhalyan) > 1.0, "Sakhalyan is not drawn aside: the test checks nothing");
    let ends: Vec<Coord<f64>> = ["railways-other", "railways-nmr", "railways-cer", "railways-smr"]
        .iter()
        .filter_map(|g| scene.group(g))
        .flat_map(|g| g.items.iter())
        .filter_map(|i| if let Item::Path(path) = i { Some(path) } else { None })
        .flat_map(|path| path.parts.iter().filter_map(|part| Some([*part.first()?, *part.last()?])))
        .flatten()
        .collect();
    assert!(ends.iter().any(|&e| near(e, drawn) < 0.5), "no line ends at Sakhalyan's symbol");
    assert!(
        !ends.iter().any(|&e| near(e, sakhalyan) < 0.5 && near(e, blagoveshchensk) > 0.5),
        "a line ends at Sakhalyan's place"
    );
}

/// The battle close-ups are series of dated panels: each panel draws its own days' units
/// and arrows and no others, and the legend names each class of unit once.
/// Khalkhin Gol's 2×2 grid has a cell the panels leave free: the inset takes it (the
/// legend goes beside), in both languages and styles, rather than standing over the May
/// panel as it did when the wider Russian legend took the cell.
#[test]
fn a_series_with_a_free_cell_keeps_its_inset_off_the_panels() {
    every_map(|style, lang, _, p, scene| {
        if p.id != "1939-khalkhin-gol" {
            return;
        }
        // Set inside a panel, the inset is one of that panel's groups.
        assert!(panel(scene, "panel-1-inset").is_none(), "{style} {lang:?}: the inset stands in panel 1");
        let inset = panel(scene, "inset").unwrap_or_else(|| panic!("{style} {lang:?}: no inset"));
        for (i, f) in scene.frames.iter().enumerate() {
            assert!(!f.intersects(&inset), "{style} {lang:?}: the inset stands over panel {}", i + 1);
        }
    });
}

#[test]
fn each_battle_panel_draws_the_units_and_moves_of_its_own_days() {
    let a = atlas("styles/default.toml");
    let p = a.story.phase("1939-khalkhin-gol").unwrap();
    let scene = compose(&a, p, Lang::En, Size::pixels(2400, 1800, None).unwrap()).unwrap();
    let views = scene.panels();
    assert_eq!(views.len(), p.panels.len());
    let texts = |v: &Scene, group: &str| -> String {
        let g = v.group(group).map(|g| g.items.iter()).into_iter().flatten();
        g.filter_map(|i| if let Item::Text(t) = i { Some(t.text.clone()) } else { None })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let drawn =
        |v: &Scene, group: &str| v.group(group).is_some_and(|g| g.items.iter().any(|i| !matches!(i, Item::Text(_))));
    let (may, august) = (&views[0], &views[views.len() - 1]);
    assert!(texts(may, "battle-move-labels").contains("Azuma, 28 May"), "{}", texts(may, "battle-move-labels"));
    assert!(!texts(may, "battle-move-labels").contains("Northern group"));
    assert!(texts(august, "battle-move-labels").contains("Northern group"));
    assert!(!texts(august, "battle-move-labels").contains("Azuma"));
    for v in &views {
        assert!(drawn(v, "japanese-attacks") || drawn(v, "soviet-attacks"), "every panel draws moves");
    }
    assert!(drawn(may, "japanese-attacks") && !drawn(may, "soviet-attacks"), "May: the Japanese moves only");
    assert!(drawn(august, "soviet-attacks"), "August: Zhukov's offensive");
    // Units are drawn as unit symbols with their size: the August panel's Japanese
    // infantry regiments (III) on the heights.
    let units = august.group("japanese-units").unwrap();
    let regiment = units.items.iter().any(|i| {
        matches!(i, Item::Symbol(s) if s.shape == histmap::scene::SymbolShape::Unit(histmap::scene::Arm::Infantry, histmap::scene::Echelon::Regiment))
    });
    assert!(regiment, "the 64th, 71st and 72nd are infantry regiments");
    // One legend entry per arm drawn, each once.
    let legend = texts(&scene, "legend");
    for entry in ["Japanese infantry", "Mongolian cavalry", "Soviet motorised infantry"] {
        assert_eq!(legend.matches(entry).count(), 1, "{entry}: {legend}");
    }
}
