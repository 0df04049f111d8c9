//! Unit tests of the TUI's `update`: every action, driven by messages, with a
//! fixed clock and no terminal or server.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use trustui::api::{
    ApiError, ConnectFailure, KeyReference, StatusError, TrustRelationship, parse_error_body,
};
use trustui::trust::form::{Field, Fix};
use trustui::tui::app::{App, Dialog, Focus, KeyState};
use trustui::tui::list::SortOrder;
use trustui::tui::message::{Effect, Message, RequestId};
use trustui::tui::update::{start, update};

const NOW: &str = "2026-12-04T12:00:00Z";

/// RFC 7638 thumbprint of `EC_JWK`.
const EC_THUMBPRINT: &str = "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s";

/// RFC 7517 appendix A.1's example P-256 public key.
const EC_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","kid":"1"}"#;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn relationship(id: &str, issuer: &str, expires_at: &str) -> TrustRelationship {
    TrustRelationship {
        id: id.to_string(),
        issuer: issuer.to_string(),
        subject: "alice@example.com".to_string(),
        allow_any_subject: false,
        scope: vec!["read".to_string(), "write".to_string()],
        public_key: KeyReference {
            set: issuer.to_string(),
            kid: format!("kid-{id}"),
        },
        created_at: at("2026-01-01T00:00:00Z"),
        expires_at: at(expires_at),
        extra: Default::default(),
    }
}

fn sample() -> Vec<TrustRelationship> {
    vec![
        relationship("aaaa0001", "https://one.example", "2027-03-01T00:00:00Z"),
        relationship("bbbb0002", "https://two.example", "2026-12-06T00:00:00Z"),
        relationship("cccc0003", "https://three.example", "2026-11-01T00:00:00Z"),
    ]
}

fn new_app() -> App {
    App::new("http://127.0.0.1:4445/".to_string(), at(NOW), false)
}

/// Builds an app that loaded `items` in one page.
fn loaded(items: Vec<TrustRelationship>) -> App {
    let mut app = new_app();
    let request = list_request(&start(&mut app));
    update(
        &mut app,
        Message::ListPage {
            request,
            page: items,
        },
    );
    update(
        &mut app,
        Message::ListDone {
            request,
            result: Ok(()),
        },
    );
    app
}

fn list_request(effects: &[Effect]) -> RequestId {
    effects
        .iter()
        .find_map(|effect| match effect {
            Effect::LoadList { request } => Some(*request),
            _ => None,
        })
        .expect("a list load")
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(
        app,
        Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn selected_id(app: &App) -> Option<String> {
    app.list.selected().map(|item| item.id.clone())
}

fn status_error(method: &str, status: u16, body: &str) -> ApiError {
    ApiError::Status(Box::new(StatusError {
        method: method.to_string(),
        url: "http://127.0.0.1:4445/admin/trust/grants/jwt-bearer/issuers".to_string(),
        status,
        body: parse_error_body(body.as_bytes()),
        retry_after: None,
    }))
}

fn other_error() -> ApiError {
    status_error(
        "POST",
        500,
        r#"{"error":"server_error","error_description":"The database is unavailable"}"#,
    )
}

fn not_found_error() -> ApiError {
    status_error(
        "DELETE",
        404,
        r#"{"error":"Not Found","error_description":"Unable to locate the resource"}"#,
    )
}

fn conflict_error() -> ApiError {
    status_error(
        "POST",
        409,
        r#"{"error":"Conflict","error_description":"Unable to insert or update resource because a resource with that value exists already"}"#,
    )
}

fn expires_at_error() -> ApiError {
    status_error(
        "POST",
        400,
        r#"{"error":"invalid_request","error_description":"The request is missing a required parameter. Field 'expires_at' is required."}"#,
    )
}

fn lost_error(method: &str) -> ApiError {
    ApiError::ConnectionLost {
        method: method.to_string(),
        url: "http://127.0.0.1:4445/admin/trust/grants/jwt-bearer/issuers".to_string(),
        detail: "connection reset by peer".to_string(),
        outcome_unknown: true,
    }
}

// Navigation

#[test]
fn initial_selection_is_soonest_expiry() {
    let app = loaded(sample());
    assert_eq!(selected_id(&app).as_deref(), Some("cccc0003"));
}

#[test]
fn down_selects_next_row() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected_id(&app).as_deref(), Some("bbbb0002"));
}

#[test]
fn up_at_top_stays() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Up);
    assert_eq!(app.list.selected_index(), 0);
}

#[test]
fn down_at_bottom_stays() {
    let mut app = loaded(sample());
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.list.selected_index(), 2);
}

#[test]
fn capital_g_selects_last_and_g_first() {
    let mut app = loaded(sample());
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
    );
    assert_eq!(app.list.selected_index(), 2);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.list.selected_index(), 0);
}

#[test]
fn page_down_moves_by_page_rows() {
    let items = (0..50)
        .map(|i| {
            relationship(
                &format!("id{i:06}"),
                "https://p.example",
                "2027-01-01T00:00:00Z",
            )
        })
        .collect();
    let mut app = loaded(items);
    app.list.page_rows.set(10);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.list.selected_index(), 10);
    press(&mut app, KeyCode::End);
    assert_eq!(app.list.selected_index(), 49);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.list.selected_index(), 39);
}

#[test]
fn enter_focuses_detail_and_fetches_key() {
    let mut app = loaded(sample());
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Detail);
    assert!(matches!(
        effects.as_slice(),
        [Effect::FetchKey { id, kid, .. }] if id == "cccc0003" && kid == "kid-cccc0003"
    ));
}

