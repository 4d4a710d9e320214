//! Headless Chromium driven through the DevTools protocol (a WebSocket, through
//! tungstenite): open a page, evaluate JavaScript in it, wait for a condition.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// A page open in a headless Chromium of its own (killed on drop).
pub struct Page {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    chromium: Child,
    _profile: tempfile::TempDir,
}

impl Page {
    /// Starts Chromium and opens `url` in it.
    pub fn open(chromium: &Path, url: &str) -> Page {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium)
            .env("HOME", profile.path())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1400,1000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        // Chromium says where its DevTools listen on stderr; the rest of stderr is drained.
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let endpoint = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|l| l.split_once("DevTools listening on ").map(|(_, ws)| ws.trim().to_string()))
            .expect("chromium prints its DevTools address");
        std::thread::spawn(move || lines.for_each(drop));
        let (ws, _) = tungstenite::connect(endpoint.as_str()).expect("DevTools connection");
        let mut page = Page { ws, session: String::new(), next: 0, chromium: child, _profile: profile };
        let target = page.call("Target.createTarget", json!({ "url": url }), false);
        let attached =
            page.call("Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true }), false);
        page.session = attached["sessionId"].as_str().unwrap().to_string();
        page
    }

    /// Sends a command (to the page's session, or to the browser) and returns its result.
    fn call(&mut self, method: &str, params: Value, in_page: bool) -> Value {
        self.next += 1;
        let mut message = json!({ "id": self.next, "method": method, "params": params });
        if in_page {
            message["sessionId"] = json!(self.session);
        }
        self.ws.send(Message::text(message.to_string())).unwrap();
        loop {
            let Message::Text(text) = self.ws.read().unwrap() else { continue };
            let reply: Value = serde_json::from_str(&text).unwrap();
            if reply["id"] == json!(self.next) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// The value of a JavaScript expression in the page (awaited if it is a promise).
    pub fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
            true,
        );
        assert!(r.get("exceptionDetails").is_none(), "{expression}: {r}");
        r["result"]["value"].clone()
    }

    /// Evaluates `expression` until it is truthy, and returns its value; panics with `what`
    /// after `timeout`.
    pub fn wait_for(&mut self, expression: &str, timeout: Duration, what: &str) -> Value {
        let start = Instant::now();
        loop {
            let v = self.eval(expression);
            let truthy = !matches!(&v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            assert!(start.elapsed() < timeout, "timed out waiting for {what} ({expression})");
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.chromium.kill();
        let _ = self.chromium.wait();
    }
}
