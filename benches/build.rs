//! `cargo bench --bench build`: times `stratagem build` (the real binary) on generated plans of
//! 1,000 and 10,000 documents, and Hugo on the same Markdown side by side in the same run, with
//! each one's peak memory. The target: stratagem's full site in at most a quarter of Hugo's time,
//! with no more memory. Hugo is Debian's `hugo` package; without it the comparison is skipped
//! with a message (this is a benchmark, not a test).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const RUNS: usize = 7;

/// Runs `command` under GNU time and returns its peak resident memory in KiB, if measurable.
fn peak_memory_kib(program: &str, args: &[&str]) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg(program)
        .args(args)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

/// A Hugo site with the plan's documents as content and minimal layouts.
fn hugo_site(plan: &Path, n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-hugo")
        .join(n.to_string());
    if dir.join(".ready").is_file() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    for kind in ["goals", "strategies", "tactics", "evaluations"] {
        let to = dir.join("content").join(kind);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(plan.join(kind)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    let layouts = dir.join("layouts/_default");
    std::fs::create_dir_all(&layouts).unwrap();
    let page = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>";
    let list = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>";
    std::fs::write(layouts.join("single.html"), page).unwrap();
    std::fs::write(layouts.join("list.html"), list).unwrap();
    std::fs::write(
        dir.join("hugo.toml"),
        "baseURL = \"http://127.0.0.1/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n[markup.goldmark.renderer]\nunsafe = true\n",
    )
    .unwrap();
    std::fs::write(dir.join(".ready"), "").unwrap();
    dir
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let binary = env!("CARGO_BIN_EXE_stratagem");
    let hugo = Command::new("hugo")
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    match &hugo {
        Some(o) => println!("{}", String::from_utf8_lossy(&o.stdout).trim()),
        None => println!("hugo is not installed (apt-get install hugo): only stratagem is timed"),
    }
    println!("{RUNS} runs each after a warm-up (wall clock, median), peak memory from GNU time");
    for n in [1_000, 10_000] {
        let plan = support::plan(n);
        let out = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/bench-out")
            .join(n.to_string());
        let (plan_s, out_s) = (plan.to_str().unwrap(), out.to_str().unwrap());
        let args = ["build", plan_s, "-o", out_s, "--today", "2027-03-15"];
        let ours = support::time_command(RUNS, || {
            let mut c = Command::new(binary);
            c.args(args);
            c
        });
        let our_memory = peak_memory_kib(binary, &args);
        let pages = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count();
        println!(
            "  {n:>6} documents, stratagem: {} → {pages} pages, peak {} MiB",
            support::summary(&ours),
            our_memory.map_or("?".into(), |k| (k / 1024).to_string())
        );
        if hugo.is_none() {
            continue;
        }
        let site = hugo_site(&plan, n);
        let hugo_out = site.join("public");
        let hugo_args = [
            "--quiet",
            "-s",
            site.to_str().unwrap(),
            "-d",
            hugo_out.to_str().unwrap(),
        ];
        let theirs = support::time_command(RUNS, || {
            let mut c = Command::new("hugo");
            c.args(hugo_args);
            c
        });
        let their_memory = peak_memory_kib("hugo", &hugo_args);
        let (a, b) = (ours[ours.len() / 2], theirs[theirs.len() / 2]);
        println!(
            "  {n:>6} documents, hugo:      {}, peak {} MiB",
            support::summary(&theirs),
            their_memory.map_or("?".into(), |k| (k / 1024).to_string())
        );
        println!(
            "  {n:>6} documents: stratagem takes {:.0}% of Hugo's time ({:.2}× faster){}",
            ms(a) / ms(b) * 100.0,
            ms(b) / ms(a),
            match (our_memory, their_memory) {
                (Some(o), Some(t)) => format!(", {:.0}% of its peak memory", o as f64 / t as f64 * 100.0),
                _ => String::new(),
            }
        );
    }
}