#[test]
fn detail_focus_scrolls_instead_of_moving() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.detail_scroll, 1);
    assert_eq!(app.list.selected_index(), 0);
}

#[test]
fn escape_in_detail_returns_to_list() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.focus, Focus::List);
}

// Filter and sort

#[test]
fn filter_narrows_to_matching_issuer() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "TWO");
    assert_eq!(app.list.visible_len(), 1);
    assert_eq!(selected_id(&app).as_deref(), Some("bbbb0002"));
}

#[test]
fn filter_matches_scope_and_id() {
    let mut items = sample();
    items[0].scope = vec!["billing.read".to_string()];
    let mut app = loaded(items);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "billing");
    assert_eq!(selected_id(&app).as_deref(), Some("aaaa0001"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "cccc");
    assert_eq!(selected_id(&app).as_deref(), Some("cccc0003"));
}

#[test]
fn filter_keys_are_text_not_commands() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('/'));
    let effects = press(&mut app, KeyCode::Char('q'));
    assert!(effects.is_empty());
    assert_eq!(app.filter_text, "q");
}

#[test]
fn backspace_widens_filter() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "twox");
    assert_eq!(app.list.visible_len(), 0);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.list.visible_len(), 1);
}

#[test]
fn escape_clears_filter() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "two");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.list.visible_len(), 3);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn filter_keeps_selection_in_range() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "three");
    assert_eq!(app.list.selected_index(), 0);
    assert_eq!(selected_id(&app).as_deref(), Some("cccc0003"));
}

#[test]
fn filter_without_match_selects_nothing() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "nothing-like-this");
    assert!(app.list.selected().is_none());
}

#[test]
fn paste_into_filter_appends_text() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('/'));
    update(&mut app, Message::Paste("three\n".to_string()));
    assert_eq!(app.filter_text, "three");
}

#[test]
fn sort_cycles_expiry_issuer_created() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.list.sort(), SortOrder::Issuer);
    assert_eq!(app.list.visible_item(0).unwrap().id, "aaaa0001");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.list.sort(), SortOrder::Created);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.list.sort(), SortOrder::Expiry);
}

#[test]
fn sort_keeps_selected_id() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(selected_id(&app).as_deref(), Some("bbbb0002"));
}

// Loading

#[test]
fn first_page_shows_while_loading() {
    let mut app = new_app();
    let request = list_request(&start(&mut app));
    update(
        &mut app,
        Message::ListPage {
            request,
            page: sample(),
        },
    );
    assert_eq!(app.list.len(), 3);
    assert_eq!(app.loading.map(|loading| loading.so_far), Some(3));
}

#[test]
fn later_pages_merge_in_sort_order() {
    let mut app = new_app();
    let request = list_request(&start(&mut app));
    let mut items = sample();
    let last = items.pop().unwrap();
    update(
        &mut app,
        Message::ListPage {
            request,
            page: items,
        },
    );
    update(
        &mut app,
        Message::ListPage {
            request,
            page: vec![last],
        },
    );
    assert_eq!(app.list.visible_item(0).unwrap().id, "cccc0003");
}

#[test]
fn reload_keeps_selection_on_same_id() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Down);
    let request = list_request(&press(&mut app, KeyCode::Char('r')));
    let mut items = sample();
    items.insert(
        0,
        relationship("0000new0", "https://new.example", "2026-10-01T00:00:00Z"),
    );
    update(
        &mut app,
        Message::ListPage {
            request,
            page: items,
        },
    );
    update(
        &mut app,
        Message::ListDone {
            request,
            result: Ok(()),
        },
    );
    assert_eq!(selected_id(&app).as_deref(), Some("bbbb0002"));
}

#[test]
fn stale_list_page_is_ignored() {
    let mut app = loaded(sample());
    let first = list_request(&press(&mut app, KeyCode::Char('r')));
    let second = list_request(&press(&mut app, KeyCode::Char('r')));
    update(
        &mut app,
        Message::ListPage {
            request: first,
            page: vec![relationship("stale000", "https://stale.example", NOW)],
        },
    );
    assert_eq!(app.list.len(), 3);
    assert_eq!(app.loading.map(|loading| loading.request), Some(second));
}

#[test]
fn stale_result_does_not_redraw() {
    let mut app = loaded(sample());
    update(
        &mut app,
        Message::ListDone {
            request: 999,
            result: Ok(()),
        },
    );
    assert!(!app.dirty);
}

#[test]
fn list_failure_says_how_to_retry() {
    let mut app = new_app();
    let request = list_request(&start(&mut app));
    update(
        &mut app,
        Message::ListDone {
            request,
            result: Err(other_error()),
        },
    );
    let status = app.status.clone().expect("a status");
    assert!(status.is_error);
    assert!(status.text.contains("press r to retry") || status.text.contains("Press r to retry"));
    assert!(app.loading.is_none());
}

#[test]
fn r_after_list_failure_retries() {
    let mut app = new_app();
    let first = list_request(&start(&mut app));
    update(
        &mut app,
        Message::ListDone {
            request: first,
            result: Err(other_error()),
        },
    );
    let effects = press(&mut app, KeyCode::Char('r'));
    let second = list_request(&effects);
    assert_ne!(second, first);
    assert_eq!(app.loading.map(|loading| loading.request), Some(second));
}

#[test]
fn q_quits_at_once_while_list_loads() {
    let mut app = new_app();
    start(&mut app);
    let effects = press(&mut app, KeyCode::Char('q'));
    assert_eq!(effects, vec![Effect::Quit(0)]);
}

