//! The plan is contained: nothing outside the plan folder is read or published, special files
//! are skipped with a diagnostic, binary files are never echoed, raw HTML and script URLs stay
//! out of the pages, and every output format holds up under bad input.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{copy_tree, fixtures, lint_json, plan_in, run, stratagem};

const SECRET: &str = "TOP-SECRET-OUTSIDE-THE-PLAN";

fn rules_at<'a>(json: &'a serde_json::Value, rule: &str) -> Vec<&'a str> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| d["file"].as_str().unwrap())
        .collect()
}

/// Builds a plan that has errors (`--allow-errors`, exit 1) into `site`.
fn build_with_errors(plan: &Path, site: &Path) -> PathBuf {
    let args = [
        "build",
        plan.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--allow-errors",
    ];
    let output = run(&args, None);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    site.to_path_buf()
}

/// Every file of a built site, as text, concatenated.
fn site_text(site: &Path) -> String {
    let mut all = String::new();
    for entry in walkdir::WalkDir::new(site).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            all.push_str(&String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()));
        }
    }
    all
}

#[test]
fn links_out_of_the_plan_are_reported_and_never_read_or_published() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let goal = format!("+++\ntitle = \"{SECRET}\"\nowner = \"x\"\n+++\n{SECRET}\n");
    std::fs::write(outside.join("goal.md"), &goal).unwrap();
    std::fs::write(outside.join("secret.txt"), SECRET).unwrap();
    std::fs::write(
        outside.join("page.html"),
        format!("{{% extends \"base.html\" %}}{SECRET}"),
    )
    .unwrap();
    std::fs::create_dir_all(plan.join("static")).unwrap();
    std::fs::create_dir_all(plan.join("templates")).unwrap();
    let links = [
        ("goals/stolen.md", outside.join("goal.md")),
        ("pages/everything", outside.clone()),
        ("static/secret.txt", outside.join("secret.txt")),
        ("static/outside", outside.clone()),
        ("templates/page.html", outside.join("page.html")),
        ("static/zero", PathBuf::from("/dev/zero")),
    ];
    for (link, target) in &links {
        std::os::unix::fs::symlink(target, plan.join(link)).unwrap();
    }
    // Links that stay inside the plan keep working.
    std::fs::write(plan.join("static/logo.txt"), "inside").unwrap();
    std::os::unix::fs::symlink("logo.txt", plan.join("static/logo-link.txt")).unwrap();

    let (json, code) = lint_json(&plan, &[]);
    assert_eq!(code, 1);
    let mut found = rules_at(&json, "symlink-outside-plan");
    found.sort();
    let mut want: Vec<&str> = links.iter().map(|(l, _)| *l).collect();
    want.sort();
    assert_eq!(found, want, "{json:#}");
    assert!(!json.to_string().contains(SECRET), "lint read a file outside the plan");

    let site = build_with_errors(&plan, &dir.path().join("site"));
    assert!(
        !site_text(&site).contains(SECRET),
        "the site published a file from outside the plan"
    );
    assert_eq!(
        std::fs::read_to_string(site.join("static/logo-link.txt")).unwrap(),
        "inside"
    );
    assert!(!site.join("static/zero").exists());
}

#[test]
fn fifos_and_sockets_are_skipped_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    std::fs::create_dir_all(plan.join("static")).unwrap();
    for fifo in ["goals/pipe.md", "static/pipe", "templates/goal.html"] {
        std::fs::create_dir_all(plan.join(fifo).parent().unwrap()).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(plan.join(fifo))
            .status()
            .unwrap();
        assert!(status.success(), "mkfifo");
    }
    let _socket = std::os::unix::net::UnixListener::bind(plan.join("static/socket")).unwrap();
    // A FIFO nobody writes to would hang a reader forever: the runs must end by themselves.
    let mut child = stratagem()
        .args(["lint", plan.to_str().unwrap(), "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("lint hangs on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found = rules_at(&json, "unreadable-file");
    found.sort();
    assert_eq!(
        found,
        ["goals/pipe.md", "static/pipe", "static/socket", "templates/goal.html"]
    );
    let messages = json.to_string();
    assert!(messages.contains("a FIFO (named pipe), not a regular file") && messages.contains("a socket"));
    let site = build_with_errors(&plan, &dir.path().join("site"));
    assert!(site.join("index.html").is_file() && !site.join("static/pipe").exists());
}

#[test]
fn binary_files_are_reported_without_their_contents() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    std::fs::write(plan.join("goals/nul.md"), format!("+++\ntitle = \"{SECRET}\"\0\n+++\n")).unwrap();
    std::fs::write(plan.join("pages/escape.md"), format!("\u{1b}[2J{SECRET}\n")).unwrap();
    std::fs::write(
        plan.join("tactics/latin1.md"),
        [b"+++\ntitle = \"caf".as_ref(), &[0xe9], SECRET.as_bytes()].concat(),
    )
    .unwrap();
    for format in ["human", "json", "github", "sarif"] {
        let output = run(&["lint", plan.to_str().unwrap(), "--format", format], None);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            !all.contains(SECRET),
            "{format} printed a binary file's contents:\n{all}"
        );
        assert!(all.matches("unreadable-file").count() >= 3, "{format}:\n{all}");
    }
}

