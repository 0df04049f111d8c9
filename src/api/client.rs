//! The HTTP client for the trust endpoints and the stored-key read.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::{Stream, TryStreamExt};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use url::{Host, Url};

use super::error::{ConnectFailure, StatusError};
use super::error_body::parse_error_body;
use super::pagination::Lister;
use super::retry;
use super::{ApiError, ClientConfig, CreateRequest, JwkSet, TrustRelationship};

/// Largest response body the client reads; a longer body is an error, and is
/// never buffered past this size.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Path of the trust relationships, below the endpoint's own path.
pub(crate) const ISSUERS_PATH: [&str; 5] = ["admin", "trust", "grants", "jwt-bearer", "issuers"];

/// Redirects followed within the endpoint's origin before giving up.
const MAX_REDIRECTS: usize = 5;

/// Characters kept as they are in a path segment: RFC 3986's unreserved set.
/// Everything else, `/` and `:` of an issuer URL included, is percent-encoded
/// so that an issuer or kid stays one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A cheap-to-clone handle on one connection pool; every request of a run goes
/// through one `Client`, so connections are kept alive and reused.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: ClientConfig,
    http: reqwest::Client,
}

impl Client {
    /// Checks the configuration and builds the connection pool. Fails on an
    /// endpoint that is not a plain http(s) base URL, and on an API key that
    /// would travel over plain http:// to a host other than loopback.
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        check_endpoint(&config.endpoint)?;
        if config.api_key.is_some() && config.endpoint.scheme() == "http" {
            let host = config.endpoint.host();
            if !host.as_ref().is_some_and(is_loopback) {
                return Err(ApiError::InsecureApiKey {
                    host: config.endpoint.host_str().unwrap_or_default().to_owned(),
                });
            }
        }

