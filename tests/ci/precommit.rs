//! `.pre-commit-hooks.yaml`: the `system` hook run through `pre-commit try-repo` on a small plan
//! in a temporary repository, and the `rust` hook checked for its shape. (The `rust` hook makes
//! pre-commit `cargo install` this repository into a fresh environment on every try-repo: over
//! a minute of release build per run, too slow for every test run.)

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use super::{fixture_plan_in, git, repo_root, streams, text, tool, yaml};

/// The hooks of `.pre-commit-hooks.yaml`, by id.
fn hook(id: &str) -> Value {
    let hooks = yaml(&repo_root().join(".pre-commit-hooks.yaml"));
    let found = hooks.as_array().unwrap().iter().find(|h| h["id"] == id);
    found.unwrap_or_else(|| panic!("no hook {id}: {hooks:#}")).clone()
}

/// A git repository holding the fixture plan at its root (where the hook lints by default).
fn plan_repository(dir: &Path, overlays: &[&str]) {
    fixture_plan_in(dir, overlays);
    git(dir, &["init", "--quiet"]);
    git(dir, &["add", "--all"]);
    git(dir, &["commit", "--quiet", "--message", "plan"]);
}

/// `pre-commit try-repo` of this repository's `hook` on every file of `dir`, with the built
/// stratagem first on PATH.
fn try_repo(dir: &Path, hook: &str) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_stratagem")).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin.to_owned()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    Command::new(tool("pre-commit"))
        .args([
            "try-repo",
            repo_root().to_str().unwrap(),
            hook,
            "--all-files",
            "--color",
            "never",
        ])
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", dir.join(".pre-commit-home"))
        .current_dir(dir)
        .output()
        .expect("run pre-commit")
}

#[test]
fn system_hook_passes_a_clean_plan_and_fails_one_with_an_error_naming_the_rule() {
    let clean = tempfile::tempdir().unwrap();
    plan_repository(clean.path(), &[]);
    let started = std::time::Instant::now();
    let output = try_repo(clean.path(), "stratagem-lint-system");
    eprintln!("pre-commit try-repo (system hook) took {:?}", started.elapsed());
    assert!(output.status.success(), "{}", streams(&output));
    assert!(text(&output.stdout).contains("Passed"), "{}", streams(&output));

    let broken = tempfile::tempdir().unwrap();
    plan_repository(broken.path(), &["goal-missing-target/fires"]);
    let output = try_repo(broken.path(), "stratagem-lint-system");
    assert!(
        !output.status.success(),
        "an error fails the hook: {}",
        streams(&output)
    );
    let out = text(&output.stdout);
    assert!(
        out.contains("Failed") && out.contains("goal-missing-target"),
        "{}",
        streams(&output)
    );
}

#[test]
fn hooks_run_once_per_commit_on_plan_files() {
    for id in ["stratagem-lint", "stratagem-lint-system"] {
        let hook = hook(id);
        assert_eq!(hook["entry"], "stratagem lint", "{id}");
        assert_eq!(hook["pass_filenames"], false, "{id} lints the whole plan once");
        let files = hook["files"].as_str().unwrap();
        let matches = |path: &str| {
            let script = "import re, sys; print(bool(re.search(sys.argv[1], sys.argv[2])))";
            super::python(script, &[Path::new(files), Path::new(path)]).trim() == "True"
        };
        for path in ["plan.toml", "plan/plan.toml", "goals/leads.md", "plan/tactics/a.md"] {
            assert!(matches(path), "{id} runs for {path}");
        }
        for path in ["src/main.rs", "plan.toml.bak", "Cargo.toml"] {
            assert!(!matches(path), "{id} skips {path}");
        }
    }
    assert_eq!(hook("stratagem-lint")["language"], "rust", "built from this repository");
    assert_eq!(
        hook("stratagem-lint-system")["language"],
        "system",
        "the stratagem on PATH"
    );
    // pre-commit's rust language runs `cargo install --path .` in this repository: it must be
    // a package with the `stratagem` binary.
    let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"stratagem\"") && repo_root().join("src/main.rs").is_file());
}
