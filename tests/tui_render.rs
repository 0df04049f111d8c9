//! Snapshots of every screen drawn into ratatui's `TestBackend`, at 80x24
//! and 40x12, with a fixed clock so that relative times stay put.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use serde_json::Map;
use trustui::api::{KeyReference, TrustRelationship};
use trustui::trust::form::{Field, Fix, KeySummary, Problem, Severity};
use trustui::tui::app::{App, KeyState};
use trustui::tui::message::{Effect, Message};
use trustui::tui::update::{start, update};
use trustui::tui::view::render;

const NOW: &str = "2026-12-04T12:00:00Z";

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn relationship(id: &str, issuer: &str, subject: &str, expires_at: &str) -> TrustRelationship {
    TrustRelationship {
        id: id.to_string(),
        issuer: issuer.to_string(),
        subject: subject.to_string(),
        allow_any_subject: subject.is_empty(),
        scope: vec!["payments.read".to_string(), "payments.write".to_string()],
        public_key: KeyReference {
            set: issuer.to_string(),
            kid: "sig-2026".to_string(),
        },
        created_at: at("2026-06-01T08:30:00Z"),
        expires_at: at(expires_at),
        extra: Map::new(),
    }
}

fn sample() -> Vec<TrustRelationship> {
    vec![
        relationship(
            "7d1f0c2a-5b8e-4c1d-9a3f-2e6b7c8d9e01",
            "https://idp.partner.example",
            "svc-billing@partner.example",
            "2027-06-01T00:00:00Z",
        ),
        relationship(
            "1a2b3c4d-0000-4000-8000-000000000002",
            "https://auth.発行者.example",
            "",
            "2026-12-08T00:00:00Z",
        ),
        relationship(
            "9f8e7d6c-0000-4000-8000-000000000003",
            "https://old.example/",
            "legacy-job",
            "2026-10-01T00:00:00Z",
        ),
    ]
}

fn loaded(items: Vec<TrustRelationship>) -> App {
    let mut app = App::new("http://127.0.0.1:4445/".to_string(), at(NOW), false);
    let effects = start(&mut app);
    let Some(Effect::LoadList { request }) = effects.first().cloned() else {
        panic!("expected a list load");
    };
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

fn press(app: &mut App, code: KeyCode) {
    update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal
}

fn with_key(mut app: App) -> App {
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let id = app.list.selected().unwrap().id.clone();
    app.key = Some((
        id,
        KeyState::Loaded {
            json: "{\n  \"kty\": \"EC\",\n  \"crv\": \"P-256\",\n  \"kid\": \"sig-2026\"\n}"
                .to_string(),
            summary: Ok(KeySummary {
                kty: "EC".to_string(),
                size_or_curve: "P-256".to_string(),
                thumbprint: "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s".to_string(),
                kid: Some("sig-2026".to_string()),
            }),
        },
    ));
    app
}

fn with_form_problems(mut app: App) -> App {
    press(&mut app, KeyCode::Char('n'));
    for c in "http://idp.example".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let form = app.form.as_mut().unwrap();
    form.checked.problems = vec![
        Problem {
            field: Field::Issuer,
            severity: Severity::Warning,
            message: "The issuer uses http://; tokens would be signed for an insecure URL."
                .to_string(),
            position: None,
            fix: None,
        },
        Problem {
            field: Field::ExpiresAt,
            severity: Severity::Error,
            message: "Expires at is missing: enter an RFC 3339 time or a span such as +90d."
                .to_string(),
            position: None,
            fix: None,
        },
        Problem {
            field: Field::Jwk,
            severity: Severity::Error,
            message: "The JWK has no kid; Hydra requires one.".to_string(),
            position: None,
            fix: Some(Fix::UseThumbprintAsKid("abc".to_string())),
        },
    ];
    app
}

#[test]
fn list_80x24() {
    insta::assert_snapshot!(draw(&loaded(sample()), 80, 24).backend());
}

#[test]
fn list_40x12() {
    insta::assert_snapshot!(draw(&loaded(sample()), 40, 12).backend());
}

#[test]
fn list_120x20_side_by_side() {
    insta::assert_snapshot!(draw(&loaded(sample()), 120, 20).backend());
}

#[test]
fn list_while_loading() {
    let mut app = App::new("http://127.0.0.1:4445/".to_string(), at(NOW), false);
    let Some(Effect::LoadList { request }) = start(&mut app).first().cloned() else {
        panic!("expected a list load");
    };
    update(
        &mut app,
        Message::ListPage {
            request,
            page: sample(),
        },
    );
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn detail_with_key_80x24() {
    insta::assert_snapshot!(draw(&with_key(loaded(sample())), 80, 24).backend());
}

#[test]
fn detail_with_key_40x12() {
    insta::assert_snapshot!(draw(&with_key(loaded(sample())), 40, 12).backend());
}

#[test]
fn form_with_problems_80x24() {
    insta::assert_snapshot!(draw(&with_form_problems(loaded(sample())), 80, 24).backend());
}

#[test]
fn form_with_problems_40x12() {
    insta::assert_snapshot!(draw(&with_form_problems(loaded(sample())), 40, 12).backend());
}

#[test]
fn delete_confirm_80x24() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('d'));
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn delete_confirm_40x12() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('d'));
    insta::assert_snapshot!(draw(&app, 40, 12).backend());
}

