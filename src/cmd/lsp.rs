//! `stratagem lsp`: the language server, with "today" resolved as `lint` resolves it.

use std::rc::Rc;

use crate::ExitStatus;
use crate::cli::LspArgs;

pub fn run(args: &LspArgs) -> anyhow::Result<ExitStatus> {
    let flag = args.today;
    // A bad SOURCE_DATE_EPOCH falls back to the system date: the server must keep running.
    let today = Rc::new(move |settings: &crate::plan::Settings| {
        crate::today::resolve(flag, settings).unwrap_or_else(|_| jiff::Zoned::now().date())
    });
    crate::lsp::run(today)?;
    Ok(ExitStatus::Success)
}
