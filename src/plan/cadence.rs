//! How often something recurs, read from a free-text `cadence` ("weekly", "reviewed monthly",
//! "hàng tháng", "每周一", "bob wythnos"): the rhythm the overview holds a goal's measurements to.
//! Text with no recognised rhythm ("as complaints arrive") has none.

/// A recurring rhythm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cadence {
    Daily,
    Weekly,
    Fortnightly,
    Monthly,
    Quarterly,
    Yearly,
}

/// The words of each rhythm, in English, Vietnamese, Chinese and Welsh (lower case).
const WORDS: &[(Cadence, &[&str])] = &[
    (
        Cadence::Daily,
        &[
            "daily",
            "every day",
            "each day",
            "hàng ngày",
            "hằng ngày",
            "mỗi ngày",
            "每天",
            "每日",
            "dyddiol",
            "bob dydd",
        ],
    ),
    (
        Cadence::Fortnightly,
        &[
            "fortnightly",
            "biweekly",
            "bi-weekly",
            "every two weeks",
            "every 2 weeks",
            "hai tuần",
            "2 tuần",
            "每两周",
            "每兩週",
            "双周",
            "pythefnosol",
            "bob pythefnos",
        ],
    ),
    (
        Cadence::Weekly,
        &[
            "weekly",
            "every week",
            "each week",
            "a week",
            "hàng tuần",
            "hằng tuần",
            "mỗi tuần",
            "每周",
            "每週",
            "每星期",
            "wythnosol",
            "bob wythnos",
            "yr wythnos",
        ],
    ),
    (
        Cadence::Quarterly,
        &[
            "quarterly",
            "every quarter",
            "each quarter",
            "hàng quý",
            "mỗi quý",
            "每季",
            "chwarterol",
            "bob chwarter",
        ],
    ),
    (
        Cadence::Monthly,
        &[
            "monthly",
            "every month",
            "each month",
            "a month",
            "hàng tháng",
            "hằng tháng",
            "mỗi tháng",
            "每月",
            "misol",
            "fisol",
            "bob mis",
            "y mis",
        ],
    ),
    (
        Cadence::Yearly,
        &[
            "yearly",
            "annually",
            "annual",
            "every year",
            "hàng năm",
            "hằng năm",
            "mỗi năm",
            "每年",
            "blynyddol",
            "bob blwyddyn",
        ],
    ),
];

impl Cadence {
    /// The rhythm `text` names first ("monthly, weekly from October" is monthly), if any.
    pub fn parse(text: &str) -> Option<Cadence> {
        let text = text.to_lowercase();
        WORDS
            .iter()
            .filter_map(|&(cadence, words)| {
                let at = words.iter().filter_map(|w| text.find(w)).min()?;
                Some((at, cadence))
            })
            .min_by_key(|&(at, _)| at)
            .map(|(_, cadence)| cadence)
    }

    /// The days between two occurrences.
    pub fn days(self) -> i64 {
        match self {
            Cadence::Daily => 1,
            Cadence::Weekly => 7,
            Cadence::Fortnightly => 14,
            Cadence::Monthly => 31,
            Cadence::Quarterly => 92,
            Cadence::Yearly => 366,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cadence::{self, *};

    #[test]
    fn reads_the_first_rhythm_in_four_languages() {
        let cases = [
            ("weekly", Some(Weekly)),
            ("reviewed monthly", Some(Monthly)),
            ("monthly, weekly from October", Some(Monthly)),
            ("three posts a week in the run-up", Some(Weekly)),
            ("every two weeks", Some(Fortnightly)),
            ("Quarterly", Some(Quarterly)),
            ("hàng tháng", Some(Monthly)),
            ("每周一", Some(Weekly)),
            ("每季度", Some(Quarterly)),
            ("bob wythnos", Some(Weekly)),
            ("yn fisol", Some(Monthly)),
            ("misol", Some(Monthly)),
            ("as complaints arrive", None),
            ("within a day of each public complaint", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Cadence::parse(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_longer_rhythm_has_more_days() {
        let all = [Daily, Weekly, Fortnightly, Monthly, Quarterly, Yearly];
        assert!(all.windows(2).all(|w| w[0].days() < w[1].days()));
    }
}
