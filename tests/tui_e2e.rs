//! End-to-end tests of the real trustui binary in a tmux pane against a real
//! Ory Hydra v2.3.0. Keys are typed and pasted as a person would, the pane is
//! read back, and the server's state is checked through the admin API.
//!
//! Needs tmux. Each test runs in its own tmux session on its own socket, so
//! that nothing touches a tmux server someone else runs.

mod support;

use std::path::PathBuf;
use std::process::{Command, Output};
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
        let state_dir = self._dir.path().join("state");
        let log_file = self._dir.path().join("trustui.log");
        let command = format!(
            "clear; TRUSTUI_STATE_DIR={} TRUSTUI_LOG_FILE={} {} --endpoint {endpoint}; echo EXIT=$?",
            state_dir.display(),
            log_file.display(),
            env!("CARGO_BIN_EXE_trustui"),
        );
        self.send_text(&command);
        self.send_keys(&["Enter"]);
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

    // The marker is computed by the shell, so that the typed command line,
    // which shows `$((40 + 2))`, never matches it.
    pane.send_text("stty -a | tr ';' ' ' | tr -s ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo STTY-$((40 + 2))");
    pane.send_keys(&["Enter"]);
    let screen = pane.wait_for("STTY-42");
    let line = screen
        .lines()
        .find(|line| line.trim_end().ends_with("STTY-42"))
        .unwrap_or_default();
    assert!(is_cooked_with_echo(line), "stty shows: {line:?}");
}

#[tokio::test]
async fn sighup_restores_terminal() {
    signal_restores_terminal("HUP", "129").await;
}

#[tokio::test]
async fn sigterm_restores_terminal() {
    signal_restores_terminal("TERM", "143").await;
}