#[test]
fn keys_work_while_list_loads() {
    let mut app = new_app();
    start(&mut app);
    press(&mut app, KeyCode::Char('?'));
    assert!(app.help.is_some());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.focus, Focus::Form);
}

#[test]
fn failure_after_pages_says_list_is_partial() {
    let mut app = new_app();
    let request = list_request(&start(&mut app));
    update(
        &mut app,
        Message::ListPage {
            request,
            page: sample(),
        },
    );
    update(
        &mut app,
        Message::ListDone {
            request,
            result: Err(other_error()),
        },
    );
    let status = app.status.clone().expect("a status");
    assert!(status.text.contains("only the 3 loaded"));
    assert_eq!(app.list.len(), 3);
}

#[test]
fn stale_key_result_is_ignored() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Enter);
    let effects = press(&mut app, KeyCode::Char('K'));
    let Some(Effect::FetchKey { request, .. }) = effects.first() else {
        panic!("expected a key fetch");
    };
    update(
        &mut app,
        Message::KeyFetched {
            request: request - 1,
            id: "cccc0003".to_string(),
            result: Err(other_error()),
        },
    );
    assert!(matches!(app.key, Some((_, KeyState::Loading(r))) if r == *request));
}

#[test]
fn key_failure_is_shown_with_retry_key() {
    let mut app = loaded(sample());
    let effects = press(&mut app, KeyCode::Enter);
    let Some(Effect::FetchKey { request, .. }) = effects.first() else {
        panic!("expected a key fetch");
    };
    update(
        &mut app,
        Message::KeyFetched {
            request: *request,
            id: "cccc0003".to_string(),
            result: Err(other_error()),
        },
    );
    assert!(
        matches!(&app.key, Some((_, KeyState::Failed(message))) if message.contains("Press K"))
    );
}

// Delete

fn open_delete(app: &mut App) {
    press(app, KeyCode::Char('d'));
}

fn delete_request(effects: &[Effect]) -> RequestId {
    match effects {
        [Effect::Delete { request, .. }] => *request,
        other => panic!("expected one delete, got {other:?}"),
    }
}

#[test]
fn delete_dialog_names_relationship_and_focuses_cancel() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    assert_eq!(
        app.dialog,
        Some(Dialog::Delete {
            id: "cccc0003".to_string(),
            issuer: "https://three.example".to_string(),
            subject: "alice@example.com".to_string(),
            any_subject: false,
            also: Vec::new(),
            on_delete: false,
        })
    );
}

/// `sample()` plus a relationship of another subject that shares the key of
/// `cccc0003` (same issuer and kid).
fn sample_with_shared_key() -> Vec<TrustRelationship> {
    let mut items = sample();
    let mut sibling = relationship("dddd0004", "https://three.example", "2027-01-01T00:00:00Z");
    sibling.subject = "bob@example.com".to_string();
    sibling.public_key.kid = "kid-cccc0003".to_string();
    items.push(sibling);
    items
}

#[test]
fn delete_dialog_names_relationships_sharing_the_key() {
    let mut app = loaded(sample_with_shared_key());
    open_delete(&mut app);
    let also = match &app.dialog {
        Some(Dialog::Delete { also, .. }) => also.clone(),
        other => panic!("expected the delete dialog, got {other:?}"),
    };
    assert_eq!(
        also,
        vec![("bob@example.com".to_string(), "dddd0004".to_string())]
    );
}

#[test]
fn successful_delete_reloads_the_list() {
    let mut app = loaded(sample_with_shared_key());
    open_delete(&mut app);
    let request = delete_request(&press(&mut app, KeyCode::Char('y')));
    let effects = update(
        &mut app,
        Message::Deleted {
            request,
            id: "cccc0003".to_string(),
            result: Ok(()),
        },
    );
    assert!(matches!(effects.as_slice(), [Effect::LoadList { .. }]));
}

#[test]
fn enter_on_cancel_does_not_delete() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
    assert!(app.dialog.is_none());
}

#[test]
fn tab_then_enter_deletes() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    press(&mut app, KeyCode::Tab);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(delete_request(&effects), delete_request(&effects));
    assert!(matches!(effects.as_slice(), [Effect::Delete { id, .. }] if id == "cccc0003"));
}

#[test]
fn escape_cancels_delete() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    let effects = press(&mut app, KeyCode::Esc);
    assert!(effects.is_empty());
    assert!(app.dialog.is_none());
}

#[test]
fn deleted_row_leaves_list() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    let request = delete_request(&press(&mut app, KeyCode::Char('y')));
    update(
        &mut app,
        Message::Deleted {
            request,
            id: "cccc0003".to_string(),
            result: Ok(()),
        },
    );
    assert_eq!(app.list.len(), 2);
    assert!(app.deleting.is_none());
}

#[test]
fn deleting_last_row_keeps_selection_in_range() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::End);
    open_delete(&mut app);
    let request = delete_request(&press(&mut app, KeyCode::Char('y')));
    update(
        &mut app,
        Message::Deleted {
            request,
            id: "aaaa0001".to_string(),
            result: Ok(()),
        },
    );
    assert_eq!(app.list.selected_index(), 1);
    assert_eq!(selected_id(&app).as_deref(), Some("bbbb0002"));
}

#[test]
fn failed_delete_keeps_row_and_says_so() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    let request = delete_request(&press(&mut app, KeyCode::Char('y')));
    let effects = update(
        &mut app,
        Message::Deleted {
            request,
            id: "cccc0003".to_string(),
            result: Err(other_error()),
        },
    );
    assert!(effects.is_empty());
    assert_eq!(app.list.len(), 3);
    assert!(app.status.as_ref().is_some_and(|status| status.is_error));
}

