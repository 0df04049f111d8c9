//! Support for the integration tests: a real Ory Hydra v2.3.0 started through
//! `scripts/hydra`, unique issuers and kids, and freshly generated public keys.
//!
//! A test that needs Hydra fails, never skips, when Hydra cannot be built or
//! started, and its message explains how to build it by hand.

#![allow(dead_code)]

pub mod keys;

use std::fs;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Path of the trust relationship collection on Hydra's admin API.
pub const TRUST_PATH: &str = "/admin/trust/grants/jwt-bearer/issuers";

/// Returns the admin URL of the Hydra that every test of this test binary
/// shares, starting it on first use.
///
/// Rust has no hook that runs when a test binary ends, so `scripts/hydra`
/// starts a watcher on this process's pid that stops Hydra once the process
/// exits, whether the tests passed, panicked or the process was killed.
pub fn hydra() -> &'static str {
    static SHARED: OnceLock<Result<Hydra, String>> = OnceLock::new();

    let shared = SHARED.get_or_init(|| Hydra::start(&new_state_dir("shared")));
    match shared {
        Ok(hydra) => hydra.admin_url(),
        Err(message) => panic!("{message}"),
    }
}

/// Starts a separate Hydra for a test that needs an empty database or must
/// stop the server. The returned guard stops it when dropped.
pub fn isolated_hydra() -> Hydra {
    Hydra::start(&new_state_dir("isolated")).unwrap_or_else(|message| panic!("{message}"))
}

/// One running Hydra, started with a fresh in-memory database.
///
/// Dropping it stops the server; the shared instance lives in a static, is
/// never dropped, and is stopped by its watcher instead.
#[derive(Debug)]
pub struct Hydra {
    admin_url: String,
    state_dir: PathBuf,
    pid: u32,
    stopped: bool,
}

impl Hydra {
    fn start(state_dir: &Path) -> Result<Hydra, String> {
        build_hydra()?;

        let output = Command::new(hydra_script())
            .arg("start")
            .arg("--state-dir")
            .arg(state_dir)
            .arg("--watch-pid")
            .arg(std::process::id().to_string())
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("running scripts/hydra start failed: {error}"))?;
        if !output.status.success() {
            return Err(format!(
                "scripts/hydra start failed ({}):\n{}\n{HOW_TO_BUILD}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
        }

        let stdout = String::from_utf8_lossy(&output.stdout);
        let admin_url = stdout
            .lines()
            .last()
            .filter(|line| line.starts_with("http://"))
            .ok_or_else(|| format!("scripts/hydra start printed no admin URL, only {stdout:?}"))?
            .to_string();
        let pid_file = state_dir.join("pid");
        let pid = fs::read_to_string(&pid_file)
            .ok()
            .and_then(|text| text.trim().parse().ok())
            .ok_or_else(|| format!("scripts/hydra start wrote no pid to {}", pid_file.display()))?;

        Ok(Hydra {
            admin_url,
            state_dir: state_dir.to_path_buf(),
            pid,
            stopped: false,
        })
    }

    /// Base URL of the admin API, such as `http://127.0.0.1:23456`.
    pub fn admin_url(&self) -> &str {
        &self.admin_url
    }

    /// Socket address of the admin API.
    pub fn admin_addr(&self) -> SocketAddr {
        let authority = self.admin_url.trim_start_matches("http://");
        authority.parse().unwrap_or_else(|error| {
            panic!(
                "admin URL {} has no socket address: {error}",
                self.admin_url
            )
        })
    }

    /// Process id of the Hydra server.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Directory with this instance's pid files and log.
    pub fn state_dir(&self) -> &Path {
        &self.state_dir
    }

    /// Stops Hydra through `scripts/hydra stop` and reports a failure, unlike
    /// drop, which can only print it.
    pub fn stop(mut self) -> Result<(), String> {
        self.stop_once()
    }

    fn stop_once(&mut self) -> Result<(), String> {
        if self.stopped {
            return Ok(());
        }
        self.stopped = true;

        let output = Command::new(hydra_script())
            .arg("stop")
            .arg("--state-dir")
            .arg(&self.state_dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("running scripts/hydra stop failed: {error}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "scripts/hydra stop --state-dir {} failed ({}):\n{}",
                self.state_dir.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }
}

impl Drop for Hydra {
    fn drop(&mut self) {
        if let Err(message) = self.stop_once() {
            eprintln!("{message}");
        }
    }
}

/// Returns an issuer URL no other test of this run uses.
pub fn unique_issuer() -> String {
    format!("https://{}.idp.example.com", unique_name("issuer"))
}

/// Returns a kid no other test of this run uses.
pub fn unique_kid() -> String {
    unique_name("kid")
}

/// Returns `prefix` followed by this process's id, its start time and a
/// counter, so that names differ across tests, test binaries and reruns.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static STARTED: OnceLock<u128> = OnceLock::new();

    let started = STARTED.get_or_init(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.as_millis())
            .unwrap_or_default()
    });
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}-{}-{started}-{count}", std::process::id())
}

