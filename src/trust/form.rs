//! The creation form as plain text fields, and the one check that turns it into
//! a request or a list of problems, each pointing at a field.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::expiry_state::relative;
use super::quote::shown;
use super::subject::Subject;
use super::{expiry, issuer, jwk, scope, subject};
use crate::api::{CreateRequest, TrustRelationship};

/// An expiry closer than this needs a confirmation.
pub const SHORT_EXPIRY: SignedDuration = SignedDuration::from_hours(1);

/// Everything a person typed, exactly as typed. Serialized for the saved
/// draft (without private key material).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub issuer: String,
    pub subject: String,
    pub any_subject: bool,
    /// Scopes separated by spaces or commas.
    pub scopes: String,
    /// RFC 3339 or a relative span such as `+90d`.
    pub expires_at: String,
    /// The JWK editor's text.
    pub jwk: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Issuer,
    Subject,
    AnySubject,
    Scope,
    ExpiresAt,
    Jwk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; does not stop a submit.
    Notice,
    /// Likely a mistake; does not stop a submit.
    Warning,
    /// Submitting needs an explicit confirmation (a past expiry, say).
    NeedsConfirmation,
    /// Blocks the submit.
    Error,
}

/// One finding about one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub field: Field,
    pub severity: Severity,
    /// A sentence naming the field, the value and the fix.
    pub message: String,
    /// 1-based line and column in the JWK text, for JSON syntax errors.
    pub position: Option<(usize, usize)>,
    /// A safe correction the person may accept.
    pub fix: Option<Fix>,
}

/// A correction that changes the draft only when the person accepts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Set `kid` to the key's RFC 7638 thumbprint.
    UseThumbprintAsKid(String),
    /// Remove `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth` and `k`.
    KeepPublicPart,
    /// Replace a pasted JWK Set with the one key whose `kid` this is, or,
    /// for a key without a `kid`, whose RFC 7638 thumbprint this is.
    PickKeyFromSet(String),
}

/// Key facts shown before submitting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySummary {
    /// `RSA`, `EC` or `OKP`.
    pub kty: String,
    /// `2048 bits`, `P-256` or `Ed25519`.
    pub size_or_curve: String,
    /// RFC 7638 thumbprint, SHA-256, base64url without padding.
    pub thumbprint: String,
    pub kid: Option<String>,
}

/// The outcome of checking a draft.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checked {
    /// Set when no problem is an `Error`. Confirmations are still needed for
    /// `NeedsConfirmation` problems.
    pub request: Option<CreateRequest>,
    pub problems: Vec<Problem>,
    pub key: Option<KeySummary>,
    /// The expiry as the UTC instant that would be sent.
    pub expires_at: Option<Timestamp>,
}

impl Problem {
    pub fn new(field: Field, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            field,
            severity,
            message: message.into(),
            position: None,
            fix: None,
        }
    }

    /// Sets the 1-based line and column in the JWK text.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.position = Some((line, column));
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

impl Checked {
    /// True when some problem blocks the submit.
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.severity == Severity::Error)
    }

    /// Returns the problems that need an explicit confirmation before
    /// submitting.
    pub fn confirmations(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|problem| problem.severity == Severity::NeedsConfirmation)
    }

    /// Returns the problems about one field, for showing next to it.
    pub fn problems_for(&self, field: Field) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(move |problem| problem.field == field)
    }
}

