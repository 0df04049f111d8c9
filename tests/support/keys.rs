//! Freshly generated signing keys, as the PUBLIC JSON Web Keys a trust
//! relationship stores.
//!
//! The private halves are dropped as soon as the public JWK is built: nothing
//! here writes key material anywhere. Shared by the integration tests and by
//! `examples/seed.rs`, which includes this file by path.

#![allow(dead_code)]

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use rand_core::OsRng;
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The key types Hydra v2.3.0 accepts for a trust relationship, at the sizes
/// the tests and the sample data use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa2048,
    Rsa4096,
    EcP256,
    EcP384,
    EcP521,
    Ed25519,
}

impl KeyKind {
    /// The kinds quick enough to generate in every test: all but RSA 4096,
    /// which takes seconds to generate in a debug build.
    pub const FAST: [KeyKind; 5] = [
        KeyKind::Rsa2048,
        KeyKind::EcP256,
        KeyKind::EcP384,
        KeyKind::EcP521,
        KeyKind::Ed25519,
    ];

    /// Generates a new key of this kind and returns its public JWK, with
    /// `alg`, `use` and a `kid` that is the key's RFC 7638 thumbprint.
    pub fn public_jwk(self) -> Value {
        match self {
            KeyKind::Rsa2048 => rsa_public_jwk(2048),
            KeyKind::Rsa4096 => rsa_public_jwk(4096),
            KeyKind::EcP256 => ec_p256_public_jwk(),
            KeyKind::EcP384 => ec_p384_public_jwk(),
            KeyKind::EcP521 => ec_p521_public_jwk(),
            KeyKind::Ed25519 => ed25519_public_jwk(),
        }
    }
}

/// Generates an RSA key of `bits` bits and returns its public JWK (RS256).
pub fn rsa_public_jwk(bits: usize) -> Value {
    let private = rsa::RsaPrivateKey::new(&mut OsRng, bits)
        .unwrap_or_else(|error| panic!("generating an RSA {bits} key failed: {error}"));
    let public = private.to_public_key();
    with_thumbprint_kid(json!({
        "kty": "RSA",
        "alg": "RS256",
        "use": "sig",
        "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
    }))
}

/// Generates an EC P-256 key and returns its public JWK (ES256).
pub fn ec_p256_public_jwk() -> Value {
    let point = p256::SecretKey::random(&mut OsRng)
        .public_key()
        .to_encoded_point(false);
    ec_public_jwk("P-256", "ES256", point.as_bytes())
}

/// Generates an EC P-384 key and returns its public JWK (ES384).
pub fn ec_p384_public_jwk() -> Value {
    let point = p384::SecretKey::random(&mut OsRng)
        .public_key()
        .to_encoded_point(false);
    ec_public_jwk("P-384", "ES384", point.as_bytes())
}

/// Generates an EC P-521 key and returns its public JWK (ES512).
pub fn ec_p521_public_jwk() -> Value {
    let point = p521::SecretKey::random(&mut OsRng)
        .public_key()
        .to_encoded_point(false);
    ec_public_jwk("P-521", "ES512", point.as_bytes())
}

/// Generates an Ed25519 key and returns its public JWK (OKP, EdDSA).
pub fn ed25519_public_jwk() -> Value {
    let signing = ed25519_dalek::SigningKey::generate(&mut OsRng);
    with_thumbprint_kid(json!({
        "kty": "OKP",
        "crv": "Ed25519",
        "alg": "EdDSA",
        "use": "sig",
        "x": URL_SAFE_NO_PAD.encode(signing.verifying_key().as_bytes()),
    }))
}

/// Computes the RFC 7638 thumbprint (SHA-256, base64url without padding) of
/// an RSA, EC or OKP public JWK.
///
/// Panics on another `kty` or a missing required member, which in a test or
/// the sample data is a bug.
pub fn thumbprint(jwk: &Value) -> String {
    let kty = jwk["kty"]
        .as_str()
        .unwrap_or_else(|| panic!("JWK has no kty: {jwk}"));
    let required: &[&str] = match kty {
        "RSA" => &["e", "kty", "n"],
        "EC" => &["crv", "kty", "x", "y"],
        "OKP" => &["crv", "kty", "x"],
        other => panic!("no RFC 7638 thumbprint for kty {other}"),
    };

    // RFC 7638 hashes the required members only, with names in lexicographic
    // order and no whitespace: a BTreeMap serialized compactly is exactly that.
    let members: BTreeMap<&str, &Value> = required
        .iter()
        .map(|name| {
            let value = jwk
                .get(*name)
                .unwrap_or_else(|| panic!("{kty} JWK has no {name}: {jwk}"));
            (*name, value)
        })
        .collect();
    let canonical = serde_json::to_string(&members).expect("a map of JSON values serializes");
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// Builds an EC JWK from an uncompressed SEC1 point: `0x04`, then x and y at
/// the curve's full coordinate length, which is the length Hydra requires.
fn ec_public_jwk(crv: &str, alg: &str, sec1: &[u8]) -> Value {
    assert_eq!(sec1.first(), Some(&0x04), "{crv} point is not uncompressed");
    let (x, y) = sec1[1..].split_at((sec1.len() - 1) / 2);
    with_thumbprint_kid(json!({
        "kty": "EC",
        "crv": crv,
        "alg": alg,
        "use": "sig",
        "x": URL_SAFE_NO_PAD.encode(x),
        "y": URL_SAFE_NO_PAD.encode(y),
    }))
}

fn with_thumbprint_kid(mut jwk: Value) -> Value {
    let kid = thumbprint(&jwk);
    jwk["kid"] = Value::String(kid);
    jwk
}
