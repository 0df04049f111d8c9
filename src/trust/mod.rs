//! The domain: what makes a trust relationship correct before it is sent to
//! the server. JWK checks and RFC 7638 thumbprints, expiry parsing, issuer, subject and
//! scope rules, and the creation form's draft. Shared by the TUI and `create`.

pub mod base64url;
pub mod draft_store;
pub mod expiry;
pub mod expiry_state;
pub mod form;
pub mod issuer;
pub mod jwk;
pub mod key_material;
pub mod quote;
pub mod scope;
pub mod server;
pub mod subject;
pub mod thumbprint;