/// True while `pid` is a live process; a zombie has exited and does not count.
pub fn process_is_running(pid: u32) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // The state follows the parenthesized command name, which may itself
    // contain spaces and parentheses.
    let state = stat
        .rfind(')')
        .and_then(|end| stat[end + 1..].split_whitespace().next());
    state.is_some_and(|state| state != "Z")
}

/// Process ids whose command line mentions `text`.
pub fn processes_mentioning(text: &str) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != std::process::id())
        .filter(|pid| {
            fs::read(format!("/proc/{pid}/cmdline"))
                .map(|cmdline| String::from_utf8_lossy(&cmdline).contains(text))
                .unwrap_or(false)
        })
        .filter(|pid| process_is_running(*pid))
        .collect()
}

/// True when something accepts TCP connections on `addr`.
pub fn port_is_open(addr: SocketAddr) -> bool {
    TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_ok()
}

const HOW_TO_BUILD: &str = "The tests need a real Ory Hydra v2.3.0. Build it by hand with \
`scripts/hydra build` (needs Go 1.22 or newer, a C compiler and the Go module proxy; the \
first build takes several minutes), then rerun the tests.";

/// How long a stopped instance's state directory is kept for its log.
const STALE_STATE_AGE: Duration = Duration::from_secs(60 * 60);

fn hydra_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/hydra")
}

/// Ensures the cached Hydra binary exists. Its stderr goes straight to the
/// terminal, so that a first build shows what it is doing while it runs.
fn build_hydra() -> Result<(), String> {
    let status = Command::new(hydra_script())
        .arg("build")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .map_err(|error| format!("running scripts/hydra build failed: {error}\n{HOW_TO_BUILD}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "scripts/hydra build failed ({status}); its output is above.\n{HOW_TO_BUILD}"
        ))
    }
}

/// Makes a state directory under the target directory, named for this test
/// binary, so that test binaries running side by side never share one.
fn new_state_dir(label: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hydra");
    remove_stale_state_dirs(&root);

    let binary = std::env::current_exe()
        .ok()
        .and_then(|path| path.file_stem()?.to_str().map(str::to_string))
        .unwrap_or_else(|| "test".to_string());
    let dir = root.join(unique_name(&format!("{binary}-{label}")));
    fs::create_dir_all(&dir)
        .unwrap_or_else(|error| panic!("creating {} failed: {error}", dir.display()));
    dir
}

/// Removes the state directories of instances that stopped over an hour ago;
/// a directory that still has a pid file belongs to a running instance.
fn remove_stale_state_dirs(root: &Path) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let dir = entry.path();
        let age = entry
            .metadata()
            .and_then(|metadata| metadata.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok());
        let is_stale = age.is_some_and(|age| age > STALE_STATE_AGE);
        if is_stale && !dir.join("pid").exists() {
            let _ = fs::remove_dir_all(&dir);
        }
    }
}
