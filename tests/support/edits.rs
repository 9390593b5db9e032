//! Edits of the example plan that the incremental tests (the preview's and the warm build's)
//! apply one after the other: each reaches different pages.

/// `(file, text, replacement)`, applied in order.
pub const EDITS: &[(&str, &str, &str)] = &[
    (
        "goals/corporate-leads.md",
        "title = \"Grow corporate team-trip leads from LinkedIn\"",
        "title = \"Win corporate trips\"",
    ),
    (
        "goals/corporate-leads.md",
        "deadline = 2027-09-30",
        "deadline = 2027-05-01",
    ),
    ("evaluations/care-dashboard.md", "value = 3.1", "value = 1.9"),
    (
        "tactics/advocacy-digest.md",
        "strategy = \"employee-voices\"",
        "strategy = \"listen-first\"",
    ),
    // What the Insights analyst's week asks, against their capacity in plan.toml.
    (
        "tactics/listening-dashboard.md",
        "cadence = \"daily\"",
        "cadence = \"2 per day\"",
    ),
    (
        "tactics/guide-trip-stories.md",
        "status = \"active\"",
        "status = \"done\"",
    ),
    (
        "tactics/saved-replies.md",
        "owner = \"Customer care lead\"",
        "owner = \"Somebody new\"",
    ),
    (
        "strategies/listen-first.md",
        "goals = [\"listening-fixes\"]",
        "goals = [\"listening-fixes\", \"corporate-leads\"]",
    ),
    (
        "pages/about.md",
        "This is Ridgeline Outfitters'",
        "This is, for now, Ridgeline Outfitters'",
    ),
    (
        "tactics/outside-day-film.md",
        "budget = { amount = 15000, currency = \"EUR\" }",
        "budget = { amount = 9000, currency = \"GBP\" }",
    ),
    // A new warning changes the health counts the overview shows.
    (
        "tactics/best-in-class-review.md",
        "budget = { amount = 800, currency = \"EUR\" }\n",
        "",
    ),
    // Without training, the plan falls back to emerging: the overview shows the stage.
    (
        "tactics/advocacy-training.md",
        "practices = [\"training\"]",
        "practices = [\"employee-advocacy\"]",
    ),
    // Tactic dates move its bar on the roadmap.
    ("tactics/saved-replies.md", "end = 2027-06-30", "end = 2027-08-31"),
    // A tactic moved to another channel leaves one channel's list for another's.
    (
        "tactics/saved-replies.md",
        "channel = \"facebook\"",
        "channel = \"instagram\"",
    ),
    // A strategy's owner shows on its list and on the owners page.
    (
        "strategies/answer-like-a-phone-call.md",
        "owner = \"Trưởng nhóm chăm sóc khách hàng\"",
        "owner = \"Customer care lead\"",
    ),
    // A page's weight orders the pages list.
    ("pages/glossary.md", "weight = 2", "weight = 0"),
    // An evaluation's next review shows on the evaluations list.
    (
        "evaluations/listening-review.md",
        "next_review = 2027-06-30",
        "next_review = 2027-07-15",
    ),
    // A body alone changes the document's page and the search index, nothing across the plan.
    (
        "strategies/close-doors-open-trails.md",
        "A campaign that says",
        "A campaign, first of its kind, that says",
    ),
    // A document's language marks every link to it (`lang`), wherever its title shows.
    (
        "pages/glossary.md",
        "title = \"Glossary\"",
        "title = \"Glossary\"\nlanguage = \"cy\"",
    ),
];
