//! One typed error for everything a request can run into.

use std::fmt;
use std::time::Duration;

use super::error_body::ErrorBody;
use super::models::REQUEST_MEMBERS;

/// A failed request, with enough detail to tell a person what to do next. `Display` is that sentence. It keeps the server's words raw, so
/// code that writes it to a terminal sanitizes it first. It never contains the
/// API key, and URLs in it have their user name and password removed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid endpoint {endpoint:?}: {reason}")]
    InvalidEndpoint { endpoint: String, reason: String },

    #[error(
        "refusing to send the API key over plain http:// to {host}: use an https:// endpoint \
         (plain http:// with a key is allowed only for 127.0.0.0/8, ::1 and localhost)"
    )]
    InsecureApiKey { host: String },

    #[error("invalid {what} {value:?}: {reason}")]
    InvalidArgument {
        what: &'static str,
        value: String,
        reason: &'static str,
    },

    #[error("could not set up the HTTP client: {detail}")]
    ClientSetup { detail: String },

    #[error("{}", connect_sentence(*.kind, .url, .detail))]
    Connect {
        url: String,
        kind: ConnectFailure,
        detail: String,
    },

    #[error("{}", timeout_sentence(.method, .url, *.limit, *.sent, *.outcome_unknown))]
    Timeout {
        method: String,
        url: String,
        limit: Duration,
        /// False when the connection itself could not be opened in time.
        sent: bool,
        outcome_unknown: bool,
    },

    #[error("{}", lost_sentence(.method, .url, .detail, *.outcome_unknown))]
    ConnectionLost {
        method: String,
        url: String,
        detail: String,
        outcome_unknown: bool,
    },

    #[error("{0}")]
    Status(Box<StatusError>),

    /// A route 404 for a key whose set (the issuer) contains `/`: Hydra
    /// v2.3.0 decodes `%2F` before routing, so no route matches such a set.
    /// v25.4 and later accept it.
    #[error(
        "the server has no route for the stored key of issuer {set:?} (HTTP 404 at {}): Hydra \
         v2.3.0 cannot read a key whose set, the issuer, contains '/' (v25.4 and later can); \
         the trust relationship itself is unaffected",
        .error.url
    )]
    KeySetUnreachable {
        set: String,
        error: Box<StatusError>,
    },

    #[error(
        "{method} {url} returned a body larger than {} MiB (HTTP {status}); \
         the client stopped reading it: check that the endpoint is a Hydra admin API",
        .limit / (1024 * 1024)
    )]
    BodyTooLarge {
        method: String,
        url: String,
        status: u16,
        limit: usize,
    },

    #[error("{}", invalid_body_sentence(.method, .url, *.status, .detail))]
    InvalidBody {
        method: String,
        url: String,
        status: u16,
        detail: String,
    },

    #[error(
        "{method} {url} was redirected (HTTP {status}) to {location:?}, which the client does not \
         follow because it is another host or one redirect too many: set the endpoint to the \
         final URL"
    )]
    Redirect {
        method: String,
        url: String,
        status: u16,
        location: String,
    },

    #[error(
        "listing at {url} went past {limit} pages, so the client stopped rather than show a \
         partial list: the server keeps sending new page links, or the page size is too small"
    )]
    TooManyPages { url: String, limit: usize },

    #[error(
        "listing at {url} went past {limit} trust relationships, so the client stopped rather \
         than show a partial list: filter by issuer to list fewer"
    )]
    TooManyItems { url: String, limit: usize },
}

/// The reason a connection could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectFailure {
    Refused,
    Dns,
    Tls,
    Other,
}

/// A response with an error status, and the server's error body.
#[derive(Debug)]
pub struct StatusError {
    pub method: String,
    pub url: String,
    pub status: u16,
    pub body: ErrorBody,
    /// The server's `Retry-After`, when it sent one.
    pub retry_after: Option<Duration>,
}

