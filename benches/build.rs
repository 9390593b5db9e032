//! `cargo bench --bench build`: times `stratagem build` (the real binary) on generated plans of
//! 1,000 and 10,000 documents, side by side in the same run with
//!
//! - the **floor**: reading every document, rendering its body with pulldown-cmark and writing one
//!   HTML file each, in parallel, in this process — what any site generator must at least do;
//! - **Hugo** on the same Markdown (Debian's `hugo` package; without it that comparison is skipped
//!   with a message: this is a benchmark, not a test).
//!
//! stratagem is timed **cold** (into an output folder that does not exist yet, as in CI) and
//! **warm** (rebuilding the same plan over its previous site, which keeps every page unchanged). Every cold run of every tool writes into a
//! folder of its own, and the folders are removed only once everything is timed: on file systems
//! that avoid reusing recently freed inodes (ext4 without a journal, as on the project's
//! machine), creating files just after thousands were deleted costs several times more, and
//! which run pays for that would decide the figures. Targets: a cold build within 2x the floor, a warm build
//! faster than a cold one, and the site in at most a quarter of Hugo's time with no more memory.
//!
//! The **history** case builds the 1,000-document plan in a git repository of 500 commits (each
//! moving a few goals' targets or deadlines and editing other documents; see
//! `support/history.rs`) beside the same folder with git told to look no further up than the
//! plan (`GIT_CEILING_DIRECTORIES`): the site with its history (goal pages, last changes, the
//! Changes page) within 2x the build without. `STRATAGEM_BENCH=history` (or `sizes`) runs one
//! case alone.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rayon::prelude::*;

const RUNS: usize = 7;

/// Runs `command` under GNU time and returns its peak resident memory in KiB, if measurable.
fn peak_memory_kib(program: &str, args: &[&str]) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .env("STRATAGEM_CACHE_DIR", cache_dir())
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

/// Where the benchmarked builds keep their warm-build records.
fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-out/cache")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `run` `RUNS` times after one warm-up and returns the sorted wall-clock times.
fn timed(mut run: impl FnMut()) -> Vec<Duration> {
    run();
    let mut times: Vec<Duration> = (0..RUNS).map(|_| timed_once(&mut run)).collect();
    times.sort();
    times
}

/// One timed run of `run`.
fn timed_once(run: impl FnOnce()) -> Duration {
    let start = Instant::now();
    run();
    start.elapsed()
}

/// The times without the first run (the warm-up), sorted.
fn after_warm_up(mut times: Vec<Duration>) -> Vec<Duration> {
    times.remove(0);
    times.sort();
    times
}

fn median(times: &[Duration]) -> Duration {
    times[times.len() / 2]
}

/// Runs a command and requires it to succeed: a benchmark of a failing build measures nothing.
/// stratagem keeps its warm-build records under the target folder, not the user's cache.
fn run_ok(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .env("STRATAGEM_CACHE_DIR", cache_dir())
        .args(args)
        .output()
        .expect("run benchmarked command");
    assert!(
        output.status.success(),
        "`{program}` failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn remove(dir: &Path) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("remove the previous output");
    }
}

/// The floor: every Markdown file of `plan` read, its body (after the front matter) rendered
/// with pulldown-cmark, and written as one HTML file under `out`, in parallel. Returns the
/// number of files written.
fn floor(plan: &Path, out: &Path) -> usize {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(plan)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let mut folders: Vec<PathBuf> = files
        .iter()
        .map(|f| out.join(f.parent().unwrap().strip_prefix(plan).unwrap()))
        .collect();
    folders.dedup();
    for folder in &folders {
        std::fs::create_dir_all(folder).unwrap();
    }
    files.par_iter().for_each(|file| {
        let text = std::fs::read_to_string(file).unwrap();
        let body = text.splitn(3, "+++").nth(2).unwrap_or(&text);
        let mut html = String::with_capacity(body.len() * 2);
        html.push_str("<!DOCTYPE html><html><body><main>");
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::all()),
        );
        html.push_str("</main></body></html>");
        let rel = file.strip_prefix(plan).unwrap().with_extension("html");
        std::fs::write(out.join(rel), html).unwrap();
    });
    files.len()
}

