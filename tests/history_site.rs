//! The plan's git history on the site, with the real binary and real repositories in temporary
//! folders (set authors and dates): a goal's history rows and the moves of its target on the
//! chart, the "last changed" line of every page, the Changes page by month (a renamed and a
//! deleted document, a long history cut short), and what happens without it — outside git and
//! in a shallow clone the build succeeds with one note — and a warm build after a new commit.

mod support;

use std::path::Path;
use std::process::Output;

use support::git::{EXAMPLE_COMMITS, commit_all, example_history, git_as, init_with, replace, short_head};
use support::site::read;

const TODAY: &str = "2027-05-20";

fn build(plan: &Path, out: &Path, extra: &[(&str, &str)]) -> Output {
    let mut command = support::stratagem();
    command
        .args([
            "build",
            plan.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--today",
            TODAY,
        ])
        .envs(extra.iter().copied());
    let output = command.output().unwrap();
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "the build fails: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The short ids of the example history's commits, newest first.
fn short_ids(repo: &Path) -> Vec<String> {
    let log = git_as(repo, "x", "2027-01-01T00:00:00Z", &["log", "--format=%h"]);
    log.lines().map(str::to_owned).collect()
}

#[test]
fn a_goal_page_shows_its_target_baseline_and_deadline_over_time() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_history(dir.path());
    let out = dir.path().join("site");
    let output = build(&plan, &out, &[]);
    assert!(!stderr(&output).contains("note:"), "{}", stderr(&output));
    let ids = short_ids(dir.path());
    let page = read(&out.join("goals/corporate-leads.html"));
    let history = &page[page.find("id=\"history-heading\"").expect("a History section")..];
    let history = &history[..history.find("</section>").unwrap()];
    let rows: Vec<&str> = history.split("<li class=\"history-row").skip(1).collect();
    let expected = [
        (
            "2027-04-20",
            "Target</strong> 50 leads/month → 40 leads/month",
            "Ana Costa",
            &ids[0],
        ),
        (
            "2027-04-20",
            "Deadline</strong> 2027-09-30 → 2027-10-31",
            "Ana Costa",
            &ids[0],
        ),
        (
            "2027-02-14",
            "Target</strong> 45 leads/month → 50 leads/month",
            "Ana Costa",
            &ids[2],
        ),
        ("2027-01-10", "First committed", "Mai Nguyen", &ids[3]),
    ];
    assert_eq!(rows.len(), expected.len(), "{history}");
    for (row, (date, change, author, id)) in rows.iter().zip(expected) {
        for part in [date, change, author, &format!(">{id}</code>")] {
            assert!(row.contains(part), "`{part}` in {row}");
        }
    }
    // The chart draws the earlier targets as steps and labels each move.
    for part in ["class=\"earlier-target\"", ">Target 45 → 50</text>", "Earlier target"] {
        assert!(page.contains(part), "{part}");
    }
    let unchanged = read(&out.join("goals/phan-hoi-nhanh.html"));
    assert!(
        unchanged.contains("Target, baseline and deadline unchanged since 2027-01-10."),
        "a goal that never changed says since when"
    );
}

