//! Server-side validation errors, placed next to the field they concern.

use super::form::{Field, Problem, Severity};
use crate::sanitize::for_terminal;

/// Maps a request field name, as `ApiError::field` returns it, to the form
/// field.
pub fn field_from_name(name: &str) -> Option<Field> {
    match name {
        "issuer" => Some(Field::Issuer),
        "subject" => Some(Field::Subject),
        "allow_any_subject" => Some(Field::AnySubject),
        "scope" => Some(Field::Scope),
        "expires_at" => Some(Field::ExpiresAt),
        "jwk" => Some(Field::Jwk),
        _ => None,
    }
}

/// Turns a server's validation message into a problem on the field it
/// concerns, with the server's words kept and made safe for a terminal.
///
/// `field` is the field name the API error reports. Without one, the field
/// is recognized from Hydra's parser messages, which name no field: go-jose
/// errors concern the JWK and Go time-parse errors the expiry. Returns
/// `None` when no field can be recognized, so that the caller shows the message on
/// the status line instead.
pub fn problem_from_server(field: Option<&str>, message: &str) -> Option<Problem> {
    let field = match field {
        Some(name) => field_from_name(name)?,
        None => field_from_message(message)?,
    };

    Some(Problem::new(
        field,
        Severity::Error,
        format!(
            "Hydra rejected the {}: {}",
            label(field),
            for_terminal(message.trim())
        ),
    ))
}

fn field_from_message(message: &str) -> Option<Field> {
    let lowercase = message.to_lowercase();
    if lowercase.contains("go-jose") || lowercase.contains("json web key") {
        Some(Field::Jwk)
    } else if lowercase.contains("parsing time") {
        Some(Field::ExpiresAt)
    } else {
        None
    }
}

fn label(field: Field) -> &'static str {
    match field {
        Field::Issuer => "issuer",
        Field::Subject => "subject",
        Field::AnySubject => "choice of any subject",
        Field::Scope => "scope",
        Field::ExpiresAt => "expiry",
        Field::Jwk => "JWK",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_field_gets_the_message() {
        let problem = problem_from_server(
            Some("expires_at"),
            "One of the required parameters is missing. Field 'expires_at' is required.",
        )
        .unwrap();
        assert_eq!(problem.field, Field::ExpiresAt);
        assert_eq!(
            problem.message,
            "Hydra rejected the expiry: One of the required parameters is missing. Field 'expires_at' is required."
        );
    }

    #[test]
    fn go_jose_message_points_at_jwk() {
        let problem =
            problem_from_server(None, "go-jose/go-jose: unknown json web key type 'foo'").unwrap();
        assert_eq!(problem.field, Field::Jwk);
    }

    #[test]
    fn time_parse_message_points_at_expiry() {
        let problem = problem_from_server(
            None,
            "parsing time \"x\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"x\" as \"2006\"",
        )
        .unwrap();
        assert_eq!(problem.field, Field::ExpiresAt);
    }

    #[test]
    fn unknown_field_gives_none() {
        assert_eq!(
            problem_from_server(None, "The error is unrecognizable"),
            None
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        let problem = problem_from_server(Some("issuer"), "bad\u{1b}[31m").unwrap();
        assert_eq!(problem.message, "Hydra rejected the issuer: bad\\u{1b}[31m");
    }
}
