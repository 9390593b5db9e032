//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues), with fingerprints
//! that follow the finding, not its line, and are unique within the report.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::diagnostic::{Diagnostic, Fingerprint, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    /// Code Climate's issue type; GitLab ignores it, other Code Climate readers require it.
    #[serde(rename = "type")]
    kind: &'static str,
    description: &'a str,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    categories: [&'static str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Content<'a>>,
    location: Location,
}

#[derive(Serialize)]
struct Content<'a> {
    body: &'a str,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

pub(super) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let fingerprints = fingerprints(report.diagnostics);
    let issues: Vec<Issue<'_>> = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| Issue {
            kind: "issue",
            description: &d.message,
            check_name: d.rule.id,
            fingerprint,
            severity: severity(d.severity),
            // Code Climate's closed list of categories; a plan finding is about what the plan
            // says, which is closest to its "Clarity".
            categories: ["Clarity"],
            content: d.help.as_deref().map(|body| Content { body }),
            location: Location {
                path: report.display_path(&d.file),
                lines: Lines { begin: d.line },
            },
        })
        .collect();
    // Suppressed findings are left out: GitLab has no notion of a finding silenced in source.
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// GitLab's scale is info < minor < major < critical < blocker. Errors fail `stratagem lint`
/// and stop `stratagem build`, so they rank above warnings: `major`; warnings are `minor`, as
/// other linters' GitLab reports (ESLint's, for one) map their two levels. `critical` and
/// `blocker` are left for what GitLab's own scanners mean by them (security, a broken build of
/// code), which no plan finding is.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
    }
}

/// One fingerprint per diagnostic, in order: the hash of the finding's [`Fingerprint`] (rule,
/// document or file, field, message: no line), so that it survives edits elsewhere in the file.
/// GitLab shows findings with the same fingerprint as one, so the second finding with the same
/// [`Fingerprint`] (in the diagnostics' order: by file, line, column) hashes its occurrence
/// number too, and so on; a hash already taken moves on to the next number.
fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut occurrences: HashMap<String, u64> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    diagnostics
        .iter()
        .map(|d| {
            let key = serde_json::to_string(&Fingerprint::of(d)).expect("a fingerprint serializes");
            let n = occurrences.entry(key.clone()).or_insert(0);
            loop {
                *n += 1;
                let hash = hash(&key, *n);
                if taken.insert(hash.clone()) {
                    return hash;
                }
            }
        })
        .collect()
}

/// 64-bit FNV-1a of the finding's key (and, past the first, its occurrence), in hex: a fixed,
/// documented algorithm, so the same finding has the same fingerprint in every version.
fn hash(key: &str, occurrence: u64) -> String {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(key.as_bytes());
    if occurrence > 1 {
        hasher.write(format!("\n#{occurrence}").as_bytes());
    }
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_fixed_hex_and_occurrences_differ() {
        // FNV-1a 64 of the empty input is its offset basis.
        assert_eq!(hash("", 1), "cbf29ce484222325");
        assert_eq!(hash("a", 1), "af63dc4c8601ec8c");
        assert_ne!(hash("a", 1), hash("a", 2));
        assert_ne!(hash("a", 2), hash("a", 3));
    }

    static RULE: crate::diagnostic::Rule = crate::diagnostic::Rule {
        id: "some-rule",
        default: crate::diagnostic::Level::Deny,
        summary: "",
        docs: "",
        options: &[],
        fix: crate::diagnostic::FixAvailability::None,
    };

    #[test]
    fn the_same_finding_twice_gets_two_fingerprints_the_first_unchanged() {
        let once = Diagnostic::for_file(&RULE, "plan.toml", "bad");
        let mut later = once.clone();
        later.line = 9;
        let other = Diagnostic::for_file(&RULE, "plan.toml", "worse");
        let alone = fingerprints(std::slice::from_ref(&once));
        let all = fingerprints(&[once, other, later]);
        assert_eq!(
            all[0], alone[0],
            "a repeat does not move the first finding's fingerprint"
        );
        assert_ne!(all[0], all[2]);
        assert_ne!(all[0], all[1]);
        assert_eq!(all.iter().collect::<HashSet<_>>().len(), 3);
    }
}