#[test]
fn delete_404_reports_already_deleted_and_reloads() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    let request = delete_request(&press(&mut app, KeyCode::Char('y')));
    let effects = update(
        &mut app,
        Message::Deleted {
            request,
            id: "cccc0003".to_string(),
            result: Err(not_found_error()),
        },
    );
    assert!(matches!(effects.as_slice(), [Effect::LoadList { .. }]));
    let status = app.status.clone().expect("a status");
    assert!(status.text.contains("already deleted"));
    assert!(!status.is_error);
    assert_eq!(app.list.len(), 2);
}

#[test]
fn delete_unknown_outcome_says_so_and_reloads() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    let request = delete_request(&press(&mut app, KeyCode::Char('y')));
    let effects = update(
        &mut app,
        Message::Deleted {
            request,
            id: "cccc0003".to_string(),
            result: Err(lost_error("DELETE")),
        },
    );
    assert!(matches!(effects.as_slice(), [Effect::LoadList { .. }]));
    let status = app.status.clone().expect("a status");
    assert!(status.text.contains("may or may not have happened"));
    assert!(status.is_error);
}

#[test]
fn stale_delete_result_is_ignored() {
    let mut app = loaded(sample());
    open_delete(&mut app);
    let request = delete_request(&press(&mut app, KeyCode::Char('y')));
    update(
        &mut app,
        Message::Deleted {
            request: request + 1,
            id: "cccc0003".to_string(),
            result: Ok(()),
        },
    );
    assert_eq!(app.list.len(), 3);
    assert!(app.deleting.is_some());
}

// Form

fn open_form(app: &mut App) {
    press(app, KeyCode::Char('n'));
}

/// Fills every field with valid values, by typing and pasting.
fn fill_form(app: &mut App) {
    type_text(app, "https://issuer.example");
    press(app, KeyCode::Tab);
    type_text(app, "bob@example.com");
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    type_text(app, "read write");
    press(app, KeyCode::Tab);
    type_text(app, "2027-06-01T00:00:00Z");
    press(app, KeyCode::Tab);
    update(app, Message::Paste(EC_JWK.replace(',', ",\n")));
}

#[test]
fn n_opens_empty_form_on_issuer() {
    let mut app = loaded(sample());
    open_form(&mut app);
    assert_eq!(app.focus, Focus::Form);
    assert_eq!(
        app.form.as_ref().map(|form| form.focus),
        Some(Field::Issuer)
    );
}

#[test]
fn typing_goes_into_focused_field() {
    let mut app = loaded(sample());
    open_form(&mut app);
    type_text(&mut app, "https://q.example/");
    let form = app.form.as_ref().unwrap();
    assert_eq!(form.issuer.text(), "https://q.example/");
}

#[test]
fn typing_saves_draft() {
    let mut app = loaded(sample());
    open_form(&mut app);
    let effects = press(&mut app, KeyCode::Char('x'));
    assert!(matches!(effects.as_slice(), [Effect::SaveDraft(draft)] if draft.issuer == "x"));
}

#[test]
fn tab_and_back_tab_move_between_fields() {
    let mut app = loaded(sample());
    open_form(&mut app);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.form.as_ref().unwrap().focus, Field::Subject);
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
    );
    assert_eq!(app.form.as_ref().unwrap().focus, Field::Issuer);
}

#[test]
fn space_toggles_any_subject() {
    let mut app = loaded(sample());
    open_form(&mut app);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "bob");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    let form = app.form.as_ref().unwrap();
    assert!(form.any_subject);
    assert_eq!(form.draft().subject, "");
    assert_eq!(form.subject.text(), "bob");
}

#[test]
fn any_subject_skips_subject_field() {
    let mut app = loaded(sample());
    open_form(&mut app);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
    );
    assert_eq!(app.form.as_ref().unwrap().focus, Field::Issuer);
}

#[test]
fn space_in_text_field_is_text() {
    let mut app = loaded(sample());
    open_form(&mut app);
    type_text(&mut app, "a b");
    assert_eq!(app.form.as_ref().unwrap().issuer.text(), "a b");
    assert!(!app.form.as_ref().unwrap().any_subject);
}

#[test]
fn enter_in_text_field_moves_on_without_submitting() {
    let mut app = loaded(sample());
    open_form(&mut app);
    type_text(&mut app, "https://issuer.example");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
    assert_eq!(app.form.as_ref().unwrap().focus, Field::Subject);
}

#[test]
fn paste_into_jwk_arrives_whole() {
    let mut app = loaded(sample());
    open_form(&mut app);
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    let pasted = "{\r\n  \"kty\": \"EC\",\r\n  \"crv\": \"P-256\"\r\n}";
    let effects = update(&mut app, Message::Paste(pasted.to_string()));
    assert!(
        effects
            .iter()
            .all(|effect| matches!(effect, Effect::SaveDraft(_)))
    );
    assert_eq!(
        app.form.as_ref().unwrap().jwk_text(),
        "{\n  \"kty\": \"EC\",\n  \"crv\": \"P-256\"\n}"
    );
}

#[test]
fn paste_into_line_field_joins_lines() {
    let mut app = loaded(sample());
    open_form(&mut app);
    update(&mut app, Message::Paste("https://a.example\n".to_string()));
    assert_eq!(
        app.form.as_ref().unwrap().issuer.text(),
        "https://a.example "
    );
}

#[test]
fn paste_in_list_is_ignored() {
    let mut app = loaded(sample());
    let effects = update(&mut app, Message::Paste("d".to_string()));
    assert!(effects.is_empty());
    assert!(app.dialog.is_none());
}

