//! The built example site in headless Chromium (`tests/browser/site.mjs`): every link of every
//! page, from disk, at an HTTP root and under a sub-path; search typed into the box; axe-core on
//! the main pages; a 375 px screen. Screenshots are saved under `target/screenshots/`. And the
//! live preview (`tests/browser/serve.mjs`): a page reloads by itself after its file is saved, so
//! does another page that shows the document, and a page the edit did not change stays.
//!
//! They need Debian's `chromium` and the npm packages of `tests/browser`; `scripts/test` (the
//! README's test command) installs them. Without them these tests fail and say so: they never
//! skip silently.

mod support;

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a script of `tests/browser` with Node; fails the test, saying what is missing, when the
/// browser tests' prerequisites are not installed. Returns the script's output.
fn node(script: &str, args: &[&str]) -> String {
    let mut missing = Vec::new();
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("Node.js (`node`)".to_owned());
    }
    if Command::new("java").arg("-version").output().is_err() {
        missing.push("Java (`java`, for the Nu HTML checker)".to_owned());
    }
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        if !root().join("tests/browser/node_modules").join(package).is_dir() {
            missing.push(format!("the npm package `{package}` (npm ci --prefix tests/browser)"));
        }
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    if !Path::new(&chromium).exists() {
        missing.push(format!("Chromium at `{chromium}` (apt-get install chromium)"));
    }
    assert!(
        missing.is_empty(),
        "the browser tests need {}; run `scripts/test`, which installs them",
        missing.join(", ")
    );
    let output = Command::new("node")
        .current_dir(root().join("tests/browser"))
        .arg(script)
        .args(args)
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{report}");
    assert!(output.status.success(), "{script} failed:\n{report}");
    report
}

#[test]
fn example_site_works_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let output = support::run(
        &[
            "build",
            support::example_plan().to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
        ],
        None,
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let screenshots = root().join("target/screenshots");
    node(
        "site.mjs",
        &[
            site.to_str().unwrap(),
            screenshots.to_str().unwrap(),
            "goals/corporate-leads.html",
        ],
    );
    assert!(screenshots.join("overview.png").is_file() && screenshots.join("goal.png").is_file());
}

#[test]
fn preview_pages_reload_by_themselves_after_a_save_and_only_those_it_changed() {
    let plan = tempfile::tempdir().unwrap();
    support::copy_tree(&support::example_plan(), plan.path());
    let server = support::Server::start(plan.path(), &["--base-path", "/preview"]);
    let at = |path: &str| format!("http://127.0.0.1:{}/preview/{path}", server.port);
    let file = plan.path().join("goals/corporate-leads.md");
    let report = node(
        "serve.mjs",
        &[
            &at("goals/corporate-leads.html"),
            file.to_str().unwrap(),
            "Grow corporate team-trip leads from LinkedIn",
            "Win corporate trips",
            // The overview shows the goal's title; the channels page does not.
            &at("index.html"),
            &at("channels.html"),
        ],
    );
    assert!(
        report.contains("reloaded by itself")
            && report.contains("the other page that shows it reloaded")
            && report.contains("stayed as it was"),
        "{report}\nserver:\n{}",
        server.output.lock().unwrap()
    );
}

/// The strategy map in headless Chromium (`tests/browser/map.mjs`), from 5 goals to 3,000
/// documents: the example plan, and generated plans of 300 and 3,000 documents, the 300 with a strategy that
/// serves two goals and a tactic of two strategies in different bands. At 1366 and 375 px, light
/// and dark: labels apart and inside their boxes, no curve through a box, the legend, the focus
/// on a goal (and the whole map without JavaScript), axe, the labelled scrolling region, print.
/// Screenshots `map-<plan>-1366.png`, `-375.png` and `-dark.png` go to `target/screenshots/`.
#[test]
fn strategy_map_is_legible_from_5_to_3000_documents() {
    #[path = "../benches/support/generator.rs"]
    #[allow(dead_code)]
    mod generator;
    let dir = tempfile::tempdir().unwrap();
    let mut plans = vec![("example", support::example_plan())];
    for n in [300, 3000] {
        let plan = dir.path().join(format!("plan-{n}"));
        generator::write_plan(&plan, n).unwrap();
        plans.push((if n == 300 { "300" } else { "3000" }, plan));
    }
    // References across bands: s00002 serves g00002 and g00001; t00003 serves s00003 (of
    // g00003) and s00004 (of g00004).
    support::edit(
        &plans[1].1.join("strategies/s00002.md"),
        "goals = [\"g00002\"]",
        "goals = [\"g00002\", \"g00001\"]",
    );
    support::edit(
        &plans[1].1.join("tactics/t00003.md"),
        "strategy = \"s00003\"",
        "strategies = [\"s00003\", \"s00004\"]",
    );
    let screenshots = root().join("target/screenshots");
    for (label, plan) in &plans {
        let site = dir.path().join(format!("site-{label}"));
        let mut args = vec!["build", plan.to_str().unwrap(), "-o", site.to_str().unwrap()];
        if *label != "example" {
            args.extend(["--today", "2027-03-15"]);
        }
        let output = support::run(&args, None);
        assert!(
            output.status.success(),
            "{label}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        node(
            "map.mjs",
            &[site.to_str().unwrap(), screenshots.to_str().unwrap(), label],
        );
        assert!(screenshots.join(format!("map-{label}-dark.png")).is_file());
    }
}
