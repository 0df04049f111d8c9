//! `trustui delete ID`: deletes after a confirmation, or with `--yes`.

use std::io::{BufRead, IsTerminal, Write};

use crate::api::{Client, TrustRelationship};
use crate::sanitize::for_terminal;
use crate::trust::subject::shown_subject;

use super::args::{DeleteArgs, OutputFormat};
use super::exit::{Failure, Status};
use super::lookup;
use super::output::{message, print_json};

/// Deletes one relationship. With `--output json` it prints
/// `{"deleted": ID}`, plus `"also_deleted": [IDS]` when Hydra deleted other
/// relationships with the shared key.
pub async fn run(client: &Client, args: DeleteArgs, format: OutputFormat) -> Result<(), Failure> {
    // Checked before any request, so that a script that forgot --yes changes
    // nothing and sends nothing.
    if !args.yes && !std::io::stdin().is_terminal() {
        return Err(Failure::new(
            Status::Usage,
            format!(
                "Refusing to delete {} without a confirmation, because standard input is not a terminal. Add --yes to delete without asking.",
                args.id
            ),
        ));
    }

    let relationship = lookup::find(client, &args.id).await?;
    let sharing = sharing_the_key(client, &relationship).await;
    if !sharing.is_empty() {
        message(&shared_key_warning(&relationship, &sharing));
    }
    if !args.yes && !confirm(&relationship)? {
        return Err(Failure::general("Nothing was deleted."));
    }

    client.delete(&relationship.id).await?;
    message(&format!(
        "Deleted trust relationship {}.",
        describe(&relationship)
    ));
    let also_deleted = if sharing.is_empty() {
        Vec::new()
    } else {
        report_co_deleted(client, &relationship, &sharing).await
    };

    match format {
        OutputFormat::Json => print_json(&deleted_json(&relationship.id, &also_deleted)),
        OutputFormat::Table => Ok(()),
    }
}

fn deleted_json(id: &str, also_deleted: &[String]) -> serde_json::Value {
    let mut object = serde_json::json!({ "deleted": id });
    if !also_deleted.is_empty() {
        object["also_deleted"] = serde_json::json!(also_deleted);
    }
    object
}

/// `ISSUER / SUBJECT (ID)`, sanitized.
fn describe(relationship: &TrustRelationship) -> String {
    format!(
        "{} / {} ({})",
        for_terminal(&relationship.issuer),
        shown_subject(relationship.allow_any_subject, &relationship.subject),
        for_terminal(&relationship.id)
    )
}

fn confirm(relationship: &TrustRelationship) -> Result<bool, Failure> {
    eprint!("{}", prompt(relationship));
    let _ = std::io::stderr().flush();

    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|error| Failure::general(format!("Cannot read the answer: {error}.")))?;
    Ok(is_yes(&answer))
}

fn prompt(relationship: &TrustRelationship) -> String {
    format!(
        "Delete trust relationship {}? [y/N] ",
        describe(relationship)
    )
}

fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// Lists the other relationships of the issuer that use the same kid, and
/// so the same stored key. A failed list is logged and yields none, because
/// it must not stop the delete.
async fn sharing_the_key(
    client: &Client,
    relationship: &TrustRelationship,
) -> Vec<TrustRelationship> {
    match client.list_all(Some(relationship.issuer.clone())).await {
        Ok(list) => list
            .into_iter()
            .filter(|other| {
                other.id != relationship.id && other.public_key.kid == relationship.public_key.kid
            })
            .collect(),
        Err(error) => {
            tracing::warn!(%error, "listing the issuer's relationships before a delete failed");
            Vec::new()
        }
    }
}

/// Hydra stores one key per issuer and kid, and deleting a relationship
/// deletes that key. In Hydra v2.3.0 a cascading foreign key then deletes
/// every other relationship that uses the key: deleting one of two such
/// relationships was observed to remove both.
fn shared_key_warning(relationship: &TrustRelationship, sharing: &[TrustRelationship]) -> String {
    let named: Vec<String> = sharing.iter().map(describe).collect();
    format!(
        "warning: {} other trust relationship(s) of this issuer use the same key (kid {}): {}. Deleting this one deletes that key, and Hydra will delete them with it.",
        sharing.len(),
        for_terminal(&relationship.public_key.kid),
        named.join(", ")
    )
}

/// Lists the issuer again after the delete and reports which relationships
/// that shared the key are gone. Returns their ids.
async fn report_co_deleted(
    client: &Client,
    relationship: &TrustRelationship,
    sharing: &[TrustRelationship],
) -> Vec<String> {
    let remaining = match client.list_all(Some(relationship.issuer.clone())).await {
        Ok(list) => list,
        Err(error) => {
            message(&format!(
                "warning: could not list the issuer again to see which relationships were deleted with the key: {error}. Run `trustui list --issuer {}` to see.",
                relationship.issuer
            ));
            return Vec::new();
        }
    };

    let (kept, gone): (Vec<&TrustRelationship>, Vec<&TrustRelationship>) = sharing
        .iter()
        .partition(|shared| remaining.iter().any(|r| r.id == shared.id));
    if !gone.is_empty() {
        let named: Vec<String> = gone.iter().map(|r| describe(r)).collect();
        message(&format!(
            "Hydra deleted with the key {} other trust relationship(s): {}.",
            gone.len(),
            named.join(", ")
        ));
    }
    if !kept.is_empty() {
        let named: Vec<String> = kept.iter().map(|r| describe(r)).collect();
        message(&format!(
            "warning: {} trust relationship(s) that used the deleted key remain: {}.",
            kept.len(),
            named.join(", ")
        ));
    }
    gone.into_iter().map(|r| r.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relationship(subject: &str) -> TrustRelationship {
        serde_json::from_value(serde_json::json!({
            "id": "9edc811f-4e28-453c-9b46-4de65f00217f",
            "issuer": "https://idp.example.com",
            "subject": subject,
            "allow_any_subject": subject.is_empty(),
            "scope": ["openid"],
            "public_key": {"set": "https://idp.example.com", "kid": "key-1"},
            "created_at": "2026-01-17T09:06:39Z",
            "expires_at": "2027-12-31T23:59:59Z",
        }))
        .unwrap()
    }

    #[test]
    fn prompt_names_issuer_subject_and_id() {
        assert_eq!(
            prompt(&relationship("svc@example.com")),
            "Delete trust relationship https://idp.example.com / svc@example.com \
             (9edc811f-4e28-453c-9b46-4de65f00217f)? [y/N] "
        );
    }

    #[test]
    fn prompt_names_any_subject() {
        assert!(prompt(&relationship("")).contains(" / * any subject ("));
    }

    #[test]
    fn prompt_sanitizes_subject() {
        assert!(!prompt(&relationship("svc\u{1b}[2J")).contains('\u{1b}'));
    }

    #[test]
    fn deleted_json_names_id() {
        assert_eq!(
            deleted_json("id-1", &[]),
            serde_json::json!({"deleted": "id-1"})
        );
    }

    #[test]
    fn deleted_json_lists_also_deleted() {
        assert_eq!(
            deleted_json("id-1", &["id-2".to_string()]),
            serde_json::json!({"deleted": "id-1", "also_deleted": ["id-2"]})
        );
    }

    #[test]
    fn y_and_yes_confirm() {
        assert!(is_yes("y\n"));
        assert!(is_yes("YES\n"));
    }

    #[test]
    fn empty_answer_declines() {
        assert!(!is_yes("\n"));
    }

    #[test]
    fn other_answer_declines() {
        assert!(!is_yes("yep\n"));
    }
}
