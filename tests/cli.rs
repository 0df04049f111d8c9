//! The `trustui` binary run as a script would run it, against a real Hydra
//! v2.3.0: output shapes, exit codes, the split between standard output and
//! standard error, and that the API key never shows.
//!
//! wiremock replaces Hydra only where the real server cannot respond on cue:
//! a 409 (the CLI's own checks stop a duplicate before it is sent) and a
//! create that never gets a response.

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use jiff::Timestamp;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::{TRUST_PATH, keys, unique_issuer, unique_name};

/// Looks like an Ory Network project API key, but no server accepts it.
const FAKE_API_KEY: &str = "ory_pat_FakeKeyForTests0123456789abcdef";

// --- helpers -------------------------------------------------------------

/// The output of one run of `trustui`.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Builds a `trustui` command aimed at `endpoint` that takes no endpoint or
/// API key from the environment and writes its log to `log_file`.
fn trustui_with_log(endpoint: &str, log_file: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_trustui"));
    command
        .env_remove("ORY_SDK_URL")
        .env_remove("ORY_PROJECT_API_KEY")
        .env("TRUSTUI_LOG_FILE", log_file)
        .env("TRUSTUI_LOG", "debug")
        .args(["--endpoint", endpoint])
        .timeout(Duration::from_secs(60));
    command
}

