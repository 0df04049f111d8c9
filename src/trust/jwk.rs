//! The JWK editor's text: JSON syntax, pasted JWK Sets, private key material,
//! `kid`, `alg` and `use`, plus the facts shown before submitting.

use serde_json::{Map, Value};

use super::form::{Field, Fix, KeySummary, Problem, Severity};
use super::key_material::{self, KeyKind, json_kind};
use super::thumbprint;
use crate::api::Jwk;
use crate::sanitize::for_terminal;

/// Members that carry private or secret key material: the RSA and EC/OKP
/// private parts (RFC 7518 sections 6.3.2 and 6.2.2, RFC 8037) and the
/// symmetric `k` of an `oct` key.
pub const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Hydra stores `kid` in a column of at most 255 characters.
pub const MAX_KID_CHARS: usize = 255;

/// The outcome of checking the JWK text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeyCheck {
    pub problems: Vec<Problem>,
    /// The public key to send; `None` while any problem is an error.
    pub jwk: Option<Jwk>,
    /// Type, size or curve, thumbprint and kid, whenever the key's public
    /// members are sound, even if another problem blocks the submit.
    pub summary: Option<KeySummary>,
}

/// Describes a public key for display: type, size or curve, thumbprint.
/// Returns a sentence naming the problem when the key cannot be described.
pub fn summarize(jwk: &Jwk) -> Result<KeySummary, String> {
    let material = key_material::examine(&jwk.0).map_err(|errors| errors.join("; "))?;
    let thumbprint = thumbprint::of(&jwk.0)
        .ok_or_else(|| "the key's thumbprint cannot be computed".to_string())?;

    Ok(KeySummary {
        kty: material.kind.kty().to_string(),
        size_or_curve: material.kind.size_or_curve(),
        thumbprint,
        kid: jwk.member("kid").map(str::to_string),
    })
}

/// Returns the private members a key contains, in the order of
/// `PRIVATE_MEMBERS`. Hydra v2.3.0 stores a submitted private key as is and
/// serves it back from its key API, so a stored key can contain them. A
/// caller that shows a stored key warns about them and never shows their
/// values.
pub fn private_members(jwk: &Jwk) -> Vec<&'static str> {
    PRIVATE_MEMBERS
        .into_iter()
        .filter(|name| jwk.0.contains_key(*name))
        .collect()
}

/// Checks the JWK editor's text: one public key as a JSON object.
pub fn check_text(text: &str) -> KeyCheck {
    let mut check = KeyCheck::default();

    if text.trim().is_empty() {
        check.problems.push(Problem::new(
            Field::Jwk,
            Severity::Error,
            "JWK is required: paste the issuer's public key as a JSON object, such as \
             {\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"…\",\"x\":\"…\",\"y\":\"…\"}",
        ));
        return check;
    }

    if let Some(problem) = check_pem(text) {
        check.problems.push(problem);
        return check;
    }

    let value = match parse(text) {
        Ok(value) => value,
        Err(problem) => {
            check.problems.push(problem);
            return check;
        }
    };

    let Value::Object(object) = value else {
        let message = if is_quoted_object(&value) {
            "JWK is a JSON string that contains a JSON object: remove the outer quotes and \
             the backslashes before each inner quote"
                .to_string()
        } else {
            format!(
                "JWK must be a JSON object, found {}: paste the issuer's public key",
                json_kind(&value)
            )
        };
        check
            .problems
            .push(Problem::new(Field::Jwk, Severity::Error, message));
        return check;
    };

    let key = if object.contains_key("keys") {
        match pick_single_key(&object, &mut check.problems) {
            Some(key) => key,
            None => return check,
        }
    } else {
        object
    };

    check_key(key, &mut check);
    check
}

/// Pretty-prints the JWK text with two-space indents, keeping member order,
/// for the editor's format key.
pub fn pretty(text: &str) -> Result<String, Problem> {
    let value = parse(text)?;
    Ok(to_pretty(&value))
}

