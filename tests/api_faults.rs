//! Network faults, staged with raw TCP listeners on 127.0.0.1: servers that
//! never respond, reset or close mid-response, send garbage or too much, and
//! addresses where nothing listens or no name resolves.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use trustui::api::{ApiError, Client, ClientConfig, ConnectFailure, CreateRequest};
use url::Url;

const ISSUERS: &str = "/admin/trust/grants/jwt-bearer/issuers";

/// Request limit of the clients under test, short so the tests stay quick.
const TIMEOUT: Duration = Duration::from_millis(800);

/// Starts a server that hands every accepted connection to `handle`, and
/// returns its base URL and a counter of accepted connections.
async fn serve<F, Fut>(handle: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(handle(stream));
        }
    });
    (format!("http://{address}"), accepted)
}

/// Reads one request: its head and a `Content-Length` body.
async fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = stream.read(&mut buffer).await.unwrap_or(0);
        if read == 0 {
            return request;
        }
        request.extend_from_slice(&buffer[..read]);
        let Some(head_end) = find(&request, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&request[..head_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(0);
        if request.len() >= head_end + 4 + length {
            return request;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn client(base: &str) -> Client {
    let mut config = ClientConfig::new(Url::parse(base).unwrap());
    config.timeout = TIMEOUT;
    config.connect_timeout = TIMEOUT;
    config.max_retries = 0;
    Client::new(config).unwrap()
}

fn create_request() -> CreateRequest {
    serde_json::from_value(json!({
        "issuer": "https://jwt-idp.example.com",
        "allow_any_subject": true,
        "scope": ["openid"],
        "expires_at": "2027-12-31T23:59:59Z",
        "jwk": {"kty": "oct", "kid": "k", "k": "c2VjcmV0"}
    }))
    .unwrap()
}

/// Starts a server that reads the request and then never responds.
async fn silent_server() -> (String, Arc<AtomicUsize>) {
    serve(|mut stream| async move {
        read_request(&mut stream).await;
        tokio::time::sleep(Duration::from_secs(60)).await;
        drop(stream);
    })
    .await
}

#[tokio::test]
async fn silent_server_times_out_within_limit() {
    let (base, _) = silent_server().await;

    let started = Instant::now();
    let error = client(&base).get("a").await.unwrap_err();

    assert!(
        matches!(error, ApiError::Timeout { sent: true, .. }),
        "{error:?}"
    );
    assert!(!error.outcome_unknown());
    assert!(started.elapsed() < TIMEOUT + Duration::from_secs(2));
    assert!(error.to_string().contains(&format!("{base}{ISSUERS}/a")));
}

#[tokio::test]
async fn post_timed_out_after_sending_is_outcome_unknown() {
    let (base, _) = silent_server().await;

    let error = client(&base).create(&create_request()).await.unwrap_err();

    assert!(error.outcome_unknown(), "{error:?}");
    assert!(error.to_string().contains("may or may not"));
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn delete_timed_out_after_sending_is_outcome_unknown() {
    let (base, _) = silent_server().await;

    let error = client(&base).delete("a").await.unwrap_err();

    assert!(error.outcome_unknown(), "{error:?}");
}

#[tokio::test]
async fn post_reset_after_sending_is_outcome_unknown() {
    let (base, _) = serve(|mut stream| async move {
        read_request(&mut stream).await;
        stream.set_zero_linger().unwrap();
        drop(stream);
    })
    .await;

    let error = client(&base).create(&create_request()).await.unwrap_err();

    assert!(
        matches!(error, ApiError::ConnectionLost { .. }),
        "{error:?}"
    );
    assert!(error.outcome_unknown());
}

/// Starts a server that sends the head of a 200 response announcing 1000
/// body bytes, sends only a few (none when closing), and then resets
/// (`reset`) or closes the connection.
async fn cut_body_server(reset: bool) -> (String, Arc<AtomicUsize>) {
    serve(move |mut stream| async move {
        read_request(&mut stream).await;
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n";
        stream.write_all(head.as_bytes()).await.unwrap();
        if reset {
            stream.write_all(b"[{\"id\":\"a\",").await.unwrap();
            stream.flush().await.unwrap();
            tokio::time::sleep(Duration::from_millis(50)).await;
            stream.set_zero_linger().unwrap();
        } else {
            stream.flush().await.unwrap();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        drop(stream);
    })
    .await
}

#[tokio::test]
async fn reset_mid_body_is_connection_lost() {
    let (base, _) = cut_body_server(true).await;

    let error = client(&base).list_all(None).await.unwrap_err();

    assert!(
        matches!(error, ApiError::ConnectionLost { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains(&base));
}

#[tokio::test]
async fn reset_mid_body_of_get_is_retried() {
    let (base, accepted) = cut_body_server(true).await;
    let mut config = ClientConfig::new(Url::parse(&base).unwrap());
    config.timeout = TIMEOUT;
    config.max_retries = 2;

    let error = Client::new(config).unwrap().get("a").await.unwrap_err();

    assert!(
        matches!(error, ApiError::ConnectionLost { .. }),
        "{error:?}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn close_after_headers_is_connection_lost() {
    let (base, _) = cut_body_server(false).await;

    let error = client(&base).get("a").await.unwrap_err();

    assert!(
        matches!(error, ApiError::ConnectionLost { .. }),
        "{error:?}"
    );
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn close_after_headers_of_create_is_unreadable_success() {
    let (base, _) = serve(|mut stream| async move {
        read_request(&mut stream).await;
        let head = "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"id\":";
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.flush().await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        drop(stream);
    })
    .await;

    let error = client(&base).create(&create_request()).await.unwrap_err();

    assert!(
        matches!(error, ApiError::InvalidBody { status: 201, .. }),
        "{error:?}"
    );
    assert!(!error.outcome_unknown());
    assert!(error.to_string().contains("succeeded"));
}

#[tokio::test]
async fn nothing_listening_is_connection_refused() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);

    let error = client(&base).get("a").await.unwrap_err();

    assert!(
        matches!(
            error,
            ApiError::Connect {
                kind: ConnectFailure::Refused,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains(&base));
    assert!(error.to_string().contains("connection refused"));
}

#[tokio::test]
async fn unresolvable_host_is_dns_failure() {
    // `.invalid` never resolves (RFC 6761), so no request leaves the machine.
    let base = "http://trustui-test.invalid:4445";

    let error = client(base).get("a").await.unwrap_err();

    assert!(
        matches!(
            error,
            ApiError::Connect {
                kind: ConnectFailure::Dns,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("trustui-test.invalid"));
}

#[tokio::test]
async fn garbage_tls_answer_is_tls_failure() {
    let (base, _) = serve(|mut stream| async move {
        let mut hello = [0u8; 512];
        let _ = stream.read(&mut hello).await;
        let _ = stream
            .write_all(b"HTTP/1.1 400 Bad Request\r\n\r\nnot TLS")
            .await;
        let _ = stream.flush().await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    })
    .await;
    let base = base.replacen("http://", "https://", 1);

    let error = client(&base).get("a").await.unwrap_err();

    assert!(
        matches!(
            error,
            ApiError::Connect {
                kind: ConnectFailure::Tls,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains(&base));
}

#[tokio::test]
async fn chunked_body_over_cap_stops_reading() {
    let (base, _) = serve(|mut stream| async move {
        read_request(&mut stream).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b' '; 1024 * 1024];
        let framed = [format!("{:x}\r\n", chunk.len()).into_bytes(), chunk, b"\r\n".to_vec()].concat();
        // 64 MiB at most; the client must stop long before.
        for _ in 0..64 {
            if stream.write_all(&framed).await.is_err() {
                return;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n").await;
    })
    .await;
    let mut config = ClientConfig::new(Url::parse(&base).unwrap());
    config.timeout = Duration::from_secs(20);

    let error = Client::new(config)
        .unwrap()
        .list_all(None)
        .await
        .unwrap_err();

    assert!(
        matches!(error, ApiError::BodyTooLarge { status: 200, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn garbage_response_is_reported() {
    let (base, _) = serve(|mut stream| async move {
        read_request(&mut stream).await;
        let _ = stream.write_all(b"SSH-2.0-OpenSSH_9.6\r\n").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    })
    .await;

    let error = client(&base).get("a").await.unwrap_err();

    assert_eq!(error.status(), None);
    assert!(error.to_string().contains(&base), "{error}");
}

#[tokio::test]
async fn dropping_list_stream_closes_connection() {
    let (closed_tx, closed_rx) = tokio::sync::oneshot::channel::<Duration>();
    let closed_tx = Arc::new(std::sync::Mutex::new(Some(closed_tx)));
    let (base, _) = serve(move |mut stream| {
        let closed_tx = closed_tx.clone();
        async move {
            read_request(&mut stream).await;
            let waiting = Instant::now();
            let mut buffer = [0u8; 64];
            // The client sends nothing more, so a read returns only when it
            // closes the connection.
            let _ = stream.read(&mut buffer).await;
            if let Some(sender) = closed_tx.lock().unwrap().take() {
                let _ = sender.send(waiting.elapsed());
            }
        }
    })
    .await;
    let mut config = ClientConfig::new(Url::parse(&base).unwrap());
    config.timeout = Duration::from_secs(60);
    let client = Client::new(config).unwrap();

    let mut pages = Box::pin(client.list_pages(None));
    let waited = tokio::time::timeout(Duration::from_millis(300), pages.next()).await;
    drop(pages);

    assert!(
        waited.is_err(),
        "the server never answers, yet a page arrived"
    );
    let closed_after = tokio::time::timeout(Duration::from_secs(5), closed_rx).await;
    assert!(
        closed_after.is_ok(),
        "the connection stayed open after the stream was dropped"
    );
}

#[tokio::test]
async fn reset_mid_page_is_fetched_again() {
    let (base, accepted) = serve(|mut stream| async move {
        read_request(&mut stream).await;
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n[";
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.flush().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        let _ = stream.set_zero_linger();
    })
    .await;
    let mut config = ClientConfig::new(Url::parse(&base).unwrap());
    config.timeout = TIMEOUT;
    config.max_retries = 1;

    let error = Client::new(config)
        .unwrap()
        .list_all(None)
        .await
        .unwrap_err();

    assert!(
        matches!(error, ApiError::ConnectionLost { .. }),
        "{error:?}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn listing_reuses_kept_alive_connections() {
    const PAGES: usize = 6;
    let (base, accepted) = serve(|mut stream| async move {
        loop {
            let request = read_request(&mut stream).await;
            if request.is_empty() {
                return;
            }
            let head = String::from_utf8_lossy(&request).into_owned();
            let page: usize = head
                .split("page_token=")
                .nth(1)
                .and_then(|rest| rest.split([' ', '&']).next())
                .and_then(|token| token.parse().ok())
                .unwrap_or(0);
            let body = json!([{
                "id": format!("id-{page}"),
                "issuer": "https://jwt-idp.example.com",
                "subject": "s",
                "allow_any_subject": false,
                "scope": [],
                "public_key": {"set": "https://jwt-idp.example.com", "kid": "k"},
                "created_at": "2026-01-17T09:06:39Z",
                "expires_at": "2027-12-31T23:59:59Z"
            }])
            .to_string();
            let link = if page + 1 < PAGES {
                format!("link: <{ISSUERS}?page_token={}>; rel=\"next\"\r\n", page + 1)
            } else {
                String::new()
            };
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{link}\r\n{body}",
                body.len()
            );
            if stream.write_all(response.as_bytes()).await.is_err() {
                return;
            }
        }
    })
    .await;

    let all = client(&base).list_all(None).await.unwrap();

    assert_eq!(all.len(), PAGES);
    // The next page is requested while the current body is read, which over
    // HTTP/1.1 takes a second connection, and no more.
    assert!(accepted.load(Ordering::SeqCst) <= 2, "{accepted:?}");
}

#[tokio::test]
async fn untrusted_certificate_is_tls_failure() {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![certified.cert.der().clone()], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let (base, _) = serve(move |stream| {
        let acceptor = acceptor.clone();
        async move {
            // The client rejects the certificate, so the handshake fails.
            let _ = acceptor.accept(stream).await;
        }
    })
    .await;
    let base = base.replacen("http://", "https://", 1);

    let error = client(&base).get("a").await.unwrap_err();

    assert!(
        matches!(
            error,
            ApiError::Connect {
                kind: ConnectFailure::Tls,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains(&base));
    assert!(error.to_string().contains("certificate"), "{error}");
}

#[tokio::test]
async fn next_page_requested_before_body_ends() {
    let events: Arc<std::sync::Mutex<Vec<&'static str>>> = Arc::default();
    let log = events.clone();
    let (base, _) = serve(move |mut stream| {
        let log = log.clone();
        async move {
            let request = read_request(&mut stream).await;
            let second = String::from_utf8_lossy(&request).contains("page_token=2");
            let body = if second {
                log.lock().unwrap().push("page 2 requested");
                json!([]).to_string()
            } else {
                json!([{
                    "id": "a",
                    "issuer": "https://jwt-idp.example.com",
                    "subject": "s",
                    "allow_any_subject": false,
                    "scope": [],
                    "public_key": {"set": "https://jwt-idp.example.com", "kid": "k"},
                    "created_at": "2026-01-17T09:06:39Z",
                    "expires_at": "2027-12-31T23:59:59Z"
                }])
                .to_string()
            };
            let link = if second {
                String::new()
            } else {
                format!("link: <{ISSUERS}?page_token=2>; rel=\"next\"\r\n")
            };
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{link}\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.flush().await;
            if !second {
                // Hold the body back long enough for the next request to come.
                tokio::time::sleep(Duration::from_millis(500)).await;
                log.lock().unwrap().push("page 1 body sent");
            }
            let _ = stream.write_all(body.as_bytes()).await;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await;
    let mut config = ClientConfig::new(Url::parse(&base).unwrap());
    config.timeout = Duration::from_secs(5);

    let all = Client::new(config).unwrap().list_all(None).await.unwrap();

    assert_eq!(all.len(), 1);
    assert_eq!(
        *events.lock().unwrap(),
        ["page 2 requested", "page 1 body sent"]
    );
}
