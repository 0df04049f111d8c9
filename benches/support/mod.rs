//! The state the TUI benchmarks start from: an `App` that loaded many
//! synthetic trust relationships through `update`, the way the event loop
//! feeds it pages.

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use trustui::api::{KeyReference, TrustRelationship};
use trustui::tui::app::App;
use trustui::tui::message::{Effect, Message};
use trustui::tui::update::{start, update};

/// The terminal size of every figure: a large terminal, so that each frame
/// draws many rows.
pub const COLUMNS: u16 = 200;
pub const ROWS: u16 = 50;

/// Rows of the in-memory benchmarks.
pub const ITEM_COUNT: usize = 100_000;

/// Items per `ListPage`, as `trustui` requests them from Hydra.
const PAGE_SIZE: usize = 500;

/// The clock of every benchmark, so that expiry states do not drift.
pub const NOW: &str = "2026-06-01T12:00:00Z";

/// Builds an `App` that loaded `count` relationships in pages of 500 and
/// finished loading.
pub fn loaded_app(count: usize) -> App {
    let now: Timestamp = NOW.parse().expect("NOW is a valid timestamp");
    let mut app = App::new("http://127.0.0.1:4445".to_owned(), now, true);

    let request = start(&mut app)
        .iter()
        .find_map(|effect| match effect {
            Effect::LoadList { request } => Some(*request),
            _ => None,
        })
        .expect("start requests the list");
    let mut items = (0..count).map(relationship).peekable();
    while items.peek().is_some() {
        let page: Vec<TrustRelationship> = items.by_ref().take(PAGE_SIZE).collect();
        update(&mut app, Message::ListPage { request, page });
    }
    update(
        &mut app,
        Message::ListDone {
            request,
            result: Ok(()),
        },
    );
    assert_eq!(app.list.len(), count, "every item was loaded");
    app
}

/// Returns the message for one key press without modifiers.
pub fn key(code: KeyCode) -> Message {
    Message::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Builds relationship number `index`: 100 issuers, unique subjects, one
/// relationship in ten for any subject, expiries spread over three years.
pub fn relationship(index: usize) -> TrustRelationship {
    let issuer = format!("https://idp-{:02}.bench.example.com", index % 100);
    let any_subject = index.is_multiple_of(10);
    let subject = if any_subject {
        String::new()
    } else {
        format!("svc-{index:06}@workload.bench.example.com")
    };
    let expires_at = format!(
        "{}-{:02}-{:02}T23:59:59Z",
        2025 + index % 3,
        1 + index % 12,
        1 + index % 28
    );
    TrustRelationship {
        id: format!(
            "{:08x}-{:04x}-4000-8000-{:012x}",
            (index as u64).wrapping_mul(2_654_435_761) % (1 << 32),
            index % 0x1_0000,
            index
        ),
        issuer: issuer.clone(),
        subject,
        allow_any_subject: any_subject,
        scope: vec![
            "openid".to_owned(),
            format!("tenant-{}.read", index % 37),
            "offline_access".to_owned(),
        ],
        public_key: KeyReference {
            set: issuer,
            kid: format!("bench-key-{}", index % 4),
        },
        created_at: "2026-01-17T09:06:39Z".parse().expect("a valid timestamp"),
        expires_at: expires_at.parse().expect("a valid timestamp"),
        extra: Default::default(),
    }
}
