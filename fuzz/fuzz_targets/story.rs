//! Any text given to the story parser, and every phase of whatever it accepts looked up
//! by date and translated: an error is fine, a panic is a bug.
#![no_main]

use histmap::date::DateSpan;
use histmap::lang::Lang;
use histmap::story::Story;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(story) = Story::parse(Path::new("story.toml"), text) else { return };
    for p in &story.phases {
        p.in_lang(Lang::Ru);
        story.phase_for(&p.dates);
    }
    for date in ["1931-09-18", "1939-07", "1945"] {
        let span = DateSpan::parse(date).unwrap();
        let _ = story.phase_for(&span).on_date(date);
    }
});
