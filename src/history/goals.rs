//! Each goal's fields as they were at every commit that changed its file: what the moved-goalpost
//! rule compares and the goal pages chart.

use std::collections::HashMap;

use jiff::civil::Date;

use super::git::{Objects, Repo};
use rayon::prelude::*;

use super::log::{Change, FileChange, Log};
use crate::plan::discover::{Candidate, folder_kind};
use crate::plan::load::{Bodies, parse_file};
use crate::plan::{Direction, Document, GoalStatus, KindData, Plan};

/// A goal's fields at one commit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Version {
    /// Index into [`Log::commits`].
    pub commit: usize,
    pub target: Option<f64>,
    pub baseline: Option<f64>,
    pub deadline: Option<Date>,
    pub start: Option<Date>,
    pub owner: Option<String>,
    pub metric: Option<String>,
    pub unit: Option<String>,
    pub status: Option<GoalStatus>,
    /// Declared, or implied by baseline → target.
    pub direction: Option<Direction>,
}

/// Every goal of `plan`, by path: its versions, oldest first (a version that does not parse as
/// a goal is left out).
pub fn versions(repo: &Repo, log: &Log, plan: &Plan) -> anyhow::Result<HashMap<String, Vec<Version>>> {
    // Every version of every goal, asked of one `git cat-file` in one stream, then parsed in
    // parallel.
    let mut wanted: Vec<(&str, &FileChange)> = Vec::new();
    for document in plan.documents.iter().filter(|d| matches!(d.data, KindData::Goal(_))) {
        let changes = log.of(&document.path).iter().rev();
        wanted.extend(
            changes
                .filter(|c| c.change != Change::Deleted)
                .map(|c| (document.path.as_str(), c)),
        );
    }
    let names: Vec<String> = wanted
        .iter()
        .map(|(_, c)| format!("{}:{}{}", log.commits[c.commit].id, repo.prefix, c.path))
        .collect();
    let contents = if names.is_empty() {
        Vec::new()
    } else {
        Objects::open(repo)?.read_all(&names)?
    };
    let parsed: Vec<Option<Version>> = wanted
        .par_iter()
        .zip(contents)
        .map(|((_, change), bytes)| parse(&change.path, bytes?, change.commit))
        .collect();
    let mut all: HashMap<String, Vec<Version>> = plan
        .documents
        .iter()
        .filter(|d| matches!(d.data, KindData::Goal(_)))
        .map(|d| (d.path.clone(), Vec::new()))
        .collect();
    for ((path, _), version) in wanted.iter().zip(parsed) {
        if let (Some(version), Some(list)) = (version, all.get_mut(*path)) {
            list.push(version);
        }
    }
    Ok(all)
}

/// A goal file's text read as the loader reads it.
pub fn parse(path: &str, bytes: Vec<u8>, commit: usize) -> Option<Version> {
    let document = document(path, bytes)?;
    let KindData::Goal(goal) = &document.data else {
        return None;
    };
    Some(Version {
        commit,
        target: goal.target.as_ref().map(|t| t.value),
        baseline: goal.baseline.as_ref().map(|b| b.value),
        deadline: goal.deadline.as_ref().map(|d| d.value),
        start: goal.start.as_ref().map(|d| d.value),
        owner: document.owner.as_ref().map(|o| o.value.clone()),
        metric: goal.metric.as_ref().map(|m| m.value.clone()),
        unit: goal.unit.as_ref().map(|u| u.value.clone()),
        status: goal.status.as_ref().map(|s| s.value),
        direction: goal.direction(),
    })
}

/// A file's text at some commit, read as the loader reads it.
pub(super) fn document(path: &str, bytes: Vec<u8>) -> Option<Document> {
    let text = String::from_utf8(bytes).ok()?;
    let candidate = Candidate {
        abs: std::path::PathBuf::new(),
        rel: path.to_owned(),
        folder_kind: folder_kind(path),
    };
    parse_file(&candidate, text, Bodies::Scan).document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_goal_file_as_the_loader_does() {
        let text = "+++\ntitle = \"Leads\"\nowner = \"Mai\"\nmetric = \"qualified leads\"\nbaseline = 40\ntarget = 120\ndeadline = 2027-06-30\n+++\nBody.\n";
        let version = parse("goals/leads.md", text.as_bytes().to_vec(), 3).unwrap();
        assert_eq!(version.commit, 3);
        assert_eq!((version.baseline, version.target), (Some(40.0), Some(120.0)));
        assert_eq!(version.deadline, Some(jiff::civil::date(2027, 6, 30)));
        assert_eq!(version.direction, Some(Direction::Increase));
        assert_eq!(version.owner.as_deref(), Some("Mai"));
        assert!(parse("goals/x.md", b"no front matter".to_vec(), 0).is_none());
        assert!(
            parse("tactics/x.md", text.as_bytes().to_vec(), 0).is_none(),
            "not a goal"
        );
    }
}
