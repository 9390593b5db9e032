//! `action.yml`: its shape (inputs declared, bash everywhere, no expression inside a script) and
//! its `run:` steps run in order with bash in a temporary repository, as a runner would: the
//! `${{ }}` of each step's `env:` substituted, `GITHUB_OUTPUT`/`GITHUB_PATH`/the job summary as
//! files, a stand-in `gh` that serves the release download from the built binary and records
//! what it is asked. `uses:` steps are not run here, and the harness says which.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{fixture_plan, git, repo_root, text, yaml};
use crate::support::edit;

fn action() -> Value {
    yaml(&repo_root().join("action.yml"))
}

/// Every `${{ … }}` in `text`, trimmed.
fn expressions(text: &str) -> Vec<&str> {
    text.split("${{")
        .skip(1)
        .map(|rest| rest.split("}}").next().unwrap().trim())
        .collect()
}

fn steps(action: &Value) -> &Vec<Value> {
    action["runs"]["steps"].as_array().expect("steps")
}

#[test]
fn action_declares_its_inputs_and_runs_bash_without_expressions_in_scripts() {
    let source = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    let action = action();
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().unwrap();
    for name in ["plan", "version", "sarif", "build", "comment", "deny-warnings"] {
        assert!(inputs.contains_key(name), "input {name}");
    }
    for expression in expressions(&source) {
        for word in expression.split(|c: char| !(c.is_alphanumeric() || "._-".contains(c))) {
            if let Some(name) = word.strip_prefix("inputs.") {
                assert!(inputs.contains_key(name), "`{expression}` uses an undeclared input");
            }
        }
    }
    for step in steps(&action) {
        let name = &step["name"];
        if let Some(script) = step["run"].as_str() {
            assert_eq!(step["shell"], "bash", "{name}");
            assert!(
                expressions(script).is_empty(),
                "{name}: inputs go through env:, not the script"
            );
            let first = script.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#'));
            assert_eq!(first, Some("set -euo pipefail"), "{name}");
        } else {
            assert!(step["uses"].is_string(), "{name}: a step runs or uses");
        }
    }
}

/// What one local run of the action did.
struct Run {
    /// Each step run: its name, whether it succeeded, and what it printed.
    steps: Vec<(String, bool, String)>,
    /// The `uses:` steps, not run here.
    not_run: Vec<String>,
    /// What the stand-in `gh` was asked, one call a line.
    gh: String,
    /// The body of the comment `gh` was given, if any.
    comment: Option<String>,
    summary: String,
}

impl Run {
    fn output(&self, step: &str) -> &str {
        let found = self.steps.iter().find(|(name, ..)| name == step);
        &found
            .unwrap_or_else(|| panic!("step {step} did not run: {}", self.log()))
            .2
    }

    fn log(&self) -> String {
        let mut log = String::new();
        for (name, ok, out) in &self.steps {
            log.push_str(&format!("── {name} ({})\n{out}\n", if *ok { "ok" } else { "FAILED" }));
        }
        log
    }

    fn all_succeeded(&self) -> bool {
        self.steps.iter().all(|(_, ok, _)| *ok)
    }
}

