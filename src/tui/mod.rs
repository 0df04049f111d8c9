//! The terminal user interface.
//!
//! One event loop feeds messages to `update::update`, a pure function over
//! `app::App` that returns effects; `view::render` draws the state. The
//! effects (requests, draft saves, quit) run on tokio tasks, and every result
//! comes back as a message tagged with its request id.

pub mod app;
mod drafts;
mod event_loop;
pub mod form;
pub mod keymap;
pub mod list;
pub mod message;
mod terminal;
pub mod update;
pub mod view;

use std::io::IsTerminal;
use std::process::ExitCode;

use jiff::Timestamp;

use crate::api::{Client, ClientConfig};

use self::app::App;
use self::drafts::Drafts;
use self::terminal::TerminalGuard;

/// A test hook: set to `1`, it makes the TUI panic right after drawing its
/// first frame, so that tests can check that a panic restores the terminal
/// and names the log file. No other value triggers it.
pub const TEST_PANIC_VARIABLE: &str = "TRUSTUI_TEST_PANIC";

/// Runs the TUI until the person quits. Refuses, without writing any escape
/// code, when standard input or output is not a terminal or `TERM=dumb`.
///
/// Builds its own tokio runtime; called from inside a runtime, it runs on a
/// separate thread.
pub fn run(config: ClientConfig) -> ExitCode {
    if let Err(reason) = check_terminal() {
        eprintln!(
            "trustui: {reason}; use the subcommands instead (trustui list, get, create, \
             delete, key; see trustui --help)"
        );
        return ExitCode::from(2);
    }

    let code = if tokio::runtime::Handle::try_current().is_ok() {
        std::thread::scope(|scope| {
            scope
                .spawn(|| run_on_new_runtime(config))
                .join()
                .unwrap_or(1)
        })
    } else {
        run_on_new_runtime(config)
    };
    ExitCode::from(code)
}

/// Returns why this terminal cannot host the TUI, if it cannot.
fn check_terminal() -> Result<(), &'static str> {
    if std::env::var_os("TERM").is_some_and(|term| term == "dumb") {
        return Err("the terminal UI needs a terminal that supports cursor movement (TERM=dumb)");
    }
    if !std::io::stdin().is_terminal() {
        return Err("the terminal UI needs standard input to be a terminal");
    }
    if !std::io::stdout().is_terminal() {
        return Err("the terminal UI needs standard output to be a terminal");
    }
    Ok(())
}

fn run_on_new_runtime(config: ClientConfig) -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("trustui: starting the async runtime failed: {error}");
            return 1;
        }
    };
    runtime.block_on(run_async(config))
}

async fn run_async(config: ClientConfig) -> u8 {
    let endpoint = displayed_endpoint(&config.endpoint);
    let client = match Client::new(config) {
        Ok(client) => client,
        Err(error) => {
            eprintln!(
                "trustui: {}",
                crate::sanitize::for_terminal(&error.to_string())
            );
            return 1;
        }
    };

    let color = std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let mut app = App::new(endpoint, Timestamp::now(), color);
    let drafts = Drafts::open(&app.endpoint);
    if let Some(saved) = drafts.load() {
        let mut when = crate::trust::expiry_state::relative(saved.saved_at, app.now);
        if when == "now" {
            when = "just now".to_string();
        }
        let mut note = format!("A draft saved {when} is waiting: press n to continue it.");
        if saved.jwk_dropped {
            note.push_str(" Its JWK was not saved because it looked like private key material.");
        }
        app.kept_draft = Some(saved.draft);
        app.set_info(note);
    }

    let test_panic = std::env::var_os(TEST_PANIC_VARIABLE).is_some_and(|value| value == "1");
    let mut guard = match TerminalGuard::enter() {
        Ok(guard) => guard,
        Err(error) => {
            eprintln!("trustui: setting up the terminal failed: {error}");
            return 1;
        }
    };
    tracing::info!(endpoint = %app.endpoint, "terminal UI started");
    let result = event_loop::run(client, drafts, app, &mut guard.terminal, test_panic).await;
    drop(guard);

    match result {
        Ok(code) => {
            tracing::info!(code, "terminal UI stopped");
            code
        }
        Err(error) => {
            tracing::error!(%error, "terminal UI failed");
            eprintln!("trustui: the terminal UI failed: {error}");
            1
        }
    }
}

/// Returns the endpoint without a user name or password, which a URL may
/// carry and which must not appear on screen.
fn displayed_endpoint(endpoint: &url::Url) -> String {
    let mut shown = endpoint.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displayed_endpoint_drops_credentials() {
        let endpoint = url::Url::parse("https://admin:secret@hydra.example/admin").unwrap();
        assert_eq!(displayed_endpoint(&endpoint), "https://hydra.example/admin");
    }
}
