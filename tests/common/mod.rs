//! A user's edit of the story, for the tests that must hold for any story: the shipped
//! story and geodata copied to a temporary folder, with one phase added at the end.

use std::fs;
use std::path::{Path, PathBuf};

/// The id of the added phase.
pub const ADDED: &str = "1937-china-war";

/// Copies `geodata/` (story and layers) into `dir`, appends a regional phase to the story
/// and returns the copy's story path.
pub fn story_with_added_phase(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    for e in fs::read_dir(&root).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let story = dir.join("story.toml");
    let mut text = fs::read_to_string(&story).unwrap();
    text.push_str(&format!(
        r#"
[[phase]]
id = "{ADDED}"
title = "War in China"
subtitle = "Japan invades China proper"
date = "1937-07-07"
extent = [111, 35, 136, 54]
caption = "On 7 July 1937 a clash at the Marco Polo Bridge near Peking began the war between Japan and China."
"#
    ));
    fs::write(&story, text).unwrap();
    story
}
