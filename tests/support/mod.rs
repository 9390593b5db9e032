//! Helpers shared by the integration tests: run the real binary, copy fixture plans.

#![allow(dead_code, reason = "each test file uses part of the support code")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn example_plan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-plan")
}

/// The `stratagem` binary built for these tests, with a clean environment for dates and colour.
pub fn stratagem() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stratagem"));
    command.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    command
}

pub fn run(args: &[&str], dir: Option<&Path>) -> Output {
    let mut command = stratagem();
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().expect("run stratagem")
}

/// Copies `from` into `to` recursively, overwriting files that exist. Symbolic links are
/// copied as links; a top-level `public/` (a site built from the plan) is left out.
pub fn copy_tree(from: &Path, to: &Path) {
    let walker = walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == "public"));
    for entry in walker {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if entry.file_type().is_symlink() {
            let _ = std::fs::remove_file(&target);
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the example plan (without build output) in `dir/plan`.
pub fn plan_in(dir: &Path) -> PathBuf {
    let plan = dir.join("plan");
    copy_tree(&example_plan(), &plan);
    plan
}

/// Replaces `from` by `to` in a file, which must contain it.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// Waits until `check` holds, polling, for at most ten seconds.
pub fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !check() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

/// A page template that renders for minutes: ten billion empty loop turns.
pub const RUNAWAY_PAGE: &str = "{% extends \"base.html\" %}{% block content %}{% for i in range(end=100000) %}\
    {% for j in range(end=100000) %}{% endfor %}{% endfor %}{% endblock %}";

/// Appends `[limits]` lines to the plan's plan.toml.
pub fn set_limits(plan: &Path, lines: &str) {
    let settings = std::fs::read_to_string(plan.join("plan.toml")).unwrap();
    std::fs::write(plan.join("plan.toml"), format!("{settings}\n[limits]\n{lines}\n")).unwrap();
}

/// Lints `plan` and returns the parsed JSON output and the exit code.
pub fn lint_json(plan: &Path, extra: &[&str]) -> (serde_json::Value, i32) {
    let mut args = vec!["lint", plan.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let output = run(&args, None);
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "lint output is not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (json, output.status.code().unwrap_or(-1))
}

/// A minimal HTTP/1.1 client for the preview server's tests: one request per connection, the
/// path sent exactly as given (so that `/../x` reaches the server unnormalised).
pub mod http {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    pub struct Response {
        pub status: u16,
        pub headers: Vec<(String, String)>,
        pub body: String,
    }

    impl Response {
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    pub fn request(port: u16, method: &str, path: &str, extra: &[(&str, &str)]) -> std::io::Result<Response> {
        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (k, v) in extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        Ok(Response {
            status,
            headers,
            body: body.to_owned(),
        })
    }

    pub fn get(port: u16, path: &str) -> Response {
        request(port, "GET", path, &[]).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }
}

/// A `stratagem serve` process on a free port, stopped (with Ctrl-C) when dropped.
pub struct Server {
    pub child: std::process::Child,
    pub port: u16,
    pub output: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    pub fn start(plan: &Path, extra: &[&str]) -> Server {
        Server::start_with_env(plan, extra, &[])
    }

    /// [`Server::start`] with environment variables set for the server.
    pub fn start_with_env(plan: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        use std::io::BufRead;
        let mut child = stratagem()
            .args(["serve", plan.to_str().unwrap(), "--port", "0"])
            .args(extra)
            .envs(env.iter().copied())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start stratagem serve");
        let stdout = child.stdout.take().unwrap();
        let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let log = output.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("127.0.0.1:") {
                    let port: String = line[at + 10..].chars().take_while(char::is_ascii_digit).collect();
                    let _ = port_tx.send(port.parse::<u16>().unwrap());
                }
                log.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let stderr = child.stderr.take().unwrap();
        let log = output.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                log.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let port = port_rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the server prints its address");
        Server { child, port, output }
    }

    /// Sends SIGINT (Ctrl-C) and waits for the exit status.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not stop on Ctrl-C"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Server-sent events read line by line from the preview.
pub struct Events {
    reader: std::io::BufReader<std::net::TcpStream>,
}

impl Events {
    pub fn connect(port: u16, path: &str) -> Events {
        use std::io::Write;
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        // HTTP/1.0: no chunked encoding, so every line of the stream arrives whole.
        write!(
            stream,
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        Events {
            reader: std::io::BufReader::new(stream),
        }
    }

    /// The data of the next event named `name`, or `None` on timeout.
    pub fn next(&mut self, name: &str) -> Option<String> {
        use std::io::BufRead;
        let mut current = String::new();
        let mut line = String::new();
        loop {
            line.clear();
            if self.reader.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let trimmed = line.trim_end();
            if let Some(event) = trimmed.strip_prefix("event: ") {
                current = event.to_owned();
            } else if let Some(data) = trimmed.strip_prefix("data: ")
                && current == name
            {
                return Some(data.to_owned());
            }
        }
    }
}
