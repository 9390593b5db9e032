//! `build -o` never destroys what stratagem did not write: it replaces only an empty folder or
//! a site it wrote, refuses the plan and anything holding or inside its sources, and a failed,
//! refused, interrupted or runaway build leaves the old site as it was and nothing of its own.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use support::{RUNAWAY_PAGE, plan_in, run, set_limits, stratagem};

fn build(plan: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args, None)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every entry of `dir`, sorted: what a build must not leave behind is visible here.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Adds a `[limits]` table and a page template that renders for a long time.
fn slow_plan(plan: &Path, seconds: u64) {
    set_limits(plan, &format!("render_seconds = {seconds}"));
    std::fs::create_dir_all(plan.join("templates")).unwrap();
    std::fs::write(plan.join("templates/page.html"), RUNAWAY_PAGE).unwrap();
}

#[test]
fn refuses_the_plan_its_sources_what_contains_it_and_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let goals_before = entries(&plan.join("goals"));
    let cases: [(PathBuf, &str); 6] = [
        (plan.join("goals"), "inside the plan's `goals/` folder"),
        (plan.join("goals/new"), "inside the plan's `goals/` folder"),
        (plan.join("static"), "inside the plan's `static/` folder"),
        (plan.clone(), "the plan folder itself"),
        (dir.path().to_path_buf(), "contains the plan"),
        (PathBuf::from("/"), "root of the file system"),
    ];
    for (out, reason) in cases {
        for force in [&[][..], &["--force"][..]] {
            let output = build(&plan, &out, force);
            assert_eq!(output.status.code(), Some(2), "{}: {}", out.display(), stderr(&output));
            assert!(
                stderr(&output).contains(reason),
                "{}: {}",
                out.display(),
                stderr(&output)
            );
        }
    }
    assert_eq!(entries(&plan.join("goals")), goals_before, "the goals are all there");
    assert!(!plan.join("static").exists() && !plan.join("goals/new").exists());
    assert_eq!(entries(dir.path()), ["plan"], "nothing was left beside the plan");
}

#[test]
fn the_working_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let output = stratagem()
        .args(["build", ".", "-o", "."])
        .current_dir(&plan)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("the plan folder itself"),
        "{}",
        stderr(&output)
    );
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("draft.md"), "mine").unwrap();
    let output = stratagem()
        .args(["build", plan.to_str().unwrap(), "-o"])
        .arg(std::env::current_dir().unwrap().join(&work))
        .current_dir(&work)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("draft.md"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(work.join("draft.md")).unwrap(), "mine");
}

