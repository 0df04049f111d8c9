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

/// What the JWK text holds once checked.
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

    let value = match parse(text) {
        Ok(value) => value,
        Err(problem) => {
            check.problems.push(problem);
            return check;
        }
    };

    let Value::Object(object) = value else {
        check.problems.push(Problem::new(
            Field::Jwk,
            Severity::Error,
            format!(
                "JWK must be a JSON object, found {}: paste the issuer's public key",
                json_kind(&value)
            ),
        ));
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
    // Serializing a `Value` cannot fail: its keys are always strings.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The name a key of a JWK Set goes by: its `kid`, or its thumbprint when it
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

/// One error naming every key, then one notice per key offering to keep it,
/// so that the form can offer the choice.
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