#[test]
fn ctrl_f_formats_jwk() {
    let mut app = loaded(sample());
    open_form(&mut app);
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    update(
        &mut app,
        Message::Paste(r#"{"kty":"EC","kid":"1"}"#.to_string()),
    );
    ctrl(&mut app, 'f');
    assert_eq!(
        app.form.as_ref().unwrap().jwk_text(),
        "{\n  \"kty\": \"EC\",\n  \"kid\": \"1\"\n}"
    );
}

#[test]
fn format_keeps_invalid_json() {
    let mut app = loaded(sample());
    open_form(&mut app);
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    update(&mut app, Message::Paste("{not json".to_string()));
    ctrl(&mut app, 'f');
    let form = app.form.as_ref().unwrap();
    assert_eq!(form.jwk_text(), "{not json");
    assert!(
        form.note
            .as_ref()
            .is_some_and(|note| note.contains("not valid JSON"))
    );
}

#[test]
fn empty_form_is_not_submitted() {
    let mut app = loaded(sample());
    open_form(&mut app);
    let effects = ctrl(&mut app, 's');
    assert!(effects.is_empty());
}

fn submit_filled(app: &mut App) -> RequestId {
    open_form(app);
    fill_form(app);
    let effects = ctrl(app, 's');
    match effects.as_slice() {
        [Effect::Create { request, body }] => {
            assert_eq!(body.issuer, "https://issuer.example");
            *request
        }
        other => panic!(
            "expected one create, got {other:?}; note: {:?}",
            app.form.as_ref().map(|f| &f.note)
        ),
    }
}

#[test]
fn submit_sends_what_was_typed() {
    let mut app = loaded(sample());
    open_form(&mut app);
    fill_form(&mut app);
    let effects = ctrl(&mut app, 's');
    let Some(Effect::Create { body, .. }) = effects.first() else {
        panic!(
            "expected a create, note: {:?}",
            app.form.as_ref().map(|f| &f.note)
        );
    };
    assert_eq!(body.subject.as_deref(), Some("bob@example.com"));
    assert_eq!(body.scope, vec!["read".to_string(), "write".to_string()]);
    assert_eq!(body.expires_at, at("2027-06-01T00:00:00Z"));
    assert_eq!(body.jwk.member("kid"), Some("1"));
}

#[test]
fn created_relationship_is_selected() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    let created = relationship("dddd0004", "https://issuer.example", "2027-06-01T00:00:00Z");
    let effects = update(
        &mut app,
        Message::Created {
            request,
            result: Ok(created),
        },
    );
    assert!(app.form.is_none());
    assert_eq!(selected_id(&app).as_deref(), Some("dddd0004"));
    assert_eq!(effects, vec![Effect::RemoveDraft]);
}

#[test]
fn failed_create_keeps_every_character() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    let before = app.form.as_ref().unwrap().draft();
    update(
        &mut app,
        Message::Created {
            request,
            result: Err(other_error()),
        },
    );
    let form = app.form.as_ref().expect("the form stays open");
    assert_eq!(form.draft(), before);
    assert!(form.server_error.is_some());
    assert!(form.submitting.is_none());
}

#[test]
fn server_field_error_shows_next_to_field() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    update(
        &mut app,
        Message::Created {
            request,
            result: Err(expires_at_error()),
        },
    );
    let form = app.form.as_ref().expect("the form stays open");
    let error = form.server_error.clone().expect("a server error");
    assert_eq!(error.field, Some(Field::ExpiresAt));
    assert_eq!(form.focus, Field::ExpiresAt);
}

#[test]
fn go_jose_error_shows_next_to_jwk() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    let error = status_error(
        "POST",
        400,
        r#"{"error":"error","error_description":"go-jose/go-jose: unknown json web key type 'foo'"}"#,
    );
    update(
        &mut app,
        Message::Created {
            request,
            result: Err(error),
        },
    );
    let form = app.form.as_ref().expect("the form stays open");
    let shown = form.server_error.clone().expect("a server error");
    assert_eq!(shown.field, Some(Field::Jwk));
    assert!(
        shown.message.contains("unknown json web key type"),
        "{}",
        shown.message
    );
    assert_eq!(form.focus, Field::Jwk);
}

#[test]
fn time_parse_error_shows_next_to_expiry() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    let error = status_error(
        "POST",
        400,
        r#"{"error":"error","error_description":"parsing time '2031-13-01' as '2006-01-02T15:04:05Z07:00': month out of range"}"#,
    );
    update(
        &mut app,
        Message::Created {
            request,
            result: Err(error),
        },
    );
    let form = app.form.as_ref().expect("the form stays open");
    let shown = form.server_error.clone().expect("a server error");
    assert_eq!(shown.field, Some(Field::ExpiresAt));
    assert!(
        shown.message.contains("month out of range"),
        "{}",
        shown.message
    );
    assert_eq!(form.focus, Field::ExpiresAt);
}

#[test]
fn unrecognised_400_stays_under_form() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    let error = status_error(
        "POST",
        400,
        r#"{"error":"error","error_description":"something else went wrong"}"#,
    );
    update(
        &mut app,
        Message::Created {
            request,
            result: Err(error),
        },
    );
    let shown = app.form.as_ref().unwrap().server_error.clone().unwrap();
    assert_eq!(shown.field, None);
    assert!(
        shown.message.contains("something else went wrong"),
        "{}",
        shown.message
    );
}

#[test]
fn conflict_gets_plain_sentence() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    update(
        &mut app,
        Message::Created {
            request,
            result: Err(conflict_error()),
        },
    );
    let error = app.form.as_ref().unwrap().server_error.clone().unwrap();
    assert!(error.message.contains("already exists"));
}