fn trustui(endpoint: &str) -> Command {
    trustui_with_log(endpoint, &scratch_dir().join("trustui.log"))
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("trustui runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Returns a directory for logs and files that lives as long as the test
/// binary.
fn scratch_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temporary directory"))
        .path()
}

fn write_file(name: &str, contents: &str) -> PathBuf {
    let path = scratch_dir().join(unique_name(name));
    std::fs::write(&path, contents).expect("file written");
    path
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

/// Sends a request straight to Hydra, bypassing trustui, and returns the
/// status and the JSON body (`Null` when empty).
fn hydra_request(method: reqwest::Method, url: &str, body: Option<&Value>) -> (u16, Value) {
    block_on(async {
        let client = reqwest::Client::new();
        let mut request = client.request(method, url);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("Hydra answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("JSON body")
        };
        (status, value)
    })
}

/// Creates a relationship straight through Hydra's API and returns Hydra's
/// response body.
fn create_in_hydra(issuer: &str, subject: &str, expires_at: Timestamp, jwk: &Value) -> Value {
    let body = json!({
        "issuer": issuer,
        "subject": subject,
        "scope": ["openid", "offline_access"],
        "expires_at": expires_at.to_string(),
        "jwk": jwk,
    });
    let (status, created) = hydra_request(
        reqwest::Method::POST,
        &format!("{}{TRUST_PATH}", support::hydra()),
        Some(&body),
    );
    assert_eq!(status, 201, "Hydra did not create {body}: {created}");
    created
}

fn get_in_hydra(id: &str) -> (u16, Value) {
    hydra_request(
        reqwest::Method::GET,
        &format!("{}{TRUST_PATH}/{id}", support::hydra()),
        None,
    )
}

fn list_in_hydra(issuer: &str) -> Value {
    let mut url = reqwest::Url::parse(&format!("{}{TRUST_PATH}", support::hydra())).unwrap();
    url.query_pairs_mut().append_pair("issuer", issuer);
    let (status, list) = hydra_request(reqwest::Method::GET, url.as_str(), None);
    assert_eq!(status, 200, "{list}");
    list
}

/// Whole seconds, as Hydra stores them, `days` from now.
fn in_days(days: i64) -> Timestamp {
    Timestamp::from_second(Timestamp::now().as_second() + days * 86_400).expect("valid time")
}

fn id_of(relationship: &Value) -> &str {
    relationship["id"].as_str().expect("relationship has an id")
}

/// Returns a port on 127.0.0.1 with nothing listening on it.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Returns an issuer without `/`, whose stored key Hydra v2.3.0 can read back.
fn issuer_without_slash() -> String {
    unique_name("token-service")
}

// --- list and get --------------------------------------------------------

#[test]
fn list_json_equals_hydra_list() {
    let issuer = unique_issuer();
    create_in_hydra(
        &issuer,
        "svc-a@example.com",
        in_days(90),
        &keys::ec_p256_public_jwk(),
    );
    create_in_hydra(
        &issuer,
        "svc-b@example.com",
        in_days(90),
        &keys::ed25519_public_jwk(),
    );

    let output =
        run(trustui(support::hydra()).args(["list", "--issuer", &issuer, "--output", "json"]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let listed: Value = serde_json::from_str(&output.stdout).expect("stdout is JSON");
    assert_eq!(listed, list_in_hydra(&issuer));
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
    assert_eq!(output.stderr, "");
}

#[test]
fn list_json_of_no_match_is_empty_array() {
    let output = run(trustui(support::hydra()).args([
        "list",
        "--issuer",
        &unique_issuer(),
        "--output",
        "json",
    ]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&output.stdout).unwrap(),
        json!([])
    );
}

#[test]
fn list_over_several_pages_is_complete() {
    let issuer = unique_issuer();
    for index in 0..5 {
        let subject = format!("svc-{index}@example.com");
        create_in_hydra(&issuer, &subject, in_days(30), &keys::ec_p256_public_jwk());
    }

    let output = run(trustui(support::hydra()).args([
        "list",
        "--page-size",
        "2",
        "--issuer",
        &issuer,
        "--output",
        "json",
    ]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let listed: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(5));
}

#[test]
fn get_json_equals_hydra_object() {
    let created = create_in_hydra(
        &unique_issuer(),
        "svc@example.com",
        in_days(90),
        &keys::rsa_public_jwk(2048),
    );

    let output = run(trustui(support::hydra()).args(["get", id_of(&created), "--output", "json"]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let printed: Value = serde_json::from_str(&output.stdout).expect("stdout is JSON");
    assert_eq!(printed, get_in_hydra(id_of(&created)).1);
    assert_eq!(output.stderr, "");
}

#[test]
fn get_accepts_short_id() {
    let created = create_in_hydra(
        &unique_issuer(),
        "svc@example.com",
        in_days(90),
        &keys::ec_p384_public_jwk(),
    );
    let short_id = &id_of(&created)[..8];

    let output = run(trustui(support::hydra()).args(["get", short_id, "--output", "json"]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let printed: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(printed["id"], created["id"]);
}

#[test]
fn list_table_fits_80_columns() {
    let issuer = format!("{}/tenants/0123456789abcdef/oauth2/v2.0", unique_issuer());
    let created = create_in_hydra(
        &issuer,
        "サービスアカウント-🔑-with-a-rather-long-name@example.com",
        in_days(400),
        &keys::ec_p256_public_jwk(),
    );

    let output = run(trustui(support::hydra()).args(["list", "--issuer", &issuer]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    for line in output.stdout.lines() {
        assert!(
            line.width() <= 80,
            "{line:?} is {} columns wide",
            line.width()
        );
    }
    let row = output
        .stdout
        .lines()
        .find(|line| line.starts_with(&id_of(&created)[..8]))
        .unwrap_or_else(|| panic!("no row for the relationship in:\n{}", output.stdout));
    assert!(row.contains('…'), "long cells are not cut: {row:?}");
    assert_eq!(output.stderr, "");
}

#[test]
fn list_table_uses_terminal_width() {
    let issuer = format!("{}/tenants/0123456789abcdef/oauth2/v2.0", unique_issuer());
    create_in_hydra(&issuer, "svc", in_days(90), &keys::ec_p256_public_jwk());
    let args = ["--endpoint", support::hydra(), "list", "--issuer", &issuer];

    let wide = run_on_sized_terminal(Some(200), &args, "");
    let piped = run(trustui(support::hydra())
        .env("COLUMNS", "200")
        .args(["list", "--issuer", &issuer]));

    assert_eq!(wide.code, Some(0), "{}", wide.stdout);
    assert!(wide.stdout.contains(&issuer), "{}", wide.stdout);
    assert_eq!(piped.code, Some(0), "{}", piped.stderr);
    for line in piped.stdout.lines() {
        assert!(line.width() <= 80, "{line:?} is wider than 80");
    }
}

#[test]
fn list_table_shows_expiry_states() {
    let issuer = unique_issuer();
    let expired = create_in_hydra(
        &issuer,
        "old@example.com",
        in_days(-3),
        &keys::ec_p256_public_jwk(),
    );
    let soon = create_in_hydra(
        &issuer,
        "soon@example.com",
        in_days(3),
        &keys::ec_p256_public_jwk(),
    );
    let valid = create_in_hydra(
        &issuer,
        "new@example.com",
        in_days(200),
        &keys::ec_p256_public_jwk(),
    );

    let output = run(trustui(support::hydra()).args(["list", "--issuer", &issuer]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let row_of = |relationship: &Value| {
        output
            .stdout
            .lines()
            .find(|line| line.starts_with(&id_of(relationship)[..8]))
            .unwrap_or_else(|| panic!("no row for {relationship} in:\n{}", output.stdout))
            .to_string()
    };
    assert!(row_of(&expired).contains("expired"), "{}", row_of(&expired));
    assert!(row_of(&expired).contains("ago"), "{}", row_of(&expired));
    assert!(row_of(&soon).contains("expires soon"), "{}", row_of(&soon));
    assert!(row_of(&valid).contains("valid"), "{}", row_of(&valid));
    assert!(
        row_of(&valid).contains("in 199d") || row_of(&valid).contains("in 200d"),
        "{}",
        row_of(&valid)
    );
}

#[test]
fn list_state_filter_finds_expired() {
    let issuer = unique_issuer();
    let expired = create_in_hydra(
        &issuer,
        "old@example.com",
        in_days(-1),
        &keys::ec_p256_public_jwk(),
    );
    create_in_hydra(
        &issuer,
        "new@example.com",
        in_days(90),
        &keys::ec_p256_public_jwk(),
    );

    let output = run(trustui(support::hydra()).args([
        "list", "--issuer", &issuer, "--state", "expired", "--output", "json",
    ]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let listed: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(listed, json!([expired]));
}

#[test]
fn server_controls_never_reach_terminal() {
    let issuer = format!("{}/\u{1b}]0;title\u{7}\u{9b}2J\u{202e}", unique_issuer());
    let subject = "svc\u{1b}[31m\u{7f}@example.com";
    create_in_hydra(&issuer, subject, in_days(30), &keys::ec_p256_public_jwk());

    let table = run(trustui(support::hydra()).args(["list", "--issuer", &issuer]));
    let json =
        run(trustui(support::hydra()).args(["list", "--issuer", &issuer, "--output", "json"]));

    assert_eq!(table.code, Some(0), "{}", table.stderr);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    for (name, text) in [("table", &table.stdout), ("json", &json.stdout)] {
        for control in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{7f}'] {
            assert!(
                !text.contains(control),
                "{name} output contains {control:?}: {text:?}"
            );
        }
    }
    let listed: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(listed, list_in_hydra(&issuer));
    assert_eq!(listed[0]["subject"], json!(subject));
}

// --- exit codes of failures ----------------------------------------------

#[test]
fn get_unknown_id_exits_3() {
    let output = run(trustui(support::hydra()).args([
        "get",
        "00000000-0000-4000-8000-000000000000",
        "--output",
        "json",
    ]));

    assert_eq!(output.code, Some(3), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(output.stderr.starts_with("error: "), "{}", output.stderr);
}

#[test]
fn unknown_short_id_exits_3() {
    let output = run(trustui(support::hydra()).args(["get", "0000fffe"]));

    assert_eq!(output.code, Some(3), "{}", output.stderr);
    assert_eq!(output.stdout, "");
}

#[test]
fn one_character_prefix_exits_2() {
    let created = create_in_hydra(
        &unique_issuer(),
        "svc",
        in_days(90),
        &keys::ec_p256_public_jwk(),
    );

    let output = run(trustui(support::hydra()).args(["get", &id_of(&created)[..1]]));

    assert_eq!(output.code, Some(2), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(
        output
            .stderr
            .contains("An id prefix needs at least 4 characters"),
        "{}",
        output.stderr
    );
}

#[test]
fn delete_unknown_id_exits_3() {
    let output = run(trustui(support::hydra()).args([
        "delete",
        "00000000-0000-4000-8000-000000000000",
        "--yes",
    ]));

    assert_eq!(output.code, Some(3), "{}", output.stderr);
    assert_eq!(output.stdout, "");
}

#[test]
fn usage_error_exits_2() {
    let output = run(trustui(support::hydra()).args(["list", "--no-such-option"]));

    assert_eq!(output.code, Some(2));
    assert_eq!(output.stdout, "");
}

#[test]
fn past_relative_expiry_is_rejected_by_checks() {
    let issuer = unique_issuer();

    let output = run(trustui(support::hydra())
        .args(["create", "--issuer", &issuer, "--subject", "svc"])
        .args([
            "--scope",
            "openid",
            "--expires-at",
            "-1d",
            "--jwk-file",
            "-",
        ])
        .write_stdin(keys::ec_p256_public_jwk().to_string()));

    assert_eq!(output.code, Some(5), "{}", output.stderr);
    assert!(
        output.stderr.contains("error (expires_at)"),
        "{}",
        output.stderr
    );
    assert_eq!(list_in_hydra(&issuer), json!([]));
}

#[test]
fn unusable_endpoints_exit_2() {
    for endpoint in [
        "notaurl",
        "ftp://127.0.0.1:4445",
        "http://127.0.0.1:4445/?x=1",
    ] {
        let output = run(trustui(endpoint).args(["list"]));

        assert_eq!(output.code, Some(2), "{endpoint}: {}", output.stderr);
    }
}

#[test]
fn endpoint_with_admin_suffix_works() {
    let issuer = unique_issuer();
    create_in_hydra(&issuer, "svc", in_days(90), &keys::ec_p256_public_jwk());
    let endpoint = format!("{}/admin", support::hydra());

    let output = run(trustui(&endpoint).args(["list", "--issuer", &issuer, "--output", "json"]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let listed: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(listed, list_in_hydra(&issuer));
    assert!(
        output.stderr.contains("ends with /admin"),
        "{}",
        output.stderr
    );
}

#[test]
fn connection_refused_exits_1() {
    let endpoint = format!("http://127.0.0.1:{}", closed_port());

    let output = run(trustui(&endpoint).args(["list", "--output", "json"]));

    assert_eq!(output.code, Some(1), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(output.stderr.contains(&endpoint), "{}", output.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_from_server_exits_4() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(TRUST_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TRUST_PATH))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({
            "error": "Unable to insert or update resource because a resource with that value exists already",
            "error_description": ""
        })))
        .mount(&server)
        .await;
    let jwk = keys::ec_p256_public_jwk();
    let kid = jwk["kid"].as_str().unwrap().to_string();
    let jwk = jwk.to_string();

    let output = run(trustui(&server.uri())
        .args([
            "create",
            "--issuer",
            "https://idp.example.com",
            "--subject",
            "svc",
        ])
        .args([
            "--scope",
            "openid",
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
        ])
        .write_stdin(jwk));

    assert_eq!(output.code, Some(4), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(
        output.stderr.contains(&format!(
            "issuer https://idp.example.com, subject svc and kid {kid} already exists"
        )),
        "{}",
        output.stderr
    );
}

#[test]
fn create_twice_exits_4() {
    let issuer = unique_issuer();
    // A kid other than the thumbprint, for which the checks offer
    // --kid-from-thumbprint on a kid clash.
    let mut jwk = keys::ec_p256_public_jwk();
    jwk["kid"] = json!("signing-key");
    let jwk_file = write_file("jwk.json", &jwk.to_string());
    let args = [
        "create",
        "--issuer",
        &issuer,
        "--subject",
        "svc",
        "--scope",
        "openid",
        "--expires-at",
        "+90d",
        "--jwk-file",
        jwk_file.to_str().unwrap(),
        "--output",
        "json",
    ];

    let first = run(trustui(support::hydra()).args(args));
    let second = run(trustui(support::hydra()).args(args));

    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let created: Value = serde_json::from_str(&first.stdout).unwrap();
    assert_eq!(second.code, Some(4), "{}", second.stderr);
    assert_eq!(second.stdout, "");
    assert!(
        second.stderr.contains("already exists"),
        "{}",
        second.stderr
    );
    assert!(second.stderr.contains(id_of(&created)), "{}", second.stderr);
    assert!(
        !second.stderr.contains("--kid-from-thumbprint"),
        "{}",
        second.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_without_answer_exits_6() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(TRUST_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TRUST_PATH))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    let jwk = keys::ec_p256_public_jwk().to_string();

    let output = run(trustui(&server.uri())
        .args([
            "--timeout",
            "1",
            "create",
            "--issuer",
            "https://idp.example.com",
        ])
        .args([
            "--subject",
            "svc",
            "--scope",
            "openid",
            "--expires-at",
            "+90d",
        ])
        .args(["--jwk-file", "-"])
        .write_stdin(jwk));

    assert_eq!(output.code, Some(6), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(
        output
            .stderr
            .contains("run `trustui list` to see whether it happened"),
        "{}",
        output.stderr
    );
}

// --- create --------------------------------------------------------------

#[test]
fn create_with_jwk_from_stdin() {
    let issuer = unique_issuer();
    let jwk = keys::ec_p521_public_jwk();

    let output = run(trustui(support::hydra())
        .args([
            "create",
            "--issuer",
            &issuer,
            "--subject",
            "svc@example.com",
        ])
        .args(["--scope", "openid", "--scope", "offline_access,profile"])
        .args([
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
            "--output",
            "json",
        ])
        .write_stdin(jwk.to_string()));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let created: Value = serde_json::from_str(&output.stdout).expect("stdout is JSON");
    let (status, stored) = get_in_hydra(id_of(&created));
    assert_eq!(status, 200);
    assert_eq!(created, stored);
    assert_eq!(stored["issuer"], json!(issuer));
    assert_eq!(stored["subject"], json!("svc@example.com"));
    assert_eq!(
        stored["scope"],
        json!(["openid", "offline_access", "profile"])
    );
    assert_eq!(stored["public_key"]["kid"], jwk["kid"]);
}

#[test]
fn create_table_output_shows_relationship() {
    let issuer = unique_issuer();

    let output = run(trustui(support::hydra())
        .args([
            "create",
            "--issuer",
            &issuer,
            "--subject",
            "svc@example.com",
        ])
        .args([
            "--scope",
            "openid",
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
        ])
        .write_stdin(keys::ed25519_public_jwk().to_string()));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    assert!(
        output.stdout.contains(&format!("issuer      {issuer}")),
        "{}",
        output.stdout
    );
    assert!(
        output.stderr.contains("Created trust relationship"),
        "{}",
        output.stderr
    );
    assert!(!output.stdout.contains("Created"), "{}", output.stdout);
}

#[test]
fn create_any_subject_sends_no_subject() {
    let issuer = unique_issuer();
    let jwk_file = write_file("jwk.json", &keys::ec_p256_public_jwk().to_string());
    let jwk_file = jwk_file.to_str().unwrap();

    let dry_run = run(trustui(support::hydra())
        .args([
            "create",
            "--issuer",
            &issuer,
            "--any-subject",
            "--scope",
            "openid",
        ])
        .args(["--expires-at", "+90d", "--jwk-file", jwk_file, "--dry-run"]));
    let created = run(trustui(support::hydra())
        .args([
            "create",
            "--issuer",
            &issuer,
            "--any-subject",
            "--scope",
            "openid",
        ])
        .args([
            "--expires-at",
            "+90d",
            "--jwk-file",
            jwk_file,
            "--output",
            "json",
        ]));

    assert_eq!(dry_run.code, Some(0), "{}", dry_run.stderr);
    let request: Value = serde_json::from_str(&dry_run.stdout).expect("dry run prints JSON");
    assert_eq!(request.get("subject"), None, "{request}");
    assert_eq!(request["allow_any_subject"], json!(true));
    assert_eq!(created.code, Some(0), "{}", created.stderr);
    let created: Value = serde_json::from_str(&created.stdout).unwrap();
    assert_eq!(created["allow_any_subject"], json!(true));
    assert_eq!(created["subject"], json!(""));
}

#[test]
fn dry_run_sends_nothing() {
    let issuer = unique_issuer();

    let output = run(trustui(support::hydra())
        .args([
            "create",
            "--issuer",
            &issuer,
            "--subject",
            "svc",
            "--scope",
            "openid",
        ])
        .args(["--expires-at", "+90d", "--jwk-file", "-", "--dry-run"])
        .write_stdin(keys::ec_p256_public_jwk().to_string()));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    assert_eq!(list_in_hydra(&issuer), json!([]));
}

#[test]
fn create_from_request_file() {
    let issuer = unique_issuer();
    let request = json!({
        "issuer": issuer,
        "subject": "svc@example.com",
        "scope": ["openid"],
        "expires_at": in_days(30).to_string(),
        "jwk": keys::rsa_public_jwk(2048),
    });
    let file = write_file("request.json", &request.to_string());

    let output = run(trustui(support::hydra()).args([
        "create",
        "--from-file",
        file.to_str().unwrap(),
        "--output",
        "json",
    ]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let created: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(created["expires_at"], request["expires_at"]);
    assert_eq!(list_in_hydra(&issuer).as_array().map(Vec::len), Some(1));
}

#[test]
fn create_with_private_key_exits_5() {
    let issuer = unique_issuer();
    let mut jwk = keys::ec_p256_public_jwk();
    // Any `d` member marks private key material, so the request is rejected
    // before the value is looked at.
    jwk["d"] = json!("c2VjcmV0LXByaXZhdGUtc2NhbGFyLW5vdC1yZWFsLTAwMA");

    let output = run(trustui(support::hydra())
        .args([
            "create",
            "--issuer",
            &issuer,
            "--subject",
            "svc",
            "--scope",
            "openid",
        ])
        .args([
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
            "--output",
            "json",
        ])
        .write_stdin(jwk.to_string()));

    assert_eq!(output.code, Some(5), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(output.stderr.contains("error (jwk)"), "{}", output.stderr);
    assert!(
        output.stderr.contains("--public-part-only"),
        "{}",
        output.stderr
    );
    assert!(!output.stderr.contains("c2VjcmV0"), "{}", output.stderr);
    assert_eq!(list_in_hydra(&issuer), json!([]));
}

#[test]
fn public_part_only_drops_private_members() {
    let issuer = issuer_without_slash();
    let mut jwk = keys::ec_p256_public_jwk();
    let public_x = jwk["x"].clone();
    jwk["d"] = json!("c2VjcmV0LXByaXZhdGUtc2NhbGFyLW5vdC1yZWFsLTAwMA");

    let created = run(trustui(support::hydra())
        .args([
            "create",
            "--issuer",
            &issuer,
            "--subject",
            "svc",
            "--scope",
            "openid",
        ])
        .args([
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
            "--public-part-only",
        ])
        .args(["--output", "json"])
        .write_stdin(jwk.to_string()));
    assert_eq!(created.code, Some(0), "{}", created.stderr);
    let id = serde_json::from_str::<Value>(&created.stdout).unwrap()["id"].clone();
    let key =
        run(trustui(support::hydra()).args(["key", id.as_str().unwrap(), "--output", "json"]));

    assert_eq!(key.code, Some(0), "{}", key.stderr);
    let stored: Value = serde_json::from_str(&key.stdout).unwrap();
    assert_eq!(stored["keys"][0]["x"], public_x);
    assert_eq!(stored["keys"][0].get("d"), None, "{stored}");
}

#[test]
fn past_expiry_needs_yes() {
    let issuer = unique_issuer();
    let jwk_file = write_file("jwk.json", &keys::ec_p256_public_jwk().to_string());
    let args = [
        "create",
        "--issuer",
        &issuer,
        "--subject",
        "svc",
        "--scope",
        "openid",
        "--expires-at",
        "2020-01-01T00:00:00Z",
        "--jwk-file",
        jwk_file.to_str().unwrap(),
    ];

    let rejected = run(trustui(support::hydra()).args(args));
    let nothing_created = list_in_hydra(&issuer);
    let confirmed = run(trustui(support::hydra()).args(args).arg("--yes"));

    assert_eq!(rejected.code, Some(5), "{}", rejected.stderr);
    assert!(rejected.stderr.contains("--yes"), "{}", rejected.stderr);
    assert_eq!(nothing_created, json!([]));
    assert_eq!(confirmed.code, Some(0), "{}", confirmed.stderr);
    assert_eq!(list_in_hydra(&issuer).as_array().map(Vec::len), Some(1));
}

// --- key -----------------------------------------------------------------

#[test]
fn key_json_is_stored_key_set() {
    let jwk = keys::ed25519_public_jwk();
    let created = create_in_hydra(&issuer_without_slash(), "svc", in_days(90), &jwk);

    let output = run(trustui(support::hydra()).args(["key", id_of(&created), "--output", "json"]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let printed: Value = serde_json::from_str(&output.stdout).unwrap();
    let kid = jwk["kid"].as_str().unwrap();
    let set = created["issuer"].as_str().unwrap();
    let (status, stored) = hydra_request(
        reqwest::Method::GET,
        &format!("{}/admin/keys/{set}/{kid}", support::hydra()),
        None,
    );
    assert_eq!(status, 200, "{stored}");
    assert_eq!(printed, stored);
    assert_eq!(printed["keys"][0]["x"], jwk["x"]);
}

#[test]
fn key_table_shows_thumbprint() {
    let jwk = keys::rsa_public_jwk(2048);
    let created = create_in_hydra(&issuer_without_slash(), "svc", in_days(90), &jwk);

    let output = run(trustui(support::hydra()).args(["key", id_of(&created)]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let thumbprint = keys::thumbprint(&jwk);
    assert!(
        output.stdout.contains(&format!("thumbprint  {thumbprint}")),
        "{}",
        output.stdout
    );
    assert!(output.stdout.contains("2048 bits"), "{}", output.stdout);
    for line in output.stdout.lines() {
        assert!(line.width() <= 80, "{line:?}");
    }
}

/// Hydra v2.3.0 has no route for a key set whose name contains `/`, so the
/// key of an https issuer cannot be read back, and trustui explains why.
#[test]
fn key_of_https_issuer_explains_v2_3_limit() {
    let created = create_in_hydra(
        &unique_issuer(),
        "svc",
        in_days(90),
        &keys::ec_p256_public_jwk(),
    );

    let output = run(trustui(support::hydra()).args(["key", id_of(&created)]));

    assert_eq!(output.code, Some(1), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(output.stderr.contains("v2.3.0"), "{}", output.stderr);
}

// --- delete --------------------------------------------------------------

#[test]
fn delete_without_terminal_refuses() {
    let created = create_in_hydra(
        &unique_issuer(),
        "svc",
        in_days(90),
        &keys::ec_p256_public_jwk(),
    );

    let output = run(trustui(support::hydra())
        .args(["delete", id_of(&created)])
        .write_stdin("y\n"));

    assert_eq!(output.code, Some(2), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(output.stderr.contains("--yes"), "{}", output.stderr);
    assert_eq!(get_in_hydra(id_of(&created)).0, 200);
}

/// Runs `trustui ARGS` on a pseudo-terminal through util-linux `script`, so
/// that standard input is a terminal, and types `typed` into it.
fn run_on_terminal(args: &[&str], typed: &str) -> Run {
    run_on_sized_terminal(None, args, typed)
}

/// Runs `trustui ARGS` like `run_on_terminal`, on a terminal `columns` wide
/// when given.
fn run_on_sized_terminal(columns: Option<u16>, args: &[&str], typed: &str) -> Run {
    let quoted: Vec<String> = [env!("CARGO_BIN_EXE_trustui")]
        .iter()
        .chain(args)
        .map(|arg| format!("'{}'", arg.replace('\'', r"'\''")))
        .collect();
    let mut shell_command = quoted.join(" ");
    if let Some(columns) = columns {
        shell_command = format!("stty cols {columns} rows 40; {shell_command}");
    }
    let mut command = Command::new("script");
    command
        .args([
            "--quiet",
            "--return",
            "--command",
            &shell_command,
            "/dev/null",
        ])
        .env_remove("ORY_SDK_URL")
        .env_remove("ORY_PROJECT_API_KEY")
        .env("TRUSTUI_LOG_FILE", scratch_dir().join("trustui.log"))
        .write_stdin(typed)
        .timeout(Duration::from_secs(60));
    run(&mut command)
}

#[test]
fn delete_on_terminal_asks_first() {
    let issuer = unique_issuer();
    let created = create_in_hydra(&issuer, "svc", in_days(90), &keys::ec_p256_public_jwk());
    let args = ["--endpoint", support::hydra(), "delete", id_of(&created)];

    let declined = run_on_terminal(&args, "n\n");
    let kept = get_in_hydra(id_of(&created)).0;
    let confirmed = run_on_terminal(&args, "y\n");

    // `script` copies the terminal, prompt and both streams, to its stdout.
    let prompt = format!(
        "Delete trust relationship {issuer} / svc ({})? [y/N]",
        id_of(&created)
    );
    assert!(declined.stdout.contains(&prompt), "{}", declined.stdout);
    assert_eq!(declined.code, Some(1), "{}", declined.stdout);
    assert_eq!(kept, 200);
    assert_eq!(confirmed.code, Some(0), "{}", confirmed.stdout);
    assert_eq!(get_in_hydra(id_of(&created)).0, 404);
}

#[test]
fn delete_with_yes_deletes() {
    let issuer = unique_issuer();
    let created = create_in_hydra(&issuer, "svc", in_days(90), &keys::ec_p256_public_jwk());

    let output = run(trustui(support::hydra()).args(["delete", id_of(&created), "--yes"]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(output.stderr.contains(&issuer), "{}", output.stderr);
    assert_eq!(get_in_hydra(id_of(&created)).0, 404);
}

#[test]
fn delete_reports_shared_key_relationships() {
    let issuer = unique_issuer();
    let jwk = keys::ec_p256_public_jwk();
    let deleted = create_in_hydra(&issuer, "svc-a", in_days(90), &jwk);
    let sharing = create_in_hydra(&issuer, "svc-b", in_days(90), &jwk);

    let output = run(trustui(support::hydra()).args([
        "delete",
        id_of(&deleted),
        "--yes",
        "--output",
        "json",
    ]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let printed: Value = serde_json::from_str(&output.stdout).expect("stdout is JSON");
    assert_eq!(
        printed,
        json!({"deleted": id_of(&deleted), "also_deleted": [id_of(&sharing)]})
    );
    let warning = output
        .stderr
        .lines()
        .find(|line| line.starts_with("warning:"))
        .unwrap_or_else(|| panic!("no warning in:\n{}", output.stderr));
    assert!(warning.contains("will delete them"), "{warning}");
    assert!(warning.contains(id_of(&sharing)), "{warning}");
    let report = output
        .stderr
        .lines()
        .find(|line| line.starts_with("Hydra deleted with the key"))
        .unwrap_or_else(|| panic!("no report in:\n{}", output.stderr));
    assert!(report.contains(id_of(&sharing)), "{report}");
    assert_eq!(get_in_hydra(id_of(&sharing)).0, 404);
}

#[test]
fn delete_by_short_id() {
    let created = create_in_hydra(
        &unique_issuer(),
        "svc",
        in_days(90),
        &keys::ec_p256_public_jwk(),
    );

    let output = run(trustui(support::hydra()).args(["delete", &id_of(&created)[..8], "-y"]));

    assert_eq!(output.code, Some(0), "{}", output.stderr);
    assert_eq!(get_in_hydra(id_of(&created)).0, 404);
}

// --- the API key ---------------------------------------------------------

#[test]
fn api_key_never_in_output() {
    let log_file = scratch_dir().join(unique_name("key-test.log"));
    let key_file = write_file("api-key", &format!("  {FAKE_API_KEY}\n"));
    let endpoint = support::hydra();
    let unknown_id = "00000000-0000-4000-8000-000000000000";
    let closed_endpoint = format!("http://127.0.0.1:{}", closed_port());

    let mut runs = Vec::new();
    for use_file in [false, true] {
        let command = |endpoint: &str| {
            let mut command = trustui_with_log(endpoint, &log_file);
            if use_file {
                command.args(["--api-key-file", key_file.to_str().unwrap()]);
            } else {
                command.env("ORY_PROJECT_API_KEY", FAKE_API_KEY);
            }
            command
        };
        runs.push(run(command(endpoint).arg("--help")));
        runs.push(run(command(endpoint).args(["create", "--help"])));
        runs.push(run(command(endpoint).args(["list", "--output", "json"])));
        runs.push(run(command(endpoint).args(["get", unknown_id])));
        runs.push(run(command(endpoint).args(["delete", unknown_id])));
        runs.push(run(command(endpoint)
            .args([
                "create",
                "--issuer",
                "x",
                "--subject",
                "s",
                "--expires-at",
                "soon",
            ])
            .args(["--jwk-file", "-"])
            .write_stdin("{not json")));
        runs.push(run(command(&closed_endpoint).args(["list"])));
        runs.push(run(command(endpoint).args(["list", "--bogus"])));
    }

    for output in &runs {
        assert!(
            !output.stdout.contains(FAKE_API_KEY),
            "stdout: {}",
            output.stdout
        );
        assert!(
            !output.stderr.contains(FAKE_API_KEY),
            "stderr: {}",
            output.stderr
        );
    }
    let log = std::fs::read_to_string(&log_file).unwrap_or_default();
    assert!(!log.is_empty(), "the runs wrote no log");
    assert!(!log.contains(FAKE_API_KEY), "the log contains the key");
}

#[test]
fn api_key_file_over_plain_http_is_refused() {
    let key_file = write_file("api-key", FAKE_API_KEY);

    // A `.invalid` name never resolves, so even a client that tried to send
    // the request could not reach anything.
    let output = run(trustui("http://hydra.invalid:4445").args([
        "--api-key-file",
        key_file.to_str().unwrap(),
        "list",
    ]));

    assert_eq!(output.code, Some(1), "{}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(output.stderr.contains("https://"), "{}", output.stderr);
    assert!(!output.stderr.contains(FAKE_API_KEY), "{}", output.stderr);
}

#[test]
fn help_documents_exit_codes_and_log_file() {
    let log_file = scratch_dir().join("help-test.log");

    let output = run(trustui_with_log("http://127.0.0.1:9", &log_file).arg("--help"));

    assert_eq!(output.code, Some(0));
    for code in [
        "0  success",
        "3  not found",
        "4  conflict",
        "5  input rejected",
        "6  outcome unknown",
    ] {
        assert!(output.stdout.contains(code), "--help lacks {code:?}");
    }
    assert!(
        output.stdout.contains(log_file.to_str().unwrap()),
        "{}",
        output.stdout
    );
}
