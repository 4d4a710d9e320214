//! Finding the programs the client tests drive (Chromium, pandoc, unzip).

use std::io::Write;
use std::path::PathBuf;

/// The client's path on `PATH`, or `None` (after saying so) when it may be skipped.
pub fn client(name: &str) -> Option<PathBuf> {
    let found =
        std::env::var_os("PATH").and_then(|p| std::env::split_paths(&p).map(|d| d.join(name)).find(|f| f.is_file()));
    if found.is_none() {
        assert!(
            std::env::var("HISTMAP_REQUIRE_CLIENTS").as_deref() != Ok("1"),
            "{name} is not installed and HISTMAP_REQUIRE_CLIENTS=1 (Debian: apt-get install {name})"
        );
        // Straight to stderr, past the test harness's capture, so that a skip shows.
        let _ = writeln!(std::io::stderr(), "skipped: {name} not installed");
    }
    found
}
