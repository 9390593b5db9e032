//! One function per command, each turning parsed arguments into an [`ExitStatus`](crate::ExitStatus).
//!
//! Imports: any module; nothing imports `cmd` but the crate root.

pub mod build;
pub mod calendar;
pub mod checkin;
pub mod diff;
pub mod explain;
mod fix;
pub mod init;
pub mod lint;
pub mod lsp;
pub mod maturity;
pub mod new;
mod scaffold;
pub mod schema;