        let mut headers = HeaderMap::new();
        // Hydra's router returns JSON instead of HTML for an unknown route
        // when the request accepts JSON.
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(key) = &config.api_key {
            let mut value =
                HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| {
                    ApiError::InvalidArgument {
                        what: "API key",
                        value: "<redacted>".to_owned(),
                        reason: "it contains characters that an HTTP header cannot carry",
                    }
                })?;
            value.set_sensitive(true);
            headers.insert(header::AUTHORIZATION, value);
        }

        let mut builder = reqwest::Client::builder()
            .default_headers(headers)
            .user_agent(concat!("trustui/", env!("CARGO_PKG_VERSION")))
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .tcp_keepalive(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::custom(follow_same_origin));
        if config.endpoint.scheme() == "http" {
            // The default verifier reads every root certificate of the system
            // (hundreds of files on Debian), which delays the TUI's first frame
            // by milliseconds. A plain http:// endpoint never needs them:
            // redirects stay on the endpoint's origin, scheme included.
            builder = builder.tls_certs_only(std::iter::empty::<reqwest::Certificate>());
        }
        let http = builder.build().map_err(|error| ApiError::ClientSetup {
            detail: error_chain(&error),
        })?;

        Ok(Self {
            inner: Arc::new(Inner { config, http }),
        })
    }

    pub fn endpoint(&self) -> &Url {
        &self.inner.config.endpoint
    }

    /// Streams every relationship, one page at a time, as pages arrive.
    /// Items are de-duplicated by `id` across pages, and a page that brings
    /// nothing new is not yielded, so an empty listing yields no page at all.
    /// The next page is requested as soon as the current page's headers
    /// arrive. Dropping the stream cancels any request in flight.
    pub fn list_pages(
        &self,
        issuer: Option<String>,
    ) -> impl Stream<Item = Result<Vec<TrustRelationship>, ApiError>> + Send + 'static {
        let lister = Lister::new(self.clone(), issuer);
        futures::stream::unfold(lister, |mut lister| async move {
            let page = lister.next_page().await?;
            Some((page, lister))
        })
    }

    /// Fetches every page and returns all relationships.
    pub async fn list_all(
        &self,
        issuer: Option<String>,
    ) -> Result<Vec<TrustRelationship>, ApiError> {
        let pages: Vec<Vec<TrustRelationship>> = self.list_pages(issuer).try_collect().await?;
        Ok(pages.into_iter().flatten().collect())
    }

    /// Reads one relationship by its id.
    pub async fn get(&self, id: &str) -> Result<TrustRelationship, ApiError> {
        let url = self.url(&ISSUERS_PATH, &[check_segment("id", id)?]);
        self.send_json(Method::GET, url, None).await
    }

    /// Creates a relationship. It is sent once and never retried, because a
    /// repeat could create it twice or turn a success into a 409.
    pub async fn create(&self, request: &CreateRequest) -> Result<TrustRelationship, ApiError> {
        let body = serde_json::to_vec(request).map_err(|error| ApiError::InvalidArgument {
            what: "create request",
            value: error.to_string(),
            reason: "it could not be written as JSON",
        })?;
        let url = self.url(&ISSUERS_PATH, &[]);
        self.send_json(Method::POST, url, Some(body)).await
    }

    /// Deletes a relationship, and with it Hydra's stored key. Sent once and
    /// never retried.
    pub async fn delete(&self, id: &str) -> Result<(), ApiError> {
        let url = self.url(&ISSUERS_PATH, &[check_segment("id", id)?]);
        self.fetch(&Method::DELETE, &url, None).await?;
        Ok(())
    }

    /// Reads the stored public key of a relationship: `GET /admin/keys/{set}/{kid}`,
    /// with `set` (the issuer) and `kid` each percent-encoded as one path segment.
    pub async fn key(&self, set: &str, kid: &str) -> Result<JwkSet, ApiError> {
        let segments = [check_segment("key set", set)?, check_segment("kid", kid)?];
        let url = self.url(&["admin", "keys"], &segments);
        match self.send_json(Method::GET, url, None).await {
            Err(ApiError::Status(error))
                if error.status == 404 && error.is_unknown_route() && set.contains('/') =>
            {
                Err(ApiError::KeySetUnreachable {
                    set: set.to_owned(),
                    error,
                })
            }
            other => other,
        }
    }

    pub(crate) fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// Builds `endpoint + fixed + values`, keeping the endpoint's own path as
    /// a prefix and encoding each value as exactly one segment.
    pub(crate) fn url(&self, fixed: &[&str], values: &[&str]) -> Url {
        let mut url = self.inner.config.endpoint.clone();
        let mut path = url.path().trim_end_matches('/').to_owned();
        for segment in fixed {
            path.push('/');
            path.push_str(segment);
        }
        for value in values {
            path.push('/');
            path.extend(utf8_percent_encode(value, SEGMENT));
        }
        url.set_path(&path);
        url
    }

    /// Sends a request and parses the JSON body of its success response.
    async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
    ) -> Result<T, ApiError> {
        let (status, bytes) = self.fetch(&method, &url, body).await?;
        serde_json::from_slice(&bytes).map_err(|error| ApiError::InvalidBody {
            method: method.to_string(),
            url: display_url(&url),
            status,
            detail: format!("invalid JSON: {error}"),
        })
    }

    /// Sends a request and reads its whole success body, retrying a GET
    /// whose connection is lost halfway through the body as well.
    async fn fetch(
        &self,
        method: &Method,
        url: &Url,
        body: Option<Vec<u8>>,
    ) -> Result<(u16, Vec<u8>), ApiError> {
        self.fetch_with_retries(method, url, body, self.max_retries(method))
            .await
    }

    /// [`Client::fetch`] with at most `max_retries` retries.
    pub(crate) async fn fetch_with_retries(
        &self,
        method: &Method,
        url: &Url,
        body: Option<Vec<u8>>,
        max_retries: u32,
    ) -> Result<(u16, Vec<u8>), ApiError> {
        let body = &body;
        self.with_retries(method, url, max_retries, |retries| async move {
            let response = self
                .request_head(method, url, body.clone(), retries)
                .await?;
            let status = response.status().as_u16();
            let bytes = self.read_body(response, method, url, status).await?;
            Ok((status, bytes))
        })
        .await
    }

    /// Sends a request and returns its success response as soon as the
    /// headers arrive, with the body still to be read.
    pub(crate) async fn send(
        &self,
        method: &Method,
        url: Url,
        body: Option<Vec<u8>>,
    ) -> Result<Response, ApiError> {
        self.with_retries(method, &url, self.max_retries(method), |retries| {
            self.request_head(method, &url, body.clone(), retries)
        })
        .await
    }

    /// Retries allowed for `method`: only GET is retried, because a repeated
    /// create or delete could act twice or turn a success into an error.
    pub(crate) fn max_retries(&self, method: &Method) -> u32 {
        if method == Method::GET {
            self.inner.config.max_retries
        } else {
            0
        }
    }

    /// Runs `attempt` until it succeeds, fails in a way not worth retrying
    /// (see [`retry::delay_before_retry`]), or has been retried `max_retries`
    /// times. `attempt` gets the number of retries made so far.
    async fn with_retries<T, F, Fut>(
        &self,
        method: &Method,
        url: &Url,
        max_retries: u32,
        mut attempt: F,
    ) -> Result<T, ApiError>
    where
        F: FnMut(u32) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let mut retries = 0;

        loop {
            let error = match attempt(retries).await {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };

            let delay = match retry::delay_before_retry(&error, retries) {
                Some(delay) if retries < max_retries => delay,
                _ => return Err(error),
            };
            retries += 1;
            tracing::info!(
                method = %method,
                path = %url.path(),
                retry = retries,
                delay_ms = delay.as_millis() as u64,
                error = %error,
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// Sends a request once and logs it. A response with an error status
    /// becomes an [`ApiError`] with the server's body.
    async fn request_head(
        &self,
        method: &Method,
        url: &Url,
        body: Option<Vec<u8>>,
        retries: u32,
    ) -> Result<Response, ApiError> {
        let started = Instant::now();
        let outcome = self.send_once(method, url, body).await;
        let duration_ms = started.elapsed().as_millis() as u64;

        match outcome {
            Ok(response) if response.status().is_success() => {
                tracing::info!(
                    method = %method,
                    path = %url.path(),
                    status = response.status().as_u16(),
                    duration_ms,
                    retries,
                    "request"
                );
                Ok(response)
            }
            Ok(response) => {
                tracing::warn!(
                    method = %method,
                    path = %url.path(),
                    status = response.status().as_u16(),
                    duration_ms,
                    retries,
                    "request failed"
                );
                Err(self.status_error(response, method, url).await)
            }
            Err(error) => {
                tracing::warn!(
                    method = %method,
                    path = %url.path(),
                    duration_ms,
                    retries,
                    error = %error,
                    "request failed without a response"
                );
                Err(error)
            }
        }
    }

    async fn send_once(
        &self,
        method: &Method,
        url: &Url,
        body: Option<Vec<u8>>,
    ) -> Result<Response, ApiError> {
        let mut request = self.inner.http.request(method.clone(), url.clone());
        if let Some(body) = body {
            request = request
                .header(header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        request
            .send()
            .await
            .map_err(|error| self.transport_error(&error, method, url, false))
    }

    /// Turns an error response into an [`ApiError`], reading its body up to
    /// the size cap.
    async fn status_error(&self, response: Response, method: &Method, url: &Url) -> ApiError {
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get(header::LOCATION)
                .and_then(|value| value.to_str().ok())
                .unwrap_or("")
                .to_owned();
            return ApiError::Redirect {
                method: method.to_string(),
                url: display_url(url),
                status: status.as_u16(),
                location,
            };
        }

        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| retry::parse_retry_after(value, jiff::Timestamp::now()));
        let body = match self.read_body(response, method, url, status.as_u16()).await {
            Ok(bytes) => parse_error_body(&bytes),
            Err(error) => return error,
        };
        ApiError::Status(Box::new(StatusError {
            method: method.to_string(),
            url: display_url(url),
            status: status.as_u16(),
            body,
            retry_after,
        }))
    }

    /// Reads a whole body in chunks, failing as soon as it passes
    /// [`MAX_BODY_BYTES`] rather than buffering it.
    pub(crate) async fn read_body(
        &self,
        mut response: Response,
        method: &Method,
        url: &Url,
        status: u16,
    ) -> Result<Vec<u8>, ApiError> {
        let too_large = || ApiError::BodyTooLarge {
            method: method.to_string(),
            url: display_url(url),
            status,
            limit: MAX_BODY_BYTES,
        };
        if response
            .content_length()
            .is_some_and(|length| length > MAX_BODY_BYTES as u64)
        {
            return Err(too_large());
        }

        let mut body = Vec::new();
        loop {
            let chunk = response
                .chunk()
                .await
                .map_err(|error| self.body_error(&error, method, url, status))?;
            let Some(chunk) = chunk else {
                return Ok(body);
            };
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
    }

    /// Classifies an error while reading the body of a response whose status
    /// arrived. That status shows the outcome of a create or delete, so a
    /// cut-off success body is `InvalidBody`. For a GET the connection counts
    /// as lost, which a retry may mend.
    fn body_error(
        &self,
        error: &reqwest::Error,
        method: &Method,
        url: &Url,
        status: u16,
    ) -> ApiError {
        if method == Method::GET || !StatusCode::from_u16(status).is_ok_and(|s| s.is_success()) {
            return self.transport_error(error, method, url, true);
        }
        ApiError::InvalidBody {
            method: method.to_string(),
            url: display_url(url),
            status,
            detail: format!("the body was cut off: {}", error_chain(error)),
        }
    }

    /// Classifies an error of the transport. `answered` is true once the
    /// response status arrived, after which nothing is left unknown.
    fn transport_error(
        &self,
        error: &reqwest::Error,
        method: &Method,
        url: &Url,
        answered: bool,
    ) -> ApiError {
        let config = &self.inner.config;
        let shown_url = display_url(url);
        let detail = error_chain(error);
        let may_have_run = !answered && method != Method::GET && !error.is_connect();

        if error.is_timeout() {
            let connecting = error.is_connect();
            return ApiError::Timeout {
                method: method.to_string(),
                url: shown_url,
                limit: if connecting {
                    config.connect_timeout
                } else {
                    config.timeout
                },
                sent: !connecting,
                outcome_unknown: may_have_run,
            };
        }
        if error.is_connect() {
            return ApiError::Connect {
                url: shown_url,
                kind: connect_failure(error),
                detail,
            };
        }
        ApiError::ConnectionLost {
            method: method.to_string(),
            url: shown_url,
            detail,
            outcome_unknown: may_have_run,
        }
    }
}

/// Formats a URL for errors and logs, without its user name or password.
pub(crate) fn display_url(url: &Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}

/// Checks that `endpoint` can be the base URL of the admin API: http or
/// https, with a host, and without a query or fragment.
pub fn check_endpoint(endpoint: &Url) -> Result<(), ApiError> {
    let invalid = |reason: &str| ApiError::InvalidEndpoint {
        endpoint: display_url(endpoint),
        reason: reason.to_owned(),
    };
    if !matches!(endpoint.scheme(), "http" | "https") {
        return Err(invalid(
            "only http:// and https:// are supported, such as http://127.0.0.1:4445",
        ));
    }
    if endpoint.host().is_none() || endpoint.cannot_be_a_base() {
        return Err(invalid("it has no host"));
    }
    if endpoint.query().is_some() {
        return Err(invalid(
            "it has a query (?...); give the base URL of the admin API only",
        ));
    }
    if endpoint.fragment().is_some() {
        return Err(invalid(
            "it has a fragment (#...); give the base URL of the admin API only",
        ));
    }
    Ok(())
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(address) => address.is_loopback(),
        Host::Ipv6(address) => address.is_loopback(),
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
    }
}

/// Rejects a value that cannot be one path segment: an empty id would
/// address the list, and `.` or `..` would be folded away by URL parsing.
fn check_segment<'a>(what: &'static str, value: &'a str) -> Result<&'a str, ApiError> {
    let reason = match value {
        "" => "it is empty",
        "." | ".." => "it cannot be a path segment",
        _ => return Ok(value),
    };
    Err(ApiError::InvalidArgument {
        what,
        value: value.to_owned(),
        reason,
    })
}

/// Follows a redirect only within the endpoint's origin, so that the API key
/// and request bodies never go to another host.
fn follow_same_origin(attempt: reqwest::redirect::Attempt<'_>) -> reqwest::redirect::Action {
    let Some(first) = attempt.previous().first() else {
        return attempt.stop();
    };
    if attempt.previous().len() > MAX_REDIRECTS || attempt.url().origin() != first.origin() {
        return attempt.stop();
    }
    attempt.follow()
}

fn connect_failure(error: &reqwest::Error) -> ConnectFailure {
    if error.is_dns() {
        return ConnectFailure::Dns;
    }

    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if let Some(io) = current.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
        {
            return ConnectFailure::Refused;
        }
        let text = current.to_string().to_ascii_lowercase();
        if text.contains("dns error") || text.contains("failed to lookup address") {
            return ConnectFailure::Dns;
        }
        if ["certificate", "tls", "handshake", "corrupt message"]
            .iter()
            .any(|word| text.contains(word))
        {
            return ConnectFailure::Tls;
        }
        source = current.source();
    }
    ConnectFailure::Other
}

