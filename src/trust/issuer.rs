//! The issuer: the `iss` claim Hydra compares byte for byte.

use super::form::{Field, Problem, Severity};
use super::quote::shown;
use crate::api::TrustRelationship;

/// Hydra stores the issuer in a column of at most 255 characters.
pub const MAX_CHARS: usize = 255;

/// Checks the typed issuer and returns it trimmed, unless it cannot be sent.
pub fn check(
    typed: &str,
    existing: &[TrustRelationship],
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let issuer = typed.trim();

    if issuer.is_empty() {
        problems.push(Problem::new(
            Field::Issuer,
            Severity::Error,
            "Issuer is required: enter the `iss` value the identity provider puts in its \
             assertions, such as https://idp.example.com",
        ));
        return None;
    }

    if issuer.len() != typed.len() {
        problems.push(Problem::new(
            Field::Issuer,
            Severity::Notice,
            format!(
                "Issuer: the spaces around it are removed, so `{}` is sent",
                shown(issuer)
            ),
        ));
    }

    let length = issuer.chars().count();
    if length > MAX_CHARS {
        problems.push(Problem::new(
            Field::Issuer,
            Severity::Error,
            format!(
                "Issuer is {length} characters long, but Hydra stores at most {MAX_CHARS}: \
                 check that the right value was pasted"
            ),
        ));
        return None;
    }

    if issuer.chars().any(char::is_control) {
        problems.push(Problem::new(
            Field::Issuer,
            Severity::Error,
            format!(
                "Issuer `{}` contains a control character: an `iss` value is one line of \
                 printable text",
                shown(issuer)
            ),
        ));
        return None;
    }

    if !is_https_url(issuer) {
        problems.push(Problem::new(
            Field::Issuer,
            Severity::Warning,
            format!(
                "Issuer `{}` is not an https URL: an identity provider's issuer usually is, \
                 and it must match the `iss` of its assertions exactly",
                shown(issuer)
            ),
        ));
    }

    warn_near_duplicates(issuer, existing, problems);
    Some(issuer.to_string())
}

fn is_https_url(issuer: &str) -> bool {
    url::Url::parse(issuer).is_ok_and(|url| {
        url.scheme() == "https" && url.host_str().is_some_and(|host| !host.is_empty())
    })
}

/// Warns once for each existing issuer that differs from `issuer` only by a
/// trailing slash or letter case: Hydra treats them as different issuers, so
/// assertions meant for one never match the other.
fn warn_near_duplicates(issuer: &str, existing: &[TrustRelationship], problems: &mut Vec<Problem>) {
    let mut warned: Vec<&str> = Vec::new();

    for other in existing
        .iter()
        .map(|relationship| relationship.issuer.as_str())
    {
        if other == issuer || warned.contains(&other) {
            continue;
        }

        let slash_differs = issuer.trim_end_matches('/') == other.trim_end_matches('/');
        let same_ignoring_case = issuer.to_lowercase() == other.to_lowercase();
        let same_ignoring_both = issuer.trim_end_matches('/').to_lowercase()
            == other.trim_end_matches('/').to_lowercase();

        let difference = if slash_differs {
            "a trailing slash"
        } else if same_ignoring_case {
            "letter case"
        } else if same_ignoring_both {
            "letter case and a trailing slash"
        } else {
            continue;
        };

        warned.push(other);
        problems.push(Problem::new(
            Field::Issuer,
            Severity::Warning,
            format!(
                "Issuer `{}` differs from the existing issuer `{}` only by {difference}: \
                 Hydra compares issuers byte for byte, so check which one the assertions carry",
                shown(issuer),
                shown(other)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relationship(issuer: &str) -> TrustRelationship {
        serde_json::from_value(serde_json::json!({
            "id": "9edc811f-4e28-453c-9b46-4de65f00217f",
            "issuer": issuer,
            "subject": "svc",
            "allow_any_subject": false,
            "scope": ["openid"],
            "public_key": {"set": issuer, "kid": "key-1"},
            "created_at": "2026-01-17T09:06:39Z",
            "expires_at": "2027-12-31T23:59:59Z",
        }))
        .unwrap()
    }

    fn checked(typed: &str, existing: &[&str]) -> (Option<String>, Vec<(Severity, String)>) {
        let existing: Vec<_> = existing.iter().map(|issuer| relationship(issuer)).collect();
        let mut problems = Vec::new();
        let issuer = check(typed, &existing, &mut problems);
        let problems = problems
            .into_iter()
            .map(|problem| (problem.severity, problem.message))
            .collect();
        (issuer, problems)
    }

    #[test]
    fn https_issuer_passes() {
        let (issuer, problems) = checked("https://idp.example.com", &["https://other.example.com"]);
        assert_eq!(issuer.as_deref(), Some("https://idp.example.com"));
        assert_eq!(problems, vec![]);
    }

    #[test]
    fn findings_have_exact_messages() {
        let long = format!("https://{}", "a".repeat(250));
        let cases: Vec<(&str, &[&str], Severity, &str)> = vec![
            (
                " ",
                &[],
                Severity::Error,
                "Issuer is required: enter the `iss` value the identity provider puts in its assertions, such as https://idp.example.com",
            ),
            (
                " https://idp.example.com\t",
                &[],
                Severity::Notice,
                "Issuer: the spaces around it are removed, so `https://idp.example.com` is sent",
            ),
            (
                &long,
                &[],
                Severity::Error,
                "Issuer is 258 characters long, but Hydra stores at most 255: check that the right value was pasted",
            ),
            (
                "https://idp\n.example.com",
                &[],
                Severity::Error,
                "Issuer `https://idp\\n.example.com` contains a control character: an `iss` value is one line of printable text",
            ),
            (
                "token-service",
                &[],
                Severity::Warning,
                "Issuer `token-service` is not an https URL: an identity provider's issuer usually is, and it must match the `iss` of its assertions exactly",
            ),
            (
                "http://idp.example.com",
                &[],
                Severity::Warning,
                "Issuer `http://idp.example.com` is not an https URL: an identity provider's issuer usually is, and it must match the `iss` of its assertions exactly",
            ),
            (
                "https://idp.example.com/",
                &["https://idp.example.com"],
                Severity::Warning,
                "Issuer `https://idp.example.com/` differs from the existing issuer `https://idp.example.com` only by a trailing slash: Hydra compares issuers byte for byte, so check which one the assertions carry",
            ),
            (
                "https://IDP.example.com",
                &["https://idp.example.com"],
                Severity::Warning,
                "Issuer `https://IDP.example.com` differs from the existing issuer `https://idp.example.com` only by letter case: Hydra compares issuers byte for byte, so check which one the assertions carry",
            ),
            (
                "https://IDP.example.com",
                &["https://idp.example.com/", "https://idp.example.com/"],
                Severity::Warning,
                "Issuer `https://IDP.example.com` differs from the existing issuer `https://idp.example.com/` only by letter case and a trailing slash: Hydra compares issuers byte for byte, so check which one the assertions carry",
            ),
        ];

        for (typed, existing, severity, expected) in cases {
            let (_, problems) = checked(typed, existing);
            assert_eq!(
                problems,
                vec![(severity, expected.to_string())],
                "input {typed:?}"
            );
        }
    }
}