#[test]
fn every_page_says_when_it_last_changed_and_by_whom_in_the_sites_language() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_history(dir.path());
    let ids = short_ids(dir.path());
    let out = dir.path().join("site");
    build(&plan, &out, &[]);
    let line = |page: &str| {
        let html = read(&out.join(page));
        let at = html
            .find("<p class=\"last-changed\">")
            .unwrap_or_else(|| panic!("{page}"));
        html[at..at + html[at..].find("</p>").unwrap()].to_owned()
    };
    let goal = line("goals/corporate-leads.html");
    assert!(goal.contains("Last changed on 2027-04-20 by Ana Costa"), "{goal}");
    assert!(goal.contains(&format!(">{}</code>", ids[0])), "{goal}");
    let tactic = line("tactics/saved-replies.html");
    assert!(tactic.contains("Last changed on 2027-01-10 by Mai Nguyen"), "{tactic}");
    let renamed = line("pages/meeting-notes.html");
    assert!(
        renamed.contains("2027-03-02 by Bảo Trần"),
        "a page's line, after its rename: {renamed}"
    );
    // In Welsh: the plan's language is a setting of plan.toml.
    replace(&plan.join("plan.toml"), "language = \"en\"", "language = \"cy\"");
    let welsh = dir.path().join("welsh");
    build(&plan, &welsh, &[]);
    let html = read(&welsh.join("tactics/saved-replies.html"));
    assert!(
        html.contains("Newidiwyd ddiwethaf ar 2027-01-10 gan Mai Nguyen"),
        "{html}"
    );
}

#[test]
fn the_changes_page_lists_commits_by_month_with_renamed_and_deleted_documents() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_history(dir.path());
    let ids = short_ids(dir.path());
    let out = dir.path().join("site");
    build(&plan, &out, &[]);
    let page = read(&out.join("changes.html"));
    let months: Vec<usize> = ["April 2027", "March 2027", "February 2027", "January 2027"]
        .iter()
        .map(|m| {
            page.find(&format!("{m} <small>1 commit</small>"))
                .unwrap_or_else(|| panic!("{m}"))
        })
        .collect();
    assert!(months.windows(2).all(|w| w[0] < w[1]), "newest month first");
    for ((author, _, subject), id) in EXAMPLE_COMMITS.iter().zip(&ids) {
        let at = page.find(&format!("<span class=\"subject\">{subject}</span>")).unwrap();
        let head = &page[at..at + page[at..].find("</p>").unwrap()];
        assert!(
            head.contains(author) && head.contains(&format!(">{id}</code>")),
            "{head}"
        );
    }
    for part in [
        "<span class=\"did\">renamed</span> <a href=\"pages/meeting-notes.html\">Meeting notes</a> <span class=\"path\">pages/meeting-notes.md</span> <span class=\"from\">(from pages/notes.md)</span>",
        "<span class=\"did\">deleted</span> <span class=\"path\">pages/draft.md</span>",
        "<span class=\"did\">modified</span> <a href=\"goals/corporate-leads.html\">Grow corporate team-trip leads from LinkedIn</a> <span class=\"path\">goals/corporate-leads.md</span>",
        // The first commit added dozens of files: the page lists a few and counts the rest.
        "more files</li>",
    ] {
        assert!(page.contains(part), "{part}");
    }
    assert!(!page.contains("history-note"), "nothing is missing");
    let overview = read(&out.join("index.html"));
    assert!(
        overview.contains("href=\"changes.html\">Changes</a>"),
        "in the navigation"
    );
}

#[test]
fn a_long_history_lists_the_newest_commits_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    std::fs::create_dir_all(plan.join("pages")).unwrap();
    std::fs::write(plan.join("plan.toml"), "title = \"P\"\nlanguage = \"en\"\n").unwrap();
    let page = plan.join("pages/log.md");
    std::fs::write(&page, "+++\ntitle = \"Log\"\n+++\n0\n").unwrap();
    init_with(dir.path(), "Mai", "2026-01-01T09:00:00Z", "Start");
    for n in 1..=204 {
        std::fs::write(&page, format!("+++\ntitle = \"Log\"\n+++\n{n}\n")).unwrap();
        let date = format!("2026-{:02}-{:02}T09:00:00Z", 1 + n / 20, 1 + n % 20);
        commit_all(
            dir.path(),
            if n % 2 == 0 { "Mai" } else { "Ana" },
            &date,
            &format!("Entry {n}"),
        );
    }
    let out = dir.path().join("site");
    build(&plan, &out, &[]);
    let html = read(&out.join("changes.html"));
    assert_eq!(html.matches("<li class=\"commit\">").count(), 200);
    assert!(
        html.contains("…and 5 older commits, not listed here"),
        "205 commits, 200 shown"
    );
    assert!(
        html.contains("Entry 204") && !html.contains("Entry 4<"),
        "the newest are listed"
    );
    assert!(html.len() < 200_000, "the page stays small: {} bytes", html.len());
}

