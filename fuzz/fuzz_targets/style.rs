//! Any text given to the style parser, and every property of whatever it accepts
//! evaluated for a feature: an error is fine, a panic is a bug.
#![no_main]

use histmap::data::Layer;
use histmap::lang::Lang;
use histmap::style::{PropType, Style, PROPERTIES};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

const FEATURE: &str = r#"{"type":"Feature","properties":{"name":"Harbin","name_ru":"Харбин","kind":"city","rank":2,
"start":"1898"},"geometry":{"type":"Point","coordinates":[126.63,45.75]}}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(style) = Style::parse(Path::new("fuzz.toml"), text) else { return };
    let layer = Layer::parse(Path::new("cities.geojson"), FEATURE.as_bytes()).unwrap();
    let f = &layer.features[0];
    for l in &style.layers {
        l.filter.accepts(f);
        l.label(f, Lang::En);
        l.label(f, Lang::Ru);
        l.shape(Some(f));
        for p in PROPERTIES.iter().filter(|p| p.layers.contains(&l.kind)) {
            for feature in [Some(f), None] {
                match p.ty {
                    PropType::Color => drop(l.color(p.name, feature)),
                    PropType::Number => drop(l.num(p.name, feature)),
                    PropType::Bool => drop(l.flag(p.name, feature)),
                    PropType::Numbers => drop(l.nums(p.name, feature)),
                    PropType::Text | PropType::Enum(_) => drop(l.word(p.name, feature)),
                }
            }
        }
    }
});
