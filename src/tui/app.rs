//! The TUI's whole state. Plain data: `update` changes it, `view` draws it.

use std::cell::Cell;

use jiff::Timestamp;

use crate::trust::form::{Draft, KeySummary};

use super::form::FormState;
use super::list::RelationshipList;
use super::message::RequestId;

pub struct App {
    /// The admin endpoint, shown in the header.
    pub endpoint: String,
    /// The clock every relative time and expiry state is computed from; the
    /// event loop sets it before each message, tests fix it.
    pub now: Timestamp,
    /// False when `NO_COLOR` is set: states then read from text, bold and
    /// reverse video alone.
    pub color: bool,
    pub list: RelationshipList,
    pub focus: Focus,
    /// The filter as typed; the list keeps a lowercase copy.
    pub filter_text: String,
    pub detail_scroll: u16,
    /// The stored key of the relationship with this id.
    pub key: Option<(String, KeyState)>,
    pub form: Option<FormState>,
    /// A draft offered back when the next form opens.
    pub kept_draft: Option<Draft>,
    pub dialog: Option<Dialog>,
    /// Scroll position of the help overlay, when it is open.
    pub help: Option<u16>,
    /// The help's last scroll position and its rows per page. The renderer
    /// keeps them so that scrolling stops at the end. They are `u16::MAX` and
    /// 10 until the help is first drawn.
    pub help_limits: Cell<(u16, u16)>,
    pub loading: Option<Loading>,
    /// The error of the last failed list load, cleared when a load succeeds.
    pub load_error: Option<String>,
    /// The list request whose results are current; older ones are stale.
    pub list_request: RequestId,
    /// An id to select as soon as it shows up in the list.
    pub pending_select: Option<String>,
    /// A delete on its way, by request and relationship id.
    pub deleting: Option<(RequestId, String)>,
    pub status: Option<Status>,
    /// Frame of the loading spinner, advanced by ticks.
    pub spinner: usize,
    /// The terminal's last known size, columns and rows; `None` until the
    /// event loop reports it.
    pub size: Option<(u16, u16)>,
    /// Set by `update` when the state changed and the screen needs a redraw.
    pub dirty: bool,
    next_request: RequestId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
    Filter,
    Form,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    Delete {
        id: String,
        issuer: String,
        subject: String,
        any_subject: bool,
        /// The other loaded relationships with the same key (issuer and
        /// kid), as shown subject and id: Hydra v2.3.0 deletes the key with
        /// the relationship, and every relationship using it goes too.
        also: Vec<(String, String)>,
        /// False while Cancel has the focus, which is where it starts.
        on_delete: bool,
    },
    /// Quit while the form contains input.
    Quit { on_quit: bool },
    /// Close the form while it contains input. The draft is kept.
    CloseForm { on_close: bool },
    /// Copy a relationship into a new form while an unsent draft is kept,
    /// which the copy would replace.
    ReplaceDraft { on_replace: bool },
    /// Choose one key of a pasted JWK Set, by `kid` (or thumbprint where a
    /// key has no `kid`).
    PickKey { kids: Vec<String>, selected: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyState {
    Loading(RequestId),
    Loaded {
        /// The key as indented JSON.
        json: String,
        summary: Result<KeySummary, String>,
    },
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub request: RequestId,
    pub so_far: usize,
    /// True until the first page of a reload arrives: that page replaces the
    /// old rows instead of adding to them.
    pub replace: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl App {
    pub fn new(endpoint: String, now: Timestamp, color: bool) -> Self {
        Self {
            endpoint,
            now,
            color,
            list: RelationshipList::default(),
            focus: Focus::List,
            filter_text: String::new(),
            detail_scroll: 0,
            key: None,
            form: None,
            kept_draft: None,
            dialog: None,
            help: None,
            help_limits: Cell::new((u16::MAX, 10)),
            loading: None,
            load_error: None,
            list_request: 0,
            pending_select: None,
            deleting: None,
            status: None,
            spinner: 0,
            size: None,
            dirty: true,
            next_request: 1,
        }
    }

    pub fn next_request(&mut self) -> RequestId {
        let request = self.next_request;
        self.next_request += 1;
        request
    }

    /// True while a request runs, which is when the spinner needs ticks.
    pub fn is_busy(&self) -> bool {
        self.loading.is_some()
            || self.deleting.is_some()
            || self
                .form
                .as_ref()
                .is_some_and(|form| form.submitting.is_some())
            || matches!(self.key, Some((_, KeyState::Loading(_))))
    }

    /// True while the terminal is below the minimum size, when the screen
    /// shows only a message and keys other than quit must not act unseen.
    pub fn too_small(&self) -> bool {
        self.size.is_some_and(|(width, height)| {
            width < super::view::MIN_WIDTH || height < super::view::MIN_HEIGHT
        })
    }

    pub fn form_has_input(&self) -> bool {
        self.form.as_ref().is_some_and(FormState::has_input)
    }

    pub fn set_error(&mut self, text: String) {
        self.status = Some(Status {
            text,
            is_error: true,
        });
    }

    /// Clears an info message, leaving an error in place: called when the
    /// state an info message describes changes.
    pub fn clear_info(&mut self) {
        if self.status.as_ref().is_some_and(|status| !status.is_error) {
            self.status = None;
        }
    }

    pub fn set_info(&mut self, text: String) {
        self.status = Some(Status {
            text,
            is_error: false,
        });
    }
}
