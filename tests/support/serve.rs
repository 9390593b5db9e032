//! The preview server's harness, shared by the integration tests (`tests/support/mod.rs`) and
//! the benchmarks (`benches/support/mod.rs` includes this file by path): the binary under test,
//! a `stratagem serve` on a free loopback port, a minimal HTTP client and the server-sent
//! events reader. It uses only the standard library.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The `stratagem` binary built for these tests, with a clean environment for dates and colour,
/// and the build cache under the target folder rather than the user's cache folder. Git looks
/// for a repository no further up than this project's folder: the example plan, built in place,
/// is then outside git, so that its pages do not follow this repository's own commits (a plan
/// in a repository of its own, under `/tmp`, keeps its history).
pub fn stratagem() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stratagem"));
    command
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .env(
            "STRATAGEM_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache"),
        )
        .env("GIT_CEILING_DIRECTORIES", env!("CARGO_MANIFEST_DIR"));
    command
}

/// A minimal HTTP/1.1 client for the preview server's tests: one request per connection, the
/// path sent exactly as given (so that `/../x` reaches the server unnormalised).
pub mod http {
    use super::Duration;
    use std::io::{Read, Write};
    use std::net::TcpStream;

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
            // A large plan is built before the server listens (the benchmarks' 10,000 documents).
            .recv_timeout(Duration::from_secs(120))
            .expect("the server prints its address");
        Server { child, port, output }
    }

    /// Sends SIGINT (Ctrl-C) and waits for the exit status.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not stop on Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(50));
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
    /// Opens the event stream at `path`; a read waits at most ten seconds for a line.
    pub fn connect(port: u16, path: &str) -> Events {
        use std::io::Write;
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
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

    /// Lets a read wait `timeout` for a line (a large plan takes longer than ten seconds).
    pub fn with_timeout(self, timeout: Duration) -> Events {
        self.reader.get_ref().set_read_timeout(Some(timeout)).unwrap();
        self
    }

    /// Blocks until the next event named `name`; panics when the stream ends or times out.
    pub fn wait(&mut self, name: &str) {
        if self.next(name).is_none() {
            panic!("the event stream ended or timed out before a `{name}` event");
        }
    }

    /// The next `reload` event: its generation and the pages it names (`None`: every page).
    /// Panics when the stream ends or times out first.
    pub fn reload(&mut self) -> (u64, Option<Vec<String>>) {
        let data = self
            .next("reload")
            .unwrap_or_else(|| panic!("the event stream ended or timed out before a reload"));
        let reload: serde_json::Value = serde_json::from_str(&data).expect("a reload event is JSON");
        let generation = reload["generation"].as_u64().expect("a reload names its generation");
        let pages = reload["pages"].as_array().map(|pages| {
            let name = |p: &serde_json::Value| p.as_str().expect("a page is a path").to_owned();
            pages.iter().map(name).collect()
        });
        (generation, pages)
    }

    /// The generation of the next `reload` event that reloads `page`: one naming it, or every
    /// page.
    pub fn reload_of(&mut self, page: &str) -> u64 {
        loop {
            let (generation, pages) = self.reload();
            if pages.is_none_or(|pages| pages.iter().any(|p| p == page)) {
                return generation;
            }
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