/// Checks every field of `draft`. `existing` is the relationships already
/// loaded, for the same-kid and near-duplicate issuer warnings.
///
/// Problems come in the order of the form's fields. The request is built
/// only when no problem is an error.
pub fn check(draft: &Draft, now: Timestamp, existing: &[TrustRelationship]) -> Checked {
    let mut problems = Vec::new();

    let issuer = issuer::check(&draft.issuer, existing, &mut problems);
    let subject = subject::check(&draft.subject, draft.any_subject, &mut problems);
    let scope = scope::check(&draft.scopes, &mut problems);
    let expires_at = check_expiry(&draft.expires_at, now, &mut problems);

    let key = jwk::check_text(&draft.jwk);
    problems.extend(key.problems);
    if let (Some(issuer), Some(summary)) = (&issuer, &key.summary) {
        problems.extend(check_kid_reuse(issuer, subject.as_ref(), summary, existing));
    }

    let blocked = problems
        .iter()
        .any(|problem| problem.severity == Severity::Error);
    let request = match (issuer, subject, scope, expires_at, key.jwk) {
        (Some(issuer), Some(subject), Some(scope), Some(expires_at), Some(jwk)) if !blocked => {
            let (subject, allow_any_subject) = match subject {
                Subject::One(subject) => (Some(subject), None),
                Subject::Any => (None, Some(true)),
            };
            Some(CreateRequest {
                issuer,
                subject,
                allow_any_subject,
                scope,
                expires_at,
                jwk,
            })
        }
        _ => None,
    };

    Checked {
        request,
        problems,
        key: key.summary,
        expires_at,
    }
}

impl Fix {
    /// Applies the correction to the draft. The JWK text is reformatted with
    /// two-space indents; text that no longer parses is left unchanged.
    pub fn apply(&self, draft: &mut Draft) {
        let Ok(mut value) = serde_json::from_str::<Value>(&draft.jwk) else {
            return;
        };

        let changed = match self {
            Self::UseThumbprintAsKid(thumbprint) => set_kid(&mut value, thumbprint),
            Self::KeepPublicPart => {
                jwk::strip_private(&mut value);
                true
            }
            Self::PickKeyFromSet(id) => pick_from_set(&mut value, id),
        };

        if changed {
            draft.jwk = jwk::to_pretty(&value);
        }
    }
}

fn check_expiry(typed: &str, now: Timestamp, problems: &mut Vec<Problem>) -> Option<Timestamp> {
    let expiry = match expiry::parse(typed, now) {
        Ok(expiry) => expiry,
        Err(message) => {
            problems.push(Problem::new(Field::ExpiresAt, Severity::Error, message));
            return None;
        }
    };
    let at = expiry.at;

    if expiry.fraction_dropped {
        problems.push(Problem::new(
            Field::ExpiresAt,
            Severity::Notice,
            format!("Expiry: the fraction of a second is dropped, because Hydra stores whole seconds, so {at} is sent"),
        ));
    }

    if at <= now {
        problems.push(Problem::new(
            Field::ExpiresAt,
            Severity::NeedsConfirmation,
            format!(
                "Expiry {at} is in the past ({}): Hydra accepts it, and the relationship is \
                 expired from the start. Confirm, or enter a later time such as +90d",
                relative(at, now)
            ),
        ));
    } else if at.duration_since(now) < SHORT_EXPIRY {
        problems.push(Problem::new(
            Field::ExpiresAt,
            Severity::NeedsConfirmation,
            format!(
                "Expiry {at} is within the next hour ({}). Confirm, or enter a later time \
                 such as +90d",
                relative(at, now)
            ),
        ));
    }

    Some(at)
}

