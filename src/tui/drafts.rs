//! Saving the creation form's draft between runs, debounced while typing and
//! flushed on quit. Errors are logged and never interrupt the form.

use std::sync::{Arc, Mutex};

use jiff::Timestamp;

use crate::trust::draft_store::{DraftStore, SavedDraft};
use crate::trust::form::Draft;

/// The draft storage for one endpoint, with the draft still waiting to be
/// written.
#[derive(Clone)]
pub struct Drafts {
    endpoint: String,
    /// `None` when no state directory is known; drafts then last only as
    /// long as the process.
    store: Option<DraftStore>,
    pending: Arc<Mutex<Option<Draft>>>,
}

impl Drafts {
    /// Opens the draft store in the state directory.
    pub fn open(endpoint: &str) -> Self {
        let store = DraftStore::open()
            .inspect_err(|error| tracing::warn!(%error, "drafts will not be saved"))
            .ok();
        Self::with_store(endpoint, store)
    }

    pub fn with_store(endpoint: &str, store: Option<DraftStore>) -> Self {
        Self {
            endpoint: endpoint.to_string(),
            store,
            pending: Arc::new(Mutex::new(None)),
        }
    }

    /// Loads the draft a previous run saved for this endpoint, if any.
    pub fn load(&self) -> Option<SavedDraft> {
        let store = self.store.as_ref()?;
        store
            .load(&self.endpoint)
            .inspect_err(|error| tracing::warn!(%error, "reading the saved draft failed"))
            .ok()
            .flatten()
    }

    /// Marks `draft` as the one to write at the next `flush`.
    pub fn set_pending(&self, draft: Draft) {
        if let Ok(mut pending) = self.pending.lock() {
            *pending = Some(draft);
        }
    }

    /// Writes the pending draft, if any. The store leaves private key
    /// material out.
    pub fn flush(&self) {
        let draft = self
            .pending
            .lock()
            .ok()
            .and_then(|mut pending| pending.take());
        let (Some(draft), Some(store)) = (draft, self.store.as_ref()) else {
            return;
        };
        // A form emptied by hand leaves nothing worth offering back.
        let result = if is_blank(&draft) {
            store.remove(&self.endpoint)
        } else {
            store
                .save(&self.endpoint, &draft, Timestamp::now())
                .map(drop)
        };
        if let Err(error) = result {
            tracing::warn!(%error, "saving the draft failed");
        }
    }

    /// Forgets the pending and the saved draft, after a successful create.
    pub fn remove(&self) {
        if let Ok(mut pending) = self.pending.lock() {
            *pending = None;
        }
        if let Some(store) = &self.store
            && let Err(error) = store.remove(&self.endpoint)
        {
            tracing::warn!(%error, "removing the saved draft failed");
        }
    }
}

fn is_blank(draft: &Draft) -> bool {
    [
        &draft.issuer,
        &draft.subject,
        &draft.scopes,
        &draft.expires_at,
        &draft.jwk,
    ]
    .iter()
    .all(|text| text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENDPOINT: &str = "http://127.0.0.1:4445/";

    fn drafts_in(dir: &std::path::Path) -> Drafts {
        Drafts::with_store(ENDPOINT, Some(DraftStore::at(dir)))
    }

    fn typed() -> Draft {
        Draft {
            issuer: "https://issuer.example".to_string(),
            scopes: "read".to_string(),
            ..Draft::default()
        }
    }

    #[test]
    fn flushed_draft_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = drafts_in(dir.path());
        drafts.set_pending(typed());
        drafts.flush();
        let loaded = drafts_in(dir.path()).load().map(|saved| saved.draft);
        assert_eq!(loaded, Some(typed()));
    }

    #[test]
    fn nothing_is_written_before_flush() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = drafts_in(dir.path());
        drafts.set_pending(typed());
        assert!(drafts.load().is_none());
    }

    #[test]
    fn remove_forgets_saved_and_pending() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = drafts_in(dir.path());
        drafts.set_pending(typed());
        drafts.flush();
        drafts.set_pending(typed());
        drafts.remove();
        drafts.flush();
        assert!(drafts.load().is_none());
    }

    #[test]
    fn blank_draft_replaces_saved_one_with_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = drafts_in(dir.path());
        drafts.set_pending(typed());
        drafts.flush();
        drafts.set_pending(Draft::default());
        drafts.flush();
        assert!(drafts.load().is_none());
    }

    #[test]
    fn missing_store_loads_nothing() {
        let drafts = Drafts::with_store(ENDPOINT, None);
        drafts.set_pending(typed());
        drafts.flush();
        assert!(drafts.load().is_none());
    }
}
