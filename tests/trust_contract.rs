//! Contract tests against a real Ory Hydra v2.3.0: what trustui's checks
//! reject or flag would really have been accepted there, and would then have
//! failed or been useless. Each test sends the input to Hydra, shows what
//! Hydra did with it, and shows that `form::check` catches the same input.

mod support;

use jiff::Timestamp;
use p256::elliptic_curve::rand_core::OsRng;
use reqwest::StatusCode;
use serde_json::{Value, json};
use trustui::api::TrustRelationship;
use trustui::trust::form::{self, Draft, Field, Fix, Severity};
use trustui::trust::thumbprint;

const TRUST_PATH: &str = "/admin/trust/grants/jwt-bearer/issuers";

/// Generates a P-256 key pair, returned as a private JWK (with `d`) and its
/// public part.
fn p256_pair(kid: &str) -> (Value, Value) {
    let secret = p256::SecretKey::random(&mut OsRng);
    let mut private: Value = serde_json::from_str(&secret.to_jwk_string()).unwrap();
    private["kid"] = json!(kid);
    let mut public: Value = serde_json::from_str(&secret.public_key().to_jwk_string()).unwrap();
    public["kid"] = json!(kid);
    (private, public)
}

fn body(issuer: &str, subject: &str, scope: &[&str], expires_at: &str, jwk: &Value) -> Value {
    json!({
        "issuer": issuer,
        "subject": subject,
        "scope": scope,
        "expires_at": expires_at,
        "jwk": jwk,
    })
}

/// Returns the draft a person would type to send `body`.
fn draft_of(body: &Value) -> Draft {
    let scopes: Vec<&str> = body["scope"]
        .as_array()
        .unwrap()
        .iter()
        .map(|scope| scope.as_str().unwrap())
        .collect();
    Draft {
        issuer: body["issuer"].as_str().unwrap().to_string(),
        subject: body["subject"].as_str().unwrap_or_default().to_string(),
        any_subject: body["allow_any_subject"].as_bool().unwrap_or_default(),
        scopes: scopes.join(" "),
        expires_at: body["expires_at"].as_str().unwrap().to_string(),
        jwk: serde_json::to_string_pretty(&body["jwk"]).unwrap(),
    }
}

async fn create(body: &Value) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}{TRUST_PATH}", support::hydra()))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn get(path: &str) -> Value {
    let response = reqwest::get(format!("{}{path}", support::hydra()))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.json().await.unwrap()
}

async fn relationship(id: &str) -> Value {
    get(&format!("{TRUST_PATH}/{id}")).await
}

/// Reads the stored key. Hydra v2.3.0 cannot route a set name that contains
/// `/`, so the tests that read keys use issuers without one.
async fn stored_key(set: &str, kid: &str) -> Value {
    let keys = get(&format!("/admin/keys/{set}/{kid}")).await;
    keys["keys"][0].clone()
}

fn in_a_year() -> String {
    let later = Timestamp::now() + jiff::SignedDuration::from_hours(24 * 365);
    Timestamp::from_second(later.as_second())
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn private_key_is_stored_and_served() {
    let issuer = support::unique_name("token-service");
    let (private, _) = p256_pair("key-1");
    let request = body(&issuer, "svc", &["openid"], &in_a_year(), &private);

    let (status, _) = create(&request).await;
    let stored = stored_key(&issuer, "key-1").await;

    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        stored["d"], private["d"],
        "Hydra serves the private scalar back"
    );

    let checked = form::check(&draft_of(&request), Timestamp::now(), &[]);
    let problem = checked.problems_for(Field::Jwk).next().unwrap();
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.fix, Some(Fix::KeepPublicPart));
    assert_eq!(checked.request, None);
}

#[tokio::test]
async fn symmetric_key_is_accepted() {
    let issuer = support::unique_name("token-service");
    let secret_key =
        json!({"kty": "oct", "kid": "shared-1", "k": "c2hhcmVkLXNlY3JldC1zaGFyZWQtc2VjcmV0"});
    let request = body(&issuer, "svc", &["openid"], &in_a_year(), &secret_key);

    let (status, _) = create(&request).await;
    let stored = stored_key(&issuer, "shared-1").await;

    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        stored["k"], secret_key["k"],
        "Hydra serves the shared secret back"
    );

    let checked = form::check(&draft_of(&request), Timestamp::now(), &[]);
    let errors: Vec<&str> = checked
        .problems_for(Field::Jwk)
        .filter(|problem| problem.severity == Severity::Error)
        .map(|problem| problem.message.as_str())
        .collect();
    assert!(
        errors.contains(&"JWK: `kty` is \"oct\", a symmetric secret key: an RFC 7523 trust needs the issuer's public key (RSA, EC or OKP)"),
        "{errors:#?}"
    );
}

#[tokio::test]
async fn past_expiry_is_accepted() {
    let (_, public) = p256_pair(&support::unique_kid());
    let request = body(
        &support::unique_issuer(),
        "svc",
        &["openid"],
        "2020-01-01T00:00:00Z",
        &public,
    );

    let (status, created) = create(&request).await;

    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["expires_at"], "2020-01-01T00:00:00Z");

    let checked = form::check(&draft_of(&request), Timestamp::now(), &[]);
    let confirmations: Vec<_> = checked.confirmations().collect();
    assert_eq!(confirmations.len(), 1);
    assert_eq!(confirmations[0].field, Field::ExpiresAt);
}

