//! End-to-end tests of the real trustui binary in a tmux pane against a real
//! Ory Hydra v2.3.0. Keys are typed and pasted as a person would, the pane is
//! read back, and the server's state is checked through the admin API.
//!
//! Needs tmux. Each test runs in its own tmux session on its own socket, so
//! that nothing touches a tmux server someone else runs.

mod support;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::keys::KeyKind;

/// How long a screen may take to show what a test waits for. Generous,
/// because the machine may be busy building.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(20);
const PANE_COLUMNS: &str = "160";
const PANE_ROWS: &str = "50";

/// A shell in a detached tmux session, with trustui started from it.
struct Pane {
    socket: PathBuf,
    session: String,
    _dir: tempfile::TempDir,
}

impl Pane {
    /// Opens a shell in a new tmux session on a private socket.
    fn open() -> Pane {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let socket = dir.path().join("tmux.sock");
        let session = support::unique_name("trustui");
        let pane = Pane {
            socket,
            session,
            _dir: dir,
        };
        pane.tmux(&[
            "new-session",
            "-d",
            "-s",
            &pane.session,
            "-x",
            PANE_COLUMNS,
            "-y",
            PANE_ROWS,
            "env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME=/nonexistent bash --norc --noprofile",
        ]);
        pane
    }

    /// Starts trustui against `endpoint` in the pane's shell, which prints
    /// `EXIT=<code>` when trustui ends.
    fn start_trustui(&self, endpoint: &str) {
        self.start_trustui_with(endpoint, "", "");
    }

    /// Starts trustui like `start_trustui`, with `environment` (such as
    /// `NAME=value`) before the command and shell `redirections` after it.
    fn start_trustui_with(&self, endpoint: &str, environment: &str, redirections: &str) {
        let command = format!(
            "clear; TRUSTUI_STATE_DIR={} TRUSTUI_LOG_FILE={} {environment} {} --endpoint {endpoint} {redirections}; echo EXIT=$?",
            self.path("state").display(),
            self.log_file().display(),
            env!("CARGO_BIN_EXE_trustui"),
        );
        self.send_text(&command);
        self.send_keys(&["Enter"]);
    }

    /// Returns the path of `name` in the pane's temporary directory.
    fn path(&self, name: &str) -> PathBuf {
        self._dir.path().join(name)
    }