impl ApiError {
    /// Returns the HTTP status, when the server sent a response at all.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Status(error) | Self::KeySetUnreachable { error, .. } => Some(error.status),
            Self::BodyTooLarge { status, .. }
            | Self::InvalidBody { status, .. }
            | Self::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// True for a 404 on an existing route: the relationship does not exist
    /// (maybe already deleted). False for a 404 of an unknown route.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Status(error) if error.status == 404 && !error.is_unknown_route())
    }

    /// True for a 404 whose body is not Hydra's "Unable to locate the
    /// resource": the URL does not lead to a Hydra admin API.
    pub fn is_unknown_route(&self) -> bool {
        match self {
            Self::Status(error) => error.status == 404 && error.is_unknown_route(),
            Self::KeySetUnreachable { .. } => true,
            _ => false,
        }
    }

    /// True for a 409: the (issuer, subject, kid) triple already exists.
    pub fn is_conflict(&self) -> bool {
        matches!(self, Self::Status(error) if error.status == 409)
    }

    /// Returns the request field a server-side validation error concerns: one of
    /// `issuer`, `subject`, `allow_any_subject`, `scope`, `expires_at`, `jwk`.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::Status(error) if error.status == 400 => field_of(&error.body.all_text()),
            _ => None,
        }
    }

    /// Returns true when a create or delete was sent but no response came
    /// back, so the server may or may not have carried it out.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Self::Timeout {
                outcome_unknown, ..
            }
            | Self::ConnectionLost {
                outcome_unknown, ..
            } => *outcome_unknown,
            _ => false,
        }
    }

    /// Returns how long the server asked the client to wait (429 or 503).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Status(error) => error.retry_after,
            _ => None,
        }
    }

    /// Returns the server's own message, when it sent an error body.
    pub fn server_message(&self) -> Option<String> {
        match self {
            Self::Status(error) | Self::KeySetUnreachable { error, .. } => error.body.message(),
            _ => None,
        }
    }
}

impl StatusError {
    pub(crate) fn is_unknown_route(&self) -> bool {
        let text = self.body.all_text();
        // Hydra's store reports "Unable to locate the resource", while Ory's
        // router and proxies return the nested shape or HTML for an unknown path.
        !(text.contains("Unable to locate the resource")
            || text.contains("requested resource could not be found"))
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            method,
            url,
            status,
            body,
            retry_after,
        } = self;
        let said = match body.message() {
            Some(message) => format!("the server said: {message}"),
            None => "the response body was empty".to_owned(),
        };

        match status {
            400 => {
                let advice = match field_of(&body.all_text()) {
                    Some(field) => format!("correct the {field} field and try again"),
                    None if method == "GET" => {
                        "a page token expires after one hour, so reload the list".to_owned()
                    }
                    None => "correct the request and try again".to_owned(),
                };
                write!(
                    f,
                    "{method} {url} was rejected as invalid (HTTP 400), {said}; {advice}"
                )
            }
            401 | 403 => write!(
                f,
                "{method} {url} was refused (HTTP {status}), {said}; check the project API key \
                 (ORY_PROJECT_API_KEY) and that it belongs to this project"
            ),
            404 if self.is_unknown_route() => write!(
                f,
                "{url} does not look like a Hydra admin API (HTTP 404 for an unknown route), \
                 {said}; check that the endpoint names the admin port (4445 by default, not the \
                 public port 4444) and has no /admin suffix, which the client adds itself"
            ),
            404 => write!(
                f,
                "{method} {url}: not found (HTTP 404), maybe already deleted; {said}"
            ),
            409 => write!(
                f,
                "{method} {url} conflicts with an existing trust relationship (HTTP 409), {said}; \
                 a relationship is unique by issuer, subject and kid, so delete the existing one \
                 or use another kid"
            ),
            429 => {
                let wait = match retry_after {
                    Some(wait) => format!("retry after {} s", wait.as_secs().max(1)),
                    None => "wait a little and retry".to_owned(),
                };
                write!(
                    f,
                    "{method} {url} was rate limited (HTTP 429), {said}; {wait}"
                )
            }
            500..=599 => write!(
                f,
                "{method} {url} failed on the server side (HTTP {status}), {said}; try again \
                 later, and check the server's logs if it persists"
            ),
            _ => write!(f, "{method} {url} failed (HTTP {status}), {said}"),
        }
    }
}