#[tokio::test]
async fn bar_in_scope_reads_back_split() {
    let (_, public) = p256_pair(&support::unique_kid());
    let request = body(
        &support::unique_issuer(),
        "svc",
        &["read|write"],
        &in_a_year(),
        &public,
    );

    let (status, created) = create(&request).await;
    let read_back = relationship(created["id"].as_str().unwrap()).await;

    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(read_back["scope"], json!(["read", "write"]));

    let checked = form::check(&draft_of(&request), Timestamp::now(), &[]);
    let problem = checked.problems_for(Field::Scope).next().unwrap();
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(
        problem.message,
        "Scope `read|write` contains `|`, which Hydra uses to join stored scopes, so it would read back as `read` and `write`: enter separate scopes with spaces"
    );
}

#[tokio::test]
async fn reused_kid_keeps_the_old_key() {
    let issuer = support::unique_name("token-service");
    let (_, first_key) = p256_pair("shared-kid");
    let (_, second_key) = p256_pair("shared-kid");
    let first = body(&issuer, "first", &["openid"], &in_a_year(), &first_key);
    let second = body(&issuer, "second", &["openid"], &in_a_year(), &second_key);

    let (first_status, created) = create(&first).await;
    let (second_status, _) = create(&second).await;
    let stored = stored_key(&issuer, "shared-kid").await;

    assert_eq!(first_status, StatusCode::CREATED);
    assert_eq!(second_status, StatusCode::CREATED);
    assert_eq!(stored["x"], first_key["x"], "Hydra kept the first key");
    assert_ne!(stored["x"], second_key["x"]);

    let existing: TrustRelationship = serde_json::from_value(created).unwrap();
    let checked = form::check(&draft_of(&second), Timestamp::now(), &[existing]);
    let problem = checked.problems_for(Field::Jwk).next().unwrap();
    let second_thumbprint = thumbprint::of(second_key.as_object().unwrap()).unwrap();
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(
        problem.fix,
        Some(Fix::UseThumbprintAsKid(second_thumbprint))
    );
}

#[tokio::test]
async fn same_issuer_subject_and_kid_conflicts() {
    let issuer = support::unique_issuer();
    let (_, key) = p256_pair(&support::unique_kid());
    let request = body(&issuer, "svc", &["openid"], &in_a_year(), &key);

    let (first_status, created) = create(&request).await;
    let (second_status, _) = create(&request).await;

    assert_eq!(first_status, StatusCode::CREATED);
    assert_eq!(second_status, StatusCode::CONFLICT);

    let existing: TrustRelationship = serde_json::from_value(created).unwrap();
    let checked = form::check(&draft_of(&request), Timestamp::now(), &[existing]);
    assert!(checked.has_errors());
    assert_eq!(checked.request, None);
}

#[tokio::test]
async fn empty_scope_list_is_accepted() {
    let (_, public) = p256_pair(&support::unique_kid());
    let request = body(&support::unique_issuer(), "svc", &[], &in_a_year(), &public);

    let (status, created) = create(&request).await;

    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["scope"], json!([]));

    let checked = form::check(&draft_of(&request), Timestamp::now(), &[]);
    let problem = checked.problems_for(Field::Scope).next().unwrap();
    assert_eq!(problem.severity, Severity::Error);
}

#[tokio::test]
async fn fraction_is_rounded_by_hydra_but_not_sent() {
    let (_, public) = p256_pair(&support::unique_kid());
    let typed = "2030-06-01T12:00:00.6Z";
    let raw = body(
        &support::unique_issuer(),
        "svc",
        &["openid"],
        typed,
        &public,
    );

    let (raw_status, raw_created) = create(&raw).await;

    assert_eq!(raw_status, StatusCode::CREATED);
    assert_eq!(
        raw_created["expires_at"], "2030-06-01T12:00:01Z",
        "Hydra rounds up"
    );

    let mut draft = draft_of(&raw);
    draft.subject = "svc-2".into();
    let request = form::check(&draft, Timestamp::now(), &[]).request.unwrap();
    let (status, created) = create(&serde_json::to_value(&request).unwrap()).await;

    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        created["expires_at"], "2030-06-01T12:00:00Z",
        "trustui sends what it shows"
    );
}

#[tokio::test]
async fn checked_request_is_accepted() {
    let (_, public) = p256_pair(&support::unique_kid());
    let draft = Draft {
        issuer: format!("  {}  ", support::unique_issuer()),
        subject: String::new(),
        any_subject: true,
        scopes: "openid, offline_access openid".into(),
        expires_at: "+90d".into(),
        jwk: public.to_string(),
    };

    let checked = form::check(&draft, Timestamp::now(), &[]);
    let request = checked.request.unwrap();
    let (status, created) = create(&serde_json::to_value(&request).unwrap()).await;

    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["allow_any_subject"], true);
    assert_eq!(created["scope"], json!(["openid", "offline_access"]));
    assert_eq!(created["issuer"], request.issuer);
    assert_eq!(created["expires_at"], json!(checked.expires_at.unwrap()));
}
