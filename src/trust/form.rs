//! The creation form as plain text fields, and the one check that turns it into
//! a request or a list of problems, each pointing at a field.
//!
//! PLACEHOLDER: types are the contract; `check` and `Fix::apply` are to be
//! written.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::api::{CreateRequest, TrustRelationship};

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
    /// Remove `d`, `p`, `q`, `dp`, `dq`, `qi` and `oth`.
    KeepPublicPart,
    /// Replace a pasted JWK Set with the one key whose `kid` this is.
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

/// Checks every field of `draft`. `existing` is the relationships already
/// loaded, for the same-kid and near-duplicate issuer warnings.
pub fn check(draft: &Draft, now: Timestamp, existing: &[TrustRelationship]) -> Checked {
    let _ = (draft, now, existing);
    Checked::default()
}

impl Fix {
    /// Applies the correction to the draft.
    pub fn apply(&self, draft: &mut Draft) {
        let _ = draft;
    }
}
