//! The fixed vocabulary of `practices = [...]` on tactics: what kind of social-media work a tactic
//! is. The maturity assessment reads it; lint reports a word outside it. What each practice
//! means is documented in `docs/rules/unknown-practice.md` (a test checks every one is there).

use super::vocabulary::{Vocabulary, vocabulary};

vocabulary!(
    /// A practice a tactic may declare.
    Practice {
        Listening = "listening",
        EmployeeAdvocacy = "employee-advocacy",
        Influencers = "influencers",
        UserGeneratedContent = "user-generated-content",
        Training = "training",
        Automation = "automation",
        CommunityManagement = "community-management",
        CustomerCare = "customer-care",
        ContentPublishing = "content-publishing",
        PaidSocial = "paid-social",
        Campaign = "campaign",
        Partnerships = "partnerships",
        Reporting = "reporting",
    }
);

impl Practice {
    /// Practices that face customers: a tactic with one promises a `response_time`.
    pub fn faces_customers(self) -> bool {
        matches!(self, Practice::CustomerCare | Practice::CommunityManagement)
    }
}

/// A word of a tactic's `practices`: one of the vocabulary, or a word outside it (kept as
/// written, for the page and for the `unknown-practice` finding).
#[derive(Clone, Debug, PartialEq)]
pub enum PracticeName {
    Known(Practice),
    Unknown(String),
}

impl PracticeName {
    pub fn new(word: String) -> PracticeName {
        Practice::parse(&word).map_or(PracticeName::Unknown(word), PracticeName::Known)
    }

    pub fn as_str(&self) -> &str {
        match self {
            PracticeName::Known(practice) => practice.name(),
            PracticeName::Unknown(word) => word,
        }
    }

    pub fn known(&self) -> Option<Practice> {
        match self {
            PracticeName::Known(practice) => Some(*practice),
            PracticeName::Unknown(_) => None,
        }
    }
}
