//! Crash safety, measured: `histmap render` killed (SIGKILL) at random moments never
//! leaves a partial or missing map, and the next run removes the temporary files a kill
//! left behind.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Two of the story's phases, small: a run takes a few tenths of a second in debug.
const ARGS: &[&str] = &["render", "-q", "--size", "200x150", "1938-khasan", "1939-khalkhin-gol"];
const KILLS: usize = 60;

fn render(out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_histmap"));
    c.current_dir(ROOT).args(ARGS).arg("--out").arg(out);
    c
}

/// Every file in the folder by name, and the temporary ones apart.
fn files(out: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let (mut maps, mut temporary) = (BTreeMap::new(), Vec::new());
    for e in fs::read_dir(out).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".histmap-") && name.ends_with(".tmp") {
            temporary.push(name);
        } else {
            maps.insert(name, fs::read(e.path()).unwrap());
        }
    }
    (maps, temporary)
}

/// A seeded xorshift64: the same kill delays on every run of the test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn a_killed_render_leaves_every_map_whole_and_the_next_run_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let started = Instant::now();
    assert!(render(out).status().unwrap().success());
    let duration = started.elapsed();
    let (good, temporary) = files(out);
    assert!(temporary.is_empty(), "{temporary:?}");
    assert!(good.len() >= 6, "two maps in two formats and the index: {:?}", good.keys());

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut left_behind, mut finished) = (0, 0);
    for i in 0..KILLS {
        // Delays spread over the whole run, and a little past it.
        let delay = duration.mul_f64((rng.next() % 1100) as f64 / 1000.0);
        let mut child = render(out).spawn().unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_some() {
            finished += 1;
        }
        child.kill().unwrap_or(());
        child.wait().unwrap();
        let (maps, temporary) = files(out);
        left_behind += usize::from(!temporary.is_empty());
        assert_eq!(maps.keys().collect::<Vec<_>>(), good.keys().collect::<Vec<_>>(), "kill {i} after {delay:?}");
        for (name, bytes) in &maps {
            assert!(bytes == &good[name], "kill {i} after {delay:?}: {name} is not the good render's");
        }
        if i % 10 == 9 {
            // A run that finishes removes what the kills left.
            assert!(render(out).status().unwrap().success());
            let (maps, temporary) = files(out);
            assert!(temporary.is_empty(), "after kill {i}, a successful run left {temporary:?}");
            assert_eq!(maps, good);
        }
    }
    eprintln!(
        "{KILLS} kills over runs of {duration:?}: {left_behind} left temporary files, {finished} had finished; {:?} in all",
        started.elapsed()
    );
    assert!(finished < KILLS / 2, "most kills must land during a run");
}
