//! trustui: a terminal UI and command line for Ory Hydra's trusted OAuth2 JWT
//! grant issuers (RFC 7523 trust relationships).
//!
//! Dependencies run one way: `tui` and `cli` use `trust`, which uses `api`.
//! The API layer has no notion of screens or forms, and the domain layer has
//! none of terminals.

pub mod api;
pub mod cli;
pub mod logging;
pub mod sanitize;
pub mod text;
pub mod trust;
pub mod tui;
