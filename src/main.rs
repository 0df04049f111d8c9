//! Entry point: parses arguments, then opens the TUI or runs a subcommand.

use std::process::ExitCode;

use trustui::cli::{self, Failure};

fn main() -> ExitCode {
    let cli = cli::parse();
    let _log = trustui::logging::init();

    let config = match cli::client_config(&cli.connection) {
        Ok(config) => config,
        Err(failure) => return cli::report(&failure),
    };

    let Some(command) = cli.command else {
        return trustui::tui::run(config);
    };

    // One request runs at a time, so one thread is enough.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            let failure = Failure::general(format!("Cannot start the async runtime: {error}."));
            return cli::report(&failure);
        }
    };
    runtime.block_on(cli::run(command, cli.output, config))
}