/// Hydra stores the key under (issuer, kid). When that pair exists, Hydra
/// v2.3.0 keeps the stored key and ignores the submitted one, and deleting
/// any relationship that uses the pair deletes the key for all of them.
fn check_kid_reuse(
    issuer: &str,
    subject: Option<&Subject>,
    key: &KeySummary,
    existing: &[TrustRelationship],
) -> Option<Problem> {
    let kid = key.kid.as_deref()?;
    let same_kid: Vec<&TrustRelationship> = existing
        .iter()
        .filter(|relationship| relationship.issuer == issuer && relationship.public_key.kid == kid)
        .collect();
    let first = same_kid.first()?;
    let fix = (kid != key.thumbprint).then(|| Fix::UseThumbprintAsKid(key.thumbprint.clone()));

    let same_subject = same_kid.iter().find(|relationship| match subject {
        Some(Subject::One(subject)) => {
            !relationship.allow_any_subject && relationship.subject == *subject
        }
        Some(Subject::Any) => relationship.allow_any_subject,
        None => false,
    });
    if let Some(duplicate) = same_subject {
        let problem = Problem::new(
            Field::Jwk,
            Severity::Error,
            format!(
                "JWK: relationship {} already has this issuer, subject and kid `{}`, and Hydra \
                 rejects a second one: use another kid, such as the key's thumbprint",
                shown(&duplicate.id),
                shown(kid)
            ),
        );
        return Some(match fix {
            Some(fix) => problem.with_fix(fix),
            None => problem,
        });
    }

    let message = if fix.is_none() {
        format!(
            "JWK: relationship {} of issuer `{}` already uses this key (kid `{}`): deleting \
             either relationship deletes the key both use",
            shown(&first.id),
            shown(issuer),
            shown(kid)
        )
    } else {
        format!(
            "JWK: relationship {} of issuer `{}` already uses kid `{}`: Hydra keeps the key \
             stored under that kid and ignores this one, and deleting either relationship \
             deletes the key both use. Use the key's thumbprint as kid",
            shown(&first.id),
            shown(issuer),
            shown(kid)
        )
    };
    let problem = Problem::new(Field::Jwk, Severity::Warning, message);
    Some(match fix {
        Some(fix) => problem.with_fix(fix),
        None => problem,
    })
}

/// Sets `kid` on a single key, keeping it after `kty` where it is read
/// first.
fn set_kid(value: &mut Value, kid: &str) -> bool {
    let Value::Object(key) = value else {
        return false;
    };
    if key.contains_key("keys") {
        return false;
    }

    if let Some(existing) = key.get_mut("kid") {
        *existing = Value::from(kid);
        return true;
    }

    let mut reordered = serde_json::Map::new();
    let mut inserted = false;
    for (name, member) in std::mem::take(key) {
        let is_kty = name == "kty";
        reordered.insert(name, member);
        if is_kty {
            reordered.insert("kid".to_string(), Value::from(kid));
            inserted = true;
        }
    }
    if !inserted {
        reordered.insert("kid".to_string(), Value::from(kid));
    }
    *key = reordered;
    true
}

