//! The maturity assessment: where a team's social-media practice stands on the three-stage model
//! (emerging → evolving → mastering, across investment, process and strategy), judged from what
//! its plan contains. Each criterion is a named check with its evidence; the stage is the highest
//! whose criteria all pass.
//!
//! Imports: `plan`, `diagnostic` and `lint` — nothing of `site`, `serve` or `cmd`.

mod criteria;
pub mod texts;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::plan::Plan;
pub use criteria::CRITERIA;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Emerging,
    Evolving,
    Mastering,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Emerging, Stage::Evolving, Stage::Mastering];

    pub fn key(self) -> &'static str {
        ["emerging", "evolving", "mastering"][self as usize]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Factor {
    Investment,
    Process,
    Strategy,
}

impl Factor {
    pub const ALL: [Factor; 3] = [Factor::Investment, Factor::Process, Factor::Strategy];

    pub fn key(self) -> &'static str {
        ["investment", "process", "strategy"][self as usize]
    }
}

/// One check of the model: the stage it unlocks and the factor it belongs to.
#[derive(Debug)]
pub struct Criterion {
    pub id: &'static str,
    /// The stage that needs it (evolving or mastering).
    pub stage: Stage,
    pub factor: Factor,
    check: fn(&Plan, &Erring) -> Finding,
}

/// What a check found: whether it passed, and its evidence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Finding {
    pub passed: bool,
    /// What satisfies the criterion, or, when it fails, what falls short of it.
    pub evidence: Vec<Evidence>,
}

/// A piece of evidence: a document (by index) or a setting of plan.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    Document(usize),
    Setting { key: &'static str, value: String },
}

/// A criterion and what its check found.
#[derive(Debug)]
pub struct Assessed {
    pub criterion: &'static Criterion,
    pub finding: Finding,
}

/// The whole assessment.
#[derive(Debug)]
pub struct Report {
    pub stage: Stage,
    pub criteria: Vec<Assessed>,
}

/// Passed and total, for a share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub passed: usize,
    pub total: usize,
}

/// The documents with an error among the lint findings, by document index, found once.
pub struct Erring(Vec<bool>);

impl Erring {
    fn new(plan: &Plan, diagnostics: &[Diagnostic]) -> Erring {
        let mut erring = vec![false; plan.documents.len()];
        for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            if let Some(i) = plan.index_of_path(&d.file) {
                erring[i] = true;
            }
        }
        Erring(erring)
    }

    /// Whether document `i` has an error finding.
    pub fn has_error(&self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }
}

/// Judges `plan`, given its lint findings (a goal "lints clean" when none of them is an error).
pub fn assess(plan: &Plan, diagnostics: &[Diagnostic]) -> Report {
    let erring = Erring::new(plan, diagnostics);
    let criteria: Vec<Assessed> = CRITERIA
        .iter()
        .map(|criterion| Assessed {
            criterion,
            finding: (criterion.check)(plan, &erring),
        })
        .collect();
    let all_pass = |stage: Stage| {
        criteria
            .iter()
            .filter(|a| a.criterion.stage <= stage)
            .all(|a| a.finding.passed)
    };
    let stage = if all_pass(Stage::Mastering) {
        Stage::Mastering
    } else if all_pass(Stage::Evolving) {
        Stage::Evolving
    } else {
        Stage::Emerging
    };
    Report { stage, criteria }
}

impl Report {
    /// Passed/total of the criteria a stage adds.
    pub fn by_stage(&self, stage: Stage) -> Tally {
        self.tally(|a| a.criterion.stage == stage)
    }

    pub fn by_factor(&self, factor: Factor) -> Tally {
        self.tally(|a| a.criterion.factor == factor)
    }

    fn tally(&self, keep: impl Fn(&Assessed) -> bool) -> Tally {
        let kept: Vec<_> = self.criteria.iter().filter(|a| keep(a)).collect();
        Tally {
            passed: kept.iter().filter(|a| a.finding.passed).count(),
            total: kept.len(),
        }
    }

    /// The stage after the current one, if any.
    pub fn next_stage(&self) -> Option<Stage> {
        match self.stage {
            Stage::Emerging => Some(Stage::Evolving),
            Stage::Evolving => Some(Stage::Mastering),
            Stage::Mastering => None,
        }
    }

    /// The failing criteria in the order to take them: the next stage's first.
    pub fn next_steps(&self, count: usize) -> Vec<&Assessed> {
        let mut failing: Vec<&Assessed> = self.criteria.iter().filter(|a| !a.finding.passed).collect();
        failing.sort_by_key(|a| a.criterion.stage);
        failing.truncate(count);
        failing
    }
}
