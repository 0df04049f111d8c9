//! Table output of relationships and keys. Every server string passes
//! through `sanitize::for_terminal` before it is measured or printed.

use jiff::Timestamp;

use crate::api::{Jwk, TrustRelationship};
use crate::sanitize::for_terminal;
use crate::trust::expiry_state::{ExpiryState, relative};
use crate::trust::jwk::summarize;
use crate::trust::subject::shown_subject;

use super::table::{self, Column, MAX_WIDTH};

/// Number of id characters the list shows; `get`, `key` and `delete` accept
/// such a prefix.
pub const SHORT_ID_LENGTH: usize = 8;

/// Members that only a private or symmetric key has.
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

const LABEL_WIDTH: usize = 12;

const LIST_COLUMNS: [Column; 6] = [
    Column {
        heading: "ID",
        min_width: SHORT_ID_LENGTH,
        grows_first: false,
    },
    Column {
        heading: "ISSUER",
        min_width: 12,
        grows_first: true,
    },
    Column {
        heading: "SUBJECT",
        min_width: 10,
        grows_first: false,
    },
    Column {
        heading: "SCOPE",
        min_width: 6,
        grows_first: false,
    },
    Column {
        heading: "STATE",
        min_width: 12,
        grows_first: false,
    },
    Column {
        heading: "EXPIRES",
        min_width: 8,
        grows_first: false,
    },
];

/// Formats the list table in at most `width` cells a line: one row per
/// relationship, in the given order, with the expiry state in words and as a
/// relative time. The issuer gets the spare width first.
pub fn relationship_table(
    relationships: &[TrustRelationship],
    now: Timestamp,
    width: usize,
) -> String {
    let rows: Vec<Vec<String>> = relationships
        .iter()
        .map(|relationship| {
            vec![
                short_id(&relationship.id),
                for_terminal(&relationship.issuer).into_owned(),
                subject_text(relationship),
                scope_text(&relationship.scope),
                ExpiryState::of(relationship.expires_at, now)
                    .label()
                    .to_string(),
                relative(relationship.expires_at, now),
            ]
        })
        .collect();

    table::render(&LIST_COLUMNS, &rows, width)
}

/// Formats every field of one relationship, one per line. Long values wrap rather
/// than lose characters, because a person may copy them.
pub fn relationship_detail(relationship: &TrustRelationship, now: Timestamp) -> String {
    let state = ExpiryState::of(relationship.expires_at, now);
    let expires = format!(
        "{} ({}, {})",
        relationship.expires_at,
        state.label(),
        relative(relationship.expires_at, now)
    );

    let mut fields = vec![
        ("id", for_terminal(&relationship.id).into_owned()),
        ("issuer", for_terminal(&relationship.issuer).into_owned()),
        ("subject", subject_text(relationship)),
        ("scope", scope_text(&relationship.scope)),
        ("expires_at", expires),
        ("created_at", relationship.created_at.to_string()),
        (
            "kid",
            for_terminal(&relationship.public_key.kid).into_owned(),
        ),
    ];
    if relationship.public_key.set != relationship.issuer {
        let set = for_terminal(&relationship.public_key.set).into_owned();
        fields.push(("key set", set));
    }

    labelled_lines(&fields)
}

/// Formats the facts of each stored key: type, size or curve, RFC 7638
/// thumbprint, and a warning when the stored key contains private or
/// symmetric material.
pub fn key_detail(relationship: &TrustRelationship, keys: &[Jwk]) -> String {
    let mut fields = vec![("issuer", for_terminal(&relationship.issuer).into_owned())];
    if keys.is_empty() {
        fields.push(("key", "none stored".to_string()));
    }

    for key in keys {
        let member = |name: &str| for_terminal(key.member(name).unwrap_or("(none)")).into_owned();
        fields.push(("kid", member("kid")));
        match summarize(key) {
            Ok(summary) => {
                fields.push(("kty", for_terminal(&summary.kty).into_owned()));
                fields.push((
                    "size/curve",
                    for_terminal(&summary.size_or_curve).into_owned(),
                ));
                fields.push(("thumbprint", summary.thumbprint));
            }
            Err(problem) => {
                fields.push(("kty", member("kty")));
                fields.push(("problem", for_terminal(&problem).into_owned()));
            }
        }

        let private: Vec<&str> = PRIVATE_MEMBERS
            .into_iter()
            .filter(|name| key.0.contains_key(*name))
            .collect();
        if !private.is_empty() {
            let warning = format!(
                "the stored key has private or symmetric members ({}); it cannot verify an assertion signed by the issuer",
                private.join(", ")
            );
            fields.push(("warning", warning));
        }
    }

    labelled_lines(&fields)
}

