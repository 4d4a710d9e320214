//! `histmap watch --serve` in a real browser: headless Chromium (Debian's), driven through
//! the DevTools protocol, loads the preview of a copy of the story, sees every phase, sees
//! a style edit without a reload, sees a broken edit's error above the last good map and
//! sees it go; the server refuses paths outside its maps, other methods and foreign hosts;
//! SIGTERM stops it cleanly. Needs Chromium (see tests/clients.rs for when it may be skipped).

#[path = "browser/cdp.rs"]
mod cdp;
#[path = "browser/client.rs"]
mod client;
#[path = "browser/workdir.rs"]
mod workdir;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const LONG: Duration = Duration::from_secs(60);

/// The lines `watch` prints, as they come.
fn lines(out: ChildStdout) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

/// Waits for a printed line containing `text` and returns it.
fn expect_line(rx: &mpsc::Receiver<String>, text: &str) -> String {
    loop {
        let line = rx.recv_timeout(LONG).unwrap_or_else(|_| panic!("no line with '{text}'"));
        if line.contains(text) {
            return line;
        }
    }
}

/// A raw HTTP/1.1 request (the path sent exactly as given, as a browser never would);
/// returns the status code and the body.
fn raw(addr: &str, method: &str, target: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    let status = reply.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, reply)
}

struct Watch(Child);

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_preview_shows_every_phase_follows_edits_and_errors_and_serves_nothing_else() {
    let Some(chromium) = client::client("chromium") else { return };
    let dir = tempfile::tempdir().unwrap();
    workdir::copy_story(dir.path());
    let out = dir.path().join("out");
    let mut watch = Watch(
        Command::new(env!("CARGO_BIN_EXE_histmap"))
            .current_dir(dir.path())
            .args(["watch", "--serve", "--out", "out", "--width", "800", "--height", "600"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let printed = lines(watch.0.stdout.take().unwrap());
    let url = expect_line(&printed, "preview at ").rsplit(' ').next().unwrap().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "loopback by default: {url}");
    expect_line(&printed, "rendered ");
    let phases = histmap::story::Story::load(&dir.path().join("geodata/story.toml")).unwrap().phases.len();

    // Nothing but the page, its data and the maps written.
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let cargo = fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    for target in
        ["/../Cargo.toml", "/out/..%2F..%2FCargo.toml", "/out/%2Fetc%2Fpasswd", "//etc/passwd", "/out/story.toml"]
    {
        let (status, body) = raw(addr, "GET", target, addr);
        assert!(matches!(status, 403 | 404), "{target}: {status}");
        assert!(!body.contains("[package]") && !body.contains("root:") && !body.contains(&cargo[..40]), "{target}");
    }
    assert_eq!(raw(addr, "GET", "/out/1938-khasan.svg", addr).0, 200);
    assert_eq!(raw(addr, "DELETE", "/out/1938-khasan.svg", addr).0, 405);
    assert_eq!(raw(addr, "POST", "/view", addr).0, 405);
    assert_eq!(raw(addr, "GET", "/state", "attacker.example:80").0, 403, "a foreign Host is refused");
    assert_eq!(raw(addr, "GET", &format!("/view?phase={}", "x".repeat(2000)), addr).0, 414);

    let mut page = cdp::Page::open(&chromium, &url);
    let all_shown = format!(
        "document.querySelectorAll('#thumbs img[src]').length === {phases} && \
         [...document.querySelectorAll('#thumbs img')].every(i => i.complete && i.naturalWidth > 0) && \
         document.querySelector('#map svg') !== null"
    );
    page.wait_for(&all_shown, LONG, "every phase's thumbnail and the large map");
    let first = page.eval("document.querySelector('#thumbs .thumb').dataset.id");
    assert_eq!(first, "1931-occupation");
    let caption = page.eval("document.getElementById('caption').textContent");
    assert!(caption.as_str().unwrap().contains("Kwantung Army"), "{caption}");

    // A style edit: the shown map changes in place, without a reload.
    page.eval("window.notReloaded = true; document.getElementById('map').scrollTop = 0");
    let style = dir.path().join("styles/default.toml");
    let good = fs::read_to_string(&style).unwrap();
    let sea = good.lines().find(|l| l.trim_start().starts_with("sea =")).expect("a sea colour").to_string();
    let edited = good.replacen(&sea, "sea = \"#123456\"", 1);
    fs::write(&style, &edited).unwrap();
    page.wait_for(
        "document.querySelector('#map svg').outerHTML.includes('#123456')",
        LONG,
        "the edited sea colour in the shown map",
    );
    assert_eq!(page.eval("window.notReloaded === true"), true, "the page was not reloaded");

    // A broken edit: its error, with file, line and column, above the last good map.
    fs::write(&style, format!("{edited}\n[[layer]]\nsource = \n")).unwrap();
    let error = page.wait_for(
        "!document.getElementById('error').hidden && document.getElementById('error').textContent",
        LONG,
        "the error on the page",
    );
    let error = error.as_str().unwrap();
    assert!(error.contains("default.toml:") && error.chars().any(|c| c.is_ascii_digit()), "{error}");
    assert_eq!(page.eval("document.querySelector('#map svg').outerHTML.includes('#123456')"), true);
    fs::write(&style, &good).unwrap();
    page.wait_for("document.getElementById('error').hidden", LONG, "the error to clear");
    page.wait_for("!document.querySelector('#map svg').outerHTML.includes('#123456')", LONG, "the restored map");

    // On demand: another style and a date, in the shown phase's frame.
    page.eval("document.getElementById('style').value = 'print.toml'; document.getElementById('style').onchange({target: document.getElementById('style')})");
    page.wait_for("document.getElementById('map').dataset.shown.startsWith('view:')", LONG, "the print view");
    assert_eq!(page.eval("document.getElementById('view-error').hidden"), true);

    // SIGTERM: it says so and exits 0, leaving no temporary file.
    let pid = watch.0.id().to_string();
    assert!(Command::new("sh").args(["-c", &format!("kill -TERM {pid}")]).status().unwrap().success());
    expect_line(&printed, "stopped");
    assert!(watch.0.wait().unwrap().success());
    let left: Vec<_> =
        fs::read_dir(&out).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(left.is_empty(), "{left:?}");
}