#[test]
fn help_80x24() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn help_40x12() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(draw(&app, 40, 12).backend());
}

#[test]
fn error_status_80x24() {
    let mut app = loaded(sample());
    app.set_error("Loading the list failed: connection refused. Press r to retry.".to_string());
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn error_status_40x12() {
    let mut app = loaded(sample());
    app.set_error("Loading the list failed: connection refused. Press r to retry.".to_string());
    insta::assert_snapshot!(draw(&app, 40, 12).backend());
}

#[test]
fn too_small_message() {
    insta::assert_snapshot!(draw(&loaded(sample()), 30, 8).backend());
}

#[test]
fn one_by_one_does_not_panic() {
    let terminal = draw(&loaded(sample()), 1, 1);
    assert_eq!(terminal.backend().buffer().area.width, 1);
}

#[test]
fn every_size_down_to_one_by_one_draws() {
    let app = with_form_problems(loaded(sample()));
    for width in 1..=45 {
        for height in 1..=14 {
            draw(&app, width, height);
        }
    }
}

#[test]
fn hostile_issuer_is_escaped() {
    let hostile = relationship(
        "hostile0-0000-4000-8000-000000000000",
        "https://evil.example/\u{1b}[2J\u{7}",
        "x",
        "2027-01-01T00:00:00Z",
    );
    let mut app = loaded(vec![hostile]);
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&app, 120, 24);
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect();
    assert!(!text.contains('\u{1b}'));
    assert!(!text.contains('\u{7}'));
    assert!(text.contains("\\u{1b}[2J"));
}

#[test]
fn wide_issuer_stays_aligned() {
    let mut item = relationship(
        "wide0000-0000-4000-8000-000000000000",
        "https://発行者発行者発行者発行者発行者発行者.example",
        "🔑-subject",
        "2027-01-01T00:00:00Z",
    );
    item.scope = vec!["読み取り".to_string()];
    insta::assert_snapshot!(draw(&loaded(vec![item]), 80, 12).backend());
}

#[test]
fn huge_issuer_and_scopes_wrap_in_detail() {
    let mut item = relationship(
        "huge0000-0000-4000-8000-000000000000",
        &format!("https://{}.example", "a".repeat(10_000)),
        "s",
        "2027-01-01T00:00:00Z",
    );
    item.scope = (0..1000).map(|i| format!("scope{i}")).collect();
    let mut app = loaded(vec![item]);
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&app, 80, 24);
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect();
    assert!(text.contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

#[test]
fn form_scrolls_to_focused_field_40x12() {
    let mut app = with_form_problems(loaded(sample()));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    insta::assert_snapshot!(draw(&app, 40, 12).backend());
}

#[test]
fn no_color_draws_no_colours() {
    let app = with_key(loaded(sample()));
    let terminal = draw(&app, 80, 24);
    let coloured = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset)
        .count();
    assert_eq!(coloured, 0);
}

#[test]
fn colour_marks_expired_row_red() {
    let mut app = loaded(sample());
    app.color = true;
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| row_text(buffer, y).contains("expired"))
        .expect("a row that reads expired");
    let red = (0..buffer.area.width).any(|x| buffer[(x, row)].fg == Color::Red);
    assert!(red);
}

#[test]
fn expired_state_reads_in_text() {
    let terminal = draw(&loaded(sample()), 80, 24);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .collect();
    assert!(
        rows.iter()
            .any(|row| row.contains("old.exampl") && row.contains("expired"))
    );
    assert!(rows.iter().any(|row| row.contains("expires soon")));
    assert!(rows.iter().any(|row| row.contains("valid")));
}

fn row_text(buffer: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

#[test]
fn resize_keeps_form_input() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('n'));
    for c in "https://kept.example".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let before = app.form.as_ref().unwrap().draft();
    for (width, height) in [(80, 24), (20, 5), (1, 1), (200, 60), (40, 12)] {
        draw(&app, width, height);
        update(&mut app, Message::Resize);
    }
    assert_eq!(app.form.as_ref().unwrap().draft(), before);
}

#[test]
fn quit_dialog_80x24() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('x'));
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn long_error_keeps_retry_hint_visible() {
    let mut app = loaded(sample());
    app.set_error(format!(
        "Loading the list failed: {}. Press r to retry.",
        "a very long explanation from the server ".repeat(10)
    ));
    for (width, height) in [(80, 24), (40, 12)] {
        let terminal = draw(&app, width, height);
        let buffer = terminal.backend().buffer();
        let bottom: String = (height - 3..height).map(|y| row_text(buffer, y)).collect();
        assert!(
            bottom.contains("Press r to retry."),
            "{width}x{height}: {bottom:?}"
        );
    }
}