/// True when the JWK editor's text contains private key material or may
/// contain it. JSON text counts when a private member sits at any depth.
/// Text that does not parse counts when it contains a quoted private member
/// name, a `\u` escape (which could spell one) or a PEM private key.
pub fn may_contain_private_material(text: &str) -> bool {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => has_private_member(&value) || text.contains("PRIVATE KEY"),
        Err(_) => {
            PRIVATE_MEMBERS
                .iter()
                .any(|name| text.contains(&format!("\"{name}\"")))
                || text.contains("\\u")
                || text.contains("PRIVATE KEY")
        }
    }
}

fn has_private_member(value: &Value) -> bool {
    match value {
        Value::Object(object) => {
            PRIVATE_MEMBERS
                .iter()
                .any(|name| object.contains_key(*name))
                || object.values().any(has_private_member)
        }
        Value::Array(items) => items.iter().any(has_private_member),
        _ => false,
    }
}

/// Removes every private member from a JWK object, or from each key of a
/// JWK Set. Returns the names removed, in the order of `PRIVATE_MEMBERS`.
pub fn strip_private(value: &mut Value) -> Vec<&'static str> {
    let mut removed = Vec::new();
    match value {
        Value::Object(object) if object.contains_key("keys") => {
            if let Some(Value::Array(keys)) = object.get_mut("keys") {
                for key in keys {
                    for name in strip_private(key) {
                        if !removed.contains(&name) {
                            removed.push(name);
                        }
                    }
                }
            }
        }
        Value::Object(object) => {
            for name in PRIVATE_MEMBERS {
                if object.shift_remove(name).is_some() {
                    removed.push(name);
                }
            }
        }
        _ => {}
    }
    removed
}

/// Parses the JWK text, turning a syntax error into a problem with its
/// 1-based line and column, counted in characters.
pub fn parse(text: &str) -> Result<Value, Problem> {
    serde_json::from_str(text).map_err(|error| {
        let line = error.line().max(1);
        let column = char_column(text, line, error.column());
        let full = error.to_string();
        let reason = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(reason, _)| reason);

        Problem::new(
            Field::Jwk,
            Severity::Error,
            format!("JWK is not valid JSON at line {line}, column {column}: {reason}"),
        )
        .at(line, column)
    })
}

