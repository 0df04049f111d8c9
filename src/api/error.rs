//! One typed error for everything a request can run into.
//!
//! PLACEHOLDER: the variants are to be completed; the methods below are the
//! contract the TUI and the command line rely on.

/// What went wrong with a request, with enough detail to tell a person what to
/// do next. `Display` is that sentence; it never contains the API key.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Other(String),
}

impl ApiError {
    /// The HTTP status, when the server answered at all.
    pub fn status(&self) -> Option<u16> {
        None
    }

    /// True for a 404 on an existing route: the relationship does not exist
    /// (maybe already deleted). False for a 404 of an unknown route.
    pub fn is_not_found(&self) -> bool {
        false
    }

    /// True for a 409: the (issuer, subject, kid) triple already exists.
    pub fn is_conflict(&self) -> bool {
        false
    }

    /// The request field a server-side validation error concerns: one of
    /// `issuer`, `subject`, `allow_any_subject`, `scope`, `expires_at`, `jwk`.
    pub fn field(&self) -> Option<&'static str> {
        None
    }

    /// True when a create or delete was sent but no answer came back, so the
    /// server may or may not have carried it out.
    pub fn outcome_unknown(&self) -> bool {
        false
    }
}