#[test]
fn server_failure_gets_plain_sentence() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    update(
        &mut app,
        Message::Created {
            request,
            result: Err(other_error()),
        },
    );
    let error = app.form.as_ref().unwrap().server_error.clone().unwrap();
    assert!(error.message.contains("The server failed"));
    assert!(error.message.contains("Ctrl-S"));
}

#[test]
fn refused_create_says_not_sent() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    let refused = ApiError::Connect {
        url: "http://127.0.0.1:4445/admin/trust/grants/jwt-bearer/issuers".to_string(),
        kind: ConnectFailure::Refused,
        detail: "connection refused".to_string(),
    };
    update(
        &mut app,
        Message::Created {
            request,
            result: Err(refused),
        },
    );
    let error = app.form.as_ref().unwrap().server_error.clone().unwrap();
    assert!(error.message.starts_with("Not sent:"), "{}", error.message);
}

#[test]
fn create_unknown_outcome_says_so_and_reloads() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    let before = app.form.as_ref().unwrap().draft();
    let effects = update(
        &mut app,
        Message::Created {
            request,
            result: Err(lost_error("POST")),
        },
    );
    assert!(matches!(effects.as_slice(), [Effect::LoadList { .. }]));
    let form = app.form.as_ref().expect("the form stays open");
    assert_eq!(form.draft(), before);
    let error = form.server_error.clone().unwrap();
    assert!(error.message.contains("may or may not exist"));
}

#[test]
fn past_expiry_needs_second_submit() {
    let mut app = loaded(sample());
    open_form(&mut app);
    fill_form(&mut app);
    let form = app.form.as_mut().unwrap();
    form.focus = Field::ExpiresAt;
    press(&mut app, KeyCode::End);
    ctrl(&mut app, 'u');
    type_text(&mut app, "2026-01-01T00:00:00Z");

    let first = ctrl(&mut app, 's');
    assert!(first.is_empty());
    assert!(app.form.as_ref().unwrap().confirm_armed);
    let second = ctrl(&mut app, 's');
    assert!(matches!(second.as_slice(), [Effect::Create { .. }]));
}

#[test]
fn edit_disarms_confirmation() {
    let mut app = loaded(sample());
    open_form(&mut app);
    fill_form(&mut app);
    app.form.as_mut().unwrap().focus = Field::ExpiresAt;
    ctrl(&mut app, 'u');
    type_text(&mut app, "2026-01-01T00:00:00Z");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "Z");
    let effects = ctrl(&mut app, 's');
    assert!(effects.is_empty());
}

#[test]
fn ctrl_a_accepts_thumbprint_kid_fix() {
    let mut existing = sample();
    existing[0].issuer = "https://issuer.example".to_string();
    existing[0].public_key.kid = "1".to_string();
    let mut app = loaded(existing);
    open_form(&mut app);
    fill_form(&mut app);
    let has_fix = app
        .form
        .as_ref()
        .unwrap()
        .checked
        .problems
        .iter()
        .any(|p| matches!(&p.fix, Some(Fix::UseThumbprintAsKid(_))));
    assert!(has_fix);

    ctrl(&mut app, 'a');
    let jwk = app.form.as_ref().unwrap().jwk_text();
    let value: serde_json::Value = serde_json::from_str(&jwk).unwrap();
    assert_eq!(value["kid"], EC_THUMBPRINT);
}

#[test]
fn stale_create_result_is_ignored() {
    let mut app = loaded(sample());
    let request = submit_filled(&mut app);
    update(
        &mut app,
        Message::Created {
            request: request + 100,
            result: Err(other_error()),
        },
    );
    assert_eq!(app.form.as_ref().unwrap().submitting, Some(request));
}

#[test]
fn second_submit_while_sending_is_refused() {
    let mut app = loaded(sample());
    submit_filled(&mut app);
    let effects = ctrl(&mut app, 's');
    assert!(effects.is_empty());
}

#[test]
fn escape_on_filled_form_asks_and_keeps_draft() {
    let mut app = loaded(sample());
    open_form(&mut app);
    type_text(&mut app, "https://kept.example");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.dialog, Some(Dialog::CloseForm { on_close: false }));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.form.is_none());
    open_form(&mut app);
    assert_eq!(
        app.form.as_ref().unwrap().issuer.text(),
        "https://kept.example"
    );
}

#[test]
fn escape_on_empty_form_closes_without_asking() {
    let mut app = loaded(sample());
    open_form(&mut app);
    press(&mut app, KeyCode::Esc);
    assert!(app.form.is_none());
    assert!(app.dialog.is_none());
}

#[test]
fn copy_fills_form_from_selected() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('c'));
    let draft = app.form.as_ref().unwrap().draft();
    assert_eq!(draft.issuer, "https://three.example");
    assert_eq!(draft.subject, "alice@example.com");
    assert_eq!(draft.scopes, "read write");
    assert_eq!(draft.jwk, "");
}

// Quit

#[test]
fn q_quits_without_form_input() {
    let mut app = loaded(sample());
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit(0)]);
}

#[test]
fn ctrl_c_with_form_input_asks_first() {
    let mut app = loaded(sample());
    open_form(&mut app);
    type_text(&mut app, "x");
    let effects = ctrl(&mut app, 'c');
    assert!(effects.is_empty());
    assert_eq!(app.dialog, Some(Dialog::Quit { on_quit: false }));
}