pub(crate) fn to_pretty(value: &Value) -> String {
    // Serializing a `Value` to a string fails only for non-string map keys,
    // which a `Value` cannot contain.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Returns the name of a key in a JWK Set: its `kid`, or its thumbprint when it
/// has none.
pub(crate) fn set_member_id(key: &Value) -> Option<String> {
    let object = key.as_object()?;
    match object.get("kid").and_then(Value::as_str) {
        Some(kid) if !kid.is_empty() => Some(kid.to_string()),
        _ => thumbprint::of(object),
    }
}

fn pick_single_key(
    set: &Map<String, Value>,
    problems: &mut Vec<Problem>,
) -> Option<Map<String, Value>> {
    let keys = match set.get("keys") {
        Some(Value::Array(keys)) => keys,
        Some(other) => {
            problems.push(Problem::new(
                Field::Jwk,
                Severity::Error,
                format!(
                    "JWK Set member `keys` must be an array of keys, found {}",
                    json_kind(other)
                ),
            ));
            return None;
        }
        None => return None,
    };

    match keys.as_slice() {
        [] => {
            problems.push(Problem::new(
                Field::Jwk,
                Severity::Error,
                "JWK Set has no keys: paste the issuer's public key",
            ));
            None
        }
        [Value::Object(key)] => {
            let fix = set_member_id(&keys[0]).map(Fix::PickKeyFromSet);
            let mut notice = Problem::new(
                Field::Jwk,
                Severity::Notice,
                "JWK: the pasted JWK Set holds one key, which is used as the JWK",
            );
            notice.fix = fix;
            problems.push(notice);
            Some(key.clone())
        }
        [other] => {
            problems.push(Problem::new(
                Field::Jwk,
                Severity::Error,
                format!(
                    "JWK Set's only key must be a JSON object, found {}",
                    json_kind(other)
                ),
            ));
            None
        }
        several => {
            report_several_keys(several, problems);
            None
        }
    }
}

/// Reports one error naming every key, then one notice per key offering to
/// keep it, so that the form can offer the choice.
fn report_several_keys(keys: &[Value], problems: &mut Vec<Problem>) {
    let ids: Vec<Option<String>> = keys.iter().map(set_member_id).collect();
    let listed = ids
        .iter()
        .enumerate()
        .map(|(index, id)| match id {
            Some(id) => format!("`{}`", for_terminal(id)),
            None => format!("key {} (no kid)", index + 1),
        })
        .collect::<Vec<_>>()
        .join(", ");

    problems.push(Problem::new(
        Field::Jwk,
        Severity::Error,
        format!(
            "JWK Set holds {} keys ({listed}), but a trust relationship takes one: \
             pick the key the issuer signs with",
            keys.len()
        ),
    ));

    for (key, id) in keys.iter().zip(ids) {
        let Some(id) = id else { continue };
        let described = key
            .as_object()
            .and_then(|object| key_material::examine(object).ok())
            .map(|material| format!(" ({})", material.kind.label()))
            .unwrap_or_default();

        let mut choice = Problem::new(
            Field::Jwk,
            Severity::Notice,
            format!(
                "JWK: use the key `{}`{described} from the set",
                for_terminal(&id)
            ),
        );
        choice.fix = Some(Fix::PickKeyFromSet(id));
        problems.push(choice);
    }
}

fn check_key(mut key: Map<String, Value>, check: &mut KeyCheck) {
    let problems = &mut check.problems;

    let private: Vec<&str> = PRIVATE_MEMBERS
        .iter()
        .copied()
        .filter(|name| key.contains_key(*name) && *name != "k")
        .collect();
    if !private.is_empty() {
        let names = private
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut problem = Problem::new(
            Field::Jwk,
            Severity::Error,
            format!(
                "JWK contains private key material ({names}): trustui never sends a private \
                 key, and the issuer's public key is all Hydra needs. Keep only the public part"
            ),
        );
        problem.fix = Some(Fix::KeepPublicPart);
        problems.push(problem);
    }
    let mut public = Value::Object(std::mem::take(&mut key));
    strip_private(&mut public);
    let Value::Object(key) = public else {
        return;
    };

    let thumbprint = thumbprint::of(&key);
    let kind = match key_material::examine(&key) {
        Ok(material) => {
            for warning in material.warnings {
                problems.push(Problem::new(
                    Field::Jwk,
                    Severity::Warning,
                    format!("JWK: {warning}"),
                ));
            }
            Some(material.kind)
        }
        Err(errors) => {
            for error in errors {
                problems.push(Problem::new(
                    Field::Jwk,
                    Severity::Error,
                    format!("JWK: {error}"),
                ));
            }
            None
        }
    };

    let kid = check_kid(&key, thumbprint.as_deref(), problems);
    if let Some(kind) = kind {
        check_alg(&key, kind, problems);
    }
    check_use(&key, problems);

    if let (Some(kind), Some(thumbprint)) = (kind, thumbprint) {
        check.summary = Some(KeySummary {
            kty: kind.kty().to_string(),
            size_or_curve: kind.size_or_curve(),
            thumbprint,
            kid,
        });
    }

    if !problems
        .iter()
        .any(|problem| problem.severity == Severity::Error)
    {
        check.jwk = Some(Jwk(key));
    }
}

/// Checks `kid`, which Hydra requires, and returns it when usable.
fn check_kid(
    key: &Map<String, Value>,
    thumbprint: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let offer_thumbprint = |message: String| {
        let mut problem = Problem::new(Field::Jwk, Severity::Error, message);
        problem.fix = thumbprint.map(|thumbprint| Fix::UseThumbprintAsKid(thumbprint.to_string()));
        problem
    };
    let suggestion = match thumbprint {
        Some(thumbprint) => format!("use the key's RFC 7638 thumbprint `{thumbprint}` as kid"),
        None => "add a `kid` that names this key".to_string(),
    };

    match key.get("kid") {
        None => {
            problems.push(offer_thumbprint(format!(
                "JWK has no `kid`, which Hydra requires: {suggestion}"
            )));
            None
        }
        Some(Value::String(kid)) if kid.is_empty() => {
            problems.push(offer_thumbprint(format!(
                "JWK `kid` is empty, but Hydra requires one: {suggestion}"
            )));
            None
        }
        Some(Value::String(kid)) if kid.chars().count() > MAX_KID_CHARS => {
            problems.push(offer_thumbprint(format!(
                "JWK `kid` is {} characters long, but Hydra stores at most {MAX_KID_CHARS}: {suggestion}",
                kid.chars().count()
            )));
            None
        }
        Some(Value::String(kid)) => Some(kid.clone()),
        Some(other) => {
            problems.push(offer_thumbprint(format!(
                "JWK `kid` must be a string, found {}: {suggestion}",
                json_kind(other)
            )));
            None
        }
    }
}

/// `alg` is optional, because Hydra does not need it, but when present it
/// must be a signature algorithm for this key.
fn check_alg(key: &Map<String, Value>, kind: KeyKind, problems: &mut Vec<Problem>) {
    let Some(alg) = key.get("alg") else {
        return;
    };

    let allowed = kind.algorithms();
    let listed = allowed.join(", ");
    let message = match alg {
        Value::String(alg) if allowed.contains(&alg.as_str()) => return,
        Value::String(alg) => format!(
            "JWK `alg` \"{}\" does not fit {}: use {listed}, or remove `alg`, which Hydra does not need",
            for_terminal(alg),
            kind.described()
        ),
        other => format!(
            "JWK `alg` must be a string, found {}: use {listed}, or remove `alg`",
            json_kind(other)
        ),
    };
    problems.push(Problem::new(Field::Jwk, Severity::Error, message));
}

fn check_use(key: &Map<String, Value>, problems: &mut Vec<Problem>) {
    let message = match key.get("use") {
        None => return,
        Some(Value::String(key_use)) if key_use == "sig" => return,
        Some(Value::String(key_use)) => format!(
            "JWK `use` is \"{}\", but the key must verify signed assertions: set `use` to \"sig\" or remove it",
            for_terminal(key_use)
        ),
        Some(other) => format!(
            "JWK `use` must be the string \"sig\", found {}: set it to \"sig\" or remove it",
            json_kind(other)
        ),
    };
    problems.push(Problem::new(Field::Jwk, Severity::Error, message));
}

/// Recognizes a pasted PEM key, which is no JSON at all.
fn check_pem(text: &str) -> Option<Problem> {
    if !text.trim_start().starts_with("-----BEGIN ") {
        return None;
    }

    let message = if text.contains("PRIVATE KEY") {
        "JWK: this is a PEM private key: trustui never sends a private key. Paste the \
         issuer's public key as a JWK (a JSON object)"
    } else {
        "JWK: this is a PEM key, but Hydra takes a JWK: convert the public key to a JWK \
         (a JSON object) and paste that"
    };
    Some(Problem::new(Field::Jwk, Severity::Error, message))
}

/// True for a JSON string whose content is itself a JSON object, as when a
/// JWK is copied from a log line or an escaped configuration value.
fn is_quoted_object(value: &Value) -> bool {
    value
        .as_str()
        .and_then(|inner| serde_json::from_str::<Value>(inner).ok())
        .is_some_and(|inner| inner.is_object())
}

/// Converts serde_json's byte column on `line` into a character column.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line - 1) else {
        return byte_column.max(1);
    };
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    line_text[..end].chars().count().max(1)
}

