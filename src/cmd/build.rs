//! `stratagem build`: lint, then render the site — but write nothing over the output when the
//! plan has errors, unless `--allow-errors`.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crate::ExitStatus;
use crate::cli::BuildArgs;
use crate::diagnostic::Summary;
use crate::diagnostic::render::Format;
use crate::plan::graph::Graph;
use crate::{lint, maturity, plan, site, today};

/// The build path, top-down: where the site goes → discover and load → git history (one note
/// when it is missing) → graph → lint → report (and stop on errors) → views, render and write
/// (in `site::build`).
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let output = args.output.clone().unwrap_or_else(|| args.plan.join("public"));
    // Where the site goes is checked before anything else, so that a refusal costs nothing.
    if args.plan.is_dir() {
        site::output::check(&output, &args.plan, args.force)?;
    }
    site::output::interrupt::on_signals()?;
    // The repository and its log need only the folder: git reads them while the plan loads.
    let root = args.plan.clone();
    let log = std::thread::spawn(move || crate::history::History::start(&root));
    let loaded = plan::load(&args.plan, plan::Purpose::Site)?;
    let history = match log.join() {
        Ok(started) => started.finish(&loaded.plan),
        Err(_) => crate::history::History::read(&loaded.plan),
    };
    if let Some(note) = &history.note {
        eprintln!("note: {note}");
    }
    let plan = &loaded.plan;
    let today = today::resolve(args.today, &plan.settings)?;
    let graph = Graph::new(plan);
    let outcome = lint::lint(plan, &graph, loaded.diagnostics, today, history.history.as_ref());
    let summary = Summary::new(outcome.files, &outcome.diagnostics);
    if !report_findings(args, &outcome, summary, &output)? {
        return Ok(ExitStatus::Failure);
    }
    let prepared = site::prepare(plan);
    let maturity = maturity::assess(plan, &outcome.diagnostics);
    let input = site::Input {
        plan,
        graph: &graph,
        prepared: &prepared,
        lint: &outcome,
        today,
        maturity: &maturity,
        history: history.history.as_ref(),
        history_note: history.note.as_deref(),
    };
    let options = site::BuildOptions {
        output: output.clone(),
        force: args.force,
        base_url: args.base_url.clone(),
    };
    let report = site::build(&input, &options)?;
    for note in &report.notes {
        eprintln!("warning: {note}");
    }
    let kept = match report.kept {
        0 => String::new(),
        n => format!(", {n} of them unchanged since the last build"),
    };
    println!(
        "Built {} pages ({} files{kept}) into `{}` in {} ms.",
        report.pages,
        report.files,
        output.display(),
        started.elapsed().as_millis()
    );
    // The process ends here: the plan's memory goes with it, faster than dropping it piece by piece.
    std::mem::forget(loaded.plan);
    Ok(super::lint::exit_status(summary, args.deny_warnings))
}

/// Prints the findings on stderr (stdout stays for the build's own report; the lock is released
/// before rendering, whose limits report on stderr too). False when errors stop the build.
fn report_findings(args: &BuildArgs, outcome: &lint::Outcome, summary: Summary, output: &Path) -> anyhow::Result<bool> {
    let mut err = std::io::stderr().lock();
    if !outcome.diagnostics.is_empty() {
        let color = super::lint::color_by_default(&std::io::stderr());
        super::lint::print_diagnostics(outcome, None, &args.plan, Format::Human, color, &mut err)?;
    }
    if summary.errors > 0 && !args.allow_errors {
        writeln!(
            err,
            "error: the plan has {} error(s); nothing was written to `{}` (fix them, or pass --allow-errors to build anyway)",
            summary.errors,
            output.display()
        )?;
        return Ok(false);
    }
    Ok(true)
}