#[test]
fn raw_html_is_omitted_unless_asked_for_and_script_urls_always_go() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let about = plan.join("pages/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    let body = "\n\n<div class=\"raw\">raw block</div>\n\nInline <span class=\"raw\">span</span>, \
                [a script](javascript:alert(1)), [data](data:text/html,<script>x</script>) and <javascript:alert(2)>.\n";
    std::fs::write(&about, format!("{text}{body}")).unwrap();
    let title = plan.join("goals/corporate-leads.md");
    let goal = std::fs::read_to_string(&title).unwrap().replacen(
        "title = \"Grow corporate team-trip leads from LinkedIn\"",
        "title = \"<script>alert('title')</script>\"",
        1,
    );
    std::fs::write(&title, goal).unwrap();
    let site = dir.path().join("site");
    assert!(
        run(&["build", plan.to_str().unwrap(), "-o", site.to_str().unwrap()], None)
            .status
            .success()
    );
    let page = std::fs::read_to_string(site.join("pages/about.html")).unwrap();
    assert!(!page.contains("class=\"raw\""), "raw HTML is omitted by default");
    assert!(page.contains("<!-- raw HTML omitted -->"));
    let lower = page.to_lowercase();
    assert!(
        !lower.contains("href=\"javascript:") && !lower.contains("data:text/html"),
        "{page}"
    );
    assert!(
        page.contains("a script") && page.contains("data"),
        "the links' text stays"
    );
    // Everywhere a browser reads markup; calendar.ics is plain text to a calendar application
    // (RFC 5545 text has no markup), where the title is shown as written.
    let markup: String = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_none_or(|x| x != "ics"))
        .map(|e| String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned())
        .collect();
    assert!(
        !markup.contains("<script>alert('title')"),
        "front matter is escaped everywhere"
    );

    let settings = std::fs::read_to_string(plan.join("plan.toml")).unwrap();
    std::fs::write(
        plan.join("plan.toml"),
        format!("{settings}\n[markdown]\nraw_html = true\n"),
    )
    .unwrap();
    assert!(
        run(&["build", plan.to_str().unwrap(), "-o", site.to_str().unwrap()], None)
            .status
            .success()
    );
    let page = std::fs::read_to_string(site.join("pages/about.html")).unwrap();
    assert!(page.contains("<div class=\"raw\">raw block</div>") && page.contains("<span class=\"raw\">"));
    assert!(
        !page.to_lowercase().contains("href=\"javascript:"),
        "script URLs go even with raw HTML on"
    );
}

#[test]
fn a_plan_toml_that_is_not_utf8_is_a_diagnostic_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_tree(&fixtures().join("rules/_base"), &plan);
    std::fs::write(plan.join("plan.toml"), b"title = \"caf\xe9\"\n").unwrap();
    let (json, code) = lint_json(&plan, &["--today", "2027-03-15"]);
    assert_eq!(code, 1);
    assert_eq!(rules_at(&json, "unreadable-file"), ["plan.toml"]);
    let sarif = run(&["lint", plan.to_str().unwrap(), "--format", "sarif"], None);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    assert!(sarif["runs"][0]["results"].to_string().contains("plan.toml"));
    let github = run(&["lint", plan.to_str().unwrap(), "--format", "github"], None);
    let github = String::from_utf8_lossy(&github.stdout);
    let lines: Vec<&str> = github.lines().collect();
    let (summary, commands) = lines.split_last().unwrap();
    assert!(commands.iter().all(|l| l.starts_with("::")), "{github}");
    assert!(summary.starts_with("stratagem: "), "{github}");
    assert!(
        github.contains("plan.toml,line=1,col=1,title=unreadable-file"),
        "{github}"
    );
}

#[test]
fn absurd_numbers_are_diagnostics_and_never_reach_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let path = plan.join("goals/corporate-leads.md");
    let goal = std::fs::read_to_string(&path).unwrap();
    let goal = goal.replacen("baseline = ", "baseline = 1e-300 # was ", 1);
    let goal = goal.replacen("target = ", "target = 9223372036854775807 # was ", 1);
    std::fs::write(&path, goal).unwrap();
    let budget = plan.join("tactics/advocacy-digest.md");
    let tactic = std::fs::read_to_string(&budget)
        .unwrap()
        .replacen("amount = ", "amount = -1e308, was = ", 1);
    std::fs::write(&budget, tactic).unwrap();
    let (json, _) = lint_json(&plan, &["--today", "2027-05-20"]);
    let wrong: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "wrong-type")
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        wrong.iter().filter(|m| m.contains("between -1e15 and 1e15")).count() >= 3,
        "{wrong:#?}"
    );
    let site = dir.path().join("site");
    let output = run(
        &[
            "build",
            plan.to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
            "--allow-errors",
            "--today",
            "2027-05-20",
        ],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = site_text(&site);
    for bad in [
        ">inf<", ">NaN<", "\"inf\"", "\"NaN\"", " inf ", " NaN ", "Infinity", "inf×", "NaN%",
    ] {
        assert!(!text.contains(bad), "the site shows {bad:?}");
    }
}

#[test]
fn ids_windows_cannot_check_out_get_other_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    for id in ["con", "AUX", "lpt1"] {
        std::fs::write(
            plan.join(format!("pages/{id}.md")),
            format!("+++\ntitle = \"Page {id}\"\n+++\n"),
        )
        .unwrap();
    }
    let site = dir.path().join("site");
    assert!(
        run(&["build", plan.to_str().unwrap(), "-o", site.to_str().unwrap()], None)
            .status
            .success()
    );
    for entry in walkdir::WalkDir::new(&site).into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        let stem = name.split('.').next().unwrap();
        let reserved = ["con", "nul", "aux", "prn"].contains(&stem)
            || (stem.len() == 4
                && (stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.as_bytes()[3].is_ascii_digit());
        assert!(!reserved, "{} cannot be checked out on Windows", entry.path().display());
    }
    assert!(site.join("pages/con-page.html").is_file());
    assert!(site.join("pages/lpt1-page.html").is_file());
}