#[cfg(test)]
mod tests {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    use serde_json::json;

    use super::*;
    use crate::trust::base64url;

    /// The RSA key of RFC 7638 section 3.1, 2048 bits.
    const RSA_N: &str = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    const RSA_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    /// The P-256 key of RFC 7517 appendix A.1.
    const P256_X: &str = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
    const P256_Y: &str = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";

    /// The Ed25519 public key of RFC 8037 appendix A.2.
    const ED25519_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    fn rsa() -> Value {
        json!({"kty": "RSA", "kid": "rsa-1", "n": RSA_N, "e": "AQAB"})
    }

    fn p256() -> Value {
        json!({"kty": "EC", "kid": "ec-1", "crv": "P-256", "x": P256_X, "y": P256_Y})
    }

    fn ed25519() -> Value {
        json!({"kty": "OKP", "kid": "ed-1", "crv": "Ed25519", "x": ED25519_X})
    }

    fn p384() -> Value {
        let mut scalar = [0u8; 48];
        scalar[47] = 7;
        let secret = p384::SecretKey::from_slice(&scalar).unwrap();
        let point = secret.public_key().to_encoded_point(false);
        json!({
            "kty": "EC", "kid": "ec-384", "crv": "P-384",
            "x": base64url::encode(point.x().unwrap()),
            "y": base64url::encode(point.y().unwrap()),
        })
    }

