//! The bodies of error responses, in every shape that reaches a client:
//! Hydra's flat OAuth2-style JSON, the nested JSON of Ory's router and Ory
//! Network's edge, and the HTML, plain text or nothing of a proxy.

use serde_json::Value;

/// Maximum length of the excerpt kept from an HTML or plain-text body, in
/// characters.
const EXCERPT_CHARS: usize = 500;

/// An error response body, reduced to what a person needs to read. Text is
/// kept raw, so code that writes it to a terminal sanitizes it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorBody {
    Empty,
    /// Hydra's own errors: `{"error": "...", "error_description": "..."}`,
    /// optionally with Ory's `error_hint` and `error_debug`.
    Flat {
        error: String,
        description: String,
        hint: Option<String>,
    },
    /// `{"error": {"code", "status", "message", "reason", "request", "id", ...}}`,
    /// sent by Ory's router for an unknown route and by Ory Network's edge.
    Nested {
        code: Option<u16>,
        status: Option<String>,
        message: Option<String>,
        reason: Option<String>,
        request_id: Option<String>,
    },
    /// An HTML page, as a proxy or Hydra without `Accept: application/json`
    /// sends: its title, else the start of its text.
    Html {
        excerpt: String,
    },
    /// Anything else: plain text, or JSON of another shape, cut to a few
    /// hundred characters.
    Text {
        excerpt: String,
    },
}

impl ErrorBody {
    /// Returns the server's own message in one line, or `None` for an empty body.
    pub fn message(&self) -> Option<String> {
        match self {
            Self::Empty => None,
            Self::Flat {
                error,
                description,
                hint,
            } => {
                let mut parts = vec![error.as_str()];
                parts.extend([description.as_str(), hint.as_deref().unwrap_or("")]);
                let parts: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
                Some(parts.join(": ")).filter(|m| !m.is_empty())
            }
            Self::Nested {
                status,
                message,
                reason,
                ..
            } => {
                let parts: Vec<&str> = [message, reason, status]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .filter(|p| !p.is_empty())
                    .take(2)
                    .collect();
                Some(parts.join(": ")).filter(|m| !m.is_empty())
            }
            Self::Html { excerpt } | Self::Text { excerpt } => {
                Some(excerpt.clone()).filter(|e| !e.is_empty())
            }
        }
    }

    /// Joins every text the server sent, for matching known messages.
    pub(crate) fn all_text(&self) -> String {
        match self {
            Self::Flat {
                error,
                description,
                hint,
            } => format!("{error} {description} {}", hint.as_deref().unwrap_or("")),
            Self::Nested {
                status,
                message,
                reason,
                ..
            } => [status, message, reason]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
            other => other.message().unwrap_or_default(),
        }
    }
}

/// Parses an error response body of any shape. It never fails, because a
/// body that fits no known shape becomes [`ErrorBody::Text`], and it must not
/// panic, which the property tests and the `error_body` fuzz target check.
pub fn parse_error_body(body: &[u8]) -> ErrorBody {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return ErrorBody::Empty;
    }

    if let Ok(Value::Object(object)) = serde_json::from_str::<Value>(trimmed) {
        match object.get("error") {
            Some(Value::String(error)) => {
                return ErrorBody::Flat {
                    error: error.clone(),
                    description: string_member(&object, "error_description").unwrap_or_default(),
                    hint: string_member(&object, "error_hint").filter(|h| !h.is_empty()),
                };
            }
            Some(Value::Object(nested)) => {
                return ErrorBody::Nested {
                    code: nested
                        .get("code")
                        .and_then(Value::as_u64)
                        .and_then(|c| u16::try_from(c).ok()),
                    status: string_member(nested, "status"),
                    message: string_member(nested, "message"),
                    reason: string_member(nested, "reason"),
                    request_id: string_member(nested, "request")
                        .or_else(|| string_member(nested, "id")),
                };
            }
            _ => {}
        }
    }

    if looks_like_html(trimmed) {
        return ErrorBody::Html {
            excerpt: html_excerpt(trimmed),
        };
    }
    ErrorBody::Text {
        excerpt: excerpt(trimmed),
    }
}

fn string_member(object: &serde_json::Map<String, Value>, name: &str) -> Option<String> {
    object.get(name).and_then(Value::as_str).map(str::to_owned)
}

fn looks_like_html(text: &str) -> bool {
    let start: String = text
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.contains("<body")
}

/// Extracts the `<title>` of a page, else its text without tags.
fn html_excerpt(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    if let Some(start) = lower.find("<title>") {
        let start = start + "<title>".len();
        if let Some(length) = lower[start..].find("</title>") {
            let title = html[start..start + length].trim();
            if !title.is_empty() {
                return excerpt(title);
            }
        }
    }

    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    excerpt(&text)
}

