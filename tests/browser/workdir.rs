//! A user's working folder: the repository's geodata and styles copied into it, the layout
//! `watch` expects.

use std::fs;
use std::path::Path;

/// Copies `geodata/` and `styles/` (their files) into `dir`.
pub fn copy_story(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["geodata", "styles"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
        for e in fs::read_dir(root.join(sub)).unwrap().flatten() {
            if e.path().is_file() {
                fs::copy(e.path(), dir.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
}