    fn p521() -> Value {
        let mut scalar = [0u8; 66];
        scalar[65] = 9;
        let secret = p521::SecretKey::from_slice(&scalar).unwrap();
        let point = secret.public_key().to_encoded_point(false);
        json!({
            "kty": "EC", "kid": "ec-521", "crv": "P-521",
            "x": base64url::encode(point.x().unwrap()),
            "y": base64url::encode(point.y().unwrap()),
        })
    }

    fn with(mut key: Value, member: &str, value: Value) -> Value {
        key[member] = value;
        key
    }

    fn without(mut key: Value, member: &str) -> Value {
        key.as_object_mut().unwrap().shift_remove(member);
        key
    }

    fn messages(text: &str, severity: Severity) -> Vec<String> {
        check_text(text)
            .problems
            .into_iter()
            .filter(|problem| problem.severity == severity)
            .map(|problem| problem.message)
            .collect()
    }

    #[test]
    fn sound_keys_pass_with_summary() {
        let cases = [
            (rsa(), "RSA", "2048 bits"),
            (p256(), "EC", "P-256"),
            (p384(), "EC", "P-384"),
            (p521(), "EC", "P-521"),
            (ed25519(), "OKP", "Ed25519"),
        ];

        for (key, kty, size) in cases {
            let check = check_text(&key.to_string());
            assert_eq!(check.problems, vec![], "key {key}");
            let summary = check.summary.unwrap();
            assert_eq!(summary.kty, kty);
            assert_eq!(summary.size_or_curve, size);
            assert!(check.jwk.is_some(), "key {key}");
        }
    }

    #[test]
    fn summary_has_thumbprint_and_kid() {
        let summary = check_text(&rsa().to_string()).summary.unwrap();
        assert_eq!(summary.thumbprint, RSA_THUMBPRINT);
        assert_eq!(summary.kid.as_deref(), Some("rsa-1"));
    }

    #[test]
    fn summarize_describes_stored_key() {
        let key: Jwk = serde_json::from_value(p256()).unwrap();
        let summary = summarize(&key).unwrap();
        assert_eq!(summary.size_or_curve, "P-256");
        assert_eq!(summary.kid.as_deref(), Some("ec-1"));
    }

    #[test]
    fn private_members_are_listed() {
        let key: Jwk =
            serde_json::from_value(with(with(rsa(), "qi", json!("x")), "d", json!("y"))).unwrap();
        assert_eq!(private_members(&key), vec!["d", "qi"]);
    }

    #[test]
    fn summarize_names_the_problem() {
        let key: Jwk = serde_json::from_value(with(p256(), "crv", json!("P-999"))).unwrap();
        assert_eq!(
            summarize(&key).unwrap_err(),
            "`crv` \"P-999\" is not supported: use one of \"P-256\", \"P-384\", \"P-521\""
        );
    }