/// Returns the first characters of an id, as the list shows it.
pub fn short_id(id: &str) -> String {
    for_terminal(id).chars().take(SHORT_ID_LENGTH).collect()
}

fn subject_text(relationship: &TrustRelationship) -> String {
    shown_subject(relationship.allow_any_subject, &relationship.subject)
}

fn scope_text(scope: &[String]) -> String {
    if scope.is_empty() {
        return "(none)".to_string();
    }
    scope
        .iter()
        .map(|s| for_terminal(s).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn labelled_lines(fields: &[(&str, String)]) -> String {
    let value_width = MAX_WIDTH - LABEL_WIDTH;
    let mut out = String::new();
    for (label, value) in fields {
        for (index, line) in table::wrap(value, value_width).iter().enumerate() {
            let label = if index == 0 { label } else { "" };
            out.push_str(table::pad(label, LABEL_WIDTH).as_str());
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    use crate::cli::table::display_width;

    fn now() -> Timestamp {
        "2026-12-04T12:00:00Z".parse().unwrap()
    }

    fn relationship(id: &str, issuer: &str, subject: &str, expires_at: &str) -> TrustRelationship {
        serde_json::from_value(json!({
            "id": id,
            "issuer": issuer,
            "subject": subject,
            "allow_any_subject": subject.is_empty(),
            "scope": ["openid", "offline_access"],
            "public_key": {"set": issuer, "kid": "key-1"},
            "created_at": "2026-01-17T09:06:39Z",
            "expires_at": expires_at,
        }))
        .unwrap()
    }

    fn sample() -> Vec<TrustRelationship> {
        vec![
            relationship(
                "9edc811f-4e28-453c-9b46-4de65f00217f",
                "https://login.partner-idp.example.com/tenants/0123456789abcdef",
                "service-account-with-a-long-name@example.com",
                "2027-12-31T23:59:59Z",
            ),
            relationship(
                "0a1b2c3d-0000-4000-8000-000000000000",
                "https://ci.example.org/oidc",
                "",
                "2026-12-01T00:00:00Z",
            ),
            relationship(
                "ffffffff-0000-4000-8000-000000000000",
                "https://発行者.example.jp",
                "利用者🔑",
                "2026-12-08T00:00:00Z",
            ),
        ]
    }

    #[test]
    fn table_fits_80_columns() {
        let text = relationship_table(&sample(), now(), MAX_WIDTH);

        for line in text.lines() {
            assert!(display_width(line) <= 80, "{line:?} is wider than 80");
        }
    }

    #[test]
    fn wide_table_shows_whole_issuer() {
        let text = relationship_table(&sample(), now(), 200);

        let row = text.lines().find(|l| l.starts_with("9edc811f")).unwrap();
        assert!(
            row.contains("https://login.partner-idp.example.com/tenants/0123456789abcdef  "),
            "{row:?}"
        );
    }

    #[test]
    fn table_has_heading_and_one_row_each() {
        let text = relationship_table(&sample(), now(), MAX_WIDTH);

        assert_eq!(text.lines().count(), 4);
        assert!(text.starts_with("ID  "), "{text}");
    }

    #[test]
    fn table_shows_expired_state() {
        let text = relationship_table(&sample(), now(), MAX_WIDTH);

        let row = text.lines().find(|l| l.starts_with("0a1b2c3d")).unwrap();
        assert!(row.contains("expired"), "{row:?}");
        assert!(row.ends_with("4d ago"), "{row:?}");
    }

    #[test]
    fn table_shows_expiring_soon_state() {
        let text = relationship_table(&sample(), now(), MAX_WIDTH);

        let row = text.lines().find(|l| l.starts_with("ffffffff")).unwrap();
        assert!(row.contains("expires soon"), "{row:?}");
        assert!(row.ends_with("in 4d"), "{row:?}");
    }

    #[test]
    fn table_shows_valid_state() {
        let text = relationship_table(&sample(), now(), MAX_WIDTH);

        let row = text.lines().find(|l| l.starts_with("9edc811f")).unwrap();
        assert!(row.contains("valid"), "{row:?}");
        assert!(row.ends_with("in 1y"), "{row:?}");
    }

    #[test]
    fn table_names_any_subject() {
        let text = relationship_table(&sample(), now(), MAX_WIDTH);

        let row = text.lines().find(|l| l.starts_with("0a1b2c3d")).unwrap();
        assert!(row.contains("any subject"), "{row:?}");
    }

    #[test]
    fn table_aligns_wide_characters() {
        let text = relationship_table(&sample(), now(), MAX_WIDTH);

        let heading = text.lines().next().unwrap();
        let wide_row = text.lines().find(|l| l.starts_with("ffffffff")).unwrap();
        let state_column = heading.find("STATE").unwrap();
        let prefix: String = {
            let mut width = 0;
            wide_row
                .chars()
                .take_while(|c| {
                    width += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    width <= state_column
                })
                .collect()
        };
        assert_eq!(display_width(&prefix), state_column, "{wide_row:?}");
        assert!(
            wide_row[prefix.len()..].starts_with("expires soon"),
            "{wide_row:?}"
        );
    }

    #[test]
    fn table_sanitizes_control_characters() {
        let hostile = relationship(
            "12345678-0000-4000-8000-000000000000",
            "https://evil.example\u{1b}]0;owned\u{7}",
            "svc",
            "2027-01-01T00:00:00Z",
        );

        let text = relationship_table(&[hostile], now(), MAX_WIDTH);

        assert!(!text.contains('\u{1b}'), "{text:?}");
    }

    #[test]
    fn detail_wraps_long_issuer_whole() {
        let long_issuer = format!("https://idp.example.com/{}", "a".repeat(120));
        let item = relationship(
            "12345678-0000-4000-8000-000000000000",
            &long_issuer,
            "svc",
            "2027-01-01T00:00:00Z",
        );

        let text = relationship_detail(&item, now());

        let joined: String = text
            .lines()
            .filter(|l| l.starts_with("issuer") || l.starts_with("            a"))
            .map(|l| &l[LABEL_WIDTH..])
            .collect();
        assert_eq!(joined, long_issuer);
    }

    #[test]
    fn detail_fits_80_columns() {
        let text = relationship_detail(&sample()[2], now());

        for line in text.lines() {
            assert!(display_width(line) <= 80, "{line:?} is wider than 80");
        }
    }

    #[test]
    fn detail_shows_expiry_state() {
        let text = relationship_detail(&sample()[1], now());

        let line = text.lines().find(|l| l.starts_with("expires_at")).unwrap();
        assert_eq!(line, "expires_at  2026-12-01T00:00:00Z (expired, 4d ago)");
    }

    #[test]
    fn key_detail_warns_about_private_members() {
        let key: Jwk = serde_json::from_value(json!({
            "kty": "EC", "kid": "k1", "crv": "P-256", "x": "x", "y": "y", "d": "secret"
        }))
        .unwrap();

        let text = key_detail(&sample()[0], &[key]);

        let warning = text.lines().find(|l| l.starts_with("warning")).unwrap();
        assert!(warning.contains("(d)"), "{warning:?}");
        assert!(!text.contains("secret"), "{text:?}");
    }
}
