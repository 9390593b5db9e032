//! The command line as a user meets it: exit codes, output formats, `explain`, `init`, `new`,
//! `[lint]` levels and the date rules' idea of today. Every test runs the real binary.

mod support;

use std::path::Path;

use support::{copy_tree, example_plan, fixtures, lint_json, run, stratagem};

const TODAY: &str = "2027-03-15";

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A temporary copy of the base fixture plan, with `overlay` (a rule fixture) laid over it.
fn plan_with(overlay: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    if !overlay.is_empty() {
        copy_tree(&fixtures().join("rules").join(overlay), dir.path());
        let _ = std::fs::remove_file(dir.path().join("expect.txt"));
    }
    dir
}

#[test]
fn example_plan_lints_clean() {
    let output = run(&["lint", example_plan().to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("All checks passed"), "{}", stdout(&output));
    let (json, _) = lint_json(&example_plan(), &[]);
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 0);
}

#[test]
fn example_plan_has_the_promised_shape() {
    let count = |folder: &str| std::fs::read_dir(example_plan().join(folder)).unwrap().count();
    assert!(count("goals") >= 5 && count("strategies") >= 5 && count("tactics") >= 12 && count("evaluations") >= 4);
    let all: String = ["goals", "tactics"]
        .iter()
        .flat_map(|f| std::fs::read_dir(example_plan().join(f)).unwrap())
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(all.contains("Trả lời tin nhắn"), "a Vietnamese goal");
    assert!(all.contains("每周社交聆听报告"), "a Chinese tactic");
}

#[test]
fn json_output_has_exactly_the_documented_shape() {
    let plan = plan_with("goal-missing-target/fires");
    let (json, code) = lint_json(plan.path(), &["--today", TODAY]);
    assert_eq!(code, 1);
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&json), ["diagnostics", "summary"]);
    assert_eq!(keys(&json["summary"]), ["errors", "files", "warnings"]);
    let d = &json["diagnostics"][0];
    assert_eq!(
        keys(d),
        ["column", "file", "fix", "help", "line", "message", "rule", "severity"]
    );
    assert!(d["fix"].is_null(), "a missing target has no fix");
    assert_eq!(d["rule"], "goal-missing-target");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "goals/leads.md");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(2), Some(1)));
    assert!(d["message"].as_str().unwrap().contains("`leads`"));
    assert!(d["help"].as_str().unwrap().contains("target = 120"));
    assert_eq!(json["summary"]["files"], 7, "plan.toml and six documents");
}

#[test]
fn toml_syntax_errors_point_into_the_file() {
    let dir = plan_with("");
    std::fs::write(
        dir.path().join("strategies/advocacy.md"),
        "+++\ntitle = \"Employees\"\nowner = Head of Social\n+++\n",
    )
    .unwrap();
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "front-matter-syntax")
        .expect("syntax error");
    assert_eq!(d["file"], "strategies/advocacy.md");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(9)), "{d:#}");
}