    #[test]
    fn invalid_json_has_position() {
        let check = check_text("{\n  \"kty\": \"EC\"\n  \"crv\": \"P-256\"\n}");
        let problem = &check.problems[0];
        assert_eq!(
            problem.message,
            "JWK is not valid JSON at line 3, column 3: expected `,` or `}`"
        );
        assert_eq!(problem.position, Some((3, 3)));
    }

    #[test]
    fn invalid_json_column_counts_characters() {
        let check = check_text("{\"kid\": \"é\" x}");
        assert_eq!(check.problems[0].position, Some((1, 13)));
    }

    #[test]
    fn key_errors_have_exact_messages() {
        let long_kid = "k".repeat(256);
        let cases: Vec<(Value, &str)> = vec![
            (
                json!([1]),
                "JWK must be a JSON object, found an array: paste the issuer's public key",
            ),
            (
                without(rsa(), "kty"),
                "JWK: `kty` is missing: supported key types are RSA, EC and OKP",
            ),
            (
                with(rsa(), "kty", json!(1)),
                "JWK: `kty` must be a string such as \"EC\", found a number",
            ),
            (
                with(rsa(), "kty", json!("rsa")),
                "JWK: `kty` \"rsa\" is not supported: values are case-sensitive, use \"RSA\"",
            ),
            (
                with(rsa(), "kty", json!("XYZ")),
                "JWK: `kty` \"XYZ\" is not supported: use one of \"RSA\", \"EC\", \"OKP\"",
            ),
            (
                json!({"kty": "oct", "kid": "s", "k": "c2VjcmV0"}),
                "JWK: `kty` is \"oct\", a symmetric secret key: an RFC 7523 trust needs the issuer's public key (RSA, EC or OKP)",
            ),
            (
                without(rsa(), "n"),
                "JWK: `n` is missing: an RSA key needs `n` and `e`",
            ),
            (
                with(rsa(), "e", json!(65537)),
                "JWK: `e` must be a string, found a number",
            ),
            (
                with(rsa(), "n", json!("AA")),
                "JWK: `n` is zero, which is no RSA modulus",
            ),
            (
                with(rsa(), "e", json!("AQA")),
                "JWK: `e` must be an odd number greater than 1, such as AQAB (65537)",
            ),
            (
                with(rsa(), "e", json!("AQ")),
                "JWK: `e` must be an odd number greater than 1, such as AQAB (65537)",
            ),
            (
                with(rsa(), "n", json!(format!("{RSA_N}=="))),
                "JWK: `n` ends with `=` padding, which JWK members do not use: remove the trailing `=`",
            ),
            (
                without(p256(), "crv"),
                "JWK: `crv` is missing: an EC key needs `crv`, `x` and `y`",
            ),
            (
                with(p256(), "crv", json!("secp256k1")),
                "JWK: `crv` \"secp256k1\" is not supported: use one of \"P-256\", \"P-384\", \"P-521\"",
            ),
            (
                with(p256(), "x", json!(base64url::encode(&[1; 31]))),
                "JWK: `x` is 31 bytes long, but a P-256 coordinate is exactly 32 bytes",
            ),
            (
                with(p256(), "crv", json!("P-384")),
                "JWK: `x` is 32 bytes long, but a P-384 coordinate is exactly 48 bytes",
            ),
            (
                with(p256(), "y", json!(P256_X)),
                "JWK: `x` and `y` are not a point on P-256: the key is damaged or belongs to another curve",
            ),
            (
                with(ed25519(), "crv", json!("X25519")),
                "JWK: `crv` is \"X25519\", a key-agreement curve that cannot verify signatures: an OKP key for a trust uses Ed25519",
            ),
            (
                with(ed25519(), "crv", json!("Ed448")),
                "JWK: `crv` \"Ed448\" is not supported: use one of \"Ed25519\"",
            ),
            (
                with(ed25519(), "x", json!("AQAB")),
                "JWK: `x` is 3 bytes long, but an Ed25519 public key is 32 bytes",
            ),
            (
                with(rsa(), "alg", json!("ES256")),
                "JWK `alg` \"ES256\" does not fit an RSA key: use RS256, RS384, RS512, PS256, PS384, PS512, or remove `alg`, which Hydra does not need",
            ),
            (
                with(p256(), "alg", json!("ES384")),
                "JWK `alg` \"ES384\" does not fit an EC P-256 key: use ES256, or remove `alg`, which Hydra does not need",
            ),
            (
                with(ed25519(), "alg", json!(true)),
                "JWK `alg` must be a string, found a boolean: use EdDSA, Ed25519, or remove `alg`",
            ),
            (
                with(rsa(), "use", json!("enc")),
                "JWK `use` is \"enc\", but the key must verify signed assertions: set `use` to \"sig\" or remove it",
            ),
            (
                with(rsa(), "kid", json!(long_kid)),
                "JWK `kid` is 256 characters long, but Hydra stores at most 255: use the key's RFC 7638 thumbprint `NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs` as kid",
            ),
            (
                with(rsa(), "kid", json!(7)),
                "JWK `kid` must be a string, found a number: use the key's RFC 7638 thumbprint `NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs` as kid",
            ),
            (
                without(with(rsa(), "kty", json!("XYZ")), "kid"),
                "JWK has no `kid`, which Hydra requires: add a `kid` that names this key",
            ),
        ];

        for (key, expected) in cases {
            let errors = messages(&key.to_string(), Severity::Error);
            assert!(
                errors.contains(&expected.to_string()),
                "key {key}: got {errors:#?}"
            );
        }
    }

