//! The client against a real Ory Hydra v2.3.0 on loopback, with an in-memory
//! database: create with every key type, get, list across pages, the issuer
//! filter, delete, duplicates, every server-side validation message, and the
//! stored-key read.
//!
//! Tests that count relationships start a Hydra of their own; the others
//! share one per test binary and use issuers of their own. `tests/support`
//! starts Hydra through `scripts/hydra`.

use std::collections::BTreeSet;

mod support;

use futures::StreamExt;
use serde_json::{Value, json};
use trustui::api::{ApiError, Client, ClientConfig, CreateRequest, Jwk};
use url::Url;

use support::keys::KeyKind;

/// Generates a public JWK of `kind` with the kid `kid`.
fn jwk(kind: KeyKind, kid: &str) -> Value {
    let mut jwk = kind.public_jwk();
    jwk["kid"] = json!(kid);
    jwk
}

/// Builds a create request for `subject` (any subject when `None`).
fn request(issuer: &str, subject: Option<&str>, jwk: Value) -> CreateRequest {
    let mut body = json!({
        "issuer": issuer,
        "scope": ["openid", "offline_access"],
        "expires_at": "2027-12-31T23:59:59Z",
        "jwk": jwk
    });
    match subject {
        Some(subject) => body["subject"] = json!(subject),
        None => body["allow_any_subject"] = json!(true),
    }
    serde_json::from_value(body).unwrap()
}

fn client_for(url: &Url, page_size: Option<u32>) -> Client {
    let mut config = ClientConfig::new(url.clone());
    config.page_size = page_size;
    Client::new(config).unwrap()
}

async fn shared_client() -> Client {
    client_for(&Url::parse(support::hydra()).unwrap(), None)
}

fn isolated_client(hydra: &support::Hydra, page_size: u32) -> Client {
    client_for(&Url::parse(hydra.admin_url()).unwrap(), Some(page_size))
}

fn ids(items: &[trustui::api::TrustRelationship]) -> BTreeSet<String> {
    items.iter().map(|item| item.id.clone()).collect()
}

#[tokio::test]
async fn create_with_subject_and_rsa_key_reads_back() {
    let client = shared_client().await;
    let sent = request(
        "https://rsa.example.com",
        Some("svc@example.com"),
        jwk(KeyKind::Rsa2048, "rsa-1"),
    );

    let created = client.create(&sent).await.unwrap();
    let fetched = client.get(&created.id).await.unwrap();

    assert_eq!(created.issuer, "https://rsa.example.com");
    assert_eq!(created.subject, "svc@example.com");
    assert!(!created.allow_any_subject);
    assert_eq!(created.scope, ["openid", "offline_access"]);
    assert_eq!(created.public_key.set, "https://rsa.example.com");
    assert_eq!(created.public_key.kid, "rsa-1");
    assert_eq!(created.expires_at.to_string(), "2027-12-31T23:59:59Z");
    assert_eq!(fetched, created);
}

#[tokio::test]
async fn create_with_any_subject_and_ed25519_key() {
    let client = shared_client().await;
    let sent = request(
        "https://okp.example.com",
        None,
        jwk(KeyKind::Ed25519, "okp-1"),
    );

    let created = client.create(&sent).await.unwrap();

    assert!(created.allow_any_subject);
    assert_eq!(created.subject, "");
    assert_eq!(created.public_key.kid, "okp-1");
}

#[tokio::test]
async fn create_with_each_ec_curve() {
    let client = shared_client().await;

    for (curve, kind) in [
        ("P-256", KeyKind::EcP256),
        ("P-384", KeyKind::EcP384),
        ("P-521", KeyKind::EcP521),
    ] {
        let kid = format!("ec-{curve}");
        let sent = request("https://ec.example.com", Some(curve), jwk(kind, &kid));

        let created = client.create(&sent).await;

        let created = created.unwrap_or_else(|error| panic!("{curve}: {error}"));
        assert_eq!(created.public_key.kid, kid, "{curve}");
    }
}

#[tokio::test]
async fn create_without_scope_echoes_empty_scope() {
    let client = shared_client().await;
    let mut sent = request("no-scope-issuer", Some("s"), jwk(KeyKind::Ed25519, "k"));
    sent.scope.clear();

    let created = client.create(&sent).await.unwrap();
    let fetched = client.get(&created.id).await.unwrap();

    assert!(created.scope.is_empty());
    assert!(fetched.scope.is_empty());
}

#[tokio::test]
async fn stored_key_reads_back_for_plain_issuer() {
    let client = shared_client().await;
    let sent_jwk = jwk(KeyKind::Ed25519, "plain-1");
    let created = client
        .create(&request("token-service", Some("s"), sent_jwk.clone()))
        .await
        .unwrap();

    let stored = client
        .key(&created.public_key.set, &created.public_key.kid)
        .await
        .unwrap();

    assert_eq!(stored.keys.len(), 1);
    assert_eq!(stored.keys[0].member("kid"), Some("plain-1"));
    assert_eq!(stored.keys[0].member("x"), sent_jwk["x"].as_str());
}