#[test]
fn github_format_prints_workflow_commands() {
    let plan = plan_with("tactic-missing-budget/fires");
    let output = run(
        &[
            "lint",
            plan.path().to_str().unwrap(),
            "--format",
            "github",
            "--today",
            TODAY,
        ],
        None,
    );
    let text = stdout(&output);
    let line = text.lines().find(|l| l.starts_with("::")).expect("a workflow command");
    let prefix = format!(
        "::warning file={}/tactics/digest.md,line=2,col=1,title=tactic-missing-budget::tactic `digest` has no `budget`",
        plan.path().display()
    );
    assert!(line.starts_with(&prefix), "{line}");
    assert!(line.contains("%0Ahelp: "), "help on a second line: {line}");
    assert_eq!(output.status.code(), Some(0), "warnings alone exit 0");
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let plan = plan_with("dangling-reference/fires");
    let output = run(
        &[
            "lint",
            plan.path().to_str().unwrap(),
            "--format",
            "sarif",
            "--today",
            TODAY,
        ],
        None,
    );
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = support::sarif_errors(&sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        stratagem::lint::registry().len(),
        "one rule entry per rule id"
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(
        results.iter().filter(|r| r["ruleId"] == "dangling-reference").count(),
        3
    );
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(
            result["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let plan = plan_with("tactic-missing-budget/fires");
    let path = plan.path().to_str().unwrap();
    assert_eq!(run(&["lint", path, "--today", TODAY], None).status.code(), Some(0));
    assert_eq!(
        run(&["lint", path, "--today", TODAY, "--deny-warnings"], None)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn lint_levels_in_plan_toml_change_severity_and_silence_rules() {
    let plan = plan_with("tactic-missing-budget/fires");
    let plan_toml = plan.path().join("plan.toml");
    let base = std::fs::read_to_string(&plan_toml).unwrap();
    std::fs::write(
        &plan_toml,
        format!("{base}\n[lint]\ntactic-missing-budget = \"deny\"\n"),
    )
    .unwrap();
    let (json, code) = lint_json(plan.path(), &["--today", TODAY]);
    assert_eq!((json["diagnostics"][0]["severity"].as_str(), code), (Some("error"), 1));
    std::fs::write(
        &plan_toml,
        format!("{base}\n[lint]\ntactic-missing-budget = {{ level = \"allow\" }}\n"),
    )
    .unwrap();
    let (json, code) = lint_json(plan.path(), &["--today", TODAY]);
    assert_eq!((json["summary"]["warnings"].as_u64(), code), (Some(0), 0));
}

#[test]
fn bad_lint_configuration_is_reported_with_suggestions() {
    let plan = plan_with("");
    let plan_toml = plan.path().join("plan.toml");
    let base = std::fs::read_to_string(&plan_toml).unwrap();
    let config =
        "\n[lint]\ngoal-implausible-target = { level = \"warn\", max-grwth = 5.0 }\nvanity-metric = \"error\"\n";
    std::fs::write(&plan_toml, format!("{base}{config}")).unwrap();
    let (json, _) = lint_json(plan.path(), &["--today", TODAY]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let find = |rule: &str| {
        diagnostics
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule}: {json:#}"))
    };
    assert!(find("unknown-field")["help"].as_str().unwrap().contains("max-growth"));
    assert!(find("wrong-type")["help"].as_str().unwrap().contains("deny"));
    assert_eq!(find("wrong-type")["file"], "plan.toml");
}

#[test]
fn missing_plan_is_a_one_line_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let output = run(&["lint", missing.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output).lines().count(), 1, "{}", stderr(&output));
    assert!(stderr(&output).contains("no plan folder"));

    let output = run(&["lint", dir.path().to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no plan.toml"), "{}", stderr(&output));
    assert!(stderr(&output).contains("stratagem init"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&["lint", ".", "--today", "tomorrow"], None).status.code(), Some(2));
    assert_eq!(run(&["lint", ".", "--format", "xml"], None).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn today_comes_from_flag_then_plan_toml_then_source_date_epoch() {
    let plan = plan_with("");
    let path = plan.path().to_str().unwrap();
    let overdue = |output: std::process::Output| stdout(&output).contains("evaluation-review-overdue");
    // The base review is due 2027-04-01.
    let epoch_after = "1830000000"; // 2027-12-28
    let lint = |args: &[&str]| {
        stratagem()
            .args(["lint", path])
            .args(args)
            .env("SOURCE_DATE_EPOCH", epoch_after)
            .output()
            .unwrap()
    };
    assert!(overdue(lint(&[])), "SOURCE_DATE_EPOCH is used when nothing else is set");
    assert!(
        !overdue(lint(&["--today", TODAY])),
        "--today wins over SOURCE_DATE_EPOCH"
    );
    let plan_toml = plan.path().join("plan.toml");
    let base = std::fs::read_to_string(&plan_toml).unwrap();
    std::fs::write(
        &plan_toml,
        base.replace(
            "owner = \"Head of Social\"",
            "owner = \"Head of Social\"\ntoday = 2027-03-01",
        ),
    )
    .unwrap();
    assert!(!overdue(lint(&[])), "plan.toml `today` wins over SOURCE_DATE_EPOCH");
    assert!(overdue(lint(&["--today", "2027-05-01"])), "--today wins over plan.toml");
}

#[test]
fn explain_prints_docs_and_suggests_for_typos() {
    let output = run(&["explain", "vanity-metric"], None);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for part in [
        "# vanity-metric",
        "## Why it matters",
        "## How to fix",
        "## Example",
        "Default level: `warn`",
    ] {
        assert!(text.contains(part), "missing {part}:\n{text}");
    }
    let output = run(&["explain", "goal-implausible-target"], None);
    assert!(stdout(&output).contains("max-growth = 10.0"), "{}", stdout(&output));
    let suppressing = stdout(&output);
    let suppressing = suppressing
        .split_once("\n## Suppressing\n")
        .expect("a closing section on suppressing")
        .1;
    for part in [
        "[lint.allow]\ngoal-implausible-target = \"",
        "goal-implausible-target = { reason = \"why\", until = 2027-06-30 }",
        "[lint]\ngoal-implausible-target = \"allow\"",
        "--write-baseline",
        "--baseline",
    ] {
        assert!(suppressing.contains(part), "missing {part}:\n{suppressing}");
    }
    assert!(!suppressing.contains("\n## "), "it is the last section:\n{suppressing}");

    let output = run(&["explain", "vanity-metrics"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `vanity-metric`?"),
        "{}",
        stderr(&output)
    );

    let output = run(&["explain"], None);
    let listed = stdout(&output)
        .lines()
        .filter(|l| l.contains("  warn ") || l.contains("  deny "))
        .count();
    assert_eq!(listed, stratagem::lint::registry().len());
}

#[test]
fn init_writes_a_plan_that_lints_clean_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("new-plan");
    let output = run(&["init", plan.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let (json, code) = lint_json(&plan, &[]);
    assert_eq!(
        (json["diagnostics"].as_array().unwrap().len(), code),
        (0, 0),
        "{json:#}"
    );
    for kind in ["goals", "strategies", "tactics", "evaluations", "pages"] {
        assert_eq!(std::fs::read_dir(plan.join(kind)).unwrap().count(), 1, "{kind}");
    }
    let before = std::fs::read_to_string(plan.join("plan.toml")).unwrap();
    let output = run(&["init", plan.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(plan.join("plan.toml")).unwrap(), before);
}

#[test]
fn new_writes_a_commented_document_that_lint_then_guides() {
    let plan = plan_with("");
    let path = plan.path().to_str().unwrap();
    let output = run(&["new", "goal", "Tăng khách hàng tiềm năng", path], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let file = plan.path().join("goals/tang-khach-hang-tiem-nang.md");
    let text = std::fs::read_to_string(&file).unwrap();
    for field in [
        "owner",
        "metric",
        "unit",
        "baseline",
        "target",
        "direction",
        "deadline",
        "start",
        "data_source",
        "business_outcome",
        "benchmark",
        "channels",
        "status",
    ] {
        assert!(
            text.contains(&format!("{field} =")),
            "the goal scaffold shows `{field}`"
        );
    }
    assert!(text.contains("title = \"Tăng khách hàng tiềm năng\""));
    let (json, _) = lint_json(plan.path(), &["--today", TODAY]);
    let rules: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "goals/tang-khach-hang-tiem-nang.md")
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect();
    for rule in ["missing-owner", "goal-missing-metric", "goal-missing-target"] {
        assert!(rules.iter().any(|r| r == rule), "{rule} guides the author: {rules:?}");
    }
    assert!(
        !rules
            .iter()
            .any(|r| r == "front-matter-syntax" || r == "unknown-field" || r == "wrong-type"),
        "{rules:?}"
    );
    assert_eq!(
        run(&["new", "goal", "Tăng khách hàng tiềm năng", path], None)
            .status
            .code(),
        Some(2),
        "never overwrites"
    );
    for kind in ["strategy", "tactic", "evaluation", "page"] {
        assert_eq!(
            run(&["new", kind, &format!("A new {kind}"), path], None).status.code(),
            Some(0),
            "{kind}"
        );
    }
    let (json, _) = lint_json(plan.path(), &["--today", TODAY]);
    let broken: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| ["front-matter-syntax", "unknown-field", "wrong-type"].contains(&d["rule"].as_str().unwrap()))
        .collect();
    assert!(broken.is_empty(), "scaffolds parse cleanly: {broken:#?}");
}

#[test]
fn new_outside_a_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(&["new", "goal", "Leads", dir.path().to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(!Path::new(&dir.path().join("goals")).exists());
}

#[test]
fn help_texts_name_no_file_the_repository_does_not_have() {
    let commands = ["", "lint", "build", "serve", "maturity", "explain", "init", "new"];
    for command in commands {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        let output = run(&args, None);
        assert!(output.status.success(), "{command} --help");
        let text = stdout(&output);
        for internal in ["DESIGN", "../shared", "NOTES.md", "STYLE.md"] {
            assert!(!text.contains(internal), "`{command} --help` cites {internal}:\n{text}");
        }
    }
    let top = stdout(&run(&["--help"], None));
    assert!(
        !top.contains("serve-worker"),
        "the renderer process is not a command for users"
    );
}

/// `stratagem explain | head -1`: a reader that stops early is not an error and never a panic.
#[test]
fn explain_into_a_closed_pipe_exits_quietly() {
    for args in [&["explain"][..], &["explain", "goal-vague"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stratagem"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the command writes.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(output.status.code(), Some(0), "{err}");
    }
}
