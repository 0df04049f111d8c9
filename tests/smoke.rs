//! Smoke tests of the harness against a real Ory Hydra v2.3.0: the trust API
//! round trip works, the server rejects duplicates and missing kids with the
//! statuses the client expects, every generated key type is accepted, and
//! `scripts/hydra stop` leaves nothing running.

mod support;

use reqwest::StatusCode;
use serde_json::{Value, json};
use support::keys::KeyKind;

#[tokio::test]
async fn created_relationship_reads_back() {
    let issuer = support::unique_issuer();
    let jwk = KeyKind::EcP256.public_jwk();
    let request = fixed_subject_request(&issuer, "svc-reader@example.com", &jwk);

    let created = create(&request).await;
    let (status, fetched) = get(created["id"].as_str().unwrap()).await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetched["id"], created["id"]);
    assert_eq!(fetched["issuer"], json!(issuer));
    assert_eq!(fetched["subject"], json!("svc-reader@example.com"));
    assert_eq!(fetched["allow_any_subject"], json!(false));
    assert_eq!(fetched["scope"], json!(["openid", "offline_access"]));
    assert_eq!(fetched["public_key"]["set"], json!(issuer));
    assert_eq!(fetched["public_key"]["kid"], jwk["kid"]);
    assert_eq!(fetched["expires_at"], json!("2030-01-01T00:00:00Z"));
}

#[tokio::test]
async fn created_relationship_is_listed() {
    let issuer = support::unique_issuer();
    let jwk = KeyKind::Ed25519.public_jwk();
    let created = create(&fixed_subject_request(&issuer, "svc-lister", &jwk)).await;

    let list_url = url::Url::parse_with_params(
        &url(support::TRUST_PATH),
        [("issuer", issuer.as_str()), ("page_size", "1000")],
    )
    .expect("list URL is invalid");
    let response = client()
        .get(list_url)
        .send()
        .await
        .expect("list request failed");
    let status = response.status();
    let listed: Value = response.json().await.expect("list body is not JSON");

    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&Value> = listed
        .as_array()
        .expect("list body is not an array")
        .iter()
        .map(|relationship| &relationship["id"])
        .collect();
    assert_eq!(ids, vec![&created["id"]]);
}

#[tokio::test]
async fn deleted_relationship_is_gone() {
    let issuer = support::unique_issuer();
    let jwk = KeyKind::EcP384.public_jwk();
    let created = create(&fixed_subject_request(&issuer, "svc-deleted", &jwk)).await;
    let id = created["id"].as_str().unwrap();

    let deleted = client()
        .delete(url(&format!("{}/{id}", support::TRUST_PATH)))
        .send()
        .await
        .expect("delete request failed");
    let (status_after, _) = get(id).await;

    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(status_after, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn duplicate_create_returns_conflict() {
    let issuer = support::unique_issuer();
    let jwk = KeyKind::EcP256.public_jwk();
    let request = fixed_subject_request(&issuer, "svc-duplicate", &jwk);
    create(&request).await;

    let (status, body) = post(&request).await;

    // Without the sqlite build tags Hydra reports this conflict as a 500.
    assert_eq!(status, StatusCode::CONFLICT, "body: {body}");
    assert_eq!(
        body["error"],
        json!(
            "Unable to insert or update resource because a resource with that value exists already"
        )
    );
}

#[tokio::test]
async fn jwk_without_kid_is_rejected() {
    let issuer = support::unique_issuer();
    let mut jwk = KeyKind::EcP256.public_jwk();
    jwk.as_object_mut().unwrap().remove("kid");

    let (status, body) = post(&fixed_subject_request(&issuer, "svc-no-kid", &jwk)).await;

    assert_eq!(status, StatusCode::BAD_REQUEST, "body: {body}");
    assert_eq!(body["error"], json!("missing_required_parameter"));
    let description = body["error_description"].as_str().unwrap_or_default();
    assert!(
        description.contains("Field 'jwk' must contain JWK with kid header."),
        "error_description: {description:?}"
    );
}

#[tokio::test]
async fn every_generated_key_type_is_accepted() {
    let issuer = support::unique_issuer();

    for kind in KeyKind::FAST {
        let jwk = kind.public_jwk();
        let subject = format!("svc-{kind:?}");
        let (status, body) = post(&fixed_subject_request(&issuer, &subject, &jwk)).await;

        assert_eq!(status, StatusCode::CREATED, "{kind:?} key rejected: {body}");
    }
}

#[test]
fn stop_leaves_no_hydra_process() {
    let hydra = support::isolated_hydra();
    let pid = hydra.pid();
    let admin_addr = hydra.admin_addr();
    let state_dir = hydra.state_dir().to_string_lossy().into_owned();
    assert!(
        support::process_is_running(pid),
        "Hydra {pid} is not running after start"
    );
    assert!(
        !support::processes_mentioning(&state_dir).is_empty(),
        "no watcher runs for {state_dir}"
    );

    hydra.stop().expect("scripts/hydra stop failed");

    assert!(
        !support::process_is_running(pid),
        "Hydra {pid} still runs after stop"
    );
    assert!(
        !support::port_is_open(admin_addr),
        "something still listens on {admin_addr} after stop"
    );
    assert_eq!(
        support::processes_mentioning(&state_dir),
        Vec::<u32>::new(),
        "processes of {state_dir} left after stop"
    );
}

fn fixed_subject_request(issuer: &str, subject: &str, jwk: &Value) -> Value {
    json!({
        "issuer": issuer,
        "subject": subject,
        "scope": ["openid", "offline_access"],
        "expires_at": "2030-01-01T00:00:00Z",
        "jwk": jwk,
    })
}

/// Creates a relationship and returns Hydra's body, failing the test unless
/// the status is 201.
async fn create(request: &Value) -> Value {
    let (status, body) = post(request).await;
    assert_eq!(status, StatusCode::CREATED, "create failed: {body}");
    body
}

async fn post(request: &Value) -> (StatusCode, Value) {
    let response = client()
        .post(url(support::TRUST_PATH))
        .json(request)
        .send()
        .await
        .expect("create request failed");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn get(id: &str) -> (StatusCode, Value) {
    let response = client()
        .get(url(&format!("{}/{id}", support::TRUST_PATH)))
        .send()
        .await
        .expect("get request failed");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("building the HTTP client failed")
}

fn url(path: &str) -> String {
    format!("{}{path}", support::hydra())
}
