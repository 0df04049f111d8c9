//! Finds the relationship an `ID` argument names: a whole id, or a unique
//! prefix of one such as the short id the list shows.

use crate::api::{Client, TrustRelationship};

use super::exit::{Failure, Status};

/// Shortest prefix that is looked up in the list rather than sent as an id.
const MIN_PREFIX_LENGTH: usize = 4;

/// Fetches the relationship with id `id`. A UUID is fetched directly. A
/// shorter run of hex digits and dashes is matched against the start of
/// every id in the list and must match exactly one.
pub async fn find(client: &Client, id: &str) -> Result<TrustRelationship, Failure> {
    if !is_prefix(id) {
        return Ok(client.get(id).await?);
    }

    let prefix = id.to_ascii_lowercase();
    let mut matches: Vec<TrustRelationship> = client
        .list_all(None)
        .await?
        .into_iter()
        .filter(|relationship| relationship.id.to_ascii_lowercase().starts_with(&prefix))
        .collect();

    match matches.len() {
        0 => Err(Failure::new(
            Status::NotFound,
            format!("No trust relationship has an id that starts with {id}."),
        )),
        1 => Ok(matches.remove(0)),
        count => {
            let ids: Vec<&str> = matches.iter().map(|r| r.id.as_str()).collect();
            Err(Failure::new(
                Status::Usage,
                format!(
                    "{count} trust relationships have an id that starts with {id}: {}. Give more characters of the id.",
                    ids.join(", ")
                ),
            ))
        }
    }
}

/// True for text that can only be part of a UUID: shorter than one, and made
/// of hex digits and dashes.
fn is_prefix(id: &str) -> bool {
    (MIN_PREFIX_LENGTH..36).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_uuid_is_not_a_prefix() {
        assert!(!is_prefix("9edc811f-4e28-453c-9b46-4de65f00217f"));
    }

    #[test]
    fn short_id_is_a_prefix() {
        assert!(is_prefix("9edc811f"));
    }

    #[test]
    fn too_short_text_is_not_a_prefix() {
        assert!(!is_prefix("9ed"));
    }

    #[test]
    fn non_hex_text_is_not_a_prefix() {
        assert!(!is_prefix("issuer-x"));
    }
}
