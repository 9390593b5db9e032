//! Where CI already is: `--format gitlab` (Code Quality), the GitHub action (`action.yml`, its
//! steps run here with bash), the pre-commit hooks (through `pre-commit try-repo`) and the
//! Dockerfile (parsed). Every test runs the real binary; the Python tools come from the
//! virtualenv `scripts/test` makes in target/ci-tools, and a test fails when they are missing.

mod support;

#[path = "ci/action.rs"]
mod action;
#[path = "ci/docker.rs"]
mod docker;
#[path = "ci/gitlab.rs"]
mod gitlab;
#[path = "ci/precommit.rs"]
mod precommit;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::{copy_tree, fixtures};

/// The date the fixture plans lint clean on.
const TODAY: &str = "2027-03-15";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Both streams of a finished command, for failure messages.
fn streams(output: &Output) -> String {
    format!("stdout:\n{}\nstderr:\n{}", text(&output.stdout), text(&output.stderr))
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The virtualenv of the CI tests' Python tools (see scripts/test).
fn tools() -> PathBuf {
    repo_root().join("target/ci-tools/bin")
}

/// A tool of the virtualenv, else of PATH; missing, the test fails and says how to install it.
fn tool(name: &str) -> PathBuf {
    let local = tools().join(name);
    if local.is_file() {
        return local;
    }
    if let Some(found) = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
    {
        return found;
    }
    panic!(
        "`{name}` is not installed: run scripts/test, which installs pre-commit, PyYAML and \
         dockerfile-parse into target/ci-tools (or: python3 -m venv target/ci-tools && \
         target/ci-tools/bin/pip install pre-commit pyyaml dockerfile-parse)"
    );
}

/// Runs the virtualenv's Python on `script` with `args`; its stdout, which must succeed.
fn python(script: &str, args: &[&Path]) -> String {
    let output = Command::new(tool("python"))
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        output.status.success(),
        "python failed (run scripts/test to install its modules):\n{}",
        streams(&output)
    );
    text(&output.stdout)
}

/// A YAML file read by PyYAML, as JSON.
fn yaml(path: &Path) -> serde_json::Value {
    let json = python(
        "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)",
        &[path],
    );
    serde_json::from_str(&json).expect("yaml as json")
}

/// Runs git in `dir`, which must succeed; its stdout.
fn git(dir: &Path, args: &[&str]) -> String {
    support::git::git(dir, args)
}

/// The fixture base plan (with `today` pinned in plan.toml) in `dir/plan`, with rule overlays.
fn fixture_plan(dir: &Path, overlays: &[&str]) -> PathBuf {
    let plan = dir.join("plan");
    fixture_plan_in(&plan, overlays);
    plan
}

/// The fixture base plan, `today` pinned, with rule overlays, in the folder `plan`.
fn fixture_plan_in(plan: &Path, overlays: &[&str]) {
    copy_tree(&fixtures().join("rules/_base"), plan);
    for overlay in overlays {
        copy_tree(&fixtures().join("rules").join(overlay), plan);
    }
    let settings = std::fs::read_to_string(plan.join("plan.toml")).unwrap();
    std::fs::write(plan.join("plan.toml"), format!("today = {TODAY}\n{settings}")).unwrap();
}
