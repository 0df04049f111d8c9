//! `TRUSTUI_STATE_DIR` moves saved drafts. This binary contains one test,
//! because changing the environment is only sound while no other thread
//! reads it.

use jiff::Timestamp;
use trustui::trust::draft_store::{self, DraftStore, STATE_DIR_ENV};
use trustui::trust::form::Draft;

#[test]
fn state_dir_env_overrides_location() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: this test binary runs a single test, so no other thread reads
    // the environment while it changes.
    unsafe { std::env::set_var(STATE_DIR_ENV, dir.path()) };

    let store = DraftStore::open().unwrap();
    let draft = Draft {
        issuer: "https://idp.example.com".into(),
        ..Draft::default()
    };
    store
        .save("http://127.0.0.1:4445", &draft, Timestamp::UNIX_EPOCH)
        .unwrap();

    assert_eq!(draft_store::state_dir().unwrap(), dir.path());
    assert!(store.path("http://127.0.0.1:4445").starts_with(dir.path()));
    assert_eq!(
        DraftStore::at(dir.path())
            .load("http://127.0.0.1:4445")
            .unwrap()
            .unwrap()
            .draft,
        draft
    );
}
