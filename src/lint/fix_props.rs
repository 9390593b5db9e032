//! Property test of fixing: front matter made of a random mix of right values, fixable mistakes
//! (quoted dates and numbers, day-first dates, misspelt keys, unquoted text) and comments, in
//! any order, is fixed pass after pass as `lint --fix --unsafe-fixes` does; the result still
//! parses whenever the original did, and no finding with a fix is left.

use proptest::prelude::*;

use super::fix::{Wanted, apply, parses, select};
use crate::plan::discover::Candidate;
use crate::plan::load::{Bodies, parse_file};

/// Each key with the ways a file may write it: the first is right, the rest are mistakes a
/// fix knows.
const KEYS: &[(&str, &[&str])] = &[
    ("title", &["title = \"Grow leads\"", "title = Grow leads"]),
    ("owner", &["owner = \"Sam\"", "ownr = \"Sam\"", "owner = Sam"]),
    (
        "metric",
        &["metric = \"qualified leads\"", "metrc = \"qualified leads\""],
    ),
    ("baseline", &["baseline = 40", "baseline = \"40\""]),
    ("target", &["target = 120", "target = \"120\""]),
    ("start", &["start = 2027-01-01", "start = \"2027-01-01\""]),
    (
        "deadline",
        &[
            "deadline = 2027-06-30",
            "deadline = \"2027-06-30\"",
            "deadline = \"30/06/2027\"",
        ],
    ),
    ("direction", &["direction = \"increase\"", "direction = \"increse\""]),
    ("note", &["# a comment that stays", "# another"]),
];

fn front_matter() -> impl Strategy<Value = String> {
    let lines: Vec<BoxedStrategy<String>> = KEYS
        .iter()
        .map(|(_, forms)| prop::sample::select(forms.to_vec()).prop_map(str::to_owned).boxed())
        .collect();
    (lines, any::<bool>())
        .prop_flat_map(|(lines, crlf)| (Just(lines).prop_shuffle(), Just(crlf)))
        .prop_map(|(lines, crlf)| {
            let text = format!("+++\n{}\n+++\n\nWhy this goal matters.\n", lines.join("\n"));
            if crlf { text.replace('\n', "\r\n") } else { text }
        })
}

/// The file's findings that carry a fix.
fn fixable(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
    let candidate = Candidate::new(std::path::Path::new("/plan"), "goals/leads.md");
    parse_file(&candidate, text.to_owned(), Bodies::Scan)
        .diagnostics
        .into_iter()
        .filter(|d| d.fix.is_some())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn fixing_never_breaks_front_matter_and_leaves_no_fixable_finding(text in front_matter()) {
        let parsed = parses(&text, false);
        let mut fixed = text.clone();
        for _ in 0..6 {
            let found = fixable(&fixed);
            if found.is_empty() {
                break;
            }
            let selected = select(&found, Wanted::SafeAndUnsafe);
            let applied = apply(&fixed, &selected["goals/leads.md"], false);
            prop_assert!(applied.fixed > 0, "a fix was found but none applied:\n{fixed}");
            fixed = applied.text;
            if parsed {
                prop_assert!(parses(&fixed, false), "fixing broke:\n{text}\ninto:\n{fixed}");
            }
        }
        prop_assert!(fixable(&fixed).is_empty(), "left to fix in:\n{fixed}");
        prop_assert!(fixed.contains("Why this goal matters."));
        prop_assert_eq!(fixed.contains("\r\n"), text.contains("\r\n"));
    }
}