/// Maps a validation message to the request field it concerns: Hydra's five
/// validator messages, go-jose's JWK parse errors and Go's time-parse errors
/// (which name no field).
fn field_of(text: &str) -> Option<&'static str> {
    const MESSAGES: [(&str, &str); 5] = [
        ("Field 'issuer' is required", "issuer"),
        (
            "One of 'subject' or 'allow_any_subject' field must be set",
            "subject",
        ),
        (
            "Both 'subject' and 'allow_any_subject' fields cannot be set",
            "allow_any_subject",
        ),
        ("Field 'expires_at' is required", "expires_at"),
        ("Field 'jwk' must contain JWK", "jwk"),
    ];
    if let Some((_, field)) = MESSAGES.iter().find(|(message, _)| text.contains(message)) {
        return Some(field);
    }

    if text.contains("go-jose") || text.contains("square/go-jose") {
        return Some("jwk");
    }
    if text.contains("parsing time") {
        return Some("expires_at");
    }
    // encoding/json type errors name the Go struct field, such as
    // "cannot unmarshal number into Go struct field ....scope of type []string".
    let after = text.split("Go struct field ").nth(1)?;
    let path = after.split_whitespace().next()?;
    let member = path.split('.').nth(1)?;
    REQUEST_MEMBERS.into_iter().find(|field| *field == member)
}

fn connect_sentence(kind: ConnectFailure, url: &str, detail: &str) -> String {
    match kind {
        ConnectFailure::Refused => format!(
            "could not connect to {url}: connection refused; check that Hydra is running and \
             that the endpoint names its admin port"
        ),
        ConnectFailure::Dns => format!(
            "could not resolve the host of {url} ({detail}); check the host name of the endpoint"
        ),
        ConnectFailure::Tls => format!(
            "the TLS handshake with {url} failed ({detail}); check the server's certificate, \
             or whether the endpoint should be plain http://"
        ),
        ConnectFailure::Other => format!("could not connect to {url} ({detail})"),
    }
}

fn timeout_sentence(
    method: &str,
    url: &str,
    limit: Duration,
    sent: bool,
    outcome_unknown: bool,
) -> String {
    let seconds = limit.as_secs_f64();
    if !sent {
        format!(
            "connecting to {url} timed out after {seconds} s; check the host, the port and any \
             firewall in between"
        )
    } else if outcome_unknown {
        format!(
            "{method} {url} was sent but got no answer within {seconds} s, so the server may or \
             may not have carried it out; reload the list to see"
        )
    } else {
        format!(
            "{method} {url} got no complete answer within {seconds} s; retry, or allow more \
             time with --timeout"
        )
    }
}

fn lost_sentence(method: &str, url: &str, detail: &str, outcome_unknown: bool) -> String {
    if outcome_unknown {
        format!(
            "the connection for {method} {url} was lost after the request was sent ({detail}), \
             so the server may or may not have carried it out; reload the list to see"
        )
    } else {
        format!("the connection for {method} {url} was lost ({detail}); retry")
    }
}