    #[test]
    fn good_alg_values_pass() {
        let cases = [
            (rsa(), "PS512"),
            (p384(), "ES384"),
            (p521(), "ES512"),
            (ed25519(), "EdDSA"),
            (ed25519(), "Ed25519"),
        ];
        for (key, alg) in cases {
            let key = with(with(key, "alg", json!(alg)), "use", json!("sig"));
            assert_eq!(check_text(&key.to_string()).problems, vec![], "key {key}");
        }
    }

    #[test]
    fn empty_text_is_required() {
        assert_eq!(
            messages("  \n", Severity::Error),
            vec![
                "JWK is required: paste the issuer's public key as a JSON object, such as {\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"…\",\"x\":\"…\",\"y\":\"…\"}"
            ]
        );
    }

    #[test]
    fn pasted_text_mistakes_are_named() {
        let cases = [
            (
                "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----",
                "JWK: this is a PEM key, but Hydra takes a JWK: convert the public key to a JWK (a JSON object) and paste that",
            ),
            (
                "\n-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----",
                "JWK: this is a PEM private key: trustui never sends a private key. Paste the issuer's public key as a JWK (a JSON object)",
            ),
            (
                r#""{\"kty\":\"EC\"}""#,
                "JWK is a JSON string that contains a JSON object: remove the outer quotes and the backslashes before each inner quote",
            ),
            (
                "\"EC\"",
                "JWK must be a JSON object, found a string: paste the issuer's public key",
            ),
        ];

        for (text, expected) in cases {
            assert_eq!(
                messages(text, Severity::Error),
                vec![expected],
                "input {text:?}"
            );
        }
    }

    #[test]
    fn missing_kid_offers_thumbprint() {
        let check = check_text(&without(rsa(), "kid").to_string());
        let problem = &check.problems[0];
        assert_eq!(
            problem.message,
            format!(
                "JWK has no `kid`, which Hydra requires: use the key's RFC 7638 thumbprint `{RSA_THUMBPRINT}` as kid"
            )
        );
        assert_eq!(
            problem.fix,
            Some(Fix::UseThumbprintAsKid(RSA_THUMBPRINT.into()))
        );
    }

