//! A minimal language-server client over stdio with Content-Length framing, for `tests/lsp.rs`
//! and `benches/lsp.rs`: it starts the real binary, sends requests and notifications, and waits
//! for responses and published diagnostics (a guard of 30 s stops a hung server from hanging
//! the test; nothing is timed here).

#![allow(dead_code, reason = "the test and the benchmark use different parts")]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const GUARD: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications received while waiting for something else, oldest first.
    pub notifications: Vec<Value>,
    next_id: i64,
}

/// `file:///…` of a path.
pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    /// Starts `binary lsp` with its stderr passed through.
    pub fn start(binary: &Path) -> Client {
        let mut child = Command::new(binary)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start stratagem lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            notifications: Vec::new(),
            next_id: 1,
        }
    }

    /// `initialize` (with the plan folder as root, if any, and UTF-8 positions if `utf8`) and
    /// `initialized`; returns the server's capabilities.
    pub fn initialize(&mut self, root: Option<&Path>, utf8: bool) -> Value {
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let root_uri = root.map_or(Value::Null, |r| json!(uri(r)));
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": { "general": { "positionEncodings": encodings } },
            }),
        );
        self.notify("initialized", json!({}));
        result["result"]["capabilities"].clone()
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + GUARD;
        loop {
            let message = self.next(deadline).unwrap_or_else(|| panic!("no answer to `{method}`"));
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
            self.notifications.push(message);
        }
    }

    pub fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// Replaces a buffer's whole text.
    pub fn change(&mut self, path: &Path, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri(path), "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// Waits for the next `publishDiagnostics` of `path` (skipping older ones) and returns its
    /// diagnostics.
    pub fn diagnostics(&mut self, path: &Path) -> Vec<Value> {
        self.diagnostics_until(path, |_| true)
    }

    /// Waits for a `publishDiagnostics` of `path` whose diagnostics satisfy `accept`.
    pub fn diagnostics_until(&mut self, path: &Path, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let wanted = json!(uri(path));
        let is_it = |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == wanted;
        let take = |m: &Value| m["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
        while let Some(i) = self.notifications.iter().position(is_it) {
            let message = self.notifications.remove(i);
            if accept(&take(&message)) {
                return take(&message);
            }
        }
        let deadline = Instant::now() + GUARD;
        loop {
            let message = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no accepted diagnostics for {}", path.display()));
            if is_it(&message) && accept(&take(&message)) {
                return take(&message);
            }
            if !is_it(&message) {
                self.notifications.push(message);
            }
        }
    }

    /// Waits for the `publishDiagnostics` of `path` made after the edit of `version`.
    pub fn diagnostics_of_version(&mut self, path: &Path, version: i64) -> Vec<Value> {
        let wanted = json!(uri(path));
        let deadline = Instant::now() + GUARD;
        loop {
            let message = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no diagnostics of version {version}"));
            let params = &message["params"];
            if message["method"] == "textDocument/publishDiagnostics"
                && params["uri"] == wanted
                && params["version"] == json!(version)
            {
                return params["diagnostics"].as_array().cloned().unwrap_or_default();
            }
        }
    }

    /// Forgets the notifications received so far.
    pub fn clear(&mut self) {
        while let Ok(message) = self.incoming.try_recv() {
            self.notifications.push(message);
        }
        self.notifications.clear();
    }

    /// `shutdown` and `exit`; returns whether the server exited with status 0.
    pub fn shutdown(mut self) -> bool {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "shutdown failed: {answer}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + GUARD;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                return status.success();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        self.incoming
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .ok()
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A test that failed midway leaves no server behind (it is this client's own child).
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads one framed message; `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