#[test]
fn outside_git_the_build_succeeds_with_one_note() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    let out = dir.path().join("site");
    // However the temporary folder is placed, git looks no further up than it.
    let ceiling = dir.path().to_str().unwrap();
    let output = build(&plan, &out, &[("GIT_CEILING_DIRECTORIES", ceiling)]);
    let err = stderr(&output);
    assert_eq!(err.matches("note: ").count(), 1, "{err}");
    assert!(err.contains("note: the plan is not in a git repository"), "{err}");
    let page = read(&out.join("changes.html"));
    assert!(page.contains("class=\"note history-note\""), "{page}");
    assert!(page.contains("git history, so it shows no changes"), "{page}");
    assert!(page.contains("not in a git repository"), "git's reason too: {page}");
    let goal = read(&out.join("goals/corporate-leads.html"));
    assert!(
        !goal.contains("last-changed") && !goal.contains("history-heading"),
        "no history shown"
    );
}

#[test]
fn a_shallow_clone_builds_with_a_note_and_the_history_it_has() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source");
    std::fs::create_dir(&source).unwrap();
    example_history(&source);
    let clone = dir.path().join("clone");
    let url = format!("file://{}", source.display());
    git_as(
        dir.path(),
        "x",
        "2027-01-01T00:00:00Z",
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
    );
    let out = dir.path().join("site");
    let output = build(&clone.join("plan"), &out, &[]);
    let err = stderr(&output);
    assert_eq!(err.matches("note: ").count(), 1, "{err}");
    assert!(
        err.contains("shallow clone") && err.contains("git fetch --unshallow"),
        "{err}"
    );
    let page = read(&out.join("changes.html"));
    assert!(
        page.contains("built from a shallow clone: changes before 2027-04-20 are missing"),
        "{page}"
    );
    assert!(page.contains(EXAMPLE_COMMITS[0].2), "the one commit it has: {page}");
    assert_eq!(page.matches("<li class=\"commit\">").count(), 1);
}

#[test]
fn a_warm_build_after_a_new_commit_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_history(dir.path());
    let out = dir.path().join("site");
    let cache = dir.path().join("cache");
    let env = [("STRATAGEM_CACHE_DIR", cache.to_str().unwrap())];
    build(&plan, &out, &env);
    replace(&plan.join("goals/corporate-leads.md"), "target = 40", "target = 42");
    commit_all(dir.path(), "Chen Wei", "2027-05-18T11:00:00+08:00", "Target 42");
    let id = short_head(dir.path());
    let warm = build(&plan, &out, &env);
    let stdout = String::from_utf8_lossy(&warm.stdout);
    assert!(stdout.contains("of them unchanged"), "a warm build: {stdout}");
    let page = read(&out.join("goals/corporate-leads.html"));
    assert!(page.contains("Last changed on 2027-05-18 by Chen Wei"), "{page}");
    assert!(
        page.contains("Target</strong> 40 leads/month → 42 leads/month"),
        "{page}"
    );
    assert!(page.contains(&format!(">{id}</code>")));
    let changes = read(&out.join("changes.html"));
    assert!(
        changes.contains("May 2027 <small>1 commit</small>") && changes.contains(">Target 42</span>"),
        "{changes}"
    );
    // A cold build of the same commit gives the same pages.
    let cold = dir.path().join("cold");
    build(&plan, &cold, &[]);
    for file in [
        "goals/corporate-leads.html",
        "changes.html",
        "tactics/saved-replies.html",
    ] {
        assert_eq!(read(&out.join(file)), read(&cold.join(file)), "{file}");
    }
}
