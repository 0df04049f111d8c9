//! The bodies Hydra sends and accepts for trust relationships and keys.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
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
    pub extra: Extra,
}

/// Members of a JSON object beyond the ones a struct names. Hydra v2.3.0
/// sends none, so an empty set costs one pointer instead of a whole map, and
/// a list keeps one per row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra(Option<Box<Map<String, Value>>>);

impl Extra {
    /// Returns the member `name`, if the server sent it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.as_ref()?.get(name)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |map| map.len())
    }

    /// Returns the members in the order the server sent them.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().flat_map(|map| map.iter())
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Self {
        if map.is_empty() {
            Self(None)
        } else {
            Self(Some(Box::new(map)))
        }
    }
}

impl From<Extra> for Map<String, Value> {
    fn from(extra: Extra) -> Self {
        extra.0.map(|map| *map).unwrap_or_default()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Self::from)
    }
}

/// The location of the relationship's public key in Hydra's key store:
/// `set` is always the issuer.
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
    let mut scope = Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default();
    // A JSON array gives no length ahead, so the vector grew by doubling.
    // Trimming it saves about 3 MB with 100,000 relationships.
    scope.shrink_to_fit();
    Ok(scope)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn hydra_item() -> Value {
        json!({
            "id": "0b2e0b9c-3a35-4c4e-9d4b-0e7f2c1d5a6b",
            "issuer": "https://idp.example.com",
            "subject": "alice@example.com",
            "allow_any_subject": false,
            "scope": ["openid"],
            "public_key": {"set": "https://idp.example.com", "kid": "key-1"},
            "created_at": "2026-01-17T09:06:39Z",
            "expires_at": "2027-01-17T09:06:39Z",
        })
    }

    #[test]
    fn extra_without_unknown_members_is_empty() {
        let item: TrustRelationship = serde_json::from_value(hydra_item()).unwrap();

        assert!(item.extra.is_empty());
    }

    #[test]
    fn item_without_unknown_members_round_trips() {
        let item: TrustRelationship = serde_json::from_value(hydra_item()).unwrap();

        assert_eq!(serde_json::to_value(&item).unwrap(), hydra_item());
    }

    #[test]
    fn extra_keeps_members_in_order_sent() {
        let mut body = hydra_item();
        body["tenant"] = json!("blue");
        body["labels"] = json!({"team": "payments"});
        let item: TrustRelationship = serde_json::from_value(body).unwrap();

        let names: Vec<&str> = item.extra.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["tenant", "labels"]);
    }

    #[test]
    fn extra_writes_members_back_unchanged() {
        let mut body = hydra_item();
        body["tenant"] = json!("blue");
        body["labels"] = json!({"team": "payments"});
        let item: TrustRelationship = serde_json::from_value(body.clone()).unwrap();

        assert_eq!(serde_json::to_string(&item).unwrap(), body.to_string());
    }

    #[test]
    fn extra_reads_member_by_name() {
        let mut body = hydra_item();
        body["tenant"] = json!("blue");
        let item: TrustRelationship = serde_json::from_value(body).unwrap();

        assert_eq!(item.extra.get("tenant"), Some(&json!("blue")));
    }

    #[test]
    fn extra_from_empty_map_is_empty() {
        assert!(Extra::from(Map::new()).is_empty());
    }

    #[test]
    fn extra_costs_one_pointer() {
        assert_eq!(size_of::<Extra>(), size_of::<usize>());
    }
}
