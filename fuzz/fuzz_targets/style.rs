//! Any text given to the style parser, and every property of whatever it accepts
//! evaluated for a feature: an error is fine, a panic is a bug.
#![no_main]

use histmap::data::Layer;
use histmap::lang::Lang;
use histmap::style::{Paint, Style};
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
        for feature in [Some(f), None] {
            match &l.paint {
                Paint::Fill(p) => drop(p.eval(feature)),
                Paint::Line(p) => drop(p.eval(feature)),
                Paint::Circle(p) => drop(p.eval(feature)),
                Paint::Text(p) => {
                    p.eval(f, Lang::En);
                    p.eval(f, Lang::Ru);
                }
            }
        }
    }
});