    fn log_file(&self) -> PathBuf {
        self.path("trustui.log")
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs (is it installed?)");
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Sends key names such as `Enter`, `Tab` or `C-s`.
    fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types `text` literally, one key per character.
    fn send_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.session, "-l", text]);
    }

    /// Pastes `text` as a bracketed paste, as a terminal does when a person
    /// pastes into an application that enabled it.
    fn paste(&self, text: &str) {
        let file = self._dir.path().join("paste.txt");
        std::fs::write(&file, text).expect("the paste file is written");
        let file = file.display().to_string();
        self.tmux(&["load-buffer", "-b", "paste", &file]);
        self.tmux(&[
            "paste-buffer",
            "-p",
            "-d",
            "-b",
            "paste",
            "-t",
            &self.session,
        ]);
    }

    fn screen(&self) -> String {
        let output = self.tmux(&["capture-pane", "-p", "-t", &self.session]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Returns the visible screen and the scrollback above it.
    fn screen_with_history(&self) -> String {
        let output = self.tmux(&["capture-pane", "-p", "-S", "-", "-t", &self.session]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits until the screen no longer contains `text`.
    fn wait_for_absence(&self, text: &str) {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return;
            }
            assert!(
                started.elapsed() < SCREEN_TIMEOUT,
                "the screen kept showing {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs `stty -a` in the pane's shell and asserts that the terminal is
    /// back in cooked mode with echo.
    fn assert_terminal_restored(&self) {
        // The marker is computed by the shell, so that the typed command
        // line, which shows `$((40 + 2))`, never matches it.
        self.send_text("stty -a | tr ';' ' ' | tr -s ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo STTY-$((40 + 2))");
        self.send_keys(&["Enter"]);
        let screen = self.wait_for("STTY-42");
        let line = screen
            .lines()
            .find(|line| line.trim_end().ends_with("STTY-42"))
            .unwrap_or_default();
        assert!(is_cooked_with_echo(line), "stty shows: {line:?}");
    }

    /// Waits until the screen contains `text`, and returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                started.elapsed() < SCREEN_TIMEOUT,
                "the screen never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Returns the pid of the program the pane's shell runs in the foreground.
    fn trustui_pid(&self) -> u32 {
        let output = self.tmux(&["display-message", "-p", "-t", &self.session, "#{pane_pid}"]);
        let shell: u32 = String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .expect("a pane pid");
        let children = Command::new("pgrep")
            .args(["-P", &shell.to_string()])
            .output()
            .expect("pgrep runs");
        String::from_utf8_lossy(&children.stdout)
            .lines()
            .next()
            .and_then(|line| line.trim().parse().ok())
            .expect("trustui runs under the pane's shell")
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["kill-server"])
            .output();
    }
}

fn admin_url(path: &str) -> String {
    format!("{}{path}", support::hydra().trim_end_matches('/'))
}

async fn create(body: &Value) -> Value {
    let response = reqwest::Client::new()
        .post(admin_url(support::TRUST_PATH))
        .json(body)
        .send()
        .await
        .expect("the create request is sent");
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);
    response.json().await.expect("a JSON body")
}

async fn list_by_issuer(issuer: &str) -> Vec<Value> {
    let url = reqwest::Url::parse_with_params(
        &admin_url(support::TRUST_PATH),
        [("issuer", issuer), ("page_size", "1000")],
    )
    .expect("a valid URL");
    reqwest::get(url)
        .await
        .expect("the list request is sent")
        .json()
        .await
        .expect("a JSON list")
}

async fn status_of(id: &str) -> reqwest::StatusCode {
    reqwest::get(admin_url(&format!("{}/{id}", support::TRUST_PATH)))
        .await
        .expect("the get request is sent")
        .status()
}

/// Creates a few relationships for the list to show, with every kind of
/// subject and a few key types.
async fn seed() -> Vec<Value> {
    let mut created = Vec::new();
    for (subject, kind) in [
        (Some("svc-billing@partner.example"), KeyKind::EcP256),
        (None, KeyKind::Ed25519),
        (Some("batch-job"), KeyKind::Rsa2048),
    ] {
        // Hydra v2.3.0 cannot read back a key whose set (the issuer)
        // contains '/', so the issuers whose key the detail pane shows have
        // no scheme.
        let issuer = format!("{}.idp.example.com", support::unique_name("issuer"));
        let mut body = json!({
            "issuer": issuer,
            "scope": ["payments.read"],
            "expires_at": "2031-01-01T00:00:00Z",
            "jwk": kind.public_jwk(),
        });
        match subject {
            Some(subject) => body["subject"] = json!(subject),
            None => body["allow_any_subject"] = json!(true),
        }
        created.push(create(&body).await);
    }
    created
}

/// True when `stty -a` output shows cooked mode with echo.
fn is_cooked_with_echo(stty: &str) -> bool {
    let flags: Vec<&str> = stty.split_whitespace().collect();
    flags.contains(&"icanon") && flags.contains(&"echo")
}

#[tokio::test]
async fn filter_detail_create_and_delete() {
    let seeded = seed().await;
    let shown_issuer = seeded[0]["issuer"].as_str().unwrap().to_string();
    let pane = Pane::open();
    pane.start_trustui(support::hydra());
    pane.wait_for("sort: expiry");

    // Filter down to one seeded relationship and open its detail.
    pane.send_keys(&["/"]);
    pane.send_text(&shown_issuer);
    pane.wait_for("(1 of ");
    pane.send_keys(&["Enter", "Enter"]);
    let detail = pane.wait_for("Thumbprint");
    assert!(detail.contains(&shown_issuer));
    assert!(detail.contains("EC P-256"));
    assert!(detail.contains("terraform import ory_trusted_oauth2_jwt_grant_issuer.NAME"));
    assert!(detail.contains(seeded[0]["id"].as_str().unwrap()));
    pane.send_keys(&["Escape", "Escape"]);

    // Create one by typing and pasting.
    let issuer = support::unique_issuer();
    let jwk = KeyKind::EcP256.public_jwk();
    pane.send_keys(&["n"]);
    pane.wait_for("New trust relationship");
    pane.send_text(&issuer);
    pane.send_keys(&["Tab"]);
    pane.send_text("svc-e2e@example.com");
    pane.send_keys(&["Tab", "Tab"]);
    pane.send_text("orders.read orders.write");
    pane.send_keys(&["Tab"]);
    pane.send_text("2032-02-03T04:05:06Z");
    pane.send_keys(&["Tab"]);
    pane.paste(&serde_json::to_string_pretty(&jwk).unwrap());
    pane.wait_for(jwk["x"].as_str().unwrap());
    pane.send_keys(&["C-s"]);
    pane.wait_for("Created relationship");

    let listed = list_by_issuer(&issuer).await;
    assert_eq!(listed.len(), 1);
    let created = &listed[0];
    assert_eq!(created["issuer"], json!(issuer));
    assert_eq!(created["subject"], json!("svc-e2e@example.com"));
    assert_eq!(created["allow_any_subject"], json!(false));
    assert_eq!(created["scope"], json!(["orders.read", "orders.write"]));
    assert_eq!(created["expires_at"], json!("2032-02-03T04:05:06Z"));
    assert_eq!(created["public_key"]["kid"], jwk["kid"]);
    let id = created["id"].as_str().unwrap().to_string();

    // Delete it through the dialog: focus starts on Cancel.
    pane.send_keys(&["d"]);
    let dialog = pane.wait_for("Delete trust relationship");
    assert!(dialog.contains(&id));
    pane.send_keys(&["Tab", "Enter"]);
    pane.wait_for("Deleted relationship");
    assert_eq!(status_of(&id).await, reqwest::StatusCode::NOT_FOUND);

    pane.send_keys(&["q"]);
    pane.wait_for("EXIT=0");
}

async fn signal_restores_terminal(signal: &str, code: &str) {
    seed().await;
    let pane = Pane::open();
    pane.start_trustui(support::hydra());
    pane.wait_for("sort: expiry");

    let pid = pane.trustui_pid();
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    pane.wait_for(&format!("EXIT={code}"));
    pane.assert_terminal_restored();
}

#[tokio::test]
async fn sighup_restores_terminal() {
    signal_restores_terminal("HUP", "129").await;
}

#[tokio::test]
async fn sigterm_restores_terminal() {
    signal_restores_terminal("TERM", "143").await;
}

#[tokio::test]
async fn sigint_restores_terminal() {
    signal_restores_terminal("INT", "130").await;
}

#[tokio::test]
async fn sigquit_restores_terminal() {
    signal_restores_terminal("QUIT", "131").await;
}

/// A fake Ory Network API key: it must never show anywhere.
const FAKE_API_KEY: &str = "ory_pat_e2eFakeKey7f3a9cNeverShown";

/// RFC 7517 appendix A.2's example P-256 private key.
const PRIVATE_EC_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE","kid":"e2e-private"}"#;
const PRIVATE_D: &str = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";

#[tokio::test]
async fn pasted_private_jwk_never_shows() {
    let pane = Pane::open();
    pane.start_trustui(support::hydra());
    pane.wait_for("sort: expiry");
    pane.send_keys(&["n"]);
    pane.wait_for("New trust relationship");
    for _ in 0..5 {
        pane.send_keys(&["Tab"]);
    }
    pane.wait_for(">JWK");

    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(PRIVATE_EC_JWK).unwrap())
            .unwrap();
    pane.paste(&pretty);
    let screen = pane.wait_for("contains private material");
    assert!(!screen.contains(&PRIVATE_D[..8]), "{screen}");

    // Ctrl-A keeps the public part, which then shows, so the paste arrived.
    pane.send_keys(&["C-a"]);
    let screen = pane.wait_for("MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4");
    assert!(!screen.contains(&PRIVATE_D[..8]), "{screen}");
    assert!(
        !pane.screen_with_history().contains(&PRIVATE_D[..8]),
        "the scrollback shows d"
    );
}

#[tokio::test]
async fn api_key_never_shows_or_gets_logged() {
    seed().await;
    let pane = Pane::open();
    let stderr = pane.path("stderr.txt");
    pane.start_trustui_with(
        support::hydra(),
        &format!("TRUSTUI_LOG=debug ORY_PROJECT_API_KEY={FAKE_API_KEY}"),
        &format!("2>{}", stderr.display()),
    );
    // The typed command line contains the key; clear it from the screen
    // check by waiting for the TUI's own screen.
    pane.wait_for("sort: expiry");
    let mut screens = vec![pane.screen()];
    pane.send_keys(&["Enter"]);
    screens.push(pane.wait_for("Thumbprint"));
    // A key sent right after Escape would read as Alt and that key, so
    // each Escape is followed by a wait for its effect.
    pane.send_keys(&["Escape"]);
    pane.wait_for("? help · n new");
    pane.send_keys(&["r"]);
    pane.send_keys(&["?"]);
    screens.push(pane.wait_for("Help: j/k, PgUp/PgDn scroll"));
    pane.send_keys(&["Escape"]);
    pane.wait_for_absence("Help: j/k, PgUp/PgDn scroll");
    pane.send_keys(&["n"]);
    screens.push(pane.wait_for("New trust relationship"));
    pane.send_keys(&["Escape"]);
    pane.wait_for_absence("New trust relationship");
    pane.send_keys(&["q"]);
    pane.wait_for("EXIT=0");

    for screen in &screens {
        assert!(!screen.contains(FAKE_API_KEY), "{screen}");
    }
    let errors = std::fs::read_to_string(&stderr).expect("the stderr file");
    assert!(!errors.contains(FAKE_API_KEY), "stderr: {errors}");
    let log = std::fs::read_to_string(pane.log_file()).expect("the log file");
    assert!(log.contains("terminal UI started"), "log: {log}");
    assert!(!log.contains(FAKE_API_KEY), "the log contains the key");
    assert!(
        !log.contains("e2eFakeKey"),
        "the log contains part of the key"
    );
}

#[tokio::test]
async fn panic_restores_terminal_and_names_log() {
    let pane = Pane::open();
    pane.start_trustui_with(
        support::hydra(),
        &format!("TRUSTUI_TEST_PANIC=1 ORY_PROJECT_API_KEY={FAKE_API_KEY}"),
        "",
    );
    // `clear` runs first, so the key on the typed command line is gone
    // once the panic output shows.
    let screen = pane.wait_for("EXIT=101");
    assert!(screen.contains("panicking on purpose"), "{screen}");
    let log_line = format!("the log file is {}", pane.log_file().display());
    assert!(screen.contains(&log_line), "{screen}");
    let after_command: String = screen
        .lines()
        .skip_while(|line| !line.contains("panicked"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!after_command.contains(FAKE_API_KEY), "{screen}");

    let log = std::fs::read_to_string(pane.log_file()).expect("the log file");
    assert!(log.contains("trustui panicked"), "log: {log}");
    assert!(!log.contains(FAKE_API_KEY), "the log contains the key");
    pane.assert_terminal_restored();
}

#[test]
fn dumb_terminal_is_refused_without_escape_codes() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let command = format!(
        "env TERM=dumb TRUSTUI_LOG_FILE={} {} --endpoint http://127.0.0.1:9",
        dir.path().join("trustui.log").display(),
        env!("CARGO_BIN_EXE_trustui"),
    );
    // `script` runs trustui on a pseudo-terminal, so that only TERM makes
    // the difference, and copies everything trustui writes to its stdout.
    let output = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script runs (is util-linux installed?)");
    let written = String::from_utf8_lossy(&output.stdout);

    assert!(!output.status.success(), "exit status {}", output.status);
    assert!(!written.contains('\u{1b}'), "escape byte in {written:?}");
    let lines: Vec<&str> = written
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), 1, "{written:?}");
    assert!(lines[0].contains("TERM=dumb"), "{written:?}");
}

