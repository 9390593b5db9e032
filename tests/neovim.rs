//! The language server in a real editor: Debian's Neovim, headless, with its built-in LSP client
//! (`tests/neovim/code_action.lua`) opens a goal of a copied example plan, waits for the
//! server's findings, applies code actions and saves, and the file on disk is fixed.
//!
//! It needs `nvim` (Neovim 0.7 or later); `scripts/test` (the README's test command) installs
//! it. Without it this test fails and says so: it never skips silently.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A goal a careful reader finds vague, whose deadline is quoted as text.
const VAGUE_GOAL: &str = "+++
title = \"Improve our online presence\"
owner = \"Social lead\"
metric = \"online presence\"
target = 80
deadline = \"2027-06-30\"
+++

We want to be seen more.
";

/// Runs Neovim on `file` with `steps` (`rule=words of the action's title;…`), stopping it if it
/// has not finished within a minute. Returns its output.
fn neovim(plan: &Path, file: &Path, steps: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim/code_action.lua");
    let started = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("STRATAGEM", env!("CARGO_BIN_EXE_stratagem"))
        .env("PLAN", plan)
        .env("FILE", file)
        .env("STEPS", steps)
        .env("XDG_STATE_HOME", plan.join("..").join("nvim-state"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = started.unwrap_or_else(|e| {
        panic!("this test needs Neovim (`nvim`, 0.7 or later): {e}; run `scripts/test`, which installs it")
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait for nvim").is_none() {
        if Instant::now() > deadline {
            child.kill().expect("stop the nvim this test started");
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().expect("nvim output");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{report}");
    assert!(
        output.status.success(),
        "Neovim's session failed ({}):\n{report}",
        output.status
    );
    report
}

#[test]
fn neovim_applies_the_servers_code_actions_and_the_file_on_disk_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    let goal = plan.join("goals/online-presence.md");
    std::fs::write(&goal, VAGUE_GOAL).unwrap();

    let report = neovim(&plan, &goal, "wrong-type=remove the quotes;goal-vague=suppress");

    assert!(report.contains("diagnostic goal-vague"), "{report}");
    assert!(
        report.contains("cleared wrong-type") && report.contains("cleared goal-vague"),
        "{report}"
    );
    let text = std::fs::read_to_string(&goal).unwrap();
    assert!(
        text.contains("deadline = 2027-06-30\n"),
        "the date is still quoted:\n{text}"
    );
    assert!(text.contains("goal-vague"), "no suppression was written:\n{text}");
    assert!(
        text.ends_with("We want to be seen more.\n"),
        "the body changed:\n{text}"
    );
    let (report, _) = support::lint_json(&plan, &[]);
    let left: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "goals/online-presence.md")
        .map(|d| d["rule"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        !left.iter().any(|r| r == "wrong-type" || r == "goal-vague"),
        "lint still finds {left:?}"
    );
}
