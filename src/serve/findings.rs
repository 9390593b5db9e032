//! Which lint findings an edit changed, as the site shows them: whether any did (Plan health
//! and the rule pages render again), and on which documents (their pages show their own).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Outcome;
use crate::plan::Plan;

/// A finding as the site shows it: rule, severity, file, line, column, message and help.
type Shown<'d> = (&'d str, Severity, &'d str, usize, usize, &'d str, Option<&'d str>);

fn shown(d: &Diagnostic) -> Shown<'_> {
    (
        d.rule.id,
        d.severity,
        &d.file,
        d.line,
        d.column,
        &d.message,
        d.help.as_deref(),
    )
}

/// The documents whose own findings differ between `a` and `b` (sorted): their pages show them.
pub(super) fn findings_changed(plan: &Plan, a: &Outcome, b: &Outcome) -> Vec<usize> {
    fn by_file(o: &Outcome) -> BTreeMap<&str, Vec<Shown<'_>>> {
        let mut files: BTreeMap<&str, Vec<Shown<'_>>> = BTreeMap::new();
        for d in &o.diagnostics {
            files.entry(d.file.as_str()).or_default().push(shown(d));
        }
        files
    }
    let (before, after) = (by_file(a), by_file(b));
    let files: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    let mut changed: Vec<usize> = files
        .into_iter()
        .filter(|f| before.get(f) != after.get(f))
        .filter_map(|f| plan.index_of_path(f))
        .collect();
    changed.sort_unstable();
    changed
}

/// Whether two lint runs found the same, as the site shows it (plan health, rule pages).
pub(super) fn same_findings(a: &Outcome, b: &Outcome) -> bool {
    a.files == b.files
        && a.diagnostics.iter().map(shown).eq(b.diagnostics.iter().map(shown))
        && a.suppressed
            .iter()
            .map(|s| (shown(&s.diagnostic), &s.reason, s.until))
            .eq(b.suppressed.iter().map(|s| (shown(&s.diagnostic), &s.reason, s.until)))
}
