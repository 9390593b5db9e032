//! `stratagem lsp` driven over stdio as an editor drives it, on a copy of the example plan:
//! diagnostics as buffers change (across files, cleared when fixed), positions in UTF-8 and
//! UTF-16, hover, definition, references, rename, completion, code actions, files outside a
//! plan, malformed buffers, shutdown and exit.

#[path = "../benches/support/lsp.rs"]
mod client;
mod support;

use std::path::{Path, PathBuf};

use client::{Client, uri};
use serde_json::{Value, json};

fn server() -> Client {
    Client::start(Path::new(env!("CARGO_BIN_EXE_stratagem")))
}

fn plan() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    (dir, plan)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The UTF-8 position (line, byte in line) of `needle` in `text`, moved on by `plus` bytes.
fn pos(text: &str, needle: &str, plus: usize) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}")) + plus;
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": at - start })
}

fn at(path: &Path, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri(path) }, "position": position })
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// A UTF-8 (line, byte) position as a byte offset of `text`.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + position["character"].as_u64().unwrap() as usize
}

/// Applies a `WorkspaceEdit`'s changes (UTF-8 positions) to the files on disk.
fn apply(edit: &Value) {
    for (file, edits) in edit["changes"].as_object().unwrap() {
        let path = PathBuf::from(file.strip_prefix("file://").unwrap());
        let mut text = read(&path);
        let mut edits = edits.as_array().unwrap().clone();
        edits.sort_by_key(|e| std::cmp::Reverse(offset(&text, &e["range"]["start"])));
        for e in edits {
            let (start, end) = (offset(&text, &e["range"]["start"]), offset(&text, &e["range"]["end"]));
            text.replace_range(start..end, e["newText"].as_str().unwrap());
        }
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn diagnostics_follow_edits_across_files_and_clear_when_fixed() {
    let (_dir, plan) = plan();
    let mut lsp = server();
    // No workspace folder: the plan is found by walking up from the opened file.
    let capabilities = lsp.initialize(None, true);
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    let tactic = plan.join("tactics/saved-replies.md");
    let strategy = plan.join("strategies/answer-like-a-phone-call.md");
    lsp.open(&tactic, &read(&tactic));
    assert_eq!(lsp.diagnostics(&tactic), Vec::<Value>::new());
    let original = read(&strategy);
    lsp.open(&strategy, &original);
    lsp.clear();
    // The strategy takes another id in its buffer (not on disk): the tactic's reference dangles.
    let renamed = original.replacen("+++\n", "+++\nid = \"phone-call\"\n", 1);
    lsp.change(&strategy, 2, &renamed);
    let found = lsp.diagnostics_until(&tactic, |d| !d.is_empty());
    let dangling = found
        .iter()
        .find(|d| d["code"] == "dangling-reference")
        .expect("dangling-reference");
    assert_eq!(dangling["source"], "stratagem");
    assert_eq!(dangling["severity"], 1);
    let text = read(&tactic);
    assert_eq!(dangling["range"]["start"], pos(&text, "\"answer-like", 0));
    // Put back: the tactic's findings are cleared.
    lsp.change(&strategy, 3, &original);
    assert_eq!(lsp.diagnostics_until(&tactic, <[Value]>::is_empty), Vec::<Value>::new());
    assert!(lsp.shutdown());
}

/// Opens a goal whose body gets a broken `@id` link after Vietnamese text, and one after
/// Chinese text, and returns the start of each finding.
fn link_findings(utf8: bool) -> (Value, Value, String) {
    let (_dir, plan) = plan();
    let mut lsp = server();
    let capabilities = lsp.initialize(Some(&plan), utf8);
    assert_eq!(capabilities["positionEncoding"], if utf8 { "utf-8" } else { "utf-16" });
    let goal = plan.join("goals/phan-hoi-nhanh.md");
    let text = format!(
        "{}\nChúng tôi trả lời [x](@khong-co).\n\n我们每周回复 [y](@不存在).\n",
        read(&goal)
    );
    lsp.open(&goal, &text);
    let found = lsp.diagnostics_until(&goal, |d| d.len() >= 2);
    let start = |needle: &str| {
        let line = pos(&text, needle, 0)["line"].clone();
        let d = found
            .iter()
            .find(|d| d["range"]["start"]["line"] == line)
            .expect("a finding on the line");
        d["range"]["start"].clone()
    };
    let starts = (start("[x]"), start("[y]"));
    assert!(lsp.shutdown());
    (starts.0, starts.1, text)
}

#[test]
fn positions_count_utf16_units_or_utf8_bytes_as_negotiated() {
    let (vietnamese, chinese, _) = link_findings(false);
    assert_eq!(vietnamese["character"], "Chúng tôi trả lời ".chars().count());
    assert_eq!(chinese["character"], "我们每周回复 ".encode_utf16().count());
    let (vietnamese, chinese, _) = link_findings(true);
    assert_eq!(vietnamese["character"], "Chúng tôi trả lời ".len());
    assert_eq!(chinese["character"], "我们每周回复 ".len());
}

#[test]
fn hover_shows_targets_fields_and_rules() {
    let (_dir, plan) = plan();
    let mut lsp = server();
    lsp.initialize(Some(&plan), true);
    let strategy = plan.join("strategies/answer-like-a-phone-call.md");
    let text = read(&strategy);
    lsp.open(&strategy, &text);
    let hover = |lsp: &mut Client, path: &Path, position: Value| {
        let answer = lsp.request("textDocument/hover", at(path, position));
        answer["result"]["contents"]["value"].as_str().unwrap_or("").to_owned()
    };
    let goal = hover(&mut lsp, &strategy, pos(&text, "phan-hoi-nhanh", 3));
    assert!(goal.contains("Trả lời tin nhắn khách hàng"), "{goal}");
    assert!(
        goal.contains("Owner: Trưởng nhóm") && goal.contains("Progress:"),
        "{goal}"
    );
    let channel = hover(&mut lsp, &strategy, pos(&text, "\"facebook", 2));
    assert!(channel.contains("Facebook (Vietnam)"), "{channel}");
    let field = hover(&mut lsp, &strategy, pos(&text, "goals =", 1));
    assert!(
        field.contains("`goals`") && field.contains("Ids of the goals the strategy serves"),
        "{field}"
    );
    let settings = plan.join("plan.toml");
    let toml = read(&settings);
    lsp.open(&settings, &toml);
    let rule = hover(&mut lsp, &settings, pos(&toml, "vanity-metric =", 2));
    assert!(
        rule.contains("`vanity-metric`") && rule.contains("## What it does"),
        "{rule}"
    );
    assert!(lsp.shutdown());
}

#[test]
fn definition_and_references_follow_ids_and_links() {
    let (_dir, plan) = plan();
    let mut lsp = server();
    lsp.initialize(Some(&plan), true);
    let strategy = plan.join("strategies/answer-like-a-phone-call.md");
    let text = read(&strategy);
    lsp.open(&strategy, &text);
    let definition = lsp.request("textDocument/definition", at(&strategy, pos(&text, "phan-hoi", 1)));
    assert_eq!(definition["result"]["uri"], uri(&plan.join("goals/phan-hoi-nhanh.md")));
    // From the goal's file (anywhere in it): every reference to it, each range on the id.
    let goal = plan.join("goals/phan-hoi-nhanh.md");
    let mut params = at(&goal, json!({ "line": 1, "character": 2 }));
    params["context"] = json!({ "includeDeclaration": false });
    let references = lsp.request("textDocument/references", params);
    let found = references["result"].as_array().unwrap();
    let mut files: Vec<&str> = found.iter().map(|l| l["uri"].as_str().unwrap()).collect();
    files.sort();
    assert!(
        files.contains(&uri(&plan.join("pages/about.md")).as_str()),
        "the @id link: {files:?}"
    );
    assert!(files.contains(&uri(&strategy).as_str()), "{files:?}");
    for location in found {
        let path = PathBuf::from(location["uri"].as_str().unwrap().strip_prefix("file://").unwrap());
        let text = read(&path);
        let range = &location["range"];
        assert_eq!(
            &text[offset(&text, &range["start"])..offset(&text, &range["end"])],
            "phan-hoi-nhanh"
        );
    }
    assert!(lsp.shutdown());
}

#[test]
fn rename_changes_an_id_everywhere_and_refuses_a_taken_one() {
    let (_dir, plan) = plan();
    let mut lsp = server();
    lsp.initialize(Some(&plan), true);
    let strategy = plan.join("strategies/answer-like-a-phone-call.md");
    let text = read(&strategy);
    lsp.open(&strategy, &text);
    let position = pos(&text, "phan-hoi", 1);
    let prepared = lsp.request("textDocument/prepareRename", at(&strategy, position.clone()));
    assert_eq!(prepared["result"]["placeholder"], "phan-hoi-nhanh");
    assert_eq!(prepared["result"]["range"]["start"], pos(&text, "phan-hoi", 0));
    let mut taken = at(&strategy, position.clone());
    taken["newName"] = json!("corporate-leads");
    let refused = lsp.request("textDocument/rename", taken);
    assert!(
        refused["error"]["message"].as_str().unwrap().contains("already used"),
        "{refused}"
    );
    let mut params = at(&strategy, position);
    params["newName"] = json!("reply-fast");
    let renamed = lsp.request("textDocument/rename", params);
    apply(&renamed["result"]);
    assert!(read(&plan.join("goals/phan-hoi-nhanh.md")).contains("id = \"reply-fast\""));
    assert!(read(&plan.join("pages/about.md")).contains("(@reply-fast)"));
    let (json, code) = support::lint_json(&plan, &[]);
    assert_eq!(code, 0, "the renamed plan lints clean: {json}");
    assert_eq!(json["diagnostics"], json!([]));
    assert!(lsp.shutdown());
}

fn labels(answer: &Value) -> Vec<String> {
    let items = answer["result"].as_array().cloned().unwrap_or_default();
    items.iter().map(|i| i["label"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn completion_offers_what_fits_the_place() {
    let (_dir, plan) = plan();
    let mut lsp = server();
    lsp.initialize(Some(&plan), true);
    let tactic = plan.join("tactics/saved-replies.md");
    let text = read(&tactic).replacen("practices", "resp\npractices", 1);
    lsp.open(&tactic, &text);
    let strategies = labels(&lsp.request("textDocument/completion", at(&tactic, pos(&text, "answer-like", 0))));
    assert!(strategies.contains(&"listen-first".to_owned()), "{strategies:?}");
    assert!(
        !strategies.contains(&"phan-hoi-nhanh".to_owned()),
        "a goal is not a strategy: {strategies:?}"
    );
    let statuses = labels(&lsp.request("textDocument/completion", at(&tactic, pos(&text, "\"active\"", 1))));
    assert_eq!(statuses, ["planned", "active", "done", "dropped"]);
    let channels = labels(&lsp.request("textDocument/completion", at(&tactic, pos(&text, "facebook\"", 0))));
    assert!(channels.contains(&"youtube".to_owned()), "{channels:?}");
    let practices = labels(&lsp.request("textDocument/completion", at(&tactic, pos(&text, "customer-care", 0))));
    assert!(practices.contains(&"employee-advocacy".to_owned()), "{practices:?}");
    let fields = labels(&lsp.request("textDocument/completion", at(&tactic, pos(&text, "resp\n", 4))));
    assert!(
        fields.contains(&"cadence".to_owned()) || fields.contains(&"tags".to_owned()),
        "{fields:?}"
    );
    assert!(
        !fields.contains(&"response_time".to_owned()),
        "already present: {fields:?}"
    );
    assert!(!fields.contains(&"metric".to_owned()), "a goal's field: {fields:?}");
    let settings = plan.join("plan.toml");
    let toml = read(&settings).replacen("vanity-metric = \"deny\"", "vanity-metric = \"deny\"\ngoal-va", 1);
    lsp.open(&settings, &toml);
    let rules = labels(&lsp.request("textDocument/completion", at(&settings, pos(&toml, "goal-va\n", 7))));
    assert!(rules.contains(&"goal-vague".to_owned()), "{rules:?}");
    let levels = labels(&lsp.request("textDocument/completion", at(&settings, pos(&toml, "\"deny\"", 1))));
    assert_eq!(levels, ["allow", "warn", "deny"]);
    assert!(lsp.shutdown());
}

#[test]
fn a_finding_is_suppressed_by_its_code_action() {
    let (_dir, plan) = plan();
    let mut lsp = server();
    lsp.initialize(Some(&plan), true);
    let tactic = plan.join("tactics/saved-replies.md");
    let text = read(&tactic).replace("[\"customer-care\"]", "[\"customer-care\", \"juggling\"]");
    lsp.open(&tactic, &text);
    let found = lsp.diagnostics_until(&tactic, |d| !d.is_empty());
    assert_eq!(codes(&found), ["unknown-practice"]);
    let params = json!({
        "textDocument": { "uri": uri(&tactic) },
        "range": found[0]["range"],
        "context": { "diagnostics": found },
    });
    let actions = lsp.request("textDocument/codeAction", params);
    let actions = actions["result"].as_array().unwrap();
    let suppress = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Suppress `unknown-practice`"))
        .expect("a suppression");
    assert_eq!(suppress["kind"], "quickfix");
    assert_eq!(suppress["diagnostics"][0]["code"], "unknown-practice");
    let edit = &suppress["edit"]["changes"][uri(&tactic)][0];
    let mut fixed = text.clone();
    let at = offset(&text, &edit["range"]["start"]);
    fixed.insert_str(at, edit["newText"].as_str().unwrap());
    assert!(fixed.contains("[lint.allow]\nunknown-practice = \"TODO"), "{fixed}");
    lsp.change(&tactic, 2, &fixed);
    assert_eq!(lsp.diagnostics_until(&tactic, <[Value]>::is_empty), Vec::<Value>::new());
    assert!(lsp.shutdown());
}

#[test]
fn files_outside_a_plan_and_malformed_buffers_never_break_the_server() {
    let (dir, plan) = plan();
    let mut lsp = server();
    lsp.initialize(Some(dir.path()), false);
    let outside = dir.path().join("notes.md");
    std::fs::write(&outside, "+++\ntitle = 1\n+++\n").unwrap();
    lsp.open(&outside, "+++\ntitle = 1\n+++\n");
    let hover = lsp.request("textDocument/hover", at(&outside, json!({ "line": 1, "character": 1 })));
    assert_eq!(hover["result"], Value::Null);
    let goal = plan.join("goals/corporate-leads.md");
    let broken = "+++\ntitle = \"unclosed\nowner = [1, \n+++\n\u{0}body @";
    lsp.open(&goal, broken);
    let found = lsp.diagnostics_until(&goal, |d| !d.is_empty());
    assert!(codes(&found).contains(&"front-matter-syntax".to_owned()), "{found:?}");
    for line in 0..6 {
        for character in [0, 3, 9, 40] {
            let position = json!({ "line": line, "character": character });
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
            ] {
                let answer = lsp.request(method, at(&goal, position.clone()));
                assert!(answer.get("error").is_none(), "{method} at {position}: {answer}");
            }
        }
    }
    assert!(lsp.notifications.iter().all(|n| n["params"]["uri"] != uri(&outside)));
    assert!(lsp.shutdown());
}

#[test]
fn a_closed_file_changed_on_disk_is_read_again_when_the_editor_says_so() {
    let (_dir, plan) = plan();
    let mut lsp = server();
    lsp.initialize(Some(&plan), true);
    let tactic = plan.join("tactics/saved-replies.md");
    let opened = plan.join("strategies/answer-like-a-phone-call.md");
    lsp.open(&opened, &read(&opened));
    support::edit(
        &tactic,
        "strategy = \"answer-like-a-phone-call\"",
        "strategy = \"nowhere\"",
    );
    let changes = json!({ "changes": [{ "uri": uri(&tactic), "type": 2 }] });
    lsp.notify("workspace/didChangeWatchedFiles", changes);
    let found = lsp.diagnostics_until(&tactic, |d| !d.is_empty());
    assert!(codes(&found).contains(&"dangling-reference".to_owned()), "{found:?}");
    assert!(lsp.shutdown());
}
