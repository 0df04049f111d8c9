//! The bodies Hydra sends and accepts for trust relationships and keys.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// One trusted OAuth2 JWT grant issuer as Hydra returns it from create, get
/// and list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustRelationship {
    pub id: String,
    pub issuer: String,
    /// Empty when `allow_any_subject` is true.
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub allow_any_subject: bool,
    /// Hydra v2.3.0 echoes `null` on create when no scope was sent, and `[]`
    /// on get and list.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub scope: Vec<String>,
    pub public_key: KeyReference,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// Members a newer server may add, kept so that JSON output stays exact.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where Hydra stored the relationship's public key: `set` is always the
/// issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyReference {
    pub set: String,
    pub kid: String,
}

/// Members of a create request. Hydra silently ignores any other member, so a
/// misspelt one such as `expiresAt` surfaces only as a missing field.
pub const REQUEST_MEMBERS: [&str; 6] = [
    "issuer",
    "subject",
    "allow_any_subject",
    "scope",
    "expires_at",
    "jwk",
];

/// The body of `POST /admin/trust/grants/jwt-bearer/issuers`.
///
/// Exactly one of `subject` and `allow_any_subject` is set: Hydra rejects
/// both and neither.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateRequest {
    pub issuer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_any_subject: Option<bool>,
    #[serde(default)]
    pub scope: Vec<String>,
    pub expires_at: Timestamp,
    pub jwk: Jwk,
}

/// A JSON Web Key (RFC 7517), kept as its JSON object so that no member the
/// server accepts is lost.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Jwk(pub Map<String, Value>);

impl Jwk {
    /// Returns a string member such as `kty`, `kid` or `crv`.
    pub fn member(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(Value::as_str)
    }
}

/// A JSON Web Key Set, the shape of `GET /admin/keys/{set}/{kid}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct JwkSet {
    pub keys: Vec<Jwk>,
}

fn null_as_empty<'de, D>(deserializer: D) -> Result<Vec<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default())
}
