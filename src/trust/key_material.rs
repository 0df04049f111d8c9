//! The public members of each key type Hydra accepts, checked down to the
//! numbers: RSA modulus size, EC coordinates on their curve, Ed25519 points.

use p256::elliptic_curve::sec1::{EncodedPoint, FromEncodedPoint, ModulusSize, ToEncodedPoint};
use p256::elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytes, FieldBytesSize, PublicKey};
use serde_json::{Map, Value};

use super::base64url;

/// RSA keys below this many bits get a warning. Hydra sets no minimum.
pub const MIN_RSA_BITS: usize = 2048;

/// The key types an RFC 7523 trust can use, as listed in messages.
pub const SUPPORTED_KEY_TYPES: &str = "RSA, EC and OKP";

/// The public key a JWK describes, once its members have been checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa { bits: usize },
    Ec(Curve),
    Ed25519,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

/// A checked public key and what is worth warning about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub kind: KeyKind,
    pub warnings: Vec<String>,
}

impl KeyKind {
    pub fn kty(self) -> &'static str {
        match self {
            Self::Rsa { .. } => "RSA",
            Self::Ec(_) => "EC",
            Self::Ed25519 => "OKP",
        }
    }

    /// `2048 bits`, `P-256` or `Ed25519`.
    pub fn size_or_curve(self) -> String {
        match self {
            Self::Rsa { bits } => format!("{bits} bits"),
            Self::Ec(curve) => curve.name().to_string(),
            Self::Ed25519 => "Ed25519".to_string(),
        }
    }

    /// Returns the JWS `alg` values that sign with this kind of key: RFC 7518
    /// section 3.1 for RSA and EC, and `EdDSA` or `Ed25519` for Ed25519.
    pub fn algorithms(self) -> &'static [&'static str] {
        match self {
            Self::Rsa { .. } => &["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"],
            Self::Ec(Curve::P256) => &["ES256"],
            Self::Ec(Curve::P384) => &["ES384"],
            Self::Ec(Curve::P521) => &["ES512"],
            Self::Ed25519 => &["EdDSA", "Ed25519"],
        }
    }

    /// `RSA 2048 bits`, `EC P-256`, `Ed25519`.
    pub fn label(self) -> String {
        match self {
            Self::Rsa { bits } => format!("RSA {bits} bits"),
            Self::Ec(curve) => format!("EC {}", curve.name()),
            Self::Ed25519 => "Ed25519".to_string(),
        }
    }

    /// `an RSA key`, `an EC P-256 key`, `an Ed25519 key`.
    pub fn described(self) -> String {
        match self {
            Self::Rsa { .. } => "an RSA key".to_string(),
            Self::Ec(curve) => format!("an EC {} key", curve.name()),
            Self::Ed25519 => "an Ed25519 key".to_string(),
        }
    }
}

impl Curve {
    pub fn name(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
            Self::P521 => "P-521",
        }
    }

    /// Length of one affine coordinate in bytes (RFC 7518 section 6.2.1.2).
    pub fn coordinate_len(self) -> usize {
        match self {
            Self::P256 => 32,
            Self::P384 => 48,
            Self::P521 => 66,
        }
    }
}

/// Checks the public members of the JWK object `key` for its `kty`. Private
/// members are not looked at. Returns every problem found, each a sentence
/// naming the member.
pub fn examine(key: &Map<String, Value>) -> Result<Material, Vec<String>> {
    let mut errors = Vec::new();

    let kty = match key.get("kty") {
        None => {
            return Err(vec![format!(
                "`kty` is missing: supported key types are {SUPPORTED_KEY_TYPES}"
            )]);
        }
        Some(Value::String(kty)) => kty.as_str(),
        Some(other) => {
            return Err(vec![format!(
                "`kty` must be a string such as \"EC\", found {}",
                json_kind(other)
            )]);
        }
    };

    let material = match kty {
        "RSA" => examine_rsa(key, &mut errors),
        "EC" => examine_ec(key, &mut errors),
        "OKP" => examine_okp(key, &mut errors),
        "oct" => {
            errors.push(
                "`kty` is \"oct\", a symmetric secret key: an RFC 7523 trust needs the \
                 issuer's public key (RSA, EC or OKP)"
                    .to_string(),
            );
            None
        }
        other => {
            errors.push(unsupported("kty", other, &["RSA", "EC", "OKP"]));
            None
        }
    };

    match material {
        Some(material) if errors.is_empty() => Ok(material),
        _ => Err(errors),
    }
}

