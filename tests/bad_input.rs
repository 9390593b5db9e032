//! Half-written and broken plans are the common case: every malformed file gets a diagnostic
//! with its path, the rest of the plan is still checked, and nothing panics.

mod support;

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;

use proptest::prelude::*;
use support::{copy_tree, fixtures, lint_json};

const TODAY: &str = "2027-03-15";

fn base_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    dir
}

fn diagnostics_for<'a>(json: &'a serde_json::Value, file: &str) -> Vec<&'a serde_json::Value> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .collect()
}

#[test]
fn every_broken_file_is_reported_and_the_rest_is_still_checked() {
    let dir = base_plan();
    let root = dir.path();
    let write = |rel: &str, bytes: &[u8]| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    write("goals/invalid-toml.md", b"+++\ntitle = [\n+++\n");
    write(
        "goals/wrong-types.md",
        b"+++\ntitle = 3\nowner = \"A\"\ntarget = \"lots\"\ndeadline = \"soon\"\nbaseline = true\n+++\n",
    );
    write("goals/junk.md", &[0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe, 0x00]);
    write("goals/latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
    write("strategies/no-front-matter.md", b"# Just a heading\n");
    write("tactics/empty.md", b"");
    write("tactics/only-open.md", b"+++");
    write("evaluations/crlf-bom.md", "\u{feff}+++\r\ntitle = \"Windows file\"\r\nowner = \"A\"\r\ngoals = [\"leads\"]\r\ncadence = \"after each campaign\"\r\n+++\r\n".as_bytes());
    // A 50 MB file: reported without being read into memory.
    let big = std::fs::File::create(root.join("pages/huge.md")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    // A symbolic link loop, and a link to nothing.
    std::fs::create_dir_all(root.join("pages/loop")).unwrap();
    symlink(root.join("pages"), root.join("pages/loop/back")).unwrap();
    symlink(root.join("does-not-exist.md"), root.join("goals/dangling.md")).unwrap();
    // A file name that is not UTF-8.
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(root.join("pages").join(name), "+++\ntitle = \"Latin-1 name\"\n+++\n").unwrap();
    // And a real finding in a good file, which must still be reported.
    let leads = std::fs::read_to_string(root.join("goals/leads.md")).unwrap();
    std::fs::write(root.join("goals/leads.md"), leads.replace("target = 120\n", "")).unwrap();

    let (json, code) = lint_json(root, &["--today", TODAY]);
    assert_eq!(code, 1);
    let rules_of = |file: &str| {
        diagnostics_for(&json, file)
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(rules_of("goals/invalid-toml.md"), ["front-matter-syntax"]);
    let wrong = rules_of("goals/wrong-types.md");
    assert_eq!(wrong.iter().filter(|r| *r == "wrong-type").count(), 4, "{wrong:?}");
    assert!(
        !wrong.contains(&"goal-missing-target".to_owned()),
        "no cascade from a wrong type: {wrong:?}"
    );
    assert_eq!(rules_of("goals/junk.md"), ["unreadable-file"]);
    assert_eq!(rules_of("goals/latin1.md"), ["unreadable-file"]);
    assert_eq!(rules_of("strategies/no-front-matter.md"), ["front-matter-missing"]);
    assert_eq!(rules_of("tactics/empty.md"), ["front-matter-missing"]);
    assert_eq!(rules_of("tactics/only-open.md"), ["front-matter-syntax"]);
    assert!(
        rules_of("evaluations/crlf-bom.md").is_empty(),
        "{:?}",
        rules_of("evaluations/crlf-bom.md")
    );
    let huge = diagnostics_for(&json, "pages/huge.md");
    assert!(huge[0]["message"].as_str().unwrap().contains("50 MiB"), "{huge:?}");
    assert_eq!(rules_of("pages/loop/back"), ["unreadable-file"]);
    assert_eq!(rules_of("goals/dangling.md"), ["unreadable-file"]);
    assert_eq!(
        rules_of("goals/leads.md"),
        ["goal-missing-target"],
        "the rest of the plan is still checked"
    );
    for d in json["diagnostics"].as_array().unwrap() {
        assert!(
            d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1,
            "{d}"
        );
        assert!(
            !d["help"].as_str().unwrap_or("").is_empty(),
            "every diagnostic says how to fix it: {d}"
        );
    }
}

#[test]
fn a_broken_plan_toml_still_lets_documents_be_checked() {
    let dir = base_plan();
    std::fs::write(dir.path().join("plan.toml"), "title = \"Broken\nowner = 3\n").unwrap();
    support::edit(&dir.path().join("goals/leads.md"), "target = 120\n", "");
    let (json, code) = lint_json(dir.path(), &["--today", TODAY]);
    assert_eq!(code, 1);
    let settings = diagnostics_for(&json, "plan.toml");
    assert_eq!(settings[0]["rule"], "front-matter-syntax");
    assert_eq!(
        (settings[0]["line"].as_u64(), settings[0]["column"].as_u64()),
        (Some(1), Some(16))
    );
    assert!(
        settings[0]["help"].as_str().unwrap().contains("held back"),
        "{settings:?}"
    );
    // The documents were checked …
    let leads = diagnostics_for(&json, "goals/leads.md");
    assert!(leads.iter().any(|d| d["rule"] == "goal-missing-target"), "{leads:?}");
    // … but their channel references do not dangle just because plan.toml's channels are unread.
    let dangling: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "dangling-reference")
        .collect();
    assert!(dangling.is_empty(), "{dangling:?}");
}

#[test]
fn a_tactic_that_fails_to_parse_does_not_cascade_into_other_documents() {
    let dir = base_plan();
    let root = dir.path();
    // The only tactic left serves `advocacy` on `linkedin`, and its front matter is broken.
    std::fs::remove_file(root.join("tactics/stories.md")).unwrap();
    support::edit(
        &root.join("tactics/digest.md"),
        "owner = \"Internal comms\"",
        "owner = Internal comms",
    );
    let (json, code) = lint_json(root, &["--today", TODAY]);
    assert_eq!(code, 1);
    let digest = diagnostics_for(&json, "tactics/digest.md");
    assert_eq!(digest.len(), 1, "{digest:?}");
    assert_eq!(digest[0]["rule"], "front-matter-syntax");
    assert_eq!(
        (digest[0]["line"].as_u64(), digest[0]["column"].as_u64()),
        (Some(3), Some(9))
    );
    let rules: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert!(
        !rules.contains(&("strategies/advocacy.md", "strategy-without-tactic")),
        "{rules:?}"
    );
    // linkedin was the broken tactic's channel; instagram was only the removed tactic's.
    let unused: Vec<_> = diagnostics_for(&json, "plan.toml")
        .into_iter()
        .filter(|d| d["rule"] == "channel-unused")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(unused.len() == 1 && unused[0].contains("`instagram`"), "{unused:?}");
    assert_eq!(digest[0]["message"], "text needs quotes: `owner = \"Internal comms\"`");
}

#[test]
fn a_reference_of_the_wrong_type_does_not_cascade_either() {
    let dir = base_plan();
    let root = dir.path();
    std::fs::remove_file(root.join("tactics/stories.md")).unwrap();
    let digest = root.join("tactics/digest.md");
    support::edit(&digest, "strategy = \"advocacy\"", "strategy = 3");
    support::edit(&digest, "channel = \"linkedin\"", "channel = 5");
    let (json, _) = lint_json(root, &["--today", TODAY]);
    let rules: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [("tactics/digest.md", "wrong-type"), ("tactics/digest.md", "wrong-type")]
    );
    let helps = diagnostics_for(&json, "tactics/digest.md");
    assert!(
        helps.iter().all(|d| d["help"].as_str().unwrap().contains("held back")),
        "{helps:?}"
    );
}

#[test]
fn references_to_a_document_that_fails_to_parse_do_not_dangle() {
    let dir = base_plan();
    let root = dir.path();
    // The strategy is broken: its goal is not left without a strategy, nor its tactics dangling.
    support::edit(
        &root.join("strategies/advocacy.md"),
        "goals = [\"leads\"]",
        "goals = [\"leads\"",
    );
    std::fs::write(
        root.join("pages/about.md"),
        "+++\ntitle = \"About\"\n+++\nSee [the strategy](../strategies/advocacy.md) and [again](@advocacy).\n",
    )
    .unwrap();
    let (json, _) = lint_json(root, &["--today", TODAY]);
    let rules: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(rules, [("strategies/advocacy.md", "front-matter-syntax")]);
    let message = diagnostics_for(&json, "strategies/advocacy.md")[0]["message"].clone();
    assert_eq!(
        message,
        "the list `goals` is never closed with `]`: `goals = [\"leads\"]`"
    );
}

#[test]
fn human_output_survives_every_kind_of_bad_input() {
    let dir = base_plan();
    std::fs::write(dir.path().join("goals/junk.md"), [0xff, 0x00, 0x13]).unwrap();
    std::fs::write(
        dir.path().join("goals/tabs.md"),
        "+++\ntitle\t=\t\"Tabs\t😀\"\ntarget = \"x\"\n+++\n",
    )
    .unwrap();
    let output = support::run(&["lint", dir.path().to_str().unwrap(), "--today", TODAY], None);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("goals/junk.md") && text.contains("goals/tabs.md:3:10"),
        "{text}"
    );
}