#[test]
fn second_ctrl_c_quits() {
    let mut app = loaded(sample());
    open_form(&mut app);
    type_text(&mut app, "x");
    ctrl(&mut app, 'c');
    let effects = ctrl(&mut app, 'c');
    assert_eq!(effects.last(), Some(&Effect::Quit(0)));
}

#[test]
fn quit_with_form_input_saves_draft_first() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('c'));
    let effects = update(&mut app, Message::Signal(1));
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveDraft(draft), Effect::Quit(129)] if draft.issuer == "https://three.example"
    ));
}

#[test]
fn closing_copied_form_saves_draft() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Esc);
    let effects = press(&mut app, KeyCode::Char('y'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveDraft(draft)] if draft.issuer == "https://three.example"
    ));
}

#[test]
fn quit_dialog_cancel_keeps_form() {
    let mut app = loaded(sample());
    open_form(&mut app);
    type_text(&mut app, "x");
    ctrl(&mut app, 'c');
    press(&mut app, KeyCode::Enter);
    assert!(app.dialog.is_none());
    assert_eq!(app.form.as_ref().unwrap().issuer.text(), "x");
}

#[test]
fn input_closed_quits() {
    let mut app = loaded(sample());
    assert_eq!(
        update(&mut app, Message::InputClosed),
        vec![Effect::Quit(0)]
    );
}

#[test]
fn sigterm_quits_with_143() {
    let mut app = loaded(sample());
    assert_eq!(
        update(&mut app, Message::Signal(15)),
        vec![Effect::Quit(143)]
    );
}

// Help

#[test]
fn question_mark_opens_help_and_escape_closes() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.help, Some(0));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.help, None);
}

#[test]
fn keys_under_help_do_not_act() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('?'));
    let effects = press(&mut app, KeyCode::Char('d'));
    assert!(effects.is_empty());
    assert!(app.dialog.is_none());
}

#[test]
fn enter_in_filter_keeps_filter() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "two");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.list.visible_len(), 1);
}

#[test]
fn escape_in_list_clears_kept_filter() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "two");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.list.visible_len(), 3);
    assert_eq!(app.filter_text, "");
}

#[test]
fn f1_opens_help_from_form() {
    let mut app = loaded(sample());
    open_form(&mut app);
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.help, Some(0));
    assert!(app.form.is_some());
}

#[test]
fn copy_includes_fetched_key() {
    let mut app = loaded(sample());
    let effects = press(&mut app, KeyCode::Enter);
    let Some(Effect::FetchKey { request, id, .. }) = effects.first().cloned() else {
        panic!("expected a key fetch");
    };
    let jwk: trustui::api::Jwk = serde_json::from_str(EC_JWK).unwrap();
    update(
        &mut app,
        Message::KeyFetched {
            request,
            id,
            result: Ok(trustui::api::JwkSet { keys: vec![jwk] }),
        },
    );
    press(&mut app, KeyCode::Char('c'));
    let text = app.form.as_ref().unwrap().jwk_text();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["x"], "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4");
}

#[test]
fn fetched_key_is_summarized() {
    let mut app = loaded(sample());
    let effects = press(&mut app, KeyCode::Enter);
    let Some(Effect::FetchKey { request, id, .. }) = effects.first().cloned() else {
        panic!("expected a key fetch");
    };
    let jwk: trustui::api::Jwk = serde_json::from_str(EC_JWK).unwrap();
    update(
        &mut app,
        Message::KeyFetched {
            request,
            id,
            result: Ok(trustui::api::JwkSet { keys: vec![jwk] }),
        },
    );
    let Some((_, KeyState::Loaded { summary, .. })) = &app.key else {
        panic!("expected a loaded key");
    };
    assert_eq!(summary.as_ref().unwrap().thumbprint, EC_THUMBPRINT);
}

#[test]
fn returning_to_detail_does_not_refetch_key() {
    let mut app = loaded(sample());
    let effects = press(&mut app, KeyCode::Enter);
    let Some(Effect::FetchKey { request, id, .. }) = effects.first().cloned() else {
        panic!("expected a key fetch");
    };
    let jwk: trustui::api::Jwk = serde_json::from_str(EC_JWK).unwrap();
    update(
        &mut app,
        Message::KeyFetched {
            request,
            id,
            result: Ok(trustui::api::JwkSet { keys: vec![jwk] }),
        },
    );
    press(&mut app, KeyCode::Esc);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
}

// Terminal too small

fn shrink(app: &mut App) {
    update(
        app,
        Message::Resize {
            width: 30,
            height: 8,
        },
    );
}

#[test]
fn too_small_terminal_ignores_keys() {
    let mut app = loaded(sample());
    shrink(&mut app);
    press(&mut app, KeyCode::Char('d'));
    let effects = press(&mut app, KeyCode::Char('y'));
    assert!(effects.is_empty());
    assert!(app.dialog.is_none());
}

#[test]
fn q_quits_while_terminal_is_too_small() {
    let mut app = loaded(sample());
    shrink(&mut app);
    let effects = press(&mut app, KeyCode::Char('q'));
    assert_eq!(effects, vec![Effect::Quit(0)]);
}

#[test]
fn too_small_ctrl_c_saves_and_quits() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "https://idp.example");
    shrink(&mut app);
    let effects = ctrl(&mut app, 'c');
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveDraft(_), Effect::Quit(0)]
    ));
}

#[test]
fn keys_act_again_after_the_terminal_grows() {
    let mut app = loaded(sample());
    shrink(&mut app);
    update(
        &mut app,
        Message::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, KeyCode::Char('d'));
    assert!(app.dialog.is_some());
}

// Failed loads

