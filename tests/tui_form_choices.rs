//! The form's choices: picking one key of a pasted JWK Set, and the JWK
//! editor's cursor jumping to a JSON syntax error on submit.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::CursorMove;
use trustui::trust::form::Field;
use trustui::tui::app::{App, Dialog};
use trustui::tui::message::Message;
use trustui::tui::update::update;

/// RFC 7517 appendix A.1's example P-256 public key, without its `kid`.
const EC_MEMBERS: &str = r#""kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM""#;

fn form_on_jwk() -> App {
    let mut app = App::new(
        "http://127.0.0.1:4445/".to_string(),
        "2026-12-04T12:00:00Z".parse().unwrap(),
        false,
    );
    press(&mut app, KeyCode::Char('n'));
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(app.form.as_ref().unwrap().focus, Field::Jwk);
    app
}

fn press(app: &mut App, code: KeyCode) {
    update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    update(
        app,
        Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn key_set(kids: &[&str]) -> String {
    let keys: Vec<String> = kids
        .iter()
        .map(|kid| format!(r#"{{{EC_MEMBERS},"kid":"{kid}"}}"#))
        .collect();
    format!(r#"{{"keys":[{}]}}"#, keys.join(","))
}

#[test]
fn set_of_two_offers_both_kids() {
    let mut app = form_on_jwk();
    update(
        &mut app,
        Message::Paste(key_set(&["signing-a", "signing-b"])),
    );

    ctrl(&mut app, 'a');

    assert_eq!(
        app.dialog,
        Some(Dialog::PickKey {
            kids: vec!["signing-a".to_string(), "signing-b".to_string()],
            selected: 0,
        })
    );
}

#[test]
fn picked_key_replaces_the_set() {
    let mut app = form_on_jwk();
    update(
        &mut app,
        Message::Paste(key_set(&["signing-a", "signing-b"])),
    );
    ctrl(&mut app, 'a');

    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);

    let text = app.form.as_ref().unwrap().jwk_text();
    let jwk: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(app.dialog, None);
    assert_eq!(jwk["kid"], "signing-b");
    assert_eq!(jwk.get("keys"), None);
}

#[test]
fn key_choice_wraps_around() {
    let mut app = form_on_jwk();
    update(
        &mut app,
        Message::Paste(key_set(&["signing-a", "signing-b"])),
    );
    ctrl(&mut app, 'a');

    press(&mut app, KeyCode::Up);

    assert!(matches!(
        app.dialog,
        Some(Dialog::PickKey { selected: 1, .. })
    ));
}

#[test]
fn escape_keeps_the_set() {
    let mut app = form_on_jwk();
    let pasted = key_set(&["signing-a", "signing-b"]);
    update(&mut app, Message::Paste(pasted.clone()));
    ctrl(&mut app, 'a');

    press(&mut app, KeyCode::Esc);

    assert_eq!(app.dialog, None);
    assert_eq!(app.form.as_ref().unwrap().jwk_text(), pasted);
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn submit_moves_cursor_to_json_error() {
    let mut app = form_on_jwk();
    // Every other field is valid, so the JWK has the only error.
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "https://issuer.example");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "bob@example.com");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "read");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2027-06-01T00:00:00Z");
    press(&mut app, KeyCode::Tab);
    update(
        &mut app,
        Message::Paste("{\n  \"kty\": \"EC\",\n  \"crv\" \"P-256\"\n}".to_string()),
    );
    let problem = app
        .form
        .as_ref()
        .unwrap()
        .checked
        .problems
        .iter()
        .find(|problem| problem.field == Field::Jwk && problem.position.is_some())
        .cloned()
        .expect("a JSON syntax problem with a position");
    let (line, column) = problem.position.unwrap();
    // Put the cursor elsewhere first, so the jump is visible.
    app.form.as_mut().unwrap().jwk.move_cursor(CursorMove::Top);

    ctrl(&mut app, 's');

    let form = app.form.as_ref().unwrap();
    assert_eq!(form.focus, Field::Jwk);
    assert_eq!(form.jwk.cursor(), (line - 1, column - 1));
}

#[test]
fn blocked_submit_names_every_field_with_an_error() {
    let mut app = form_on_jwk();
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "https://issuer.example");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "bob@example.com");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "read|write");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2027-02-30T00:00:00Z");

    ctrl(&mut app, 's');

    let form = app.form.as_ref().unwrap();
    let note = form.note.as_deref().unwrap_or_default();
    assert_eq!(form.focus, Field::Scope);
    assert!(note.contains("Scopes"), "{note}");
    assert!(note.contains("Expires at"), "{note}");
    assert!(note.contains("JWK"), "{note}");
}
