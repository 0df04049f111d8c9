//! RFC 7638 JWK thumbprints: SHA-256 over the key type's required members.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::base64url;

/// Computes the RFC 7638 SHA-256 thumbprint of a JWK object, base64url
/// without padding. Returns `None` when `kty` is unknown or a required member
/// is missing or not a string.
///
/// The hash input is the JSON object of the required members only, in
/// lexicographic order, without whitespace (RFC 7638 section 3.2). Member
/// values are hashed as written, so two spellings of one key (say `e` with a
/// leading zero byte) give two thumbprints, as the RFC says they do.
pub fn of(jwk: &Map<String, Value>) -> Option<String> {
    let members = required_members(jwk.get("kty")?.as_str()?)?;

    let mut canonical = String::from("{");
    for (index, name) in members.iter().enumerate() {
        let value = jwk.get(*name)?.as_str()?;
        if index > 0 {
            canonical.push(',');
        }
        canonical.push_str(&Value::from(*name).to_string());
        canonical.push(':');
        canonical.push_str(&Value::from(value).to_string());
    }
    canonical.push('}');

    Some(base64url::encode(&Sha256::digest(canonical.as_bytes())))
}

/// Returns the members RFC 7638 section 3.2 hashes for each key type, in
/// lexicographic order.
fn required_members(kty: &str) -> Option<&'static [&'static str]> {
    match kty {
        "RSA" => Some(&["e", "kty", "n"]),
        "EC" => Some(&["crv", "kty", "x", "y"]),
        "OKP" => Some(&["crv", "kty", "x"]),
        "oct" => Some(&["k", "kty"]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The RSA key of RFC 7638 section 3.1.
    const RFC_7638_KEY: &str = r#"{
        "kty": "RSA",
        "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        "e": "AQAB",
        "alg": "RS256",
        "kid": "2011-04-29"
    }"#;

    fn object(text: &str) -> Map<String, Value> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn rfc_7638_example_matches() {
        assert_eq!(
            of(&object(RFC_7638_KEY)).as_deref(),
            Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        );
    }

    #[test]
    fn optional_members_do_not_change_it() {
        let mut key = object(RFC_7638_KEY);
        key.insert("use".into(), "sig".into());
        key.remove("alg");
        assert_eq!(
            of(&key).as_deref(),
            Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        );
    }

    #[test]
    fn missing_member_gives_none() {
        let mut key = object(RFC_7638_KEY);
        key.remove("e");
        assert_eq!(of(&key), None);
    }

    #[test]
    fn unknown_kty_gives_none() {
        assert_eq!(of(&object(r#"{"kty":"XYZ","x":"AA"}"#)), None);
    }
}