/// Hydra v2.3.0 decodes `%2F` before routing, so `GET /admin/keys/{set}/{kid}`
/// with an https issuer as the set matches no route and returns the router's
/// nested 404. trustui reports that as `KeySetUnreachable`, which names the
/// cause, rather than as a wrong endpoint or a missing key.
#[tokio::test]
async fn https_issuer_key_unreachable_in_v2_3_0() {
    let client = shared_client().await;
    let created = client
        .create(&request(
            "https://keys.example.com/tenant",
            Some("s"),
            jwk(KeyKind::Ed25519, "https-1"),
        ))
        .await
        .unwrap();

    let error = client
        .key(&created.public_key.set, &created.public_key.kid)
        .await
        .unwrap_err();

    assert!(
        matches!(error, ApiError::KeySetUnreachable { .. }),
        "{error:?}"
    );
    assert_eq!(error.status(), Some(404));
    assert!(!error.is_not_found());
    assert!(
        error
            .server_message()
            .unwrap()
            .contains("The requested route does not exist")
    );
    assert!(error.to_string().contains("cannot read a key whose set"));
}

#[tokio::test]
async fn deleted_relationship_not_found() {
    let client = shared_client().await;
    let created = client
        .create(&request(
            "delete.example.com",
            Some("s"),
            jwk(KeyKind::Ed25519, "del-1"),
        ))
        .await
        .unwrap();

    client.delete(&created.id).await.unwrap();
    let get_error = client.get(&created.id).await.unwrap_err();
    let delete_error = client.delete(&created.id).await.unwrap_err();

    assert!(get_error.is_not_found(), "{get_error:?}");
    assert!(delete_error.is_not_found(), "{delete_error:?}");
    assert_eq!(delete_error.status(), Some(404));
    assert!(delete_error.to_string().contains("maybe already deleted"));
    assert!(
        delete_error
            .to_string()
            .contains("Unable to locate the resource")
    );
}

#[tokio::test]
async fn duplicate_is_conflict() {
    let client = shared_client().await;
    let sent = request("dup.example.com", Some("s"), jwk(KeyKind::Ed25519, "dup-1"));
    client.create(&sent).await.unwrap();

    let error = client.create(&sent).await.unwrap_err();

    assert!(error.is_conflict(), "{error:?}");
    assert_eq!(error.status(), Some(409));
    assert!(error.to_string().contains("exists already"));
    assert!(
        error
            .to_string()
            .contains("unique by issuer, subject and kid")
    );
}

#[tokio::test]
async fn each_validation_message_names_its_field() {
    let client = shared_client().await;
    let valid = request(
        "validation.example.com",
        Some("s"),
        jwk(KeyKind::Ed25519, "v-1"),
    );
    let mut no_issuer = valid.clone();
    no_issuer.issuer.clear();
    let mut no_subject = valid.clone();
    no_subject.subject = None;
    let mut both = valid.clone();
    both.allow_any_subject = Some(true);
    let mut zero_expiry = valid.clone();
    // Go's zero time, which Hydra treats as missing.
    zero_expiry.expires_at = "0001-01-01T00:00:00Z".parse().unwrap();
    let mut no_kid = valid.clone();
    no_kid.jwk.0.remove("kid");
    let mut bad_kty = valid.clone();
    bad_kty.jwk = Jwk(json!({"kty": "foo", "kid": "v-1"})
        .as_object()
        .unwrap()
        .clone());
    let cases = [
        (no_issuer, "issuer", "Field 'issuer' is required."),
        (
            no_subject,
            "subject",
            "One of 'subject' or 'allow_any_subject' field must be set.",
        ),
        (
            both,
            "allow_any_subject",
            "Both 'subject' and 'allow_any_subject' fields cannot be set at the same time.",
        ),
        (zero_expiry, "expires_at", "Field 'expires_at' is required."),
        (
            no_kid,
            "jwk",
            "Field 'jwk' must contain JWK with kid header.",
        ),
        (
            bad_kty,
            "jwk",
            "go-jose/go-jose: unknown json web key type 'foo'",
        ),
    ];

    for (sent, field, message) in cases {
        let error = client.create(&sent).await.unwrap_err();

        assert_eq!(error.status(), Some(400), "{field}: {error}");
        assert_eq!(error.field(), Some(field), "{error}");
        assert!(error.server_message().unwrap().contains(message), "{error}");
        assert!(error.to_string().contains(message), "{error}");
    }
}