/// Collapses whitespace and keeps the first [`EXCERPT_CHARS`] characters.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() <= EXCERPT_CHARS {
        return joined;
    }
    let mut cut: String = joined.chars().take(EXCERPT_CHARS).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_validation_body_keeps_description() {
        let body = br#"{"error":"missing_required_parameter","error_description":"One of the required parameters is missing. Check your request parameters. Field 'issuer' is required."}"#;

        let parsed = parse_error_body(body);

        assert_eq!(
            parsed.message().as_deref(),
            Some(
                "missing_required_parameter: One of the required parameters is missing. Check your request parameters. Field 'issuer' is required."
            )
        );
    }

    #[test]
    fn flat_body_with_empty_description_keeps_error() {
        let body = br#"{"error":"Unable to locate the resource","error_description":""}"#;

        assert_eq!(
            parse_error_body(body).message().as_deref(),
            Some("Unable to locate the resource")
        );
    }

    #[test]
    fn nested_route_body_keeps_message_and_reason() {
        let body = br#"{"error":{"code":404,"message":"Not Found","reason":"The requested route does not exist. Make sure you are using the right path, domain, and port."}}"#;

        let parsed = parse_error_body(body);

        assert_eq!(
            parsed.message().as_deref(),
            Some(
                "Not Found: The requested route does not exist. Make sure you are using the right path, domain, and port."
            )
        );
        assert!(matches!(
            parsed,
            ErrorBody::Nested {
                code: Some(404),
                ..
            }
        ));
    }

    #[test]
    fn nested_body_keeps_request_id() {
        let body = br#"{"error":{"code":429,"status":"Too Many Requests","request":"req-1","message":"Rate limit exceeded"}}"#;

        let parsed = parse_error_body(body);

        assert!(matches!(
            parsed,
            ErrorBody::Nested { request_id: Some(ref id), .. } if id == "req-1"
        ));
    }

    #[test]
    fn html_body_yields_title() {
        let body = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>";

        assert_eq!(
            parse_error_body(body),
            ErrorBody::Html {
                excerpt: "502 Bad Gateway".to_owned()
            }
        );
    }

    #[test]
    fn html_body_without_title_yields_text() {
        let body = b"<html><body><p>404 page not found</p></body></html>";

        assert_eq!(
            parse_error_body(body).message().as_deref(),
            Some("404 page not found")
        );
    }

    #[test]
    fn plain_text_body_is_kept() {
        assert_eq!(
            parse_error_body(b"upstream connect error\n")
                .message()
                .as_deref(),
            Some("upstream connect error")
        );
    }

    #[test]
    fn whitespace_body_is_empty() {
        assert_eq!(parse_error_body(b" \n"), ErrorBody::Empty);
    }

    #[test]
    fn json_of_other_shape_is_text() {
        assert!(matches!(
            parse_error_body(br#"{"message":"nope"}"#),
            ErrorBody::Text { .. }
        ));
    }

    #[test]
    fn long_text_is_cut() {
        let body = "x".repeat(10_000);

        let message = parse_error_body(body.as_bytes()).message().unwrap();

        assert_eq!(message.chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn invalid_utf8_does_not_fail() {
        assert!(matches!(
            parse_error_body(&[0xff, 0xfe, b'a']),
            ErrorBody::Text { .. }
        ));
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #[test]
            fn parser_never_panics(body in prop::collection::vec(any::<u8>(), 0..2000)) {
                let parsed = parse_error_body(&body);
                let _ = parsed.message();
                let _ = parsed.all_text();
            }

            #[test]
            fn parser_never_panics_on_json_like_text(body in r#"[{}\[\]":,a-z<>/ ]{0,200}"#) {
                let _ = parse_error_body(body.as_bytes());
            }

            #[test]
            fn flat_body_parses_back(error in any::<String>(), description in any::<String>()) {
                let body = serde_json::json!({"error": error, "error_description": description});

                let parsed = parse_error_body(body.to_string().as_bytes());

                prop_assert_eq!(parsed, ErrorBody::Flat { error, description, hint: None });
            }

            #[test]
            fn nested_body_parses_back(
                code in any::<u16>(),
                message in any::<String>(),
                reason in any::<String>(),
            ) {
                let body = serde_json::json!({"error": {"code": code, "message": message, "reason": reason}});

                let parsed = parse_error_body(body.to_string().as_bytes());

                prop_assert_eq!(
                    parsed,
                    ErrorBody::Nested {
                        code: Some(code),
                        status: None,
                        message: Some(message),
                        reason: Some(reason),
                        request_id: None,
                    }
                );
            }
        }
    }
}
