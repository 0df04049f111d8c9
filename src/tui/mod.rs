//! The terminal user interface.
//!
//! PLACEHOLDER: to be written.

use std::process::ExitCode;

use crate::api::ClientConfig;

/// Runs the TUI until the person quits. Refuses, without writing any escape
/// code, when standard input or output is not a terminal or `TERM=dumb`.
pub fn run(config: ClientConfig) -> ExitCode {
    let _ = config;
    ExitCode::FAILURE
}
