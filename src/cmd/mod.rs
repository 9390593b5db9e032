//! One function per command, each turning parsed arguments into an [`ExitStatus`](crate::ExitStatus).
//!
//! Imports: any module; nothing imports `cmd` but the crate root.

pub mod build;
pub mod diff;
pub mod explain;
pub mod init;
pub mod lint;
pub mod maturity;
pub mod new;
mod scaffold;
pub mod schema;