fn count_pages(out: &Path) -> usize {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

fn memory(kib: Option<u64>) -> String {
    kib.map_or("?".into(), |k| (k / 1024).to_string())
}

/// A fresh output folder for each timed run, removed when dropped (after all the timing).
struct Outputs {
    root: PathBuf,
    made: usize,
}

impl Outputs {
    fn new(name: &str) -> Outputs {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/bench-out")
            .join(name);
        remove(&root);
        std::fs::create_dir_all(&root).unwrap();
        Outputs { root, made: 0 }
    }

    /// A folder that does not exist yet.
    fn next(&mut self) -> PathBuf {
        self.made += 1;
        self.root.join(self.made.to_string())
    }
}

impl Drop for Outputs {
    fn drop(&mut self) {
        remove(&self.root);
    }
}

/// stratagem cold and warm beside the floor, on one plan; returns the cold median. The output
/// folders stay until `outputs` is dropped.
fn ours_and_floor(binary: &str, n: usize, plan: &Path, outputs: &mut Outputs) -> Duration {
    let args = |out: &Path| {
        [
            "build".to_owned(),
            plan.display().to_string(),
            "-o".to_owned(),
            out.display().to_string(),
            "--today".to_owned(),
            "2027-03-15".to_owned(),
        ]
    };
    let run = |out: &Path| run_ok(binary, &args(out).each_ref().map(String::as_str));
    let mut files = 0;
    // The floor and the cold build take turns, so that both meet the file system in the same
    // state.
    let (mut floor_times, mut cold) = (Vec::new(), Vec::new());
    let mut last = PathBuf::new();
    for _ in 0..=RUNS {
        let floor_out = outputs.next();
        floor_times.push(timed_once(|| files = floor(plan, &floor_out)));
        last = outputs.next();
        cold.push(timed_once(|| run(&last)));
    }
    let (floor_times, cold) = (after_warm_up(floor_times), after_warm_up(cold));
    let warm = timed(|| run(&last));
    let peak = peak_memory_kib(binary, &args(&last).each_ref().map(String::as_str));
    println!(
        "  {n:>6} documents, floor:            {} → {files} files",
        support::summary(&floor_times)
    );
    println!(
        "  {n:>6} documents, stratagem cold:   {} → {} pages, peak {} MiB",
        support::summary(&cold),
        count_pages(&last),
        memory(peak)
    );
    println!("  {n:>6} documents, stratagem warm:   {}", support::summary(&warm));
    let (c, w, f) = (ms(median(&cold)), ms(median(&warm)), ms(median(&floor_times)));
    println!(
        "  {n:>6} documents: cold build {:.2}x the floor (target ≤ 2x); warm build {:.0}% of a cold one (target < 100%)",
        c / f,
        w / c * 100.0
    );
    median(&cold)
}

/// Hugo, cold, on the same Markdown; returns its median.
fn hugo(n: usize, plan: &Path, outputs: &mut Outputs) -> Duration {
    let site = hugo_site(plan, n);
    let args = |out: &Path| {
        [
            "--quiet".to_owned(),
            "-s".to_owned(),
            site.display().to_string(),
            "-d".to_owned(),
            out.display().to_string(),
        ]
    };
    let run = |out: &Path| run_ok("hugo", &args(out).each_ref().map(String::as_str));
    let times = timed(|| run(&outputs.next()));
    println!(
        "  {n:>6} documents, hugo cold:        {}, peak {} MiB",
        support::summary(&times),
        memory(peak_memory_kib(
            "hugo",
            &args(&outputs.next()).each_ref().map(String::as_str)
        ))
    );
    median(&times)
}

/// Cold builds of the plan in a repository of `commits` commits, taking turns with builds of the
/// same plan outside git, and the ratio of their medians.
fn with_history(binary: &str, n: usize, commits: usize, outputs: &mut Outputs) {
    let started = Instant::now();
    let (repo, plan) = support::history::git_plan(n, commits);
    println!(
        "  {n:>6} documents in git, {commits} commits (ready in {:.1} s)",
        started.elapsed().as_secs_f64()
    );
    let run = |out: &Path, outside: bool| {
        let mut command = Command::new(binary);
        command
            .env("STRATAGEM_CACHE_DIR", cache_dir())
            .args(["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .args(["--today", "2027-03-15"]);
        if outside {
            command.env("GIT_CEILING_DIRECTORIES", &repo);
        }
        let output = command.output().expect("run stratagem");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert_eq!(
            outside,
            stderr.contains("note: the plan is not in a git repository"),
            "{stderr}"
        );
    };
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for _ in 0..=RUNS {
        let out = outputs.next();
        without.push(timed_once(|| run(&out, true)));
        let out = outputs.next();
        with.push(timed_once(|| run(&out, false)));
    }
    let (with, without) = (after_warm_up(with), after_warm_up(without));
    println!("  {n:>6} documents, outside git:      {}", support::summary(&without));
    println!("  {n:>6} documents, with history:     {}", support::summary(&with));
    println!(
        "  {n:>6} documents: the build with {commits} commits of history takes {:.2}x the build without (target ≤ 2x)",
        ms(median(&with)) / ms(median(&without))
    );
}

fn main() {
    let binary = env!("CARGO_BIN_EXE_stratagem");
    // `STRATAGEM_BENCH=sizes` or `history` runs one case; unset, both.
    let only = std::env::var("STRATAGEM_BENCH").unwrap_or_default();
    if only == "history" {
        println!("{RUNS} runs each after a warm-up (wall clock, median)");
        let mut outputs = Outputs::new("history");
        with_history(binary, 1_000, 500, &mut outputs);
        return;
    }
    let hugo_version = Command::new("hugo")
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    match &hugo_version {
        Some(o) => println!("{}", String::from_utf8_lossy(&o.stdout).trim()),
        None => println!("hugo is not installed (apt-get install hugo): it is not timed"),
    }
    println!("{RUNS} runs each after a warm-up (wall clock, median), peak memory from GNU time");
    // Removed at the end, when everything is timed.
    let mut outputs = Outputs::new("runs");
    for n in [1_000, 10_000] {
        let plan = support::plan(n);
        let ours = ours_and_floor(binary, n, &plan, &mut outputs);
        if hugo_version.is_some() {
            let theirs = hugo(n, &plan, &mut outputs);
            println!(
                "  {n:>6} documents: a cold stratagem build takes {:.0}% of Hugo's time",
                ms(ours) / ms(theirs) * 100.0
            );
        }
    }
    if only.is_empty() {
        with_history(binary, 1_000, 500, &mut outputs);
    }
}