#[tokio::test]
async fn unknown_path_is_unknown_route() {
    let mut url = Url::parse(support::hydra()).unwrap();
    url.set_path("/not-hydra");
    let client = client_for(&url, None);

    let error = client
        .get("00000000-0000-0000-0000-000000000000")
        .await
        .unwrap_err();

    assert!(error.is_unknown_route(), "{error:?}");
    assert!(!error.is_not_found());
    assert!(
        error
            .to_string()
            .contains("does not look like a Hydra admin API")
    );
}

#[tokio::test]
async fn public_port_is_unknown_route() {
    let hydra = support::isolated_hydra();
    let public_url = std::fs::read_to_string(hydra.state_dir().join("public-url")).unwrap();
    let client = client_for(&Url::parse(public_url.trim()).unwrap(), None);

    let error = client.list_all(None).await.unwrap_err();

    assert!(error.is_unknown_route(), "{error:?}");
}

#[tokio::test]
async fn list_counts_on_fresh_server() {
    let hydra = support::isolated_hydra();
    let client = isolated_client(&hydra, 2);

    // Hydra v2.3.0 links a `next` page even from an empty list, so this ends
    // only because the client stops on an empty page.
    let empty: Vec<_> = client.list_pages(None).collect().await;
    assert!(empty.is_empty(), "{empty:?}");

    let first = client
        .create(&request(
            "count.example.com",
            Some("s1"),
            jwk(KeyKind::Ed25519, "c1"),
        ))
        .await
        .unwrap();
    let one = client.list_all(None).await.unwrap();
    assert_eq!(ids(&one), BTreeSet::from([first.id.clone()]));

    let second = client
        .create(&request(
            "count.example.com",
            Some("s2"),
            jwk(KeyKind::Ed25519, "c2"),
        ))
        .await
        .unwrap();
    // Exactly one full page: Hydra v2.3.0 sends no `next` link here (it does
    // once the count exceeds the page), so this page is the whole listing.
    let full: Vec<_> = client.list_pages(None).collect().await;
    assert_eq!(full.len(), 1, "{full:?}");
    let full = full.into_iter().next().unwrap().unwrap();
    assert_eq!(
        ids(&full),
        BTreeSet::from([first.id.clone(), second.id.clone()])
    );

    let mut created = BTreeSet::from([first.id, second.id]);
    for n in 3..=5 {
        let item = client
            .create(&request(
                "count.example.com",
                Some(&format!("s{n}")),
                jwk(KeyKind::Ed25519, &format!("c{n}")),
            ))
            .await
            .unwrap();
        created.insert(item.id);
    }
    let pages: Vec<_> = client.list_pages(None).collect().await;
    let sizes: Vec<usize> = pages
        .iter()
        .map(|page| page.as_ref().unwrap().len())
        .collect();
    assert_eq!(sizes, [2, 2, 1]);
    let all = client.list_all(None).await.unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(ids(&all), created);
}

#[tokio::test]
async fn issuer_filter_stops_despite_unfiltered_links() {
    let hydra = support::isolated_hydra();
    let client = isolated_client(&hydra, 2);
    let mut wanted = BTreeSet::new();
    for n in 0..3 {
        let a = client
            .create(&request(
                "https://a.example.com",
                Some(&format!("s{n}")),
                jwk(KeyKind::Ed25519, &format!("a{n}")),
            ))
            .await
            .unwrap();
        wanted.insert(a.id);
        client
            .create(&request(
                "https://b.example.com",
                Some(&format!("s{n}")),
                jwk(KeyKind::Ed25519, &format!("b{n}")),
            ))
            .await
            .unwrap();
    }

    // Hydra v2.3.0 counts and links without the filter: 6 relationships, so
    // `next` links lead past the 3 that match, to empty pages.
    let raw = reqwest::Client::new()
        .get(format!(
            "{}{}?page_size=2&issuer=https://a.example.com",
            hydra.admin_url(),
            support::TRUST_PATH
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.headers()["x-total-count"], "6");

    let filtered = client
        .list_all(Some("https://a.example.com".to_owned()))
        .await
        .unwrap();
    let none = client
        .list_all(Some("https://nobody.example.com".to_owned()))
        .await
        .unwrap();

    assert_eq!(ids(&filtered), wanted);
    assert!(
        filtered
            .iter()
            .all(|item| item.issuer == "https://a.example.com")
    );
    assert!(none.is_empty());
}

#[tokio::test]
async fn list_pages_stream_first_page_before_the_rest() {
    let hydra = support::isolated_hydra();
    let client = isolated_client(&hydra, 1);
    for n in 0..3 {
        client
            .create(&request(
                "stream.example.com",
                Some(&format!("s{n}")),
                jwk(KeyKind::Ed25519, &format!("k{n}")),
            ))
            .await
            .unwrap();
    }

    let mut pages = Box::pin(client.list_pages(None));
    let first = pages.next().await.unwrap().unwrap();
    let rest: Vec<_> = pages.collect().await;

    assert_eq!(first.len(), 1);
    assert_eq!(rest.len(), 2);
}