/// Joins the causes of a reqwest error, leaving out its top line, which
/// repeats the URL. reqwest puts no header, so no API key, in these messages.
fn error_chain(error: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut source = std::error::Error::source(error);
    while let Some(current) = source {
        let text = current.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        source = current.source();
    }
    if parts.is_empty() {
        let mut text = error.to_string();
        if let Some(url) = error.url() {
            text = text.replace(url.as_str(), &display_url(url));
        }
        return text;
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiKey;

    fn client(endpoint: &str) -> Client {
        Client::new(ClientConfig::new(Url::parse(endpoint).unwrap())).unwrap()
    }

    #[test]
    fn url_without_trailing_slash_appends_path() {
        let url = client("http://127.0.0.1:4445").url(&ISSUERS_PATH, &[]);

        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:4445/admin/trust/grants/jwt-bearer/issuers"
        );
    }

    #[test]
    fn url_with_prefix_keeps_prefix() {
        let url = client("https://ops.example.com/hydra/").url(&ISSUERS_PATH, &["abc"]);

        assert_eq!(
            url.as_str(),
            "https://ops.example.com/hydra/admin/trust/grants/jwt-bearer/issuers/abc"
        );
    }

    #[test]
    fn issuer_url_is_one_segment() {
        let url = client("http://127.0.0.1:4445").url(
            &["admin", "keys"],
            &["https://idp.example.com/a b", "key-1"],
        );

        assert_eq!(
            url.path(),
            "/admin/keys/https%3A%2F%2Fidp.example.com%2Fa%20b/key-1"
        );
    }

    #[test]
    fn endpoint_with_query_is_rejected() {
        let config = ClientConfig::new(Url::parse("http://127.0.0.1:4445/?x=1").unwrap());

        let error = Client::new(config).unwrap_err();

        assert!(matches!(error, ApiError::InvalidEndpoint { .. }));
    }

    #[test]
    fn endpoint_with_fragment_is_rejected() {
        let config = ClientConfig::new(Url::parse("http://127.0.0.1:4445/#top").unwrap());

        assert!(matches!(
            Client::new(config).unwrap_err(),
            ApiError::InvalidEndpoint { .. }
        ));
    }

    #[test]
    fn endpoint_with_other_scheme_is_rejected() {
        let config = ClientConfig::new(Url::parse("ftp://127.0.0.1/").unwrap());

        assert!(matches!(
            Client::new(config).unwrap_err(),
            ApiError::InvalidEndpoint { .. }
        ));
    }

    #[test]
    fn api_key_to_remote_http_rejected() {
        let mut config = ClientConfig::new(Url::parse("http://hydra.example.com:4445").unwrap());
        config.api_key = Some(ApiKey::new("ory_pat_secret"));

        let error = Client::new(config).unwrap_err();

        assert!(matches!(error, ApiError::InsecureApiKey { .. }));
        assert!(!error.to_string().contains("ory_pat_secret"));
    }

    #[test]
    fn api_key_to_loopback_http_accepted() {
        for endpoint in [
            "http://127.0.0.2:4445",
            "http://[::1]:4445",
            "http://LOCALHOST:4445",
        ] {
            let mut config = ClientConfig::new(Url::parse(endpoint).unwrap());
            config.api_key = Some(ApiKey::new("ory_pat_secret"));

            assert!(Client::new(config).is_ok(), "{endpoint}");
        }
    }

    #[test]
    fn empty_id_is_rejected() {
        assert!(matches!(
            check_segment("id", ""),
            Err(ApiError::InvalidArgument { .. })
        ));
    }

    #[test]
    fn dot_dot_id_is_rejected() {
        assert!(matches!(
            check_segment("id", ".."),
            Err(ApiError::InvalidArgument { .. })
        ));
    }

    #[test]
    fn displayed_url_drops_password() {
        let url = Url::parse("https://user:hunter2@ops.example.com/hydra").unwrap();

        assert_eq!(display_url(&url), "https://ops.example.com/hydra");
    }
}
