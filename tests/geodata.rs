//! Checks of the committed geodata: well-formed layers, and fidelity to the history they draw.

use geo::{Centroid, ChamberlainDuquetteArea, Contains, Geometry, MultiLineString, Point};
use histmap::data::{Feature, Layer};
use histmap::date::{DateSpan, Day};
use std::collections::BTreeSet;
use std::path::Path;

fn layer(name: &str) -> Layer {
    Layer::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("geodata/{name}.geojson"))).unwrap()
}

fn all_layers() -> Vec<Layer> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "geojson"))
        .collect();
    paths.sort();
    paths.iter().map(|p| Layer::load(p).unwrap()).collect()
}

fn on(date: &str) -> DateSpan {
    DateSpan::parse(date).unwrap()
}

fn feature<'a>(l: &'a Layer, id: &str) -> &'a Feature {
    l.features.iter().find(|f| f.text("id").as_deref() == Some(id)).unwrap_or_else(|| panic!("no {id} in {}", l.name))
}

fn point(l: &Layer, id: &str) -> Point<f64> {
    match &feature(l, id).geometry {
        Geometry::Point(p) => *p,
        g => g.centroid().unwrap(),
    }
}

/// The Manchukuo polygon that exists on `date`.
fn manchukuo_on(date: &str) -> Geometry<f64> {
    let l = layer("manchukuo");
    let span = on(date);
    let f = l
        .features
        .iter()
        .find(|f| f.text("kind").as_deref() == Some("state") && f.exists_during(&span))
        .expect("Manchukuo on that date");
    f.geometry.clone()
}

fn signed_area(ring: &geo::LineString<f64>) -> f64 {
    ring.0.windows(2).map(|w| w[0].x * w[1].y - w[1].x * w[0].y).sum::<f64>() / 2.0
}

#[test]
fn every_feature_has_a_unique_id_a_name_and_a_source() {
    for l in all_layers() {
        let mut ids = BTreeSet::new();
        for f in &l.features {
            let id = f.text("id").unwrap_or_else(|| panic!("{}: feature without id", l.name));
            assert!(ids.insert(id.clone()), "{}: duplicate id {id}", l.name);
            assert!(f.text("name").is_some_and(|n| !n.is_empty()), "{}: {id} has no name", l.name);
            assert!(f.text("source").is_some_and(|s| s.len() > 5), "{}: {id} has no source", l.name);
        }
    }
}

#[test]
fn every_feature_has_a_geometry_with_coordinates() {
    // The loader skips null and empty geometries, as RFC 7946 allows; the committed data
    // has none, since other tools (Mapnik's GeoJSON reader among them) refuse them.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    let mut empty = Vec::new();
    for l in all_layers() {
        let raw: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(format!("{}.geojson", l.name))).unwrap()).unwrap();
        for f in raw["features"].as_array().unwrap() {
            let g = &f["geometry"];
            let parts = g.get("coordinates").or(g.get("geometries")).and_then(|c| c.as_array()).map_or(0, Vec::len);
            if parts == 0 {
                empty.push(format!("{}: {}", l.name, f["properties"]["id"]));
            }
        }
    }
    assert!(empty.is_empty(), "features without geometry: {empty:?}");
}

#[test]
fn rings_are_closed_and_wound_as_rfc_7946_says() {
    for l in all_layers() {
        for f in &l.features {
            let polygons: Vec<&geo::Polygon<f64>> = match &f.geometry {
                Geometry::Polygon(p) => vec![p],
                Geometry::MultiPolygon(mp) => mp.iter().collect(),
                _ => vec![],
            };
            for p in polygons {
                assert!(p.exterior().is_closed());
                assert!(signed_area(p.exterior()) > 0.0, "{}: {:?} outer ring is clockwise", l.name, f.text("id"));
                for h in p.interiors() {
                    assert!(signed_area(h) < 0.0, "{}: {:?} hole is counter-clockwise", l.name, f.text("id"));
                }
            }
        }
    }
}

