//! `stratagem build`: lint, then render the site — but write nothing over the output when the
//! plan has errors, unless `--allow-errors`.

use std::io::Write;
use std::time::Instant;

use crate::ExitStatus;
use crate::cli::BuildArgs;
use crate::diagnostic::Summary;
use crate::diagnostic::render::Format;
use crate::{lint, plan, site, today};

pub fn run(args: &BuildArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let output = args.output.clone().unwrap_or_else(|| args.plan.join("public"));
    // Where the site goes is checked before anything else, so that a refusal costs nothing.
    if args.plan.is_dir() {
        site::output::check(&output, &args.plan, args.force)?;
    }
    site::output::interrupt::on_signals()?;
    let loaded = plan::load(&args.plan)?;
    let prepared = site::prepare(&loaded.plan);
    let today = today::resolve(args.today, &loaded.plan.settings)?;
    let outcome = lint::lint(&loaded.plan, loaded.diagnostics, today);
    let summary = Summary::new(outcome.files, &outcome.diagnostics);
    let status = super::lint::exit_status(summary, args.deny_warnings);

    // Diagnostics go to stderr, so that stdout stays for the build's own report. The lock is
    // released before rendering: a render stopped by its limits reports on stderr too.
    {
        let mut err = std::io::stderr().lock();
        if !outcome.diagnostics.is_empty() {
            let color = super::lint::color_by_default(&std::io::stderr());
            super::lint::print_diagnostics(&outcome, None, &args.plan, Format::Human, color, &mut err)?;
        }
        if summary.errors > 0 && !args.allow_errors {
            writeln!(
                err,
                "error: the plan has {} error(s); nothing was written to `{}` (fix them, or pass --allow-errors to build anyway)",
                summary.errors,
                output.display()
            )?;
            return Ok(ExitStatus::Failure);
        }
    }
    let options = site::BuildOptions {
        output: output.clone(),
        force: args.force,
        base_url: args.base_url.clone(),
    };
    let report = site::build(&loaded.plan, &prepared, &outcome, today, &options)?;
    for note in &report.notes {
        eprintln!("warning: {note}");
    }
    println!(
        "Built {} pages ({} files) into `{}` in {} ms.",
        report.pages,
        report.files,
        output.display(),
        started.elapsed().as_millis()
    );
    std::mem::forget(loaded.plan);
    Ok(status)
}
