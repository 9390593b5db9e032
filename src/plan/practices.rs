//! The fixed vocabulary of `practices = [...]` on tactics: what kind of social-media work a tactic
//! is. The maturity assessment reads it; lint reports a word outside it.

/// Every practice, with what it means.
pub const PRACTICES: &[(&str, &str)] = &[
    (
        "listening",
        "social listening: following what customers, competitors and the best in the field say, and acting on it",
    ),
    (
        "employee-advocacy",
        "staff sharing and speaking for the organisation on their own accounts",
    ),
    ("influencers", "influencer and creator programmes"),
    (
        "user-generated-content",
        "customers' own photos, reviews and stories, collected, credited and shared",
    ),
    (
        "training",
        "teaching teams the strategy, the policies and the skills of social media",
    ),
    (
        "automation",
        "chatbots, automatic routing and publishing workflows tied to other systems",
    ),
    (
        "community-management",
        "hosting, answering and moderating the community's conversations",
    ),
    (
        "customer-care",
        "answering customers' questions and complaints on social media",
    ),
    (
        "content-publishing",
        "planned publishing of the organisation's own content",
    ),
    ("paid-social", "paid promotion and advertising on social platforms"),
    ("campaign", "a time-bound campaign"),
    (
        "partnerships",
        "co-marketing with partners, clubs and other organisations",
    ),
    ("reporting", "measuring and reporting results to the business"),
];

/// The practices that face customers: a tactic with one promises a `response_time`.
pub const CUSTOMER_FACING: &[&str] = &["customer-care", "community-management"];

pub fn is_known(practice: &str) -> bool {
    PRACTICES.iter().any(|(name, _)| *name == practice)
}

pub fn names() -> impl Iterator<Item = &'static str> {
    PRACTICES.iter().map(|(name, _)| *name)
}
