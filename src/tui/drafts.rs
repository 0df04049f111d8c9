//! Saving the creation form's draft between runs.

use crate::trust::form::Draft;

// TODO: save, load and remove through `trust::draft_store` once it exists;
// until then a draft lives only as long as the process.

/// Saves `draft` so that a later run can offer it back.
pub fn save(draft: &Draft) {
    let _ = draft;
}

/// Loads the draft a previous run saved, if any.
pub fn load() -> Option<Draft> {
    None
}

/// Forgets the saved draft after a successful create.
pub fn remove() {}
