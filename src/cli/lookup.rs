//! Finds the relationship an `ID` argument names: a whole id, or a unique
//! prefix of one such as the short id the list shows.

use crate::api::{Client, TrustRelationship};

use super::exit::{Failure, Status};

/// Shortest prefix that is looked up in the list rather than sent as an id.
const MIN_PREFIX_LENGTH: usize = 4;

/// Most matching ids named when a prefix is ambiguous.
const MAX_NAMED_MATCHES: usize = 5;

/// Fetches the relationship with id `id`. A UUID, or text that cannot be part
/// of one, is fetched directly. A shorter run of hex digits and dashes is
/// matched against the start of every id in the list. A prefix shorter than
/// `MIN_PREFIX_LENGTH` characters, or one matching several ids, is a usage
/// error. A prefix matching no id is not found.
pub async fn find(client: &Client, id: &str) -> Result<TrustRelationship, Failure> {
    if !is_prefix(id) {
        return Ok(client.get(id).await?);
    }

    let relationships = client.list_all(None).await?;
    pick_by_prefix(id, relationships)
}

/// Picks the one relationship whose id starts with `prefix`.
fn pick_by_prefix(
    prefix: &str,
    relationships: Vec<TrustRelationship>,
) -> Result<TrustRelationship, Failure> {
    let lowercase = prefix.to_ascii_lowercase();
    let mut matches: Vec<TrustRelationship> = relationships
        .into_iter()
        .filter(|relationship| relationship.id.to_ascii_lowercase().starts_with(&lowercase))
        .collect();

    if matches.is_empty() {
        return Err(Failure::new(
            Status::NotFound,
            format!("No trust relationship has an id that starts with {prefix}."),
        ));
    }
    if prefix.len() < MIN_PREFIX_LENGTH {
        return Err(Failure::new(
            Status::Usage,
            format!(
                "An id prefix needs at least {MIN_PREFIX_LENGTH} characters, and {prefix} has {}: {}. Give more characters of the id.",
                prefix.len(),
                describe_matches(prefix, &matches)
            ),
        ));
    }
    if matches.len() > 1 {
        return Err(Failure::new(
            Status::Usage,
            format!(
                "{}. Give more characters of the id.",
                describe_matches(prefix, &matches)
            ),
        ));
    }
    Ok(matches.remove(0))
}

/// `prefix X matches N relationships: A, B…`, naming at most
/// `MAX_NAMED_MATCHES` ids.
fn describe_matches(prefix: &str, matches: &[TrustRelationship]) -> String {
    let mut ids: Vec<&str> = matches
        .iter()
        .take(MAX_NAMED_MATCHES)
        .map(|relationship| relationship.id.as_str())
        .collect();
    if matches.len() > MAX_NAMED_MATCHES {
        ids.push("…");
    }
    match matches.len() {
        1 => format!("prefix {prefix} matches 1 relationship, {}", ids[0]),
        count => format!(
            "prefix {prefix} matches {count} relationships: {}",
            ids.join(", ")
        ),
    }
}

/// True for text that can only be part of a UUID: shorter than one, and made
/// of hex digits and dashes.
fn is_prefix(id: &str) -> bool {
    (1..36).contains(&id.len()) && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relationship(id: &str) -> TrustRelationship {
        serde_json::from_value(serde_json::json!({
            "id": id,
            "issuer": "https://idp.example.com",
            "subject": "svc",
            "allow_any_subject": false,
            "scope": ["openid"],
            "public_key": {"set": "https://idp.example.com", "kid": "key-1"},
            "created_at": "2026-01-17T09:06:39Z",
            "expires_at": "2027-12-31T23:59:59Z",
        }))
        .unwrap()
    }

    fn sample() -> Vec<TrustRelationship> {
        vec![
            relationship("07c3a1aa-0000-4000-8000-000000000000"),
            relationship("1a2b3c4d-0000-4000-8000-000000000000"),
            relationship("1f00dd00-0000-4000-8000-000000000000"),
        ]
    }

    #[test]
    fn whole_uuid_is_not_a_prefix() {
        assert!(!is_prefix("9edc811f-4e28-453c-9b46-4de65f00217f"));
    }

    #[test]
    fn short_id_is_a_prefix() {
        assert!(is_prefix("9edc811f"));
    }

    #[test]
    fn one_hex_digit_is_a_prefix() {
        assert!(is_prefix("1"));
    }

    #[test]
    fn non_hex_text_is_not_a_prefix() {
        assert!(!is_prefix("issuer-x"));
    }

    #[test]
    fn unique_prefix_is_picked() {
        let picked = pick_by_prefix("1A2B", sample()).unwrap();

        assert_eq!(picked.id, "1a2b3c4d-0000-4000-8000-000000000000");
    }

    #[test]
    fn unique_short_prefix_needs_four_characters() {
        let failure = pick_by_prefix("07", sample()).unwrap_err();

        assert_eq!(failure.status, Status::Usage);
        assert!(
            failure
                .message
                .contains("An id prefix needs at least 4 characters"),
            "{}",
            failure.message
        );
        assert!(failure.message.contains("07c3a1aa-"), "{}", failure.message);
    }

    #[test]
    fn ambiguous_short_prefix_names_matches() {
        let failure = pick_by_prefix("1", sample()).unwrap_err();

        assert_eq!(failure.status, Status::Usage);
        assert!(
            failure.message.contains(
                "prefix 1 matches 2 relationships: 1a2b3c4d-0000-4000-8000-000000000000, 1f00dd00-"
            ),
            "{}",
            failure.message
        );
    }

    #[test]
    fn ambiguous_prefix_is_usage_error() {
        let mut relationships = sample();
        relationships.push(relationship("1a2b0000-0000-4000-8000-000000000000"));

        let failure = pick_by_prefix("1a2b", relationships).unwrap_err();

        assert_eq!(failure.status, Status::Usage);
        assert!(
            failure
                .message
                .starts_with("prefix 1a2b matches 2 relationships"),
            "{}",
            failure.message
        );
    }

    #[test]
    fn unmatched_prefix_is_not_found() {
        let failure = pick_by_prefix("ff", sample()).unwrap_err();

        assert_eq!(failure.status, Status::NotFound);
    }
}
