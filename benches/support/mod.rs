//! Shared by the benchmarks: a deterministic generator of large, valid plans.

#![allow(dead_code, reason = "each benchmark uses part of the support code")]

pub mod generator;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A generated plan under `target/bench-plans/<n>`, written once and reused while valid.
pub fn plan(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-plans")
        .join(n.to_string());
    let stamp = dir.join(".generated");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(generator::VERSION) {
        let _ = std::fs::remove_dir_all(&dir);
        generator::write_plan(&dir, n).expect("write benchmark plan");
        std::fs::write(&stamp, generator::VERSION).expect("write stamp");
    }
    dir
}

/// Runs a command `runs` times after one warm-up, and returns the sorted wall-clock times.
pub fn time_command(runs: usize, mut make: impl FnMut() -> Command) -> Vec<Duration> {
    let run = |command: &mut Command| {
        let start = Instant::now();
        let output = command.output().expect("run benchmarked command");
        let elapsed = start.elapsed();
        // A benchmark of a plan with errors would measure the wrong thing: require a clean run.
        assert!(
            output.status.success(),
            "benchmarked command failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        elapsed
    };
    run(&mut make());
    let mut times: Vec<_> = (0..runs).map(|_| run(&mut make())).collect();
    times.sort();
    times
}

/// `min / median / max` in milliseconds.
pub fn summary(times: &[Duration]) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "min {:7.1} ms   median {:7.1} ms   max {:7.1} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    )
}

/// `stratagem serve` on a free port; killed when dropped.
pub struct Server {
    child: std::process::Child,
    pub port: u16,
}

impl Server {
    pub fn start(binary: &str, plan: &Path) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(binary)
            .args(["serve", plan.to_str().unwrap(), "--port", "0", "--today", "2027-03-15"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start stratagem serve");
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let line = lines
            .next()
            .expect("the server prints its address")
            .expect("read the server's output");
        let at = line.find("127.0.0.1:").expect("an address") + 10;
        let port = line[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap();
        // Keep draining the output so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the preview's server-sent events.
pub struct Events(std::io::BufReader<std::net::TcpStream>);

impl Events {
    pub fn connect(port: u16) -> Events {
        use std::io::Write;
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(stream, "GET /__stratagem/events HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        Events(std::io::BufReader::new(stream))
    }

    /// Blocks until the next event named `name`.
    pub fn wait(&mut self, name: &str) {
        use std::io::BufRead;
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "the event stream ended");
            if line.trim_end() == format!("event: {name}") {
                return;
            }
        }
    }
}
