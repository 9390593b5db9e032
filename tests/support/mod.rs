//! Helpers shared by the integration tests: run the real binary, copy fixture plans.

#![allow(dead_code, reason = "each test file uses part of the support code")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn example_plan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-plan")
}

/// The `stratagem` binary built for these tests, with a clean environment for dates and colour.
pub fn stratagem() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stratagem"));
    command.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    command
}

pub fn run(args: &[&str], dir: Option<&Path>) -> Output {
    let mut command = stratagem();
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().expect("run stratagem")
}

/// Copies `from` into `to` recursively, overwriting files that exist.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Lints `plan` and returns the parsed JSON output and the exit code.
pub fn lint_json(plan: &Path, extra: &[&str]) -> (serde_json::Value, i32) {
    let mut args = vec!["lint", plan.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let output = run(&args, None);
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "lint output is not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (json, output.status.code().unwrap_or(-1))
}
