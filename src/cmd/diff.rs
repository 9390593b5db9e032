//! `stratagem diff`: find the two revisions, load the plan at each (the base from git's objects,
//! the head from the work tree or git), lint both, compare, render.

use std::io::Write;

use anyhow::{Context, bail};

use crate::ExitStatus;
use crate::cli::DiffArgs;
use crate::diff::{Diff, Revision, Side, render};
use crate::history::changed::resolve_base;
use crate::history::revision::Checkout;
use crate::history::{Repo, Unavailable};
use crate::plan::graph::Graph;
use crate::plan::{Loaded, Plan};
use crate::{lint, plan, today};

pub fn run(args: &DiffArgs) -> anyhow::Result<ExitStatus> {
    let repo = Repo::discover(&args.plan).map_err(|why| match why {
        Unavailable::NoGit => anyhow::anyhow!("`stratagem diff` compares git revisions, and `git` is not installed"),
        why => anyhow::anyhow!("`stratagem diff` compares git revisions: {why}"),
    })?;
    if repo.commit("HEAD").is_none() {
        bail!("the repository has no commit yet: there is nothing to compare with");
    }
    let head_revision = args.head.as_deref().unwrap_or("HEAD");
    if repo.commit(head_revision).is_none() {
        bail!("no revision `{head_revision}` here (a branch, tag or commit)");
    }
    let base = resolve_base(&repo, args.base.as_deref(), head_revision)?;
    // The checkouts stay until both sides are linted: rules may look at files beside documents.
    let (base_side, _base_files) = at_commit(&repo, &base.commit)?;
    let (head_side, _head_files, head_commit) = match &args.head {
        Some(name) => {
            let commit = repo.commit(name).unwrap_or_default();
            let (loaded, files) = at_commit(&repo, &commit)?;
            (loaded, Some(files), Some(commit))
        }
        None => (plan::load(&args.plan, plan::Purpose::Lint)?, None, None),
    };
    let today = today::resolve(args.today, &head_side.plan.settings)?;
    let (base_graph, head_graph) = (Graph::new(&base_side.plan), Graph::new(&head_side.plan));
    // Both sides are linted without history: the rules that read it would judge the head with
    // more of it than the base, and report old findings as introduced. The diff shows a moved
    // target or deadline itself.
    let base_lint = lint::lint(&base_side.plan, &base_graph, base_side.diagnostics, today, None);
    let head_lint = lint::lint(&head_side.plan, &head_graph, head_side.diagnostics, today, None);
    let revisions = (
        Revision {
            revision: Some(base.named.clone()),
            commit: Some(base.commit.clone()),
        },
        Revision {
            revision: args.head.clone(),
            commit: head_commit,
        },
    );
    let diff = Diff::new(
        &Side {
            plan: &base_side.plan,
            graph: &base_graph,
            lint: &base_lint,
        },
        &Side {
            plan: &head_side.plan,
            graph: &head_graph,
            lint: &head_lint,
        },
        revisions,
    );
    let mut out = std::io::stdout().lock();
    render::render(args.format, &diff, &mut out)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// The plan as committed at `commit`, and the folder it was written to; an empty plan when the
/// plan folder did not exist then.
fn at_commit(repo: &Repo, commit: &str) -> anyhow::Result<(Loaded, Checkout)> {
    let checkout = Checkout::of(repo, commit)?;
    if !checkout.path().join(plan::SETTINGS_FILE).is_file() {
        let empty = Loaded {
            plan: Plan::default(),
            diagnostics: Vec::new(),
        };
        return Ok((empty, checkout));
    }
    let loaded = plan::load(checkout.path(), plan::Purpose::Lint)
        .with_context(|| format!("cannot read the plan at {}", &commit[..commit.len().min(7)]))?;
    Ok((loaded, checkout))
}