/// Names the JSON type of `value` for messages: `a number`, `an array`.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn examine_rsa(key: &Map<String, Value>, errors: &mut Vec<String>) -> Option<Material> {
    let n = decoded_member(key, "n", RSA_NEEDS, errors);
    let e = decoded_member(key, "e", RSA_NEEDS, errors);
    let (n, e) = (n?, e?);

    let bits = bit_length(&n);
    if bits == 0 {
        errors.push("`n` is zero, which is no RSA modulus".to_string());
        return None;
    }

    let odd = e.last().is_some_and(|byte| byte & 1 == 1);
    if bit_length(&e) < 2 || !odd {
        errors.push("`e` must be an odd number greater than 1, such as AQAB (65537)".to_string());
        return None;
    }

    let mut warnings = Vec::new();
    for (name, bytes) in [("n", &n), ("e", &e)] {
        // RFC 7518 section 2 defines Base64urlUInt with the minimum number of
        // octets, and RFC 7638 hashes the member as written.
        if bytes.len() > 1 && bytes[0] == 0 {
            warnings.push(format!(
                "`{name}` starts with a zero byte, which RFC 7518 does not allow, and its \
                 RFC 7638 thumbprint differs from that of the same key written without it. Ask the issuer for the key without the zero byte"
            ));
        }
    }
    if bits < MIN_RSA_BITS {
        warnings.push(format!(
            "the RSA key has {bits} bits, below the {MIN_RSA_BITS} bits considered safe: \
             ask the issuer for a larger key"
        ));
    }

    Some(Material {
        kind: KeyKind::Rsa { bits },
        warnings,
    })
}

fn examine_ec(key: &Map<String, Value>, errors: &mut Vec<String>) -> Option<Material> {
    let curve = match string_member(key, "crv", EC_NEEDS, errors)? {
        "P-256" => Curve::P256,
        "P-384" => Curve::P384,
        "P-521" => Curve::P521,
        other => {
            errors.push(unsupported("crv", other, &["P-256", "P-384", "P-521"]));
            return None;
        }
    };

    let x = coordinate(key, "x", curve, errors);
    let y = coordinate(key, "y", curve, errors);
    let (x, y) = (x?, y?);

    let on_curve = match curve {
        Curve::P256 => is_on_curve::<p256::NistP256>(&x, &y),
        Curve::P384 => is_on_curve::<p384::NistP384>(&x, &y),
        Curve::P521 => is_on_curve::<p521::NistP521>(&x, &y),
    };
    if !on_curve {
        errors.push(format!(
            "`x` and `y` are not a point on {}: the key is damaged or belongs to another curve",
            curve.name()
        ));
        return None;
    }

    Some(Material {
        kind: KeyKind::Ec(curve),
        warnings: Vec::new(),
    })
}

fn examine_okp(key: &Map<String, Value>, errors: &mut Vec<String>) -> Option<Material> {
    match string_member(key, "crv", OKP_NEEDS, errors)? {
        "Ed25519" => {}
        "X25519" | "X448" => {
            errors.push(format!(
                "`crv` is \"{}\", a key-agreement curve that cannot verify signatures: \
                 an OKP key for a trust uses Ed25519",
                key["crv"].as_str().unwrap_or_default()
            ));
            return None;
        }
        other => {
            errors.push(unsupported("crv", other, &["Ed25519"]));
            return None;
        }
    }

    let x = decoded_member(key, "x", OKP_NEEDS, errors)?;
    let Ok(x) = <[u8; 32]>::try_from(x.as_slice()) else {
        errors.push(format!(
            "`x` is {} bytes long, but an Ed25519 public key is 32 bytes",
            x.len()
        ));
        return None;
    };

    if curve25519_dalek::edwards::CompressedEdwardsY(x)
        .decompress()
        .is_none()
    {
        errors.push(
            "`x` is not an Ed25519 public key: it does not decode to a point on the curve"
                .to_string(),
        );
        return None;
    }

    Some(Material {
        kind: KeyKind::Ed25519,
        warnings: Vec::new(),
    })
}