/// Writes `bytes` as a goal in a copy of the base plan and lints it with the library.
fn load_and_lint(root: &Path, bytes: &[u8]) -> usize {
    std::fs::write(root.join("goals/fuzz.md"), bytes).unwrap();
    let loaded = stratagem::plan::load(root, stratagem::plan::Purpose::Site).expect("the plan itself is fine");
    let graph = stratagem::plan::graph::Graph::new(&loaded.plan);
    let outcome = stratagem::lint::lint(
        &loaded.plan,
        &graph,
        loaded.diagnostics,
        jiff::civil::date(2027, 3, 15),
        None,
    );
    outcome.diagnostics.len()
}

fn front_matter_like() -> impl Strategy<Value = Vec<u8>> {
    let key = prop::sample::select(vec![
        "title",
        "owner",
        "target",
        "baseline",
        "deadline",
        "goals",
        "kind",
        "id",
        "[[measurements]]",
        "benchmark",
        "direction",
    ]);
    let value = prop::sample::select(vec![
        "\"x\"",
        "1",
        "-3.5",
        "2027-02-30",
        "2027-01-01",
        "[1, \"a\"]",
        "{ value = \"v\" }",
        "nan",
        "\"\u{feff}\"",
        "",
        "\"unterminated",
    ]);
    let line = (key, value).prop_map(|(k, v)| format!("{k} = {v}\n"));
    (prop::collection::vec(line, 0..8), "\\PC{0,40}", prop::bool::ANY).prop_map(|(lines, body, crlf)| {
        let text = format!("+++\n{}+++\n{body}\n[a](../goals/x.md#y) # h\n", lines.concat());
        if crlf {
            text.replace('\n', "\r\n").into_bytes()
        } else {
            text.into_bytes()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn loading_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let dir = base_plan();
        load_and_lint(dir.path(), &bytes);
    }

    #[test]
    fn loading_never_panics_on_front_matter_like_text(bytes in front_matter_like()) {
        let dir = base_plan();
        load_and_lint(dir.path(), &bytes);
    }
}

#[test]
fn syntax_errors_are_told_in_plain_words_at_the_parsers_position() {
    let dir = base_plan();
    let root = dir.path();
    let cases = [
        ("pages/date.md", "+++\ntitle = \"Dates\"\nstart = 2027-1-5\n+++\n", 3, 9),
        ("pages/yaml.md", "+++\ntitle: Grow leads\n+++\n", 2, 8),
        ("pages/twice.md", "+++\ntitle = \"A\"\ntitle = \"B\"\n+++\n", 3, 1),
        ("pages/other.md", "+++\ntitle = 1.\n+++\n", 2, 11),
    ];
    for (rel, text, _, _) in cases {
        std::fs::write(root.join(rel), text).unwrap();
    }
    std::fs::write(root.join("plan.toml"), "title = \"Plan\"\nowner = Head of Social\n").unwrap();
    let (json, _) = lint_json(root, &["--today", TODAY]);
    let found = |file: &str| {
        let d = diagnostics_for(&json, file);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0]["rule"], "front-matter-syntax");
        (
            d[0]["message"].as_str().unwrap().to_owned(),
            d[0]["line"].as_u64().unwrap(),
            d[0]["column"].as_u64().unwrap(),
        )
    };
    let messages = [
        "dates are written YYYY-MM-DD: `start = 2027-01-05`",
        "front matter is TOML: write `title = \"Grow leads\"`",
        "`title` is set twice; keep one",
        "invalid TOML: invalid fraction, expected digits",
    ];
    for ((rel, _, line, column), message) in cases.into_iter().zip(messages) {
        assert_eq!(found(rel), (message.to_owned(), line, column), "{rel}");
    }
    assert_eq!(
        found("plan.toml"),
        ("text needs quotes: `owner = \"Head of Social\"`".to_owned(), 2, 9)
    );
}

