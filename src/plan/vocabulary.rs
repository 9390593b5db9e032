//! The closed vocabularies of the front matter — goal and tactic statuses, a goal's direction —
//! as enums: each value's spelling is written once, here, and parsed once at load (with its span,
//! by [`super::fields::Fields::one_of`]). Messages, JSON, CSS classes and translation keys all take
//! the spelling from [`Vocabulary::name`].

/// A closed set of values a front-matter field may take.
pub trait Vocabulary: Copy + Eq + std::fmt::Debug + 'static {
    /// Every value, in the order help texts list them.
    const ALL: &'static [Self];

    /// How the value is written in a plan.
    fn name(self) -> &'static str;

    /// The value written `text` (already trimmed and lower-cased), if it is one.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == text)
    }

    /// Every spelling, in order.
    fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.iter().map(|v| v.name())
    }
}

/// Declares an enum whose variants are spelt as given, with its [`Vocabulary`] and a `Serialize`
/// that writes the spelling.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// How the value is written in a plan.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl Vocabulary for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn name(self) -> &'static str {
                $name::name(self)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// A goal's declared `status`.
    GoalStatus {
        Active = "active",
        Achieved = "achieved",
        Missed = "missed",
        Dropped = "dropped",
    }
);

impl GoalStatus {
    /// Whether the goal's outcome is recorded (it is no longer pursued).
    pub fn is_closed(self) -> bool {
        self != GoalStatus::Active
    }
}

vocabulary!(
    /// A tactic's `status`.
    TacticStatus {
        Planned = "planned",
        Active = "active",
        Done = "done",
        Dropped = "dropped",
    }
);

impl TacticStatus {
    /// Planned or running: the tactic is part of what the team does.
    pub fn is_live(self) -> bool {
        matches!(self, TacticStatus::Planned | TacticStatus::Active)
    }
}

vocabulary!(
    /// The goal field a `[[revisions]]` entry documents a change of.
    RevisedField {
        Target = "target",
        Baseline = "baseline",
        Deadline = "deadline",
        Start = "start",
        Metric = "metric",
        Unit = "unit",
        Direction = "direction",
        Owner = "owner",
    }
);

vocabulary!(
    /// Which way a goal's metric should move.
    Direction {
        Increase = "increase",
        Decrease = "decrease",
        Maintain = "maintain",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<V: Vocabulary>() {
        for &value in V::ALL {
            assert_eq!(V::parse(value.name()), Some(value), "{value:?}");
        }
        assert_eq!(V::parse("unknown"), None);
        assert_eq!(V::names().count(), V::ALL.len());
    }

    #[test]
    fn every_value_parses_from_its_own_spelling() {
        round_trips::<GoalStatus>();
        round_trips::<TacticStatus>();
        round_trips::<Direction>();
        round_trips::<RevisedField>();
        round_trips::<super::super::practices::Practice>();
    }

    #[test]
    fn spellings_are_those_of_the_plan_format() {
        assert_eq!(
            GoalStatus::names().collect::<Vec<_>>(),
            ["active", "achieved", "missed", "dropped"]
        );
        assert_eq!(
            TacticStatus::names().collect::<Vec<_>>(),
            ["planned", "active", "done", "dropped"]
        );
        assert_eq!(
            Direction::names().collect::<Vec<_>>(),
            ["increase", "decrease", "maintain"]
        );
        assert_eq!(serde_json::to_string(&TacticStatus::Done).unwrap(), "\"done\"");
    }

    #[test]
    fn liveness_and_closure() {
        assert!(TacticStatus::Planned.is_live() && TacticStatus::Active.is_live());
        assert!(!TacticStatus::Done.is_live() && !TacticStatus::Dropped.is_live());
        assert!(!GoalStatus::Active.is_closed() && GoalStatus::Missed.is_closed());
    }
}
