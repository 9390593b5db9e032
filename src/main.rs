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

// Building a site allocates and frees many small strings from two threads; mimalloc does that
// markedly faster than the system allocator (measured with `cargo bench --bench build`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
