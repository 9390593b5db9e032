//! Baselines: today's findings recorded by fingerprint (rule, document or file, field, message;
//! never a line number), so that `lint --baseline` reports only new findings and lists the
//! recorded ones that are fixed since.
//!
//! A finding matches a recorded entry with the same fingerprint; failing that, one with the same
//! rule, document and front-matter field whose message changed (a target edited from 120 to
//! 150 is still the same finding). Findings outside the front matter (a broken link in the body)
//! have no field and match only on their message, which names what they are about.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Fingerprint};

/// The format version written in every baseline file.
const VERSION: u32 = 1;

/// A baseline file: a version and the fingerprints of the findings, sorted.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Fingerprint>,
}

impl Baseline {
    /// The fingerprints of `diagnostics`, sorted.
    pub fn of(diagnostics: &[Diagnostic]) -> Baseline {
        let mut findings: Vec<Fingerprint> = diagnostics.iter().map(Fingerprint::of).collect();
        findings.sort();
        Baseline {
            version: VERSION,
            findings,
        }
    }

    /// Writes the baseline as pretty JSON with a final newline, whole or not at all. Only a new
    /// file or an earlier baseline is replaced: any other file there is left as it is.
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        if path.symlink_metadata().is_ok() && Baseline::read(path).is_err() {
            bail!(
                "`{}` exists and is not a stratagem baseline; it was left as it is (remove it, or choose another name)",
                path.display()
            );
        }
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let cannot = || format!("cannot write the baseline `{}`", path.display());
        let mut file = tempfile::NamedTempFile::new_in(folder).with_context(cannot)?;
        std::io::Write::write_all(&mut file, text.as_bytes()).with_context(cannot)?;
        #[cfg(unix)]
        {
            // A temporary file is private; a baseline is committed and shared like any file.
            use std::os::unix::fs::PermissionsExt;
            file.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .with_context(cannot)?;
        }
        file.persist(path).with_context(cannot)?;
        Ok(())
    }

    /// Reads a baseline; a missing or malformed file is an error that names it.
    pub fn read(path: &Path) -> anyhow::Result<Baseline> {
        let text = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read the baseline `{}` (write one with `stratagem lint --write-baseline {}`)",
                path.display(),
                path.display()
            )
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).with_context(|| format!("`{}` is not a stratagem baseline", path.display()))?;
        if baseline.version != VERSION {
            bail!(
                "`{}` is a baseline of version {}, this stratagem reads version {VERSION}",
                path.display(),
                baseline.version
            );
        }
        Ok(baseline)
    }

    /// Keeps the findings of `diagnostics` that are new, and says how many are recorded and
    /// which recorded ones are fixed.
    pub fn compare(&self, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Compared) {
        let mut remaining: BTreeMap<&Fingerprint, usize> = BTreeMap::new();
        for entry in &self.findings {
            *remaining.entry(entry).or_default() += 1;
        }
        let mut unmatched = Vec::new();
        let mut known = 0;
        for d in diagnostics {
            let entry = Fingerprint::of(&d);
            match remaining.get_mut(&entry) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    known += 1;
                }
                _ => unmatched.push((entry, d)),
            }
        }
        let mut new = Vec::new();
        for (entry, d) in unmatched {
            let same_place = remaining
                .iter_mut()
                .find(|(e, n)| **n > 0 && e.field.is_some() && e.place() == entry.place());
            match same_place {
                Some((_, n)) => {
                    *n -= 1;
                    known += 1;
                }
                None => new.push(d),
            }
        }
        let fixed = remaining
            .into_iter()
            .flat_map(|(entry, n)| std::iter::repeat_n(entry.clone(), n))
            .collect();
        (new, Compared { known, fixed })
    }
}

/// What a run found against a baseline, besides its new findings.
#[derive(Debug, Default)]
pub struct Compared {
    /// How many findings the baseline holds and are still there.
    pub known: usize,
    /// Baseline entries no longer found, sorted.
    pub fixed: Vec<Fingerprint>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceRef;

    crate::declare_rule!(TEST_RULE, "missing-title", Deny, "test");

    fn finding(document: &str, field: Option<&str>, message: &str, line: usize) -> Diagnostic {
        let text = "\n".repeat(line);
        let source = SourceRef {
            path: "goals/a.md",
            text: &text,
        };
        let mut d = Diagnostic::new(&TEST_RULE, source, line - 1..line - 1, message);
        d.document = Some(document.to_owned());
        d.field = field.map(str::to_owned);
        d
    }

    #[test]
    fn matches_findings_that_moved_to_another_line() {
        let baseline = Baseline::of(&[finding("a", Some("title"), "m", 3)]);
        let (new, compared) = baseline.compare(vec![finding("a", Some("title"), "m", 9)]);
        assert_eq!((new.len(), compared.known, compared.fixed.len()), (0, 1, 0));
    }

    #[test]
    fn matches_a_field_whose_message_changed_but_not_a_body_finding() {
        let baseline = Baseline::of(&[
            finding("a", Some("target"), "target 120", 3),
            finding("a", None, "link x", 9),
        ]);
        let (new, compared) = baseline.compare(vec![
            finding("a", Some("target"), "target 150", 3),
            finding("a", None, "link y", 9),
        ]);
        assert_eq!(compared.known, 1);
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].message, "link y");
        assert_eq!(compared.fixed.len(), 1);
        assert_eq!(compared.fixed[0].message, "link x");
    }

    #[test]
    fn tells_two_findings_of_one_field_apart_by_message() {
        let baseline = Baseline::of(&[finding("a", Some("measurements"), "one", 3)]);
        let (new, _) = baseline.compare(vec![
            finding("a", Some("measurements"), "two", 4),
            finding("a", Some("measurements"), "one", 5),
        ]);
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].message, "two");
    }
}