#[test]
fn an_unreadable_tactic_holds_back_what_it_may_have_served() {
    let dir = base_plan();
    let root = dir.path();
    std::fs::remove_file(root.join("tactics/stories.md")).unwrap();
    std::fs::write(root.join("tactics/digest.md"), [0x7f, 0x45, 0x4c, 0x46, 0x00]).unwrap();
    let (json, _) = lint_json(root, &["--today", TODAY]);
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    // Nothing of it can be read, so no strategy or channel is said to lack its tactic.
    assert_eq!(rules, ["unreadable-file"]);
    let help = diagnostics_for(&json, "tactics/digest.md")[0]["help"].clone();
    assert!(help.as_str().unwrap().contains("held back until it parses"), "{help}");
}

#[test]
fn a_broken_file_outside_kind_folders_is_reported_when_it_names_its_kind() {
    let dir = base_plan();
    let root = dir.path();
    std::fs::create_dir_all(root.join("notes")).unwrap();
    std::fs::write(
        root.join("notes/digest.md"),
        "+++\nkind = \"tactic\"\ntitle = \"Notes digest\nstrategy = \"advocacy\"\n+++\n",
    )
    .unwrap();
    // Not a plan document: its front matter is not ours to judge.
    std::fs::write(root.join("notes/draft.md"), "+++\ntitle = [\n+++\n").unwrap();
    let (json, _) = lint_json(root, &["--today", TODAY]);
    let reported = diagnostics_for(&json, "notes/digest.md");
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert_eq!(reported[0]["rule"], "front-matter-syntax");
    assert_eq!(reported[0]["line"], 3);
    assert!(diagnostics_for(&json, "notes/draft.md").is_empty());
}