fn pick_from_set(value: &mut Value, id: &str) -> bool {
    let Some(Value::Array(keys)) = value.get("keys") else {
        return false;
    };
    let Some(key) = keys
        .iter()
        .find(|key| jwk::set_member_id(key).as_deref() == Some(id))
    else {
        return false;
    };

    *value = key.clone();
    true
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const P256_X: &str = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
    const P256_Y: &str = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";
    const P256_THUMBPRINT: &str = "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s";
    const ISSUER: &str = "https://idp.example.com";

    fn now() -> Timestamp {
        "2026-12-04T12:00:00Z".parse().unwrap()
    }

    fn key() -> Value {
        json!({"kty": "EC", "kid": "ec-1", "crv": "P-256", "x": P256_X, "y": P256_Y})
    }

    fn draft() -> Draft {
        Draft {
            issuer: ISSUER.into(),
            subject: "svc@example.com".into(),
            any_subject: false,
            scopes: "openid offline_access".into(),
            expires_at: "2027-12-31T23:59:59Z".into(),
            jwk: key().to_string(),
        }
    }

    fn existing(subject: &str, any_subject: bool, kid: &str) -> TrustRelationship {
        serde_json::from_value(json!({
            "id": "9edc811f-4e28-453c-9b46-4de65f00217f",
            "issuer": ISSUER,
            "subject": subject,
            "allow_any_subject": any_subject,
            "scope": ["openid"],
            "public_key": {"set": ISSUER, "kid": kid},
            "created_at": "2026-01-17T09:06:39Z",
            "expires_at": "2027-12-31T23:59:59Z",
        }))
        .unwrap()
    }

    #[test]
    fn sound_draft_builds_request() {
        let checked = check(&draft(), now(), &[]);
        assert_eq!(checked.problems, vec![]);

        let request = checked.request.unwrap();
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            json!({
                "issuer": ISSUER,
                "subject": "svc@example.com",
                "scope": ["openid", "offline_access"],
                "expires_at": "2027-12-31T23:59:59Z",
                "jwk": key(),
            })
        );
    }

    #[test]
    fn any_subject_request_has_no_subject() {
        let mut typed = draft();
        typed.subject.clear();
        typed.any_subject = true;

        let request = check(&typed, now(), &[]).request.unwrap();
        assert_eq!(request.subject, None);
        assert_eq!(request.allow_any_subject, Some(true));
    }

    #[test]
    fn expiry_is_shown_while_other_fields_fail() {
        let mut typed = draft();
        typed.issuer.clear();
        typed.expires_at = "2027-06-01T12:00:00.5+02:00".into();

        let checked = check(&typed, now(), &[]);
        assert_eq!(
            checked.expires_at,
            Some("2027-06-01T10:00:00Z".parse().unwrap())
        );
        assert_eq!(checked.request, None);
        assert!(checked.has_errors());
    }

    #[test]
    fn request_expiry_is_whole_seconds_utc() {
        let mut typed = draft();
        typed.expires_at = "2027-06-01T12:00:00.999-01:00".into();

        let request = check(&typed, now(), &[]).request.unwrap();
        assert_eq!(
            serde_json::to_value(request.expires_at).unwrap(),
            json!("2027-06-01T13:00:00Z")
        );
    }

    #[test]
    fn dropped_fraction_is_a_notice() {
        let mut typed = draft();
        typed.expires_at = "2027-06-01T12:00:00.5Z".into();

        let problems = check(&typed, now(), &[]).problems;
        assert_eq!(
            problems,
            vec![Problem::new(
                Field::ExpiresAt,
                Severity::Notice,
                "Expiry: the fraction of a second is dropped, because Hydra stores whole seconds, so 2027-06-01T12:00:00Z is sent"
            )]
        );
    }

    #[test]
    fn early_expiry_needs_confirmation() {
        let cases = [
            (
                "2026-12-01T12:00:00Z",
                "Expiry 2026-12-01T12:00:00Z is in the past (3d ago): Hydra accepts it, and the relationship is expired from the start. Confirm, or enter a later time such as +90d",
            ),
            (
                "2026-12-04T12:00:00Z",
                "Expiry 2026-12-04T12:00:00Z is in the past (now): Hydra accepts it, and the relationship is expired from the start. Confirm, or enter a later time such as +90d",
            ),
            (
                "+30m",
                "Expiry 2026-12-04T12:30:00Z is within the next hour (in 30m). Confirm, or enter a later time such as +90d",
            ),
        ];

        for (typed, expected) in cases {
            let mut input = draft();
            input.expires_at = typed.into();

            let checked = check(&input, now(), &[]);
            let confirmations: Vec<&str> = checked
                .confirmations()
                .map(|problem| problem.message.as_str())
                .collect();
            assert_eq!(confirmations, vec![expected], "input {typed}");
            assert!(checked.request.is_some(), "input {typed}");
        }
    }

    #[test]
    fn one_hour_ahead_needs_no_confirmation() {
        let mut typed = draft();
        typed.expires_at = "+1h".into();
        assert_eq!(check(&typed, now(), &[]).confirmations().count(), 0);
    }

    #[test]
    fn problems_follow_field_order() {
        let typed = Draft::default();
        let fields: Vec<Field> = check(&typed, now(), &[])
            .problems
            .iter()
            .map(|problem| problem.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                Field::Issuer,
                Field::Subject,
                Field::Scope,
                Field::ExpiresAt,
                Field::Jwk
            ]
        );
    }

    #[test]
    fn reused_kid_warns_with_thumbprint_fix() {
        let checked = check(&draft(), now(), &[existing("other", false, "ec-1")]);
        let problem = checked.problems_for(Field::Jwk).next().unwrap();

        assert_eq!(problem.severity, Severity::Warning);
        assert_eq!(
            problem.message,
            "JWK: relationship 9edc811f-4e28-453c-9b46-4de65f00217f of issuer `https://idp.example.com` already uses kid `ec-1`: Hydra keeps the key stored under that kid and ignores this one, and deleting either relationship deletes the key both use. Use the key's thumbprint as kid"
        );
        assert_eq!(
            problem.fix,
            Some(Fix::UseThumbprintAsKid(P256_THUMBPRINT.into()))
        );
    }

    #[test]
    fn reused_thumbprint_kid_warns_about_delete() {
        let mut typed = draft();
        typed.jwk =
            json!({"kty": "EC", "kid": P256_THUMBPRINT, "crv": "P-256", "x": P256_X, "y": P256_Y})
                .to_string();

        let checked = check(&typed, now(), &[existing("", true, P256_THUMBPRINT)]);
        let problem = checked.problems_for(Field::Jwk).next().unwrap();

        assert_eq!(
            problem.message,
            format!(
                "JWK: relationship 9edc811f-4e28-453c-9b46-4de65f00217f of issuer `https://idp.example.com` already uses this key (kid `{P256_THUMBPRINT}`): deleting either relationship deletes the key both use"
            )
        );
        assert_eq!(problem.fix, None);
    }

    #[test]
    fn duplicate_relationship_is_an_error() {
        let checked = check(
            &draft(),
            now(),
            &[existing("svc@example.com", false, "ec-1")],
        );
        let problem = checked.problems_for(Field::Jwk).next().unwrap();

        assert_eq!(problem.severity, Severity::Error);
        assert_eq!(
            problem.message,
            "JWK: relationship 9edc811f-4e28-453c-9b46-4de65f00217f already has this issuer, subject and kid `ec-1`, and Hydra rejects a second one: use another kid, such as the key's thumbprint"
        );
        assert_eq!(checked.request, None);
    }

    #[test]
    fn other_issuer_kid_is_ignored() {
        let mut other = existing("svc@example.com", false, "ec-1");
        other.issuer = "https://elsewhere.example.com".into();
        assert_eq!(check(&draft(), now(), &[other]).problems, vec![]);
    }

    #[test]
    fn thumbprint_fix_sets_kid_after_kty() {
        let mut typed = draft();
        typed.jwk = json!({"kty": "EC", "crv": "P-256", "x": P256_X, "y": P256_Y}).to_string();

        Fix::UseThumbprintAsKid(P256_THUMBPRINT.into()).apply(&mut typed);

        let members: Vec<String> =
            serde_json::from_str::<serde_json::Map<String, Value>>(&typed.jwk)
                .unwrap()
                .keys()
                .cloned()
                .collect();
        assert_eq!(members, vec!["kty", "kid", "crv", "x", "y"]);
        assert_eq!(check(&typed, now(), &[]).problems, vec![]);
    }

    #[test]
    fn thumbprint_fix_replaces_existing_kid() {
        let mut typed = draft();
        Fix::UseThumbprintAsKid(P256_THUMBPRINT.into()).apply(&mut typed);
        let key: Value = serde_json::from_str(&typed.jwk).unwrap();
        assert_eq!(key["kid"], P256_THUMBPRINT);
    }

    #[test]
    fn keep_public_part_removes_private_members() {
        let mut typed = draft();
        let mut private = key();
        private["d"] = json!("SECRET");
        typed.jwk = private.to_string();

        Fix::KeepPublicPart.apply(&mut typed);

        assert!(!typed.jwk.contains("SECRET"));
        assert_eq!(check(&typed, now(), &[]).problems, vec![]);
    }

    #[test]
    fn pick_key_replaces_the_set() {
        let mut typed = draft();
        let other = json!({"kty": "OKP", "kid": "ed-1", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
        typed.jwk = json!({"keys": [other, key()]}).to_string();

        Fix::PickKeyFromSet("ec-1".into()).apply(&mut typed);

        assert_eq!(serde_json::from_str::<Value>(&typed.jwk).unwrap(), key());
    }

    #[test]
    fn fix_leaves_broken_json_alone() {
        let mut typed = draft();
        typed.jwk = "{\"kty\": ".into();
        Fix::KeepPublicPart.apply(&mut typed);
        assert_eq!(typed.jwk, "{\"kty\": ");
    }
}