    #[test]
    fn private_key_is_refused_with_fix() {
        let key = with(with(p256(), "d", json!("secret-scalar")), "p", json!("x"));
        let check = check_text(&key.to_string());
        let problem = &check.problems[0];
        assert_eq!(
            problem.message,
            "JWK contains private key material (`d`, `p`): trustui never sends a private key, and the issuer's public key is all Hydra needs. Keep only the public part"
        );
        assert_eq!(problem.fix, Some(Fix::KeepPublicPart));
        assert!(check.jwk.is_none());
    }

    #[test]
    fn private_values_never_reach_messages() {
        let key = with(p256(), "d", json!("TOP-SECRET-VALUE"));
        let check = check_text(&key.to_string());
        assert!(
            check
                .problems
                .iter()
                .all(|problem| !problem.message.contains("TOP-SECRET"))
        );
    }

    #[test]
    fn small_rsa_key_warns() {
        let short_n = base64url::encode(&[0xc5; 128]);
        let key = with(rsa(), "n", json!(short_n));
        assert_eq!(
            messages(&key.to_string(), Severity::Warning),
            vec![
                "JWK: the RSA key has 1024 bits, below the 2048 bits considered safe: ask the issuer for a larger key"
            ]
        );
    }

    #[test]
    fn leading_zero_byte_warns() {
        let mut modulus = vec![0u8];
        modulus.extend(base64url::decode("n", RSA_N).unwrap());
        let key = with(rsa(), "n", json!(base64url::encode(&modulus)));
        assert_eq!(
            messages(&key.to_string(), Severity::Warning),
            vec![
                "JWK: `n` starts with a zero byte, which RFC 7518 does not allow, and its RFC 7638 thumbprint differs from that of the same key written without it. Ask the issuer for the key without the zero byte"
            ]
        );
    }

    #[test]
    fn set_with_one_key_uses_it() {
        let check = check_text(&json!({"keys": [p256()]}).to_string());
        assert_eq!(check.problems.len(), 1);
        assert_eq!(check.problems[0].severity, Severity::Notice);
        assert_eq!(
            check.problems[0].fix,
            Some(Fix::PickKeyFromSet("ec-1".into()))
        );
        assert!(check.jwk.is_some());
    }

    #[test]
    fn set_with_several_keys_offers_each() {
        let check = check_text(&json!({"keys": [p256(), without(rsa(), "kid"), 5]}).to_string());
        let messages: Vec<&str> = check
            .problems
            .iter()
            .map(|problem| problem.message.as_str())
            .collect();
        assert_eq!(
            messages,
            vec![
                format!(
                    "JWK Set holds 3 keys (`ec-1`, `{RSA_THUMBPRINT}`, key 3 (no kid)), but a trust relationship takes one: pick the key the issuer signs with"
                ),
                "JWK: use the key `ec-1` (EC P-256) from the set".to_string(),
                format!("JWK: use the key `{RSA_THUMBPRINT}` (RSA 2048 bits) from the set"),
            ]
        );
        assert_eq!(
            check.problems[1].fix,
            Some(Fix::PickKeyFromSet("ec-1".into()))
        );
        assert_eq!(
            check.problems[2].fix,
            Some(Fix::PickKeyFromSet(RSA_THUMBPRINT.into()))
        );
    }

    #[test]
    fn empty_set_is_refused() {
        assert_eq!(
            messages(r#"{"keys": []}"#, Severity::Error),
            vec!["JWK Set has no keys: paste the issuer's public key"]
        );
    }

    #[test]
    fn pretty_indents_and_keeps_order() {
        assert_eq!(
            pretty(r#"{"kty":"EC","crv":"P-256"}"#).unwrap(),
            "{\n  \"kty\": \"EC\",\n  \"crv\": \"P-256\"\n}"
        );
    }

    #[test]
    fn pretty_reports_syntax_error() {
        assert_eq!(pretty("{").unwrap_err().position, Some((1, 1)));
    }
}
