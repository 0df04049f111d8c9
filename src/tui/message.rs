//! Everything that can happen to the TUI (`Message`) and every side effect it
//! requests (`Effect`).

use crossterm::event::KeyEvent;

use crate::api::{ApiError, CreateRequest, JwkSet, TrustRelationship};
use crate::trust::form::Draft;

/// Tags each request so that a result arriving after a newer request of the
/// same kind is recognised as stale and dropped.
pub type RequestId = u64;

#[derive(Debug)]
pub enum Message {
    Key(KeyEvent),
    /// A bracketed paste: the whole pasted text in one piece.
    Paste(String),
    /// The terminal's new size in columns and rows.
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passed: a spinner frame or the minute refresh of relative times.
    Tick,
    /// Standard input closed, so no more keys can arrive.
    InputClosed,
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT, by number.
    Signal(i32),
    ListPage {
        request: RequestId,
        page: Vec<TrustRelationship>,
    },
    ListDone {
        request: RequestId,
        result: Result<(), ApiError>,
    },
    Created {
        request: RequestId,
        result: Result<TrustRelationship, ApiError>,
    },
    Deleted {
        request: RequestId,
        id: String,
        result: Result<(), ApiError>,
    },
    KeyFetched {
        request: RequestId,
        id: String,
        result: Result<JwkSet, ApiError>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load every page; each page arrives as `ListPage`, then `ListDone`.
    LoadList {
        request: RequestId,
    },
    Create {
        request: RequestId,
        body: Box<CreateRequest>,
    },
    Delete {
        request: RequestId,
        id: String,
    },
    FetchKey {
        request: RequestId,
        id: String,
        set: String,
        kid: String,
    },
    /// Save the form's draft once typing pauses; a newer save replaces an
    /// older one still waiting.
    SaveDraft(Box<Draft>),
    RemoveDraft,
    /// Stop the event loop and exit with this code.
    Quit(u8),
}
