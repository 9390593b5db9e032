//! The fixed vocabulary of `practices = [...]` on tactics: what kind of social-media work a tactic
//! is. The maturity assessment reads it; lint reports a word outside it.

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
    /// What the practice means, for the rule's documentation.
    pub fn meaning(self) -> &'static str {
        match self {
            Practice::Listening => {
                "social listening: following what customers, competitors and the best in the field say, and acting on it"
            }
            Practice::EmployeeAdvocacy => "staff sharing and speaking for the organisation on their own accounts",
            Practice::Influencers => "influencer and creator programmes",
            Practice::UserGeneratedContent => {
                "customers' own photos, reviews and stories, collected, credited and shared"
            }
            Practice::Training => "teaching teams the strategy, the policies and the skills of social media",
            Practice::Automation => "chatbots, automatic routing and publishing workflows tied to other systems",
            Practice::CommunityManagement => "hosting, answering and moderating the community's conversations",
            Practice::CustomerCare => "answering customers' questions and complaints on social media",
            Practice::ContentPublishing => "planned publishing of the organisation's own content",
            Practice::PaidSocial => "paid promotion and advertising on social platforms",
            Practice::Campaign => "a time-bound campaign",
            Practice::Partnerships => "co-marketing with partners, clubs and other organisations",
            Practice::Reporting => "measuring and reporting results to the business",
        }
    }

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
