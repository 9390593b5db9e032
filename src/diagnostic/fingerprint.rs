//! The fingerprint of a finding: rule, document (or file, outside any document), front-matter
//! field and message, and never a line number, so that it survives edits elsewhere in the file.

use serde::{Deserialize, Serialize};

use super::Diagnostic;

/// The fingerprint of one finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fingerprint {
    pub rule: String,
    /// The id of the document the finding is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The file, for findings outside any document (plan.toml, an unreadable file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The front-matter key the finding concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl Fingerprint {
    pub fn of(d: &Diagnostic) -> Fingerprint {
        Fingerprint {
            rule: d.rule.id.to_owned(),
            document: d.document.clone(),
            file: d.document.is_none().then(|| d.file.clone()),
            field: d.field.clone(),
            message: d.message.clone(),
        }
    }

    /// Rule, place and field: what a finding keeps when its message changes.
    pub(crate) fn place(&self) -> (&str, Option<&str>, Option<&str>, Option<&str>) {
        (
            &self.rule,
            self.document.as_deref(),
            self.file.as_deref(),
            self.field.as_deref(),
        )
    }

    /// The finding for people: `rule in `document` (`field`): message`.
    pub fn describe(&self) -> String {
        let place = match (&self.document, &self.file) {
            (Some(id), _) => format!(" in `{id}`"),
            (None, Some(file)) => format!(" in `{file}`"),
            (None, None) => String::new(),
        };
        let field = self.field.as_ref().map(|f| format!(" (`{f}`)")).unwrap_or_default();
        format!("{}{place}{field}: {}", self.rule, self.message)
    }
}
