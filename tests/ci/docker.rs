//! The Dockerfile, read by dockerfile-parse (there is no Docker engine to build it here): a
//! multi-stage build whose final stage has git, a non-root user and `stratagem` as entry point.

use serde_json::Value;

use super::{python, repo_root};

/// The Dockerfile's instructions, `[{"instruction", "value"}]`, in order.
fn instructions() -> Vec<(String, String)> {
    let json = python(
        "import json, sys\n\
         from dockerfile_parse import DockerfileParser\n\
         p = DockerfileParser(path=sys.argv[1])\n\
         json.dump([[i['instruction'], i['value']] for i in p.structure], sys.stdout)",
        &[&repo_root().join("Dockerfile")],
    );
    let parsed: Vec<Value> = serde_json::from_str(&json).unwrap();
    parsed
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_owned(),
                pair[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn dockerfile_builds_in_one_stage_and_runs_stratagem_with_git_as_a_user_in_another() {
    let all = instructions();
    let stages: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (i, _))| i == "FROM")
        .map(|(n, _)| n)
        .collect();
    assert!(stages.len() >= 2, "multi-stage: {all:#?}");
    let builder = &all[stages[0]..stages[1]];
    let alias = all[stages[0]].1.split_whitespace().last().unwrap().to_owned();
    assert!(
        builder
            .iter()
            .any(|(i, v)| i == "RUN" && v.contains("cargo build --release --locked")),
        "the builder builds from Cargo.lock: {builder:#?}"
    );

    let last = &all[*stages.last().unwrap()..];
    let run = |needle: &str| last.iter().any(|(i, v)| i == "RUN" && v.contains(needle));
    assert!(
        run("apt-get install") && run(" git"),
        "the final image installs git: {last:#?}"
    );
    assert!(
        last.iter()
            .any(|(i, v)| i == "COPY" && v.contains(&format!("--from={alias}")) && v.contains("stratagem")),
        "the binary comes from the builder: {last:#?}"
    );
    let users: Vec<&String> = last.iter().filter(|(i, _)| i == "USER").map(|(_, v)| v).collect();
    let user = users.last().expect("a USER in the final stage");
    assert!(
        !["root", "0"].contains(&user.split(':').next().unwrap()),
        "non-root: {user}"
    );
    let entrypoint = last.iter().rfind(|(i, _)| i == "ENTRYPOINT").expect("an ENTRYPOINT");
    let entrypoint: Value = serde_json::from_str(&entrypoint.1).expect("exec form");
    assert_eq!(entrypoint, serde_json::json!(["stratagem"]));
}

#[test]
fn dockerignore_keeps_the_build_output_out_of_the_context() {
    let ignore = std::fs::read_to_string(repo_root().join(".dockerignore")).unwrap();
    let lines: Vec<&str> = ignore.lines().map(str::trim).collect();
    for needed in ["target", ".git"] {
        assert!(lines.contains(&needed), ".dockerignore lacks {needed}");
    }
}
