//! The `stratagem` command: parse the command line, run, print any error chain, exit 0/1/2.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = stratagem::cli::Cli::parse();
    match stratagem::run(cli) {
        Ok(status) => status.into(),
        Err(error) if stratagem::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            stratagem::ExitStatus::Error.into()
        }
    }
}
