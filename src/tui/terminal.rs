//! The terminal guard: puts the terminal into raw mode on the alternate
//! screen with bracketed paste, and puts it back on every way out (drop,
//! panic hook, signals through the event loop's normal return).

use std::io::{self, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// True while the terminal is in the TUI's mode and needs restoring.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen, with bracketed paste so
    /// that a pasted JWK arrives as one event. Mouse capture stays off so
    /// that the terminal's own selection keeps working.
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();

        ACTIVE.store(true, Ordering::SeqCst);
        let entered = enable_raw_mode().and_then(|()| {
            crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
        });
        let terminal = entered.and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
        match terminal {
            Ok(terminal) => Ok(Self { terminal }),
            Err(error) => {
                restore();
                Err(error)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back: cooked mode with echo, main screen, cursor shown,
/// no bracketed paste, no mouse capture. Does nothing the second time, and
/// ignores errors because there is nowhere left to report them.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut stdout = io::stdout();
    let _ = crossterm::execute!(
        stdout,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = stdout.flush();
}

/// Restores the terminal before the panic message is printed, so that the
/// message is readable, then names the log file.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            tracing::error!(panic = %info, "trustui panicked");
            previous(info);
            if let Some(path) = crate::logging::log_file_path() {
                eprintln!("trustui: the log file is {}", path.display());
            }
        }));
    });
}
