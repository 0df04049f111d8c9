//! Saving the creation form's draft between runs, debounced while typing and
//! flushed on quit.

use std::sync::{Arc, Mutex};

use crate::trust::form::Draft;

// TODO: save, load and remove through `trust::draft_store` once it exists;
// until then a draft lives only as long as the process.

/// The draft storage for one endpoint, with the draft still waiting to be
/// written.
#[derive(Clone)]
pub struct Drafts {
    endpoint: String,
    pending: Arc<Mutex<Option<Draft>>>,
}

impl Drafts {
    pub fn new(endpoint: &str) -> Self {
        Self {
            endpoint: endpoint.to_string(),
            pending: Arc::new(Mutex::new(None)),
        }
    }

    /// Loads the draft a previous run saved for this endpoint, if any.
    pub fn load(&self) -> Option<Draft> {
        let _ = &self.endpoint;
        None
    }

    /// Marks `draft` as the one to write at the next `flush`.
    pub fn set_pending(&self, draft: Draft) {
        if let Ok(mut pending) = self.pending.lock() {
            *pending = Some(draft);
        }
    }

    /// Writes the pending draft, if any.
    pub fn flush(&self) {
        let draft = self
            .pending
            .lock()
            .ok()
            .and_then(|mut pending| pending.take());
        if let Some(draft) = draft {
            let _ = draft;
        }
    }

    /// Forgets the pending and the saved draft, after a successful create.
    pub fn remove(&self) {
        if let Ok(mut pending) = self.pending.lock() {
            *pending = None;
        }
    }
}
