//! Logging to a file, never to the terminal the TUI draws on.

use std::path::PathBuf;

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};

/// Capacity, in lines, of the writer thread's queue; a line that finds it full
/// is dropped. The default of 128,000 lines preallocates and touches about
/// 4 MB, while trustui logs a few lines per request.
const LOG_QUEUE_LINES: usize = 1024;

/// Returns the log file's path: `TRUSTUI_LOG_FILE` when set, else `trustui.log` in the
/// platform's state directory (the cache directory where there is none).
pub fn log_file_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TRUSTUI_LOG_FILE") {
        return Some(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("", "", "trustui")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.cache_dir());
    Some(dir.join("trustui.log"))
}

/// Starts file logging at the level in `TRUSTUI_LOG` (default `info`). The
/// returned guard flushes the log when dropped. Without a writable log file,
/// logging is off rather than sent to the terminal.
pub fn init() -> Option<WorkerGuard> {
    let path = log_file_path()?;
    let dir = path.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;

    let (writer, guard) = NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .finish(file);
    let filter = tracing_subscriber::EnvFilter::try_from_env("TRUSTUI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
