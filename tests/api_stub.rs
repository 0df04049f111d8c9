//! Server behaviour that Hydra v2.3.0 cannot show on cue, replayed by a
//! wiremock server on loopback: keyset page tokens of v25.4 and Ory Network,
//! 429s, nested and HTML error bodies, hostile `next` links, oversized and
//! broken bodies, and redirects.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use serde_json::{Value, json};
use trustui::api::{ApiError, ApiKey, Client, ClientConfig};
use url::Url;
use wiremock::matchers::{bearer_token, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ISSUERS: &str = "/admin/trust/grants/jwt-bearer/issuers";

fn relationship(id: &str) -> Value {
    json!({
        "id": id,
        "issuer": "https://jwt-idp.example.com",
        "subject": format!("subject-{id}"),
        "allow_any_subject": false,
        "scope": ["openid"],
        "public_key": {"set": "https://jwt-idp.example.com", "kid": format!("kid-{id}")},
        "created_at": "2026-01-17T09:06:39Z",
        "expires_at": "2027-12-31T23:59:59Z"
    })
}

fn page(ids: &[&str]) -> Value {
    Value::Array(ids.iter().map(|id| relationship(id)).collect())
}

fn config(server: &MockServer) -> ClientConfig {
    let mut config = ClientConfig::new(Url::parse(&server.uri()).unwrap());
    config.timeout = Duration::from_secs(5);
    config
}

fn client(server: &MockServer) -> Client {
    Client::new(config(server)).unwrap()
}

async fn requests_to(server: &MockServer, wanted_path: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|request| request.url.path() == wanted_path)
        .count()
}

#[tokio::test]
async fn keyset_tokens_list_every_page() {
    let server = MockServer::start().await;
    let next = format!(
        "<{}{ISSUERS}?page_size=500&page_token=opaque-2>; rel=\"next\"",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .and(query_param_is_missing("page_token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["a", "b"]))
                .insert_header(
                    "Link",
                    format!("<{ISSUERS}?page_size=500>; rel=\"first\",{next}"),
                ),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .and(query_param("page_token", "opaque-2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["c"]))
                .insert_header("Link", format!("<{ISSUERS}?page_size=500>; rel=\"first\"")),
        )
        .mount(&server)
        .await;

    let all = client(&server).list_all(None).await.unwrap();

    let ids: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requests_to(&server, ISSUERS).await, 2);
}

#[tokio::test]
async fn list_sends_page_size_and_issuer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .and(query_param("page_size", "500"))
        .and(query_param("issuer", "https://idp.example.com/a b"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["a"])))
        .expect(1)
        .mount(&server)
        .await;

    let all = client(&server)
        .list_all(Some("https://idp.example.com/a b".to_owned()))
        .await
        .unwrap();

    assert_eq!(all.len(), 1);
}

#[tokio::test]
async fn expired_page_token_fails_after_first_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .and(query_param_is_missing("page_token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["a"]))
                .insert_header(
                    "Link",
                    format!("<{ISSUERS}?page_token=stale>; rel=\"next\""),
                ),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .and(query_param("page_token", "stale"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_request",
            "error_description": "The page token is invalid or has expired."
        })))
        .mount(&server)
        .await;

    let mut pages = Box::pin(client(&server).list_pages(None));
    let first = pages.next().await.unwrap().unwrap();
    let second = pages.next().await.unwrap().unwrap_err();

    assert_eq!(first.len(), 1);
    assert_eq!(second.status(), Some(400));
    assert!(
        second
            .to_string()
            .contains("The page token is invalid or has expired.")
    );
    assert!(second.to_string().contains("reload the list"));
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn rate_limited_get_waits_and_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .set_body_json(json!({"error": {"code": 429, "status": "Too Many Requests", "message": "Rate limit exceeded"}})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .respond_with(ResponseTemplate::new(200).set_body_json(relationship("a")))
        .mount(&server)
        .await;

    let started = std::time::Instant::now();
    let found = client(&server).get("a").await.unwrap();

    assert_eq!(found.id, "a");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(requests_to(&server, &format!("{ISSUERS}/a")).await, 2);
}

#[tokio::test]
async fn long_retry_after_is_reported_not_waited() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .mount(&server)
        .await;

    let error = client(&server).get("a").await.unwrap_err();

    assert_eq!(error.status(), Some(429));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert!(error.to_string().contains("retry after 3600 s"));
    assert_eq!(requests_to(&server, &format!("{ISSUERS}/a")).await, 1);
}

