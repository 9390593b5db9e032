//! `--format github`: GitHub Actions workflow commands, shown as annotations on pull requests.

use std::io::{self, Write};

use super::Report;
use crate::diagnostic::Severity;

pub(super) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for d in report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&report.display_path(&d.file)),
            d.line,
            d.column,
            escape_property(d.rule.id),
            escape_data(&message),
        )?;
    }
    let s = report.summary;
    writeln!(
        out,
        "stratagem: {} errors, {} warnings in {} files",
        s.errors, s.warnings, s.files
    )
}

/// Escapes a command's message, as the Actions toolkit does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command's property value (`file=`, `title=`), which also may not hold `:` or `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_newlines_percent_and_separators() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }
}