#[test]
fn a_folder_of_other_files_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join("notes.txt"), "my notes").unwrap();
    let output = build(&plan, &out, &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(".git/, notes.txt") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(entries(&out), [".git", "notes.txt"], "nothing changed");
    assert_eq!(entries(dir.path()), ["out", "plan"], "no staging folder left beside it");

    let output = build(&plan, &out, &["--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(out.join(".stratagem-site").is_file() && out.join("index.html").is_file());
    assert!(!out.join("notes.txt").exists());
}

#[test]
fn an_output_that_is_a_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let file = dir.path().join("site.html");
    std::fs::write(&file, "<p>mine</p>").unwrap();
    let output = build(&plan, &file, &["--force"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is a file, not a folder"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "<p>mine</p>");
    assert_eq!(entries(dir.path()), ["plan", "site.html"]);
}

#[test]
fn its_own_sites_and_empty_folders_are_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for _ in 0..2 {
        let output = build(&plan, &out, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    assert!(out.join(".stratagem-site").is_file());
    assert_eq!(entries(dir.path()), ["out", "plan"]);
    // A site from before the marker is recognised by its generator tag and search index.
    std::fs::remove_file(out.join(".stratagem-site")).unwrap();
    let output = build(&plan, &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The default output, twice.
    for _ in 0..2 {
        let output = run(&["build", plan.to_str().unwrap()], None);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    assert!(plan.join("public/.stratagem-site").is_file());
}

#[test]
fn a_failed_build_keeps_the_old_site_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let out = dir.path().join("site");
    assert!(build(&plan, &out, &[]).status.success());
    let before = std::fs::read(out.join("index.html")).unwrap();
    std::fs::create_dir_all(plan.join("templates")).unwrap();
    std::fs::write(plan.join("templates/goal.html"), "{{ no_such_value.field }}").unwrap();
    let output = build(&plan, &out, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
    assert_eq!(entries(dir.path()), ["plan", "site"]);
}

/// Starts a slow build and waits until it is writing its staging folder.
fn start_slow_build(plan: &Path, out: &Path) -> std::process::Child {
    let child = stratagem()
        .args(["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let parent = out.parent().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !entries(parent).iter().any(|n| n.starts_with(".site.building-")) {
        assert!(Instant::now() < deadline, "the build never started writing");
        std::thread::sleep(Duration::from_millis(10));
    }
    child
}

#[test]
fn interrupted_builds_leave_the_old_site_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let out = dir.path().join("site");
    assert!(build(&plan, &out, &[]).status.success());
    let before = std::fs::read(out.join("index.html")).unwrap();
    slow_plan(&plan, 600);
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let child = start_slow_build(&plan, &out);
        let pid = child.id().to_string();
        assert!(
            std::process::Command::new("kill")
                .args([&format!("-{signal}"), &pid])
                .status()
                .unwrap()
                .success()
        );
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code), "SIG{signal}: {}", stderr(&output));
        assert!(stderr(&output).contains("interrupted"), "{}", stderr(&output));
        assert_eq!(entries(dir.path()), ["plan", "site"], "after SIG{signal}");
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
    }
}

#[test]
fn leftovers_of_a_killed_build_are_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let out = dir.path().join("site");
    let settings = std::fs::read_to_string(plan.join("plan.toml")).unwrap();
    slow_plan(&plan, 600);
    let mut child = start_slow_build(&plan, &out);
    child.kill().unwrap(); // SIGKILL: nothing can clean up
    child.wait().unwrap();
    assert!(entries(dir.path()).iter().any(|n| n.starts_with(".site.building-")));
    std::fs::remove_dir_all(plan.join("templates")).unwrap();
    std::fs::write(plan.join("plan.toml"), settings).unwrap();
    let output = build(&plan, &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(entries(dir.path()), ["plan", "site"]);
}

#[test]
fn runaway_templates_stop_the_build_and_name_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let out = dir.path().join("site");
    assert!(build(&plan, &out, &[]).status.success());
    let before = std::fs::read(out.join("index.html")).unwrap();
    slow_plan(&plan, 1);
    let started = Instant::now();
    let output = build(&plan, &out, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(started.elapsed() < Duration::from_secs(30));
    let message = stderr(&output);
    assert!(
        message.contains("template `page.html` (rendering `pages/about.html`) ran for more than 1 s"),
        "{message}"
    );
    // Text that doubles in a loop: stopped by the memory limit.
    let settings = std::fs::read_to_string(plan.join("plan.toml")).unwrap();
    let settings = settings.replace("render_seconds = 1", "render_seconds = 120\nrender_memory_mb = 256");
    std::fs::write(plan.join("plan.toml"), settings).unwrap();
    std::fs::write(
        plan.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}{% set s = \"0123456789abcdef\" %}\
         {% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}{% endblock %}",
    )
    .unwrap();
    let output = build(&plan, &out, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("used more than 256 MiB of memory"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
    assert_eq!(entries(dir.path()), ["plan", "site"]);
}

/// A mount point cannot be renamed: the build swaps its contents. The test mounts a tmpfs in a
/// private mount namespace (`unshare`), which needs no privileges where user namespaces work.
#[test]
fn a_mount_point_output_gets_its_contents_swapped() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let out = dir.path().join("site");
    std::fs::create_dir(&out).unwrap();
    let exe = env!("CARGO_BIN_EXE_stratagem");
    let script = format!(
        "set -e; mount -t tmpfs tmpfs '{out}'; \
         '{exe}' build '{plan}' -o '{out}' >/dev/null; \
         '{exe}' build '{plan}' -o '{out}' >/dev/null; \
         grep -q 'generator' '{out}/index.html'; test -f '{out}/.stratagem-site'; \
         ls -A '{out}' | grep -c '^\\.stratagem-' ; true",
        out = out.display(),
        plan = plan.display(),
    );
    let output = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .output()
        .expect("unshare (util-linux) runs this test; install util-linux");
    assert!(
        output.status.success(),
        "building into a mount point failed (needs user namespaces):\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "1",
        "only the marker is hidden in the site, no staging folder"
    );
}