/// The stand-in `gh`: logs its arguments; `release download` packs the built binary as the
/// release asset; `pr comment` and `api --method PATCH` keep the body; `api` lists the earlier
/// comment `GH_COMMENT_ID`, if set.
const GH: &str = r#"#!/usr/bin/env bash
set -euo pipefail
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "release download")
    dir="" pattern=""
    while [ $# -gt 0 ]; do
      case "$1" in --dir) dir="$2"; shift ;; --pattern) pattern="$2"; shift ;; esac
      shift
    done
    tar -czf "$dir/$pattern" -C "$STRATAGEM_BUILT" stratagem ;;
  "api repos/"*) if [ -n "${GH_COMMENT_ID:-}" ]; then echo "$GH_COMMENT_ID"; fi ;;
  "api --method")
    for arg in "$@"; do case "$arg" in body=@*) cp "${arg#body=@}" "$GH_LOG.comment" ;; esac; done ;;
  "pr comment")
    while [ $# -gt 0 ]; do
      if [ "$1" = --body-file ]; then cp "$2" "$GH_LOG.comment"; fi
      shift
    done ;;
esac
"#;

/// The value of a `${{ … }}` in a step's env: a name of `context` (inputs, github, runner,
/// steps' outputs), empty when unset as on GitHub; anything fancier is not what a step's env
/// should hold.
fn substitute(value: &str, context: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let name = rest[start + 3..end].trim();
        assert!(
            name.chars().all(|c| c.is_alphanumeric() || "._-".contains(c)),
            "unsupported expression in a step's env: {name}"
        );
        out.push_str(context.get(name).map_or("", String::as_str));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Reads `name=value` lines a step appended to `GITHUB_OUTPUT`.
fn outputs(file: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The expressions' values: the inputs (defaults, then `inputs`) and the contexts a runner has.
fn context(action: &Value, event: &str, inputs: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut context = BTreeMap::new();
    for (name, input) in action["inputs"].as_object().unwrap() {
        let default = input["default"].as_str().unwrap_or("");
        context.insert(format!("inputs.{name}"), default.to_owned());
    }
    for (key, value) in [
        ("github.event_name", event),
        ("github.base_ref", if event == "pull_request" { "main" } else { "" }),
        ("github.repository", "example/plan"),
        ("github.event.pull_request.number", "7"),
        ("github.event.pull_request.head.repo.full_name", "example/plan"),
        ("github.action_repository", "example/stratagem"),
        ("github.action_ref", "v0.1.0"),
        ("github.action_path", repo_root().to_str().unwrap()),
        ("github.token", "test-token"),
        ("runner.os", "Linux"),
        ("runner.arch", "X64"),
    ] {
        context.insert(key.to_owned(), value.to_owned());
    }
    let defaults: Vec<(String, String)> = context.clone().into_iter().collect();
    for (key, value) in defaults {
        context.insert(key, substitute(&value, &context));
    }
    for (name, value) in inputs {
        // A name with a dot is a context value (`github.…`, `test.…`); others are inputs.
        let key = if name.contains('.') {
            (*name).to_owned()
        } else {
            format!("inputs.{name}")
        };
        context.insert(key, (*value).to_owned());
    }

    context
}

/// Runs the action's steps in `workspace` for `event`, with `inputs` over the defaults (and, for
/// names with a dot, over the contexts: `test.comment-id` is the comment `gh` lists).
fn run_action(workspace: &Path, temp: &Path, event: &str, inputs: &[(&str, &str)]) -> Run {
    let action = action();
    let built = Path::new(env!("CARGO_BIN_EXE_stratagem")).parent().unwrap();
    let fake_bin = temp.join("fake-bin");
    std::fs::create_dir_all(&fake_bin).unwrap();
    std::fs::write(fake_bin.join("gh"), GH).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(fake_bin.join("gh"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let (runner_temp, gh_log, summary) = (temp.join("runner"), temp.join("gh.log"), temp.join("summary.md"));
    std::fs::create_dir_all(&runner_temp).unwrap();

    let mut context = context(&action, event, inputs);
    let mut path: Vec<PathBuf> = vec![fake_bin];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap()));
    let mut run = Run {
        steps: vec![],
        not_run: vec![],
        gh: String::new(),
        comment: None,
        summary: String::new(),
    };
    for (n, step) in steps(&action).iter().enumerate() {
        let name = step["name"].as_str().unwrap_or("?").to_owned();
        let Some(script) = step["run"].as_str() else {
            eprintln!("not run here: `{name}` (uses {})", step["uses"]);
            run.not_run.push(name);
            continue;
        };
        let (output_file, path_file) = (temp.join(format!("output-{n}")), temp.join(format!("path-{n}")));
        let mut command = Command::new("bash");
        command.arg("-c").arg(script).current_dir(workspace);
        for (key, value) in step["env"].as_object().into_iter().flatten() {
            command.env(key, substitute(value.as_str().unwrap(), &context));
        }
        let output = command
            .env("PATH", std::env::join_paths(&path).unwrap())
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_EVENT_NAME", event)
            .env("GITHUB_BASE_REF", context["github.base_ref"].as_str())
            .env("GITHUB_WORKSPACE", workspace)
            .env("RUNNER_TEMP", &runner_temp)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("GH_LOG", &gh_log)
            .env(
                "GH_COMMENT_ID",
                context.get("test.comment-id").map_or("", String::as_str),
            )
            .env("STRATAGEM_BUILT", built)
            .output()
            .expect("run bash");
        let printed = format!("{}{}", text(&output.stdout), text(&output.stderr));
        run.steps.push((name, output.status.success(), printed));
        if let Some(id) = step["id"].as_str() {
            for (key, value) in outputs(&output_file) {
                context.insert(format!("steps.{id}.outputs.{key}"), value);
            }
        }
        let added = std::fs::read_to_string(&path_file).unwrap_or_default();
        path.splice(0..0, added.lines().map(PathBuf::from));
        if !output.status.success() {
            break;
        }
    }
    run.gh = std::fs::read_to_string(&gh_log).unwrap_or_default();
    run.comment = std::fs::read_to_string(gh_log.with_extension("log.comment")).ok();
    run.summary = std::fs::read_to_string(&summary).unwrap_or_default();
    eprintln!("{}", run.log());
    run
}

/// A clone of a plan repository: `main` (pushed to `origin`) whose tactic `stories` has no
/// budget (a warning), and, checked out, the branch `feature`, which takes `digest`'s budget
/// away too.
fn repository(temp: &Path) -> PathBuf {
    let (origin, work) = (temp.join("origin.git"), temp.join("work"));
    std::fs::create_dir_all(&work).unwrap();
    git(temp, &["init", "--quiet", "--bare", origin.to_str().unwrap()]);
    git(&work, &["init", "--quiet"]);
    let plan = fixture_plan(&work, &[]);
    edit(
        &plan.join("tactics/stories.md"),
        "budget = { amount = 800, currency = \"EUR\" }\n",
        "",
    );
    git(&work, &["add", "--all"]);
    git(&work, &["commit", "--quiet", "--message", "plan"]);
    git(&work, &["remote", "add", "origin", origin.to_str().unwrap()]);
    git(&work, &["push", "--quiet", "origin", "main"]);
    git(&work, &["checkout", "--quiet", "-b", "feature"]);
    edit(
        &plan.join("tactics/digest.md"),
        "budget = { amount = 1200, currency = \"EUR\" }\n",
        "",
    );
    git(
        &work,
        &["commit", "--quiet", "--all", "--message", "no budget for the digest"],
    );
    work
}

/// The annotations a step printed, as `(level, file)`.
fn annotations(printed: &str) -> Vec<(String, String)> {
    printed
        .lines()
        .filter_map(|l| l.strip_prefix("::"))
        .filter_map(|l| {
            let (level, rest) = l.split_once(' ')?;
            let file = rest.strip_prefix("file=")?.split(',').next()?;
            Some((level.to_owned(), file.to_owned()))
        })
        .filter(|(level, _)| level == "error" || level == "warning")
        .collect()
}

#[test]
fn action_on_a_push_downloads_lints_writes_sarif_and_builds() {
    let temp = tempfile::tempdir().unwrap();
    let work = repository(temp.path());
    let run = run_action(&work, temp.path(), "push", &[("plan", "plan"), ("build", "site")]);
    assert!(run.all_succeeded(), "{}", run.log());
    assert!(
        run.gh.contains("release download v0.1.0 --repo example/stratagem"),
        "{}",
        run.gh
    );
    assert!(
        run.output("Build stratagem from the action's source")
            .contains("stratagem 0.1.0"),
        "{}",
        run.log()
    );
    assert_eq!(run.not_run, ["Cache the binary built from source", "Upload SARIF"]);

    let sarif: Value =
        serde_json::from_slice(&std::fs::read(temp.path().join("runner/stratagem.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    let mut found = annotations(run.output("Lint (annotations)"));
    found.sort();
    let expected = [
        ("warning", "plan/tactics/digest.md"),
        ("warning", "plan/tactics/stories.md"),
    ];
    assert_eq!(found, expected.map(|(l, f)| (l.to_owned(), f.to_owned())));
    assert!(
        run.output("Plan diff on the pull request")
            .contains("no plan diff posted")
    );
    assert!(work.join("site/index.html").is_file(), "{}", run.log());
}

#[test]
fn action_with_deny_warnings_fails_on_warnings_and_builds_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let work = repository(temp.path());
    let inputs = [
        ("plan", "plan"),
        ("build", "site"),
        ("deny-warnings", "true"),
        ("sarif", "false"),
    ];
    let run = run_action(&work, temp.path(), "push", &inputs);
    let last = run.steps.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.1),
        ("Lint (annotations)", false),
        "{}",
        run.log()
    );
    assert!(!work.join("site").exists());
}

/// Needs `stratagem lint --changed` (written on another branch).
#[test]
fn action_annotates_only_the_files_a_pull_request_changes() {
    let temp = tempfile::tempdir().unwrap();
    let work = repository(temp.path());
    let run = run_action(
        &work,
        temp.path(),
        "pull_request",
        &[("plan", "plan"), ("comment", "false")],
    );
    let found = annotations(run.output("Lint (annotations)"));
    assert_eq!(
        found,
        [("warning".to_owned(), "plan/tactics/digest.md".to_owned())],
        "{}",
        run.log()
    );
    assert!(run.all_succeeded(), "{}", run.log());
}

/// Needs `stratagem diff` (written on another branch).
#[test]
fn action_posts_the_plan_diff() {
    let temp = tempfile::tempdir().unwrap();
    let work = repository(temp.path());
    let run = run_action(&work, temp.path(), "pull_request", &[("plan", "plan")]);
    assert!(run.all_succeeded(), "{}", run.log());
    assert!(
        run.gh.contains("api repos/example/plan/issues/7/comments"),
        "{}",
        run.gh
    );
    let comment = run.comment.as_deref().expect("a comment posted");
    assert!(comment.starts_with("<!-- stratagem plan diff -->"), "{comment}");
    assert!(
        comment.contains("digest"),
        "the diff names the changed tactic: {comment}"
    );
    assert!(
        run.summary.contains("digest"),
        "and the job summary has it: {}",
        run.summary
    );
}

/// Needs `stratagem diff` (written on another branch).
#[test]
fn action_updates_its_comment_on_a_later_push() {
    let temp = tempfile::tempdir().unwrap();
    let work = repository(temp.path());
    let inputs = [("plan", "plan"), ("test.comment-id", "42")];
    let run = run_action(&work, temp.path(), "pull_request", &inputs);
    assert!(run.all_succeeded(), "{}", run.log());
    assert!(
        run.gh
            .contains("api --method PATCH repos/example/plan/issues/comments/42"),
        "{}",
        run.gh
    );
    assert!(
        !run.gh.contains("pr comment"),
        "one comment per pull request: {}",
        run.gh
    );
    assert!(run.comment.is_some_and(|c| c.contains("digest")));
}

/// Needs `stratagem diff` and `lint --changed` (written on another branch).
#[test]
fn action_on_a_fork_pull_request_puts_the_diff_in_the_summary_without_failing() {
    let temp = tempfile::tempdir().unwrap();
    let work = repository(temp.path());
    let fork = ("github.event.pull_request.head.repo.full_name", "someone/plan");
    let run = run_action(&work, temp.path(), "pull_request", &[("plan", "plan"), fork]);
    assert!(run.all_succeeded(), "{}", run.log());
    let step = run.output("Plan diff on the pull request");
    assert!(
        step.contains("::notice title=stratagem::a pull request from a fork"),
        "{step}"
    );
    assert!(
        !run.gh.contains("comment"),
        "no comment with a read-only token: {}",
        run.gh
    );
    assert!(run.summary.contains("digest"), "{}", run.summary);
}