#[tokio::test]
async fn create_is_not_retried_on_503() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ISSUERS))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    let request = serde_json::from_value(json!({
        "issuer": "https://jwt-idp.example.com",
        "allow_any_subject": true,
        "scope": [],
        "expires_at": "2027-12-31T23:59:59Z",
        "jwk": {"kty": "oct", "kid": "k", "k": "c2VjcmV0"}
    }))
    .unwrap();

    let error = client(&server).create(&request).await.unwrap_err();

    assert_eq!(error.status(), Some(503));
    assert!(!error.outcome_unknown());
    assert_eq!(requests_to(&server, ISSUERS).await, 1);
}

#[tokio::test]
async fn nested_error_body_is_shown() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "error": {"code": 403, "status": "Forbidden", "message": "The API key lacks permission", "request": "req-42"}
        })))
        .mount(&server)
        .await;

    let error = client(&server).get("a").await.unwrap_err();

    assert_eq!(error.status(), Some(403));
    assert!(error.to_string().contains("The API key lacks permission"));
    assert!(error.to_string().contains("ORY_PROJECT_API_KEY"));
}

#[tokio::test]
async fn html_404_is_unknown_route() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_raw(
            "<html><head><title>404 Not Found</title></head><body>nginx</body></html>",
            "text/html",
        ))
        .mount(&server)
        .await;

    let error = client(&server).get("a").await.unwrap_err();

    assert!(error.is_unknown_route());
    assert!(!error.is_not_found());
    assert!(error.to_string().contains("404 Not Found"));
    assert!(error.to_string().contains("names the admin port"));
}

#[tokio::test]
async fn html_502_is_shown_by_title() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(
            "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>",
            "text/html",
        ))
        .mount(&server)
        .await;

    let error = client(&server).delete("a").await.unwrap_err();

    assert_eq!(error.status(), Some(502));
    assert!(error.to_string().contains("502 Bad Gateway"));
}

/// Returns, for every page, one new relationship and a `next` link to a new
/// token, without end.
struct EndlessPages {
    served: AtomicUsize,
}

impl Respond for EndlessPages {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.served.fetch_add(1, Ordering::SeqCst);
        ResponseTemplate::new(200)
            .set_body_json(page(&[&format!("id-{n}")]))
            .insert_header(
                "Link",
                format!("<{ISSUERS}?page_token=t{}>; rel=\"next\"", n + 1),
            )
    }
}

#[tokio::test]
async fn endless_next_link_fails_at_page_cap() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .respond_with(EndlessPages {
            served: AtomicUsize::new(0),
        })
        .mount(&server)
        .await;
    let mut config = config(&server);
    config.max_pages = 20;

    let error = Client::new(config)
        .unwrap()
        .list_all(None)
        .await
        .unwrap_err();

    assert!(matches!(error, ApiError::TooManyPages { limit: 20, .. }));
    assert!(requests_to(&server, ISSUERS).await <= 21);
}

#[tokio::test]
async fn endless_items_fail_at_item_cap() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .respond_with(EndlessPages {
            served: AtomicUsize::new(0),
        })
        .mount(&server)
        .await;
    let mut config = config(&server);
    config.max_items = 5;

    let error = Client::new(config)
        .unwrap()
        .list_all(None)
        .await
        .unwrap_err();

    assert!(matches!(error, ApiError::TooManyItems { limit: 5, .. }));
}

