//! Helpers of the site tests: build with the real binary, read what it wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{copy_tree, example_plan, fixtures, run};

pub fn build(plan: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", plan.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args, None)
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The values of `attr="…"` in an HTML text.
pub fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let start = i + needle.len();
            html[start..].find('"').map(|end| &html[start..start + end])
        })
        .collect()
}

pub fn example_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = build(&example_plan(), &out, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (dir, out)
}

pub fn base_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    std::fs::write(
        dir.path().join("plan.toml"),
        read(&dir.path().join("plan.toml")).replace(
            "owner = \"Head of Social\"",
            "owner = \"Head of Social\"\ntoday = 2027-03-15",
        ),
    )
    .unwrap();
    dir
}
