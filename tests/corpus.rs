//! The wording rules judged against real published goals: `tests/fixtures/corpus/goals.tsv` holds
//! goals that organisations published in English, Vietnamese, Chinese and Welsh, each labelled by
//! hand before the tool was run on it. Every row becomes a goal of one plan, the real binary lints
//! it, and the test prints precision and recall of `goal-vague` and `vanity-metric` per language.
//! It fails on any false alarm on a good goal, and on recall under 95% in any language.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use support::{fixtures, lint_json};

const RULES: [(&str, usize); 2] = [("goal-vague", 5), ("vanity-metric", 6)];
const LANGUAGES: [&str; 4] = ["en", "vi", "zh", "cy"];
const MIN_RECALL: f64 = 0.95;

struct Row {
    id: String,
    lang: String,
    fields: Vec<String>,
}

fn rows(file: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(fixtures().join("corpus").join(file)).unwrap();
    let mut lines = text.lines();
    let header: Vec<_> = lines.next().unwrap().split('\t').collect();
    assert_eq!(
        header,
        [
            "id", "lang", "title", "metric", "target", "vague", "vanity", "arguable", "source"
        ]
    );
    lines
        .map(|line| {
            let fields: Vec<String> = line.split('\t').map(str::to_owned).collect();
            assert_eq!(fields.len(), header.len(), "{line}");
            Row {
                id: fields[0].clone(),
                lang: fields[1].clone(),
                fields,
            }
        })
        .collect()
}

/// One goal file per row: its title, metric and target as published, nothing else the wording
/// rules read.
fn write_plan(dir: &std::path::Path, rows: &[Row]) {
    std::fs::create_dir_all(dir.join("goals")).unwrap();
    std::fs::write(
        dir.join("plan.toml"),
        "title = \"Corpus\"\nowner = \"Tester\"\nperiod = { start = 2027-01-01, end = 2027-12-31 }\n",
    )
    .unwrap();
    for row in rows {
        let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let mut front = format!("title = {}\nowner = \"Tester\"\n", quote(&row.fields[2]));
        if !row.fields[3].is_empty() {
            writeln!(front, "metric = {}", quote(&row.fields[3])).unwrap();
        }
        if !row.fields[4].is_empty() {
            writeln!(front, "target = {}", row.fields[4]).unwrap();
        }
        std::fs::write(dir.join(format!("goals/{}.md", row.id)), format!("+++\n{front}+++\n")).unwrap();
    }
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
    errors: Vec<String>,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The corpus the reader was developed against.
#[test]
fn wording_rules_agree_with_hand_labels_on_real_goals() {
    judge("goals.tsv");
}

/// Goals from other organisations, collected and labelled after the reader was written: how it
/// does on text it was not shaped by.
#[test]
fn wording_rules_agree_with_hand_labels_on_held_out_goals() {
    judge("heldout.tsv");
}

fn judge(file: &str) {
    let rows = rows(file);
    let dir = tempfile::tempdir().unwrap();
    write_plan(dir.path(), &rows);
    let (json, _) = lint_json(dir.path(), &["--today", "2027-03-15"]);
    let mut fired: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut messages: BTreeMap<(String, String), String> = BTreeMap::new();
    for d in json["diagnostics"].as_array().unwrap() {
        let rule = d["rule"].as_str().unwrap();
        let Some((rule, _)) = RULES.iter().find(|(r, _)| *r == rule) else {
            continue;
        };
        let file = d["file"].as_str().unwrap();
        let id = file.trim_start_matches("goals/").trim_end_matches(".md").to_owned();
        messages.insert(
            (rule.to_string(), id.clone()),
            d["message"].as_str().unwrap().to_owned(),
        );
        fired.entry(rule).or_default().insert(id);
    }
    let mut table = BTreeMap::new();
    for row in &rows {
        for (rule, column) in RULES {
            let expected = row.fields[column] == "yes";
            let got = fired.get(rule).is_some_and(|ids| ids.contains(&row.id));
            let counts: &mut Counts = table.entry((rule, row.lang.clone())).or_default();
            let arguable = if row.fields[7].is_empty() { "" } else { " (arguable)" };
            match (expected, got) {
                (true, true) => counts.tp += 1,
                (false, false) => counts.tn += 1,
                (false, true) => {
                    counts.fp += 1;
                    let said = &messages[&(rule.to_string(), row.id.clone())];
                    counts.errors.push(format!(
                        "  false alarm {}{arguable}: {:?} / metric {:?}: {said}",
                        row.id, row.fields[2], row.fields[3]
                    ));
                }
                (true, false) => {
                    counts.fn_ += 1;
                    counts.errors.push(format!(
                        "  missed {}{arguable}: {:?} / metric {:?}",
                        row.id, row.fields[2], row.fields[3]
                    ));
                }
            }
        }
    }
    let mut report = String::from(
        "| rule | lang | goals | flagged right | false alarms | missed | precision | recall |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut failures = Vec::new();
    for (rule, _) in RULES {
        for lang in LANGUAGES {
            let Some(c) = table.get(&(rule, lang.to_owned())) else {
                continue;
            };
            writeln!(
                report,
                "| `{rule}` | {lang} | {} | {} | {} | {} | {:.0}% | {:.0}% |",
                c.tp + c.fp + c.fn_ + c.tn,
                c.tp,
                c.fp,
                c.fn_,
                100.0 * c.precision(),
                100.0 * c.recall()
            )
            .unwrap();
            if c.fp > 0 || c.recall() < MIN_RECALL {
                failures.push(format!("{rule} / {lang}:\n{}", c.errors.join("\n")));
            }
        }
    }
    println!("{file}\n{report}");
    assert!(failures.is_empty(), "{report}\n{}", failures.join("\n"));
}