#[tokio::test]
async fn cycling_next_link_stops_cleanly() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .and(query_param_is_missing("page_token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["a"]))
                .insert_header("Link", format!("<{ISSUERS}?page_token=one>; rel=\"next\"")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .and(query_param("page_token", "one"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["b", "a"]))
                .insert_header("Link", format!("<{ISSUERS}?page_token=two>; rel=\"next\"")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .and(query_param("page_token", "two"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["c"]))
                .insert_header("Link", format!("<{ISSUERS}?page_token=one>; rel=\"next\"")),
        )
        .mount(&server)
        .await;

    let all = client(&server).list_all(None).await.unwrap();

    let ids: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(requests_to(&server, ISSUERS).await, 3);
}

#[tokio::test]
async fn body_over_cap_is_rejected() {
    let server = MockServer::start().await;
    let huge = vec![b' '; trustui::api::MAX_BODY_BYTES + 1];
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .respond_with(ResponseTemplate::new(200).set_body_raw(huge, "application/json"))
        .mount(&server)
        .await;

    let error = client(&server).list_all(None).await.unwrap_err();

    assert!(matches!(error, ApiError::BodyTooLarge { .. }));
    assert!(error.to_string().contains("16 MiB"));
}

#[tokio::test]
async fn truncated_json_is_invalid_body() {
    let server = MockServer::start().await;
    let body = page(&["a", "b"]).to_string();
    Mock::given(method("GET"))
        .and(path(ISSUERS))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(&body[..body.len() / 2], "application/json"),
        )
        .mount(&server)
        .await;

    let error = client(&server).list_all(None).await.unwrap_err();

    assert!(matches!(error, ApiError::InvalidBody { status: 200, .. }));
    assert!(error.to_string().contains("JSON"));
}

#[tokio::test]
async fn empty_502_is_retried_then_reported() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let mut config = config(&server);
    config.max_retries = 2;

    let error = Client::new(config).unwrap().get("a").await.unwrap_err();

    assert_eq!(error.status(), Some(502));
    assert!(error.to_string().contains("the response body was empty"));
    assert_eq!(requests_to(&server, &format!("{ISSUERS}/a")).await, 3);
}

#[tokio::test]
async fn same_origin_307_is_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/old{ISSUERS}/a")))
        .respond_with(ResponseTemplate::new(307).insert_header("Location", format!("{ISSUERS}/a")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .respond_with(ResponseTemplate::new(200).set_body_json(relationship("a")))
        .mount(&server)
        .await;
    let mut config = config(&server);
    config.endpoint = Url::parse(&format!("{}/old", server.uri())).unwrap();

    let found = Client::new(config).unwrap().get("a").await.unwrap();

    assert_eq!(found.id, "a");
}

#[tokio::test]
async fn cross_origin_307_is_not_followed() {
    let server = MockServer::start().await;
    // 127.0.0.2 is loopback too, yet another origin; nothing listens there
    // and the client must not try.
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("Location", format!("http://127.0.0.2:9{ISSUERS}/a")),
        )
        .mount(&server)
        .await;

    let error = client(&server).get("a").await.unwrap_err();

    assert!(matches!(error, ApiError::Redirect { status: 307, .. }));
    assert!(error.to_string().contains("127.0.0.2"));
}

/// A log sink shared with the test, to check what reached the log.
#[derive(Clone, Default)]
struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLog {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn api_key_sent_never_logged() {
    const KEY: &str = "ory_pat_SyntheticTestKey123";
    let log = CapturedLog::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .and(bearer_token(KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(relationship("a")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/b")))
        .and(bearer_token(KEY))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": {"code": 401, "status": "Unauthorized", "message": "The API key is invalid"}
        })))
        .mount(&server)
        .await;
    let mut config = config(&server);
    config.api_key = Some(ApiKey::new(KEY));
    let client = Client::new(config).unwrap();

    let found = client.get("a").await.unwrap();
    let error = client.get("b").await.unwrap_err();

    assert_eq!(found.id, "a");
    assert_eq!(error.status(), Some(401));
    assert!(!error.to_string().contains(KEY));
    assert!(!format!("{error:?}").contains(KEY));
    assert!(!format!("{client:?}").contains(KEY));
    assert!(log.text().contains("request"), "nothing was logged");
    assert!(!log.text().contains(KEY));
}

#[tokio::test]
async fn request_log_names_method_path_status_and_retries() {
    let log = CapturedLog::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{ISSUERS}/a")))
        .respond_with(ResponseTemplate::new(200).set_body_json(relationship("a")))
        .mount(&server)
        .await;

    client(&server).get("a").await.unwrap();

    let text = log.text();
    assert!(text.contains("method=GET"), "{text}");
    assert!(text.contains(&format!("path={ISSUERS}/a")), "{text}");
    assert!(text.contains("status=200"), "{text}");
    assert!(text.contains("duration_ms="), "{text}");
    assert!(text.contains("retries=0"), "{text}");
}
