//! The files `stratagem new` and `stratagem init` write, kept as templates in `scaffold/`, with
//! dates filled in from today so that a fresh plan lints clean.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::cli::NewKind;

/// The dates a scaffold needs.
pub struct Dates {
    pub today: Date,
}

impl Dates {
    fn fill(&self, template: &str, title: &str) -> String {
        let year = self.today.year();
        let deadline = jiff::civil::date(year, 12, 31);
        let next_review = self.today.checked_add(1.month()).unwrap_or(self.today);
        template
            .replace("{{title}}", &title.replace('\\', "\\\\").replace('"', "\\\""))
            .replace("{{today}}", &self.today.to_string())
            .replace("{{deadline}}", &deadline.to_string())
            .replace("{{next_review}}", &next_review.to_string())
            .replace("{{year}}", &year.to_string())
    }
}

/// A new document of `kind` titled `title`, every field present or commented.
pub fn new_document(kind: NewKind, title: &str, dates: &Dates) -> String {
    let template = match kind {
        NewKind::Goal => include_str!("scaffold/new/goal.md"),
        NewKind::Strategy => include_str!("scaffold/new/strategy.md"),
        NewKind::Tactic => include_str!("scaffold/new/tactic.md"),
        NewKind::Evaluation => include_str!("scaffold/new/evaluation.md"),
        NewKind::Page => include_str!("scaffold/new/page.md"),
    };
    dates.fill(template, title)
}

/// The files of a new plan, as (relative path, content).
pub fn init_files(dates: &Dates) -> Vec<(&'static str, String)> {
    [
        ("plan.toml", include_str!("scaffold/init/plan.toml")),
        ("goals/reply-within-4-hours.md", include_str!("scaffold/init/goal.md")),
        (
            "strategies/answer-like-a-call.md",
            include_str!("scaffold/init/strategy.md"),
        ),
        ("tactics/daily-inbox-rota.md", include_str!("scaffold/init/tactic.md")),
        (
            "evaluations/monthly-reply-review.md",
            include_str!("scaffold/init/evaluation.md"),
        ),
        ("pages/about.md", include_str!("scaffold/init/about.md")),
    ]
    .into_iter()
    .map(|(path, template)| (path, dates.fill(template, "")))
    .collect()
}