/// The members each key type needs, for messages about a missing member.
const RSA_NEEDS: &str = "an RSA key needs `n` and `e`";
const EC_NEEDS: &str = "an EC key needs `crv`, `x` and `y`";
const OKP_NEEDS: &str = "an OKP key needs `crv` and `x`";

fn string_member<'a>(
    key: &'a Map<String, Value>,
    name: &str,
    needs: &str,
    errors: &mut Vec<String>,
) -> Option<&'a str> {
    match key.get(name) {
        None => {
            errors.push(format!("`{name}` is missing: {needs}"));
            None
        }
        Some(Value::String(value)) => Some(value),
        Some(other) => {
            errors.push(format!(
                "`{name}` must be a string, found {}",
                json_kind(other)
            ));
            None
        }
    }
}

fn decoded_member(
    key: &Map<String, Value>,
    name: &str,
    needs: &str,
    errors: &mut Vec<String>,
) -> Option<Vec<u8>> {
    let text = string_member(key, name, needs, errors)?;
    base64url::decode(name, text)
        .map_err(|message| errors.push(message))
        .ok()
}

fn coordinate(
    key: &Map<String, Value>,
    name: &str,
    curve: Curve,
    errors: &mut Vec<String>,
) -> Option<Vec<u8>> {
    let bytes = decoded_member(key, name, EC_NEEDS, errors)?;
    if bytes.len() != curve.coordinate_len() {
        errors.push(format!(
            "`{name}` is {} bytes long, but a {} coordinate is exactly {} bytes",
            bytes.len(),
            curve.name(),
            curve.coordinate_len()
        ));
        return None;
    }
    Some(bytes)
}

/// True when (x, y) is a point of curve `C` other than the identity. The
/// slices have the curve's coordinate length.
fn is_on_curve<C>(x: &[u8], y: &[u8]) -> bool
where
    C: CurveArithmetic,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromEncodedPoint<C> + ToEncodedPoint<C>,
{
    let mut x_bytes = FieldBytes::<C>::default();
    x_bytes.copy_from_slice(x);
    let mut y_bytes = FieldBytes::<C>::default();
    y_bytes.copy_from_slice(y);

    let point = EncodedPoint::<C>::from_affine_coordinates(&x_bytes, &y_bytes, false);
    PublicKey::<C>::from_encoded_point(&point).is_some().into()
}

/// Counts the bits of a big-endian unsigned integer, ignoring leading zeros.
fn bit_length(bytes: &[u8]) -> usize {
    let Some(first) = bytes.iter().position(|byte| *byte != 0) else {
        return 0;
    };
    (bytes.len() - first) * 8 - bytes[first].leading_zeros() as usize
}

fn unsupported(member: &str, value: &str, supported: &[&str]) -> String {
    let value_shown = crate::sanitize::for_terminal(value);
    let list = supported
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(", ");

    let case_match = supported
        .iter()
        .find(|name| name.eq_ignore_ascii_case(value) && **name != value);
    match case_match {
        Some(name) => format!(
            "`{member}` \"{value_shown}\" is not supported: values are case-sensitive, \
             use \"{name}\""
        ),
        None => format!("`{member}` \"{value_shown}\" is not supported: use one of {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_length_ignores_leading_zeros() {
        assert_eq!(bit_length(&[0, 0, 0x01, 0xff]), 9);
    }

    #[test]
    fn bit_length_of_zero_is_zero() {
        assert_eq!(bit_length(&[0, 0]), 0);
    }
}
