//! The built example site in headless Chromium (`tests/browser/site.mjs`): every link of every
//! page, from disk, at an HTTP root and under a sub-path; search typed into the box; axe-core on
//! the main pages; a 375 px screen. Screenshots are saved under `target/screenshots/`. And the
//! live preview (`tests/browser/serve.mjs`): a page reloads by itself after its file is saved, so
//! does another page that shows the document, and a page the edit did not change stays. And the
//! history (`tests/browser/history.mjs`): a goal page with one and the Changes page.
//!
//! They need Debian's `chromium` and the npm packages of `tests/browser`; `scripts/test` (the
//! README's test command) installs them. Without them these tests fail and say so: they never
//! skip silently.

#[path = "../benches/support/generator.rs"]
#[allow(dead_code, reason = "the benchmarks' generator; these tests use part of it")]
mod generator;
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
fn the_404_page_works_at_any_depth_on_a_host_and_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let plan = support::example_plan();
    let args = ["build", plan.to_str().unwrap(), "-o", site.to_str().unwrap()];
    let output = support::run(&[&args[..], &["--base-url", "/team/plan/"]].concat(), None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report = node("notfound.mjs", &[site.to_str().unwrap(), "/team/plan/"]);
    assert!(report.contains("works at any depth"), "{report}");
}

/// The plan at `plan` in `language`, built into `site` as of a fixed day.
fn build_in(plan: &Path, language: &str, site: &Path) {
    let settings = plan.join("plan.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    let start = text.find("language = \"").expect("plan.toml sets a language");
    let end = start + text[start..].find('\n').unwrap();
    let text = format!("{}language = \"{language}\"{}", &text[..start], &text[end..]);
    std::fs::write(&settings, text).unwrap();
    let args = [
        "build",
        plan.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--today",
        "2027-03-15",
    ];
    let output = support::run(&args, None);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The example plan in a repository with a history of its own: its leads goal's page (rows, the
/// moves of its target on the chart) and the Changes page, at 1366 and 375 px, light and dark.
#[test]
fn the_history_reads_well_on_a_goal_page_and_the_changes_page() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::git::example_history(dir.path());
    let site = dir.path().join("site");
    let args = [
        "build",
        plan.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--today",
        "2027-05-20",
    ];
    let output = support::run(&args, None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let screenshots = root().join("target/screenshots/history");
    let report = node(
        "history.mjs",
        &[
            site.to_str().unwrap(),
            screenshots.to_str().unwrap(),
            "goals/corporate-leads.html",
        ],
    );
    assert!(report.contains("every history view passed"), "{report}");
}

#[test]
fn the_dashboard_reads_well_in_four_languages_at_5_300_and_3000_documents() {
    let dir = tempfile::tempdir().unwrap();
    let example = dir.path().join("example");
    support::copy_tree(&support::example_plan(), &example);
    let mut plans = vec![("example".to_owned(), example)];
    for n in [300, 3000] {
        let plan = dir.path().join(format!("plan-{n}"));
        generator::write_plan(&plan, n).unwrap();
        plans.push((n.to_string(), plan));
    }
    let screenshots = root().join("target/screenshots/dashboard");
    for (name, plan) in &plans {
        for language in ["en", "vi", "zh", "cy"] {
            let site = dir.path().join(format!("site-{name}-{language}"));
            build_in(plan, language, &site);
            let label = format!("{name}-{language}");
            let report = node(
                "scale.mjs",
                &[site.to_str().unwrap(), screenshots.to_str().unwrap(), &label],
            );
            assert!(report.contains("every view passed"), "{report}");
        }
    }
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

/// Builds `plan` (with its language switched to `language`, when given; on `today`, when given)
/// for the roadmap checks.
fn roadmap_site(plan: &Path, language: Option<&str>, today: Option<&str>, into: &Path) -> std::path::PathBuf {
    let source = into.join("plan");
    support::copy_tree(plan, &source);
    if let Some(language) = language {
        let toml = source.join("plan.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        let switched = text.replace("language = \"en\"", &format!("language = \"{language}\""));
        assert_ne!(text, switched, "plan.toml names its language");
        std::fs::write(&toml, switched).unwrap();
    }
    let site = into.join("site");
    let mut args = vec!["build", source.to_str().unwrap(), "-o", site.to_str().unwrap()];
    args.extend(today.iter().flat_map(|today| ["--today", today]));
    let output = support::run(&args, None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    site
}

#[test]
fn the_roadmap_reads_at_5_300_and_3000_documents() {
    let dir = tempfile::tempdir().unwrap();
    let screenshots = root().join("target/screenshots");
    let example = support::example_plan();
    let mut runs = vec![
        (
            "example",
            roadmap_site(&example, None, None, &dir.path().join("en")),
            "Feb",
        ),
        (
            "example-cy",
            roadmap_site(&example, Some("cy"), None, &dir.path().join("cy")),
            "Chwef",
        ),
    ];
    for n in [300, 3000] {
        let plan = dir.path().join(format!("plan-{n}"));
        generator::write_plan(&plan, n).unwrap();
        let label = if n == 300 { "300" } else { "3000" };
        runs.push((
            label,
            roadmap_site(&plan, None, Some("2027-03-15"), &dir.path().join(label)),
            "Jan",
        ));
    }
    for (label, site, month) in runs {
        node(
            "roadmap.mjs",
            &[site.to_str().unwrap(), screenshots.to_str().unwrap(), label, month],
        );
        assert!(screenshots.join(format!("roadmap-{label}-375.png")).is_file());
    }
}

/// The strategy map in headless Chromium (`tests/browser/map.mjs`), from 5 goals to 3,000
/// documents: the example plan, and generated plans of 300 and 3,000 documents, the 300 with a strategy that
/// serves two goals and a tactic of two strategies in different bands. At 1366 and 375 px, light
/// and dark: labels apart and inside their boxes, no curve through a box, the legend, the focus
/// on a goal (and the whole map without JavaScript), axe, the labelled scrolling region, print.
/// Screenshots `map-<plan>-1366.png`, `-375.png` and `-dark.png` go to `target/screenshots/`.
#[test]
fn strategy_map_is_legible_from_5_to_3000_documents() {
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