#[tokio::test]
async fn stdout_not_a_terminal_is_refused() {
    let pane = Pane::open();
    let stdout = pane.path("stdout.txt");
    pane.start_trustui_with(support::hydra(), "", &format!(">{}", stdout.display()));
    let screen = pane.wait_for("EXIT=2");
    assert!(
        screen.contains("standard output to be a terminal"),
        "{screen}"
    );
    let written = std::fs::read(&stdout).expect("the stdout file");
    assert!(written.is_empty(), "trustui wrote {written:?} to stdout");
    pane.assert_terminal_restored();
}

#[tokio::test]
async fn closed_stdin_exits_cleanly() {
    let pane = Pane::open();
    pane.start_trustui_with(support::hydra(), "", "</dev/null");
    let screen = pane.wait_for("EXIT=2");
    assert!(
        screen.contains("standard input to be a terminal"),
        "{screen}"
    );
    assert!(!screen.contains('\u{1b}'), "{screen}");
    pane.assert_terminal_restored();
}

/// A loopback listener that accepts connections and never sends a response.
struct SilentServer {
    port: u16,
    accepted: Arc<AtomicUsize>,
}

impl SilentServer {
    fn start(listener: TcpListener) -> SilentServer {
        let port = listener.local_addr().expect("a local address").port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&accepted);
        std::thread::spawn(move || {
            // Held open, so that every client waits for a response.
            let mut open = Vec::new();
            for stream in listener.incoming().flatten() {
                counter.fetch_add(1, Ordering::SeqCst);
                open.push(stream);
            }
        });
        SilentServer { port, accepted }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Waits until at least `count` connections came in.
    fn wait_for_connections(&self, count: usize) {
        let started = Instant::now();
        while self.accepted.load(Ordering::SeqCst) < count {
            assert!(
                started.elapsed() < SCREEN_TIMEOUT,
                "only {} connections came in",
                self.accepted.load(Ordering::SeqCst)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn silent_server_keeps_ui_responsive() {
    let server = SilentServer::start(TcpListener::bind("127.0.0.1:0").expect("a loopback port"));
    let pane = Pane::open();
    pane.start_trustui(&server.endpoint());
    pane.wait_for("loading the list…");
    server.wait_for_connections(1);

    pane.send_keys(&["?"]);
    pane.wait_for("Help: j/k, PgUp/PgDn scroll");
    pane.send_keys(&["Escape"]);
    pane.wait_for_absence("Help: j/k, PgUp/PgDn scroll");
    assert!(pane.screen().contains("loading the list…"));

    let pressed = Instant::now();
    pane.send_keys(&["q"]);
    pane.wait_for("EXIT=0");
    assert!(
        pressed.elapsed() < Duration::from_secs(5),
        "quitting took {:?}",
        pressed.elapsed()
    );
    pane.assert_terminal_restored();
}

#[test]
fn refused_connection_says_so_and_r_retries() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.local_addr().expect("a local address").port()
    };
    let pane = Pane::open();
    pane.start_trustui(&format!("http://127.0.0.1:{port}"));
    let screen = pane.wait_for("Press r to retry");
    assert!(screen.contains("refused"), "{screen}");

    let server = SilentServer::start(
        TcpListener::bind(("127.0.0.1", port)).expect("the refused port is free again"),
    );
    pane.send_keys(&["r"]);
    pane.wait_for("loading the list…");
    server.wait_for_connections(1);
    pane.send_keys(&["q"]);
    pane.wait_for("EXIT=0");
}
