//! `trustui list`: every relationship, all pages, optionally filtered by
//! expiry state and sorted.

use jiff::Timestamp;

use crate::api::{Client, TrustRelationship};
use crate::trust::expiry_state::ExpiryState;

use super::args::{ListArgs, OutputFormat, SortKey, StateFilter};
use super::exit::Failure;
use super::output::{data_width, message, print_data, print_json};
use super::render::relationship_table;

pub async fn run(client: &Client, args: ListArgs, format: OutputFormat) -> Result<(), Failure> {
    let now = Timestamp::now();
    let mut relationships = client.list_all(args.issuer.clone()).await?;

    if let Some(state) = args.state {
        relationships.retain(|relationship| in_state(relationship, state, now));
    }
    // JSON keeps the server's order unless a sort is requested, so that a
    // script receives Hydra's objects as Hydra sent them.
    let sort = match format {
        OutputFormat::Table => Some(args.sort.unwrap_or(SortKey::Issuer)),
        OutputFormat::Json => args.sort,
    };
    if let Some(key) = sort {
        sort_relationships(&mut relationships, key);
    }

    match format {
        OutputFormat::Json => print_json(&relationships)?,
        OutputFormat::Table => {
            print_data(&relationship_table(&relationships, now, data_width()))?;
            if relationships.is_empty() {
                message("No trust relationship matches.");
            }
        }
    }
    Ok(())
}

fn in_state(relationship: &TrustRelationship, filter: StateFilter, now: Timestamp) -> bool {
    let state = ExpiryState::of(relationship.expires_at, now);
    match filter {
        StateFilter::Expired => state == ExpiryState::Expired,
        StateFilter::ExpiresSoon => state == ExpiryState::ExpiringSoon,
        StateFilter::Valid => state == ExpiryState::Valid,
    }
}

/// Sorts stably, with the id as the last key so that equal entries keep one
/// order from run to run.
fn sort_relationships(relationships: &mut [TrustRelationship], key: SortKey) {
    match key {
        SortKey::Issuer => relationships.sort_by(|a, b| {
            (&a.issuer, &a.subject, a.expires_at, &a.id).cmp(&(
                &b.issuer,
                &b.subject,
                b.expires_at,
                &b.id,
            ))
        }),
        SortKey::Expires => {
            relationships.sort_by(|a, b| (a.expires_at, &a.id).cmp(&(b.expires_at, &b.id)))
        }
        SortKey::Created => {
            relationships.sort_by(|a, b| (b.created_at, &a.id).cmp(&(a.created_at, &b.id)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    fn relationship(
        id: &str,
        issuer: &str,
        created_at: &str,
        expires_at: &str,
    ) -> TrustRelationship {
        serde_json::from_value(json!({
            "id": id,
            "issuer": issuer,
            "subject": "svc",
            "allow_any_subject": false,
            "scope": ["openid"],
            "public_key": {"set": issuer, "kid": "key-1"},
            "created_at": created_at,
            "expires_at": expires_at,
        }))
        .unwrap()
    }

    fn sample() -> Vec<TrustRelationship> {
        vec![
            relationship(
                "a",
                "https://b.example",
                "2026-01-01T00:00:00Z",
                "2026-12-01T00:00:00Z",
            ),
            relationship(
                "b",
                "https://a.example",
                "2026-03-01T00:00:00Z",
                "2027-06-01T00:00:00Z",
            ),
            relationship(
                "c",
                "https://c.example",
                "2026-02-01T00:00:00Z",
                "2026-12-06T00:00:00Z",
            ),
        ]
    }

    fn ids(relationships: &[TrustRelationship]) -> Vec<&str> {
        relationships.iter().map(|r| r.id.as_str()).collect()
    }

    fn now() -> Timestamp {
        "2026-12-04T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn sort_by_issuer() {
        let mut list = sample();
        sort_relationships(&mut list, SortKey::Issuer);
        assert_eq!(ids(&list), ["b", "a", "c"]);
    }

    #[test]
    fn sort_by_expiry_soonest_first() {
        let mut list = sample();
        sort_relationships(&mut list, SortKey::Expires);
        assert_eq!(ids(&list), ["a", "c", "b"]);
    }

    #[test]
    fn sort_by_creation_newest_first() {
        let mut list = sample();
        sort_relationships(&mut list, SortKey::Created);
        assert_eq!(ids(&list), ["b", "c", "a"]);
    }

    #[test]
    fn state_filter_expired() {
        let kept: Vec<_> = sample()
            .into_iter()
            .filter(|r| in_state(r, StateFilter::Expired, now()))
            .collect();
        assert_eq!(ids(&kept), ["a"]);
    }

    #[test]
    fn state_filter_expires_soon() {
        let kept: Vec<_> = sample()
            .into_iter()
            .filter(|r| in_state(r, StateFilter::ExpiresSoon, now()))
            .collect();
        assert_eq!(ids(&kept), ["c"]);
    }

    #[test]
    fn state_filter_valid() {
        let kept: Vec<_> = sample()
            .into_iter()
            .filter(|r| in_state(r, StateFilter::Valid, now()))
            .collect();
        assert_eq!(ids(&kept), ["b"]);
    }
}