#[test]
fn failed_load_is_remembered_until_a_load_succeeds() {
    let mut app = new_app();
    let request = list_request(&start(&mut app));
    update(
        &mut app,
        Message::ListDone {
            request,
            result: Err(lost_error("GET")),
        },
    );
    assert!(app.load_error.is_some());
    let request = list_request(&press(&mut app, KeyCode::Char('r')));
    update(
        &mut app,
        Message::ListDone {
            request,
            result: Ok(()),
        },
    );
    assert_eq!(app.load_error, None);
}

// Copy with a kept draft

/// Opens a form, types an issuer, and closes the form, which keeps the
/// input as the draft.
fn keep_draft(app: &mut App) {
    press(app, KeyCode::Char('n'));
    type_text(app, "https://drafted.example");
    press(app, KeyCode::Esc);
    press(app, KeyCode::Char('y'));
}

#[test]
fn copy_asks_before_replacing_a_kept_draft() {
    let mut app = loaded(sample());
    keep_draft(&mut app);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.dialog, Some(Dialog::ReplaceDraft { on_replace: false }));
}

#[test]
fn declining_the_copy_keeps_the_draft() {
    let mut app = loaded(sample());
    keep_draft(&mut app);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Esc);
    let issuer = app.kept_draft.as_ref().map(|draft| draft.issuer.clone());
    assert_eq!(issuer.as_deref(), Some("https://drafted.example"));
}

#[test]
fn confirming_the_copy_opens_the_copied_form() {
    let mut app = loaded(sample());
    keep_draft(&mut app);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('y'));
    let issuer = app.form.as_ref().map(|form| form.issuer.text().to_string());
    assert_eq!(issuer.as_deref(), Some("https://three.example"));
}

// Required problems wait for the person

#[test]
fn new_form_hides_problems_of_untouched_empty_fields() {
    let mut app = loaded(sample());
    open_form(&mut app);
    let form = app.form.as_ref().unwrap();
    assert!(!form.shows_problems_of(Field::Issuer));
}

#[test]
fn leaving_an_empty_field_shows_its_problems() {
    let mut app = loaded(sample());
    open_form(&mut app);
    press(&mut app, KeyCode::Tab);
    let form = app.form.as_ref().unwrap();
    assert!(form.shows_problems_of(Field::Issuer));
}

#[test]
fn leaving_a_field_keeps_later_fields_quiet() {
    let mut app = loaded(sample());
    open_form(&mut app);
    press(&mut app, KeyCode::Tab);
    let form = app.form.as_ref().unwrap();
    assert!(!form.shows_problems_of(Field::Scope));
}

#[test]
fn submit_shows_problems_of_every_field() {
    let mut app = loaded(sample());
    open_form(&mut app);
    ctrl(&mut app, 's');
    let form = app.form.as_ref().unwrap();
    assert!(form.shows_problems_of(Field::Jwk));
}

// Help scrolling

/// Opens the help as if the last frame showed 8 of its rows and could
/// scroll down by at most 30.
fn open_help(app: &mut App) {
    press(app, KeyCode::Char('?'));
    app.help_limits.set((30, 8));
}

#[test]
fn page_down_scrolls_help_by_a_page() {
    let mut app = loaded(sample());
    open_help(&mut app);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.help, Some(8));
}

#[test]
fn capital_g_scrolls_help_to_the_end() {
    let mut app = loaded(sample());
    open_help(&mut app);
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
    );
    assert_eq!(app.help, Some(30));
}

#[test]
fn help_stops_scrolling_at_the_end() {
    let mut app = loaded(sample());
    open_help(&mut app);
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.help, Some(30));
}

#[test]
fn g_scrolls_help_to_the_top() {
    let mut app = loaded(sample());
    open_help(&mut app);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.help, Some(0));
}

// Info messages that no longer apply

#[test]
fn reopening_the_form_clears_the_draft_message() {
    let mut app = loaded(sample());
    keep_draft(&mut app);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.status, None);
}

#[test]
fn reload_clears_the_draft_message() {
    let mut app = loaded(sample());
    keep_draft(&mut app);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.status, None);
}

#[test]
fn reload_keeps_an_error() {
    let mut app = loaded(sample());
    app.set_error("Deleting cccc0003 failed.".to_string());
    press(&mut app, KeyCode::Char('r'));
    assert!(app.status.as_ref().is_some_and(|status| status.is_error));
}

// Ctrl-U and Ctrl-Z in the JWK editor

/// Opens a form and pastes `EC_JWK` into the JWK editor.
fn form_with_jwk(app: &mut App) {
    open_form(app);
    for _ in 0..5 {
        press(app, KeyCode::Tab);
    }
    update(app, Message::Paste(EC_JWK.to_string()));
}

#[test]
fn ctrl_u_clears_the_jwk_editor() {
    let mut app = loaded(sample());
    form_with_jwk(&mut app);
    ctrl(&mut app, 'u');
    assert_eq!(app.form.as_ref().unwrap().jwk_text(), "");
}

#[test]
fn ctrl_z_brings_back_the_cleared_jwk() {
    let mut app = loaded(sample());
    form_with_jwk(&mut app);
    ctrl(&mut app, 'u');
    ctrl(&mut app, 'z');
    assert_eq!(app.form.as_ref().unwrap().jwk_text(), EC_JWK);
}

#[test]
fn ctrl_u_clears_a_line_before_the_cursor() {
    let mut app = loaded(sample());
    open_form(&mut app);
    type_text(&mut app, "https://issuer.example");
    press(&mut app, KeyCode::Left);
    ctrl(&mut app, 'u');
    assert_eq!(app.form.as_ref().unwrap().issuer.text(), "e");
}
