//! Entry point: parses arguments, then opens the TUI or runs a subcommand.
//!
//! PLACEHOLDER: the command line is to be written in `cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let _log = trustui::logging::init();
    ExitCode::SUCCESS
}