fn invalid_body_sentence(method: &str, url: &str, status: u16, detail: &str) -> String {
    if (200..300).contains(&status) && method != "GET" {
        format!(
            "{method} {url} succeeded (HTTP {status}) but its response could not be read \
             ({detail}); reload the list to see the result"
        )
    } else {
        format!(
            "{method} {url} returned a response that could not be read (HTTP {status}, \
             {detail}); check that the endpoint is a Hydra admin API"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_error_body;

    fn status_error(status: u16, body: &str) -> ApiError {
        ApiError::Status(Box::new(StatusError {
            method: "POST".to_owned(),
            url: "http://127.0.0.1:4445/admin/trust/grants/jwt-bearer/issuers".to_owned(),
            status,
            body: parse_error_body(body.as_bytes()),
            retry_after: None,
        }))
    }

    fn validation(description: &str) -> ApiError {
        let body = serde_json::json!({"error": "missing_required_parameter", "error_description": description});
        status_error(400, &body.to_string())
    }

    #[test]
    fn issuer_message_maps_to_issuer() {
        let error = validation(
            "One of the required parameters is missing. Check your request parameters. Field 'issuer' is required.",
        );

        assert_eq!(error.field(), Some("issuer"));
    }

    #[test]
    fn subject_message_maps_to_subject() {
        let error = validation(
            "One of the required parameters is missing. Check your request parameters. One of 'subject' or 'allow_any_subject' field must be set.",
        );

        assert_eq!(error.field(), Some("subject"));
    }

    #[test]
    fn both_message_maps_to_allow_any_subject() {
        let error = validation(
            "Both 'subject' and 'allow_any_subject' fields cannot be set at the same time.",
        );

        assert_eq!(error.field(), Some("allow_any_subject"));
    }

    #[test]
    fn expires_at_message_maps_to_expires_at() {
        let error = validation("Field 'expires_at' is required.");

        assert_eq!(error.field(), Some("expires_at"));
    }

    #[test]
    fn kid_message_maps_to_jwk() {
        let error = validation("Field 'jwk' must contain JWK with kid header.");

        assert_eq!(error.field(), Some("jwk"));
    }

    #[test]
    fn go_jose_message_maps_to_jwk() {
        let error = status_error(
            400,
            r#"{"error":"error","error_description":"go-jose/go-jose: unknown json web key type 'foo'"}"#,
        );

        assert_eq!(error.field(), Some("jwk"));
    }

    #[test]
    fn time_parse_message_maps_to_expires_at() {
        let error = status_error(
            400,
            r#"{"error":"error","error_description":"parsing time '2027-13-01' as '2006-01-02T15:04:05Z07:00': cannot parse '' as 'T'"}"#,
        );

        assert_eq!(error.field(), Some("expires_at"));
    }

    #[test]
    fn json_type_message_maps_to_named_field() {
        let error = status_error(
            400,
            r#"{"error":"error","error_description":"json: cannot unmarshal number into Go struct field createGrantRequestBody.scope of type []string"}"#,
        );

        assert_eq!(error.field(), Some("scope"));
    }

    #[test]
    fn resource_404_is_not_found() {
        let error = status_error(
            404,
            r#"{"error":"Unable to locate the resource","error_description":""}"#,
        );

        assert!(error.is_not_found());
        assert!(!error.is_unknown_route());
    }

    #[test]
    fn nested_404_is_unknown_route() {
        let error = status_error(
            404,
            r#"{"error":{"code":404,"message":"Not Found","reason":"The requested route does not exist."}}"#,
        );

        assert!(error.is_unknown_route());
        assert!(!error.is_not_found());
        assert!(
            error
                .to_string()
                .contains("does not look like a Hydra admin API")
        );
    }

    #[test]
    fn unknown_route_suggests_admin_port() {
        let error = status_error(404, "<html><body>404 page not found</body></html>");

        assert!(error.to_string().contains("admin port (4445"), "{error}");
        assert!(error.to_string().contains("no /admin suffix"), "{error}");
    }

    #[test]
    fn html_404_is_unknown_route() {
        let error = status_error(404, "<html><body>404 page not found</body></html>");

        assert!(error.is_unknown_route());
    }

    #[test]
    fn conflict_message_explains_uniqueness() {
        let error = status_error(
            409,
            r#"{"error":"Unable to insert or update resource because a resource with that value exists already","error_description":""}"#,
        );

        assert!(error.is_conflict());
        assert!(
            error
                .to_string()
                .contains("unique by issuer, subject and kid")
        );
        assert!(error.to_string().contains("exists already"));
    }

    #[test]
    fn status_error_keeps_status() {
        assert_eq!(status_error(502, "").status(), Some(502));
    }

    #[test]
    fn empty_body_is_named_in_message() {
        assert!(
            status_error(502, "")
                .to_string()
                .contains("the response body was empty")
        );
    }

    #[test]
    fn post_timeout_after_sending_is_outcome_unknown() {
        let error = ApiError::Timeout {
            method: "POST".to_owned(),
            url: "http://127.0.0.1:1/x".to_owned(),
            limit: Duration::from_secs(1),
            sent: true,
            outcome_unknown: true,
        };

        assert!(error.outcome_unknown());
        assert!(error.to_string().contains("may or may not"));
    }
}