#[test]
fn geometries_are_valid_with_no_self_intersections() {
    use geo::Validation;
    let mut problems = Vec::new();
    for l in all_layers() {
        for f in &l.features {
            if let Some(problem) = f.geometry.validation_errors().first() {
                problems.push(format!("{}: {:?}: {problem}", l.name, f.text("id")));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn manchukuo_of_1932_holds_harbin_hsinking_and_mukden_but_not_jehol() {
    let cities = layer("cities");
    let m = manchukuo_on("1932-06-01");
    for id in ["hsinking", "mukden", "tsitsihar", "kirin", "hailar", "manchouli"] {
        assert!(m.contains(&point(&cities, id)), "{id} should be in Manchukuo in 1932");
    }
    assert!(m.contains(&point(&layer("harbin"), "harbin")));
    assert!(!m.contains(&point(&cities, "chengteh")), "Chengde (Jehol) joined only in 1933");
    for id in ["dairen", "port-arthur", "vladivostok", "peiping", "keijo"] {
        assert!(!m.contains(&point(&cities, id)), "{id} was never in Manchukuo");
    }
}

#[test]
fn jehol_joins_manchukuo_in_1933() {
    let chengde = point(&layer("cities"), "chengteh");
    assert!(manchukuo_on("1934-01-01").contains(&chengde));
    assert!(manchukuo_on("1945-08-10").contains(&chengde));
    let manchukuo = layer("manchukuo");
    let jehol = feature(&manchukuo, "jehol");
    assert!(jehol.geometry.contains(&chengde));
    assert!(!jehol.exists_during(&on("1933-06")));
    // Before that, claimed by Manchukuo from its proclamation but held by Tang Yulin: a
    // claim on the 1932 map, outside Manchukuo, and gone once Jehol was taken.
    let occupation = layer("occupation");
    let claim = feature(&occupation, "jehol-1932");
    assert_eq!(claim.text("kind").as_deref(), Some("claimed"));
    assert!(claim.geometry.contains(&chengde) && !manchukuo_on("1932-06").contains(&chengde));
    assert!(
        claim.exists_during(&on("1932-03-01"))
            && !claim.exists_during(&on("1931-12"))
            && !claim.exists_during(&on("1933-06"))
    );
}

#[test]
fn the_kwantung_leased_territory_holds_port_arthur_and_dairen() {
    let cities = layer("cities");
    let manchukuo = layer("manchukuo");
    let k = &feature(&manchukuo, "kwantung").geometry;
    assert!(k.contains(&point(&cities, "port-arthur")));
    assert!(k.contains(&point(&cities, "dairen")));
    // "About 1,300 sq mi" with the adjacent islands (Encyclopaedia Britannica, 1929): 3,367 km².
    let area = k.chamberlain_duquette_unsigned_area() / 1e6;
    assert!((3000.0..4000.0).contains(&area), "{area:.0} km²");
}

#[test]
fn areas_match_the_period_figures() {
    // Manchukuo with Jehol: "slightly less than 500,000 sq mi" (1942), about 1.3 million km²
    // (1941); Jehol: 179,982 km² (1947 figure, same bounds).
    let m = manchukuo_on("1934-01-01").chamberlain_duquette_unsigned_area() / 1e6;
    assert!((1_200_000.0..1_360_000.0).contains(&m), "Manchukuo {m:.0} km²");
    let manchukuo = layer("manchukuo");
    let jehol = feature(&manchukuo, "jehol").geometry.chamberlain_duquette_unsigned_area() / 1e6;
    assert!((160_000.0..200_000.0).contains(&jehol), "Jehol {jehol:.0} km²");
}

#[test]
fn the_disputed_strip_lies_east_of_the_khalkha_and_west_of_the_mongolian_claim() {
    let kg = layer("khalkhin_gol");
    let strip = &feature(&kg, "disputed-strip").geometry;
    let c = strip.centroid().unwrap();
    let river = match &feature(&kg, "claim-japan").geometry {
        Geometry::LineString(l) => l.clone(),
        g => panic!("{g:?}"),
    };
    // At the strip's latitude the river lies west of the strip's centre.
    let nearest = river.0.iter().min_by(|a, b| (a.y - c.y()).abs().total_cmp(&(b.y - c.y()).abs())).unwrap();
    assert!(nearest.x < c.x(), "river at {nearest:?}, strip centre {c:?}");
    let width_km = (c.x() - nearest.x) * 111.32 * c.y().to_radians().cos() * 2.0;
    assert!((5.0..40.0).contains(&width_km), "strip about {width_km} km wide");
    assert!(strip.contains(&point(&kg, "khalkhin-battle")));
    assert!(!strip.contains(&point(&kg, "tamsag-bulak")));
}

#[test]
fn the_claims_at_khalkhin_gol_follow_the_river_and_the_border_the_maps_draw() {
    let kg = layer("khalkhin_gol");
    let line = |id| match &feature(&kg, id).geometry {
        Geometry::LineString(l) => l.clone(),
        g => panic!("{id}: {g:?}"),
    };
    // The river claim runs down the river in its own order: no step longer than the
    // river's own vertices are apart (points sorted by longitude zigzag across it).
    let river = line("claim-japan");
    for w in river.0.windows(2) {
        let step = km_to(Point::from(w[0]), w[1].x, w[1].y);
        assert!(step < 2.0, "claim-japan jumps {step:.1} km from {:?} to {:?}", w[0], w[1]);
    }
    // The Mongolian claim lies on Manchukuo's outline (the base maps' border), so the strip
    // masks that border exactly and no stretch of it shows beside the claim line.
    let outline = match manchukuo_on("1939-07-01") {
        Geometry::MultiPolygon(m) => MultiLineString::new(m.0.iter().map(|p| p.exterior().clone()).collect()),
        Geometry::Polygon(p) => MultiLineString::new(vec![p.exterior().clone()]),
        g => panic!("{g:?}"),
    };
    let on_outline =
        |c: &geo::Coord<f64>| outline.0.iter().flat_map(|l| &l.0).any(|o| km_to(Point::from(*o), c.x, c.y) < 0.01);
    let claim = line("claim-mongolia");
    let off: Vec<_> = claim.0.iter().skip(1).filter(|c| !on_outline(c)).collect();
    assert!(off.is_empty() && claim.0.len() > 10, "claim-mongolia off the drawn border at {off:?}");
}

#[test]
fn places_are_where_they_belong() {
    // Reference positions from standard gazetteers, independent of the data's sources.
    let cities = layer("cities");
    let checks = [
        ("hsinking", 125.32, 43.88),
        ("mukden", 123.43, 41.80),
        ("vladivostok", 131.89, 43.12),
        ("khabarovsk", 135.07, 48.48),
        ("blagoveshchensk", 127.53, 50.27),
        ("chita", 113.50, 52.03),
        ("dairen", 121.61, 38.91),
    ];
    for (id, lon, lat) in checks {
        let (lon, lat): (f64, f64) = (lon, lat);
        let p = point(&cities, id);
        let km = ((p.x() - lon) * 111.32 * lat.to_radians().cos()).hypot((p.y() - lat) * 110.57);
        assert!(km < 5.0, "{id} is {km:.1} km off");
    }
    let h = point(&layer("harbin"), "harbin");
    assert!((h.x() - 126.63).abs() < 0.05 && (h.y() - 45.75).abs() < 0.05);
    let lake = point(&layer("khasan"), "lake-khasan");
    // Lake Khasan: 42°26′55″N 130°36′29″E (Russian State Water Register).
    assert!((lake.x() - 130.6081).abs() < 0.005 && (lake.y() - 42.4486).abs() < 0.005, "{lake:?}");
    // Nomonhan Burd Obo: 47°46′24″N 118°45′24″E; the battlefield of Khalkhin Gol:
    // 47°43′49″N 118°35′24″E (both as Wikipedia gives them).
    let kg = layer("khalkhin_gol");
    for (id, lon, lat) in [("nomonhan", 118.7567_f64, 47.7733_f64), ("khalkhin-battle", 118.59, 47.7303)] {
        let p = point(&kg, id);
        let km = ((p.x() - lon) * 111.32 * lat.to_radians().cos()).hypot((p.y() - lat) * 110.57);
        assert!(km < 2.0, "{id} is {km:.1} km off");
    }
}

#[test]
fn names_follow_the_date() {
    let cities = layer("cities");
    let named = |date: &str| -> Vec<String> {
        cities.features.iter().filter(|f| f.exists_during(&on(date))).filter_map(|f| f.text("name")).collect()
    };
    assert!(named("1931-10-01").contains(&"Changchun".to_string()));
    assert!(!named("1931-10-01").contains(&"Hsinking".to_string()));
    assert!(named("1939-07-01").contains(&"Hsinking".to_string()));
    assert!(!named("1939-07-01").contains(&"Changchun".to_string()));
    assert!(named("1946").contains(&"Changchun".to_string()));
}

#[test]
fn names_of_the_phase_dates() {
    // Manchukuo was proclaimed on 1 March 1932 with its capital at Changchun, renamed
    // Hsinking on 14 March; Tikhonkaya was renamed Birobidzhan by the decree of 10 October
    // 1931 (kept to the end of the 1931 map's span, which starts on 18 September 1931).
    let cities = layer("cities");
    let on_date = |date: &str| -> Vec<(String, String)> {
        cities
            .features
            .iter()
            .filter(|f| f.exists_during(&on(date)))
            .map(|f| (f.text("name").unwrap(), f.text("kind").unwrap()))
            .collect()
    };
    let has = |date: &str, name: &str| on_date(date).iter().any(|(n, _)| n == name);
    let mar1 = on_date("1932-03-01");
    assert!(mar1.contains(&("Changchun".to_string(), "capital".to_string())), "{mar1:?}");
    assert!(!has("1932-03-01", "Hsinking"));
    assert!(has("1932-03-14", "Hsinking") && !has("1932-03-14", "Changchun"));
    for date in ["1931-09-18", "1931-12", "1932-02"] {
        assert!(has(date, "Tikhonkaya") && !has(date, "Birobidzhan"), "{date}");
    }
    assert!(has("1938-04-29", "Birobidzhan") && !has("1938-04-29", "Tikhonkaya"));
    // One name per place on every phase's date: no two features of a place at once.
    for date in ["1931-09-18", "1932-03-01", "1938-04-29", "1938-08", "1939-07", "1942", "1945-08-15"] {
        let mut at = std::collections::BTreeMap::new();
        for f in cities.features.iter().filter(|f| f.exists_during(&on(date))) {
            let p = point(&cities, &f.text("id").unwrap());
            let key = ((p.x() * 100.0).round() as i64, (p.y() * 100.0).round() as i64);
            if let Some(other) = at.insert(key, f.text("name").unwrap()) {
                panic!("{date}: {other} and {} at one place", f.text("name").unwrap());
            }
        }
    }
}

/// Equirectangular distance in km between a point and a lon/lat: within a fraction of a
/// percent over the few hundred km these checks span.
fn km_to(p: Point<f64>, lon: f64, lat: f64) -> f64 {
    let mid = ((p.y() + lat) / 2.0).to_radians();
    ((p.x() - lon) * 111.32 * mid.cos()).hypot((p.y() - lat) * 110.57)
}

#[test]
fn the_asano_base_is_at_the_second_sungari_bridge() {
    // The detachment lived in the old Russian barracks by the railway bridge over the
    // Second Sungari (station Sungari-2): on the Harbin–Hsinking line where it crosses the
    // Songhua, by Songhuajiang town (44°42′57″N 125°57′16″E, on the south bank).
    let base = point(&layer("harbin"), "asano-base");
    assert!(km_to(base, 125.9544, 44.7158) < 8.0, "{base:?}");
    let rivers = layer("rivers");
    let near_river = rivers.features.iter().any(|f| {
        let mut pts = Vec::new();
        if let Geometry::MultiLineString(m) = &f.geometry {
            pts.extend(m.0.iter().flat_map(|l| l.points()));
        } else if let Geometry::LineString(l) = &f.geometry {
            pts.extend(l.points());
        }
        pts.into_iter().any(|p| km_to(p, base.x(), base.y()) < 3.0)
    });
    assert!(near_river, "the base is not on the Songhua");
    let harbin = point(&layer("harbin"), "harbin");
    let d = km_to(base, harbin.x(), harbin.y());
    assert!((100.0..140.0).contains(&d) && base.y() < harbin.y(), "{d:.0} km from Harbin");
}

#[test]
fn tamsag_bulak_lies_deep_in_mongolia_behind_the_front() {
    // 258 km south-east of Choibalsan by road; well inside the MPR, west of the river.
    let base = point(&layer("khalkhin_gol"), "tamsag-bulak");
    let choibalsan = point(&layer("cities"), "choibalsan");
    let d = km_to(base, choibalsan.x(), choibalsan.y());
    assert!((190.0..258.0).contains(&d), "{d:.0} km from Choibalsan");
    assert!(base.x() > choibalsan.x() && base.y() < choibalsan.y());
    let states = layer("states");
    assert!(feature(&states, "mpr").geometry.contains(&base));
    let battle = point(&layer("khalkhin_gol"), "khalkhin-battle");
    assert!(base.x() < battle.x());
}

#[test]
fn the_cer_becomes_the_north_manchuria_railway_on_its_sale_in_1935() {
    // The Soviet interest was sold to Manchukuo on 23 March 1935 and the line entrusted to
    // the South Manchuria Railway company the same day (FRUS 1935, vol. III, doc. 92). The
    // other lines through Harbin (to Lafa, to Hulan) are not the CER's.
    let rail = layer("railways");
    let harbin = point(&layer("harbin"), "harbin");
    let through_harbin = |date: &str| -> Vec<(String, String)> {
        rail.features
            .iter()
            .filter(|f| f.exists_during(&on(date)) && matches!(f.text("kind").as_deref(), Some("cer" | "nmr")))
            .filter(|f| match &f.geometry {
                Geometry::LineString(l) => l.points().any(|p| km_to(p, harbin.x(), harbin.y()) < 5.0),
                _ => false,
            })
            .map(|f| (f.text("name").unwrap(), f.text("kind").unwrap()))
            .collect()
    };
    let before = through_harbin("1935-03-22");
    assert!(
        !before.is_empty() && before.iter().all(|(n, k)| n.starts_with("Chinese Eastern") && k == "cer"),
        "{before:?}"
    );
    for date in ["1935-03-23", "1938-04-29", "1945-08-09"] {
        let after = through_harbin(date);
        assert_eq!(after.len(), 3, "{date}: {after:?}");
        assert!(after.iter().all(|(n, k)| n.starts_with("North Manchuria Railway") && k == "nmr"), "{date}: {after:?}");
    }
    // The sale ended at the border: the track on from Pogranichnaya stays Soviet.
    let cer_east = feature(&rail, "nmr-east");
    let suifenhe = point(&layer("cities"), "suifenho");
    if let Geometry::LineString(l) = &cer_east.geometry {
        let last = l.points().next_back().unwrap();
        assert!(km_to(last, suifenhe.x(), suifenhe.y()) < 5.0, "{last:?}");
    }
}

#[test]
fn korea_has_its_trunk_lines_from_their_opening_under_japanese_names() {
    let rail = layer("railways");
    let cities = layer("cities");
    let ends = |id: &str| -> (Point<f64>, Point<f64>) {
        match &feature(&rail, id).geometry {
            Geometry::LineString(l) => (l.points().next().unwrap(), l.points().next_back().unwrap()),
            g => panic!("{g:?}"),
        }
    };
    let near = |p: Point<f64>, city: &str| km_to(p, point(&cities, city).x(), point(&cities, city).y()) < 5.0;
    for (line, from, to) in [
        ("keifu", "keijo", "fusan"),
        ("keigi", "keijo", "shingishu"),
        ("keigen", "keijo", "gensan"),
        ("kankyo", "gensan", "kainei"),
    ] {
        let (a, b) = ends(line);
        assert!(near(a, from) && near(b, to), "{line} should run {from}–{to}");
        assert_eq!(feature(&rail, line).text("kind").as_deref(), Some("korea"));
    }
    // The Kankyō line was complete only in September 1928; the Yūki–Rashin link in 1935.
    assert!(!feature(&rail, "kankyo").exists_during(&on("1928-08")));
    assert!(feature(&rail, "kankyo").exists_during(&on("1931-09-18")));
    assert!(!feature(&rail, "yura").exists_during(&on("1932-03-01")));
    assert!(feature(&rail, "yura").exists_during(&on("1938-07-29")));
    // Names of the period, with Russian ones, until the Japanese surrender.
    for id in ["keijo", "fusan", "heijo", "shingishu", "gensan", "seishin", "rashin"] {
        let f = feature(&cities, id);
        assert!(f.exists_during(&on("1939-07")) && !f.exists_during(&on("1945-09")), "{id}");
        assert!(f.text("name_ru").is_some_and(|n| !n.is_empty()), "{id}");
    }
}

#[test]
fn the_rivers_of_the_story_are_named_in_english_and_russian() {
    let names = layer("river_names");
    for (name, ru) in [
        ("Sungari", "Сунгари"),
        ("Amur", "Амур"),
        ("Ussuri", "Уссури"),
        ("Argun", "Аргунь"),
        ("Nonni", "Нонни"),
        ("Liao", "Ляохэ"),
        ("Yalu", "Ялу"),
        ("Tumen", "Туманная"),
        ("Khalkhin Gol", "Халхин-Гол"),
        ("Holsten", "Хайластын-Гол"),
    ] {
        let lines: Vec<_> = names.features.iter().filter(|f| f.text("name").as_deref() == Some(name)).collect();
        assert!(!lines.is_empty(), "no label line for the {name}");
        for f in lines {
            assert_eq!(f.text("name_ru").as_deref(), Some(ru));
            assert!(matches!(f.geometry, Geometry::LineString(ref l) if l.0.len() >= 2), "{name}");
        }
    }
}

#[test]
fn the_holsten_joins_the_khalkha_from_the_east_south_of_bain_tsagan() {
    // It flows west from near Nomonhan village into the Khalkha, some 10 km south of Bain
    // Tsagan; the fighting of 1939 was on both its banks.
    let kg = layer("khalkhin_gol");
    let holsten = match &feature(&kg, "holsten").geometry {
        Geometry::LineString(l) => l.clone(),
        g => panic!("{g:?}"),
    };
    let river = match &feature(&kg, "claim-japan").geometry {
        Geometry::LineString(l) => l.clone(),
        g => panic!("{g:?}"),
    };
    let mouth = holsten.points().next().unwrap();
    assert!(river.points().any(|p| km_to(p, mouth.x(), mouth.y()) < 1.0), "the Holsten does not reach the Khalkha");
    assert!(holsten.points().skip(1).all(|p| p.x() > mouth.x()), "the Holsten comes from the east");
    let bain_tsagan = point(&kg, "bain-tsagan");
    let d = km_to(mouth, bain_tsagan.x(), bain_tsagan.y());
    assert!(mouth.y() < bain_tsagan.y() && (5.0..20.0).contains(&d), "confluence {d:.0} km from Bain Tsagan");
    let strip = &feature(&kg, "disputed-strip").geometry;
    let middle = holsten.points().nth(holsten.0.len() / 2).unwrap();
    assert!(strip.contains(&middle), "the Holsten's middle course is in the disputed strip");
}

/// The occupied part of China on `date`, if any.
fn occupied_china_on(date: &str) -> Vec<Geometry<f64>> {
    let l = layer("occupation");
    l.features
        .iter()
        .filter(|f| f.text("kind").as_deref() == Some("occupied") && f.exists_during(&on(date)))
        .map(|f| f.geometry.clone())
        .collect()
}

#[test]
fn north_china_is_occupied_from_late_july_1937() {
    // Peiping fell on 29 July 1937 and Tientsin on 30 July; Taiyuan in November 1937,
    // Tsinan in December; Hsuchow on 19 May 1938 and Kaifeng in June 1938.
    let cities = layer("cities");
    let inside = |date: &str, p: Point<f64>| occupied_china_on(date).iter().any(|g| g.contains(&p));
    let peiping = point(&cities, "peiping");
    let tientsin = point(&cities, "tientsin");
    assert!(!inside("1937-07-01", peiping) && !inside("1937-07-01", tientsin));
    for date in ["1938-04-29", "1939-07", "1941", "1944-05", "1945-08-15"] {
        assert!(inside(date, peiping) && inside(date, tientsin), "{date}");
    }
    let taiyuan = Point::new(112.55, 37.87);
    let hsuchow = Point::new(117.18, 34.26);
    assert!(inside("1938-04-29", taiyuan) && !inside("1938-04-29", hsuchow));
    assert!(inside("1939-07", hsuchow));
    // Occupied China is China: not Manchukuo, Jehol, Mengjiang or the Soviet Union.
    for (date, p) in [
        ("1938-04-29", point(&cities, "chengteh")),
        ("1939-07", point(&cities, "kalgan")),
        ("1941", point(&layer("harbin"), "harbin")),
    ] {
        assert!(!inside(date, p), "{date}: {p:?}");
    }
    assert!(occupied_china_on("1946").is_empty(), "the occupation ended with the surrender of September 1945");
}

#[test]
fn the_emigres_own_geography() {
    // Trekhrechye: the basins of the Gan, Derbul and Khaul east of the Argun, about
    // 11,500 km², in Manchukuo; Dragotsenka inside it; the railway-zone communities on the
    // CER; Grodekovo on the deportation route of 1945.
    let em = layer("emigres");
    let trekh = &feature(&em, "trekhrechye").geometry;
    let area = trekh.chamberlain_duquette_unsigned_area() / 1e6;
    assert!((9_000.0..14_000.0).contains(&area), "Trekhrechye {area:.0} km²");
    assert!(trekh.contains(&point(&em, "dragotsenka")));
    let m = manchukuo_on("1938-04-29");
    assert!(m.contains(&trekh.centroid().unwrap()), "Trekhrechye lies in Manchukuo");
    let ussr = feature(&layer("states"), "ussr").geometry.clone();
    assert!(!ussr.contains(&trekh.centroid().unwrap()));
    for id in ["manchouli-emigres", "hailar-emigres", "yimianpo", "hengdaohezi", "pogranichnaya"] {
        let f = feature(&em, id);
        assert_eq!(f.text("kind").as_deref(), Some("community"), "{id}");
        assert!(m.contains(&point(&em, id)), "{id} is in Manchukuo");
        assert!(f.exists_during(&on("1938-04-29")) && f.exists_during(&on("1945-08-09")), "{id}");
    }
    // Imienpo and Hengdaohezi lie on the CER's eastern line, between Harbin and Mutankiang.
    let harbin = point(&layer("harbin"), "harbin");
    let mutankiang = point(&layer("cities"), "mutankiang");
    for id in ["yimianpo", "hengdaohezi"] {
        let p = point(&em, id);
        assert!(p.x() > harbin.x() && p.x() < mutankiang.x(), "{id}");
    }
    let ev = layer("events");
    let grodekovo = point(&ev, "grodekovo");
    let ussr_has = |p: Point<f64>| feature(&layer("states"), "ussr").geometry.contains(&p);
    assert!(ussr_has(grodekovo), "Grodekovo is the Soviet side of the border");
    for id in ["tamsag-bulak-1945", "halun-arshan", "lupei", "dolonnor", "tunghwa", "grodekovo"] {
        assert!(feature(&ev, id).exists_during(&on("1945-08-09")), "{id} on the 1945 map");
        assert!(!feature(&ev, id).exists_during(&on("1941")), "{id} only on the 1945 map");
    }
}

#[test]
fn the_first_amur_march_runs_from_mergen_to_sakhalyan_in_1941() {
    let ev = layer("events");
    let cities = layer("cities");
    let march = feature(&ev, "amur-march");
    assert!(march.exists_during(&on("1941-08")) && !march.exists_during(&on("1942")));
    let Geometry::LineString(l) = &march.geometry else { panic!("not a line") };
    let (a, b) = (l.points().next().unwrap(), l.points().next_back().unwrap());
    let (mergen, sakhalyan) = (point(&cities, "mergen"), point(&cities, "sakhalyan"));
    assert!(km_to(a, mergen.x(), mergen.y()) < 5.0 && km_to(b, sakhalyan.x(), sakhalyan.y()) < 10.0);
}

#[test]
fn the_soviet_advance_of_august_1945_reaches_beyond_manchukuo_into_korea_and_mengjiang() {
    // The Pacific Fleet landed at Seishin (13-17 Aug) and the Soviet-Mongolian group drove
    // across Mengjiang on Kalgan (taken 21 Aug): each an arrow ending at its town (a
    // landing's at the shore off it), the town in Korea or Mengjiang, dated within the war.
    let (ev, cities, states) = (layer("events"), layer("cities"), layer("states"));
    for (id, town, state) in [("landings-korea", "seishin", "korea"), ("front-pliyev", "kalgan", "mengjiang")] {
        let f = feature(&ev, id);
        assert_eq!(f.text("kind").as_deref(), Some("front"));
        assert!(f.exists_during(&on("1945-08-15")) && !f.exists_during(&on("1945-09")), "{id}: its dates");
        let Geometry::LineString(l) = &f.geometry else { panic!("{id}: not a line") };
        let end = l.points().next_back().unwrap();
        let at = point(&cities, town);
        assert!(km_to(end, at.x(), at.y()) < 40.0, "{id} ends {} km from {town}", km_to(end, at.x(), at.y()));
        assert!(feature(&states, state).geometry.contains(&at), "{town} outside {state}");
        assert!(!manchukuo_on("1945-08-15").contains(&end), "{id} ends in Manchukuo");
    }
}

#[test]
fn every_sea_name_stands_in_open_water() {
    let land = layer("land");
    let seas = layer("seas");
    assert!(seas.features.len() >= 5, "the seas around Manchuria are named");
    for f in &seas.features {
        let Geometry::Point(p) = f.geometry else { panic!("{:?} is not a point", f.text("id")) };
        let ashore = land.features.iter().any(|l| l.geometry.contains(&p));
        assert!(!ashore, "{:?} at {p:?} lies on land", f.text("id"));
    }
}

#[test]
fn the_kwantung_army_takes_manchuria_in_dated_stages_but_not_hulunbuir() {
    // Mukden and Changchun 19 Sep 1931, Kirin 21 Sep; Tsitsihar 19 Nov 1931; Chinchow
    // 3 Jan 1932; Harbin 4-5 Feb 1932. Su Bingwen held Hulunbuir until December 1932.
    let (cities, occupation) = (layer("cities"), layer("occupation"));
    let taken_on = |date: &str, p: Point<f64>| {
        occupation.features.iter().any(|f| {
            f.text("kind").as_deref() == Some("taken") && f.exists_during(&on(date)) && f.geometry.contains(&p)
        })
    };
    let harbin = point(&layer("harbin"), "harbin");
    let tsitsihar = point(&cities, "tsitsihar");
    let (mukden, kirin, chinchow) = (point(&cities, "mukden"), point(&cities, "kirin"), point(&cities, "chinchow"));
    assert!(!taken_on("1931-09-17", mukden));
    assert!(taken_on("1931-09-25", mukden) && taken_on("1931-09-25", kirin));
    assert!(!taken_on("1931-10", tsitsihar) && taken_on("1931-11-20", tsitsihar));
    assert!(!taken_on("1931-12", chinchow) && taken_on("1932-01-10", chinchow));
    assert!(!taken_on("1932-01", harbin) && taken_on("1932-02-10", harbin));
    // The stages end as Manchukuo begins.
    assert!(!taken_on("1932-03-01", mukden));
    let hailar = point(&cities, "hailar");
    assert!(!taken_on("1932-02-20", hailar), "Hulunbuir was never taken in 1931-32");
    let held = feature(&occupation, "hulunbuir-1932");
    assert!(held.geometry.contains(&hailar) && held.geometry.contains(&point(&cities, "manchouli")));
    assert!(held.exists_during(&on("1932-10")) && !held.exists_during(&on("1933")));
    assert!(!held.geometry.contains(&tsitsihar), "Tsitsihar lies east of the Khingan");
}

#[test]
fn borders_run_where_areas_meet_and_never_along_a_coast() {
    use geo::{Distance, Euclidean};
    let borders = layer("borders");
    // An area's border, all its pieces (one per span of days and kind of border).
    let line = |id: &str| {
        let pieces = borders.features.iter().filter(|f| f.text("area").as_deref() == Some(id));
        MultiLineString(
            pieces
                .flat_map(|f| match &f.geometry {
                    Geometry::MultiLineString(m) => m.0.clone(),
                    g => panic!("{id}: {g:?}"),
                })
                .collect(),
        )
    };
    let near = |id: &str, lon: f64, lat: f64| Euclidean.distance(&line(id), &Point::new(lon, lat));
    // Manchukuo's border follows the Yalu by Antung and the Amur by Sakhalyan, but not the
    // coast of the Liaodong gulf at Yingkou nor the Korea Bay shore west of the Yalu mouth.
    assert!(near("manchukuo-1933", 124.39, 40.12) < 0.1, "no border on the Yalu at Antung");
    assert!(near("manchukuo-1933", 127.49, 50.25) < 0.1, "no border on the Amur at Sakhalyan");
    assert!(near("manchukuo-1933", 122.2, 40.68) > 0.3, "a border along the Liaodong coast at Yingkou");
    assert!(near("manchukuo-1933", 123.2, 39.75) > 0.3, "a border along the Korea Bay shore");
    // Japan, an island empire, has one land border in the frame: Karafuto's at 50°N.
    let japan = line("japan");
    assert!(japan.0.iter().all(|l| l.0.iter().all(|c| (c.y - 50.0).abs() < 0.05)), "Japan's border off 50°N");
    // Each piece of a border lies within its area's days (it is drawn only while the areas
    // on both sides exist); every area with a neighbour has one (the Philippines, islands
    // alone in the frame, have none).
    let (states, manchukuo) = (layer("states"), layer("manchukuo"));
    for b in &borders.features {
        let id = b.text("area").unwrap();
        let area = feature(if b.text("of").as_deref() == Some("states") { &states } else { &manchukuo }, &id);
        let after = |d: Option<Day>, from: Option<Day>| from.is_none_or(|f| d.is_some_and(|d| d >= f));
        let before = |d: Option<Day>, to: Option<Day>| to.is_none_or(|t| d.is_some_and(|d| d <= t));
        assert!(after(b.start, area.start) && before(b.end, area.end), "{id}: its border outlives it");
        assert!(matches!(b.text("border").as_deref(), Some("state" | "internal")), "{id}: kind of border");
    }
    // Jehol was a province of China until 1933: on a 1931 map its border with the rest of
    // China is an internal one, and no state border runs there; from 1933, when it was
    // Manchukuo's, the same line is China's state border.
    let jehol_china = Point::new(116.24, 41.37);
    let drawn = |date: &str, kind: &str| {
        let day = on(date);
        borders.features.iter().any(|f| {
            f.exists_during(&day)
                && f.text("border").as_deref() == Some(kind)
                && Euclidean.distance(&f.geometry, &jehol_china) < 0.05
        })
    };
    assert!(drawn("1931-10", "internal") && !drawn("1931-10", "state"), "Jehol's border with China in 1931");
    assert!(drawn("1934", "state") && !drawn("1934", "internal"), "China's border with Manchukuo's Jehol in 1934");
    for id in
        ["manchukuo-1932", "manchukuo-1933", "jehol", "kwantung", "korea", "ussr", "mpr", "china-1937", "mengjiang"]
    {
        assert!(!line(id).0.is_empty(), "{id} has no border");
    }
    assert!(line("philippines").0.is_empty());
}

#[test]
fn manchurias_other_lines_open_on_their_dates() {
    let rail = layer("railways");
    let cities = layer("cities");
    // Whether some line open on `date` has a station within 2 km of (lon, lat) (Sakhalyan is
    // 3 km across the Amur from Blagoveshchensk's).
    let served = |date: &str, lon: f64, lat: f64| {
        rail.features.iter().filter(|f| f.exists_during(&on(date))).any(|f| match &f.geometry {
            Geometry::LineString(l) => l.points().any(|p| km_to(p, lon, lat) < 2.0),
            _ => false,
        })
    };
    let at = |id: &str| {
        let p = point(&cities, id);
        (p.x(), p.y())
    };
    // Kirin had its line to Changchun from 1912; Sakhalyan on the Amur only from December
    // 1935 (the Peian–Heiho line); Tumen from May 1933; Chengteh from June 1936.
    let kirin = at("kirin");
    assert!(served("1931-09-18", kirin.0, kirin.1), "Kirin off the railway in 1931");
    let sakhalyan = at("sakhalyan");
    assert!(!served("1932-03-01", sakhalyan.0, sakhalyan.1) && served("1938-04-29", sakhalyan.0, sakhalyan.1));
    assert!(!served("1932-03-01", 129.84, 42.97) && served("1938-04-29", 129.84, 42.97), "Tumen");
    let chengteh = at("chengteh");
    assert!(!served("1935-01", chengteh.0, chengteh.1) && served("1938-04-29", chengteh.0, chengteh.1));
    // Each of them says where its date comes from.
    for f in rail.features.iter().filter(|f| f.text("kind").as_deref() == Some("other")) {
        let id = f.text("id").unwrap();
        if id == "peking-mukden" {
            continue;
        }
        assert!(f.text("note").is_some_and(|n| n.contains('(')), "{id}: no sourced date");
        assert!(f.start.is_some(), "{id}: no opening date");
    }
}

/// The longitude of a north–south line where it passes `lat` (its nearest vertex).
fn lon_at(line: &Geometry<f64>, lat: f64) -> f64 {
    let Geometry::LineString(l) = line else { panic!("{line:?}") };
    l.0.iter().min_by(|a, b| (a.y - lat).abs().total_cmp(&(b.y - lat).abs())).unwrap().x
}

#[test]
fn the_battles_are_fought_on_the_sides_their_sources_give() {
    let b = layer("battles");
    let kg = layer("khalkhin_gol");
    let river = &feature(&kg, "claim-japan").geometry;
    // Khalkhin Gol: Kobayashi's men crossed to Bain Tsagan on the west bank and went back
    // over the river; the Soviet–Mongolian bridgehead and the August pocket lay east of it;
    // Zhukov's command post and the supply road west of it, in Mongolia.
    let west = |id: &str| {
        let p = point(&b, id);
        assert!(p.x() < lon_at(river, p.y()), "{id} at {p:?} should be west of the Khalkha");
    };
    let east = |id: &str| {
        let p = point(&b, id);
        assert!(p.x() > lon_at(river, p.y()), "{id} at {p:?} should be east of the Khalkha");
    };
    west("kg-jp-bain-tsagan-pos");
    east("kg-su-bridgehead");
    east("kg-pocket-0826");
    east("kg-remizov");
    let crossing = match &feature(&b, "kg-jp-kobayashi-0703").geometry {
        Geometry::LineString(l) => (l.0[0], *l.0.last().unwrap()),
        g => panic!("{g:?}"),
    };
    assert!(crossing.0.x > lon_at(river, crossing.0.y) && crossing.1.x < lon_at(river, crossing.1.y));
    // Every engagement lies within the four months, and each side's moves are its own.
    let span = on("1939-05-11").through(on("1939-09-16"));
    for f in b.features.iter().filter(|f| f.text("battle").as_deref() == Some("khalkhin-gol")) {
        assert!(f.exists_during(&span), "{:?} outside the battle's dates", f.text("id"));
        if f.text("kind").as_deref() == Some("attack") {
            assert!(matches!(f.text("side").as_deref(), Some("japan" | "soviet")), "{:?} has no side", f.text("id"));
        }
    }
    // Lake Khasan: at the ceasefire the Japanese line ran west of the Soviet one, on the
    // crest; the Japanese had crossed the Tumen from the Korean side, west of the hills.
    let kh = layer("khasan");
    let soviet_claim = &feature(&kh, "khasan-claim-soviet").geometry;
    let (jp, su) = (point(&b, "khasan-line-jp-0811"), point(&b, "khasan-line-su-0811"));
    assert!(jp.x() < su.x(), "Japanese line {jp:?}, Soviet line {su:?}");
    for id in ["khasan-jp-crossing", "khasan-jp-artillery"] {
        let p = point(&b, id);
        assert!(p.x() < lon_at(soviet_claim, p.y()), "{id} at {p:?} is east of the Soviet claim");
    }
}
