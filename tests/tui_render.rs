//! Snapshots of every screen drawn into ratatui's `TestBackend`, at 80x24
//! and 40x12, with a fixed clock so that relative times stay put.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use trustui::api::{ApiError, ConnectFailure, KeyReference, TrustRelationship};
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
        extra: Default::default(),
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
    // As after a Ctrl-S, which shows the problems of empty fields too.
    form.submit_attempted = true;
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
fn delete_confirm_names_relationships_sharing_the_key() {
    let mut items = sample();
    items.push(relationship(
        "5e6f7a8b-0000-4000-8000-000000000004",
        "https://old.example/",
        "legacy-cron",
        "2027-01-01T00:00:00Z",
    ));
    let mut app = loaded(items);
    press(&mut app, KeyCode::Char('d'));
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn new_form_shows_no_required_errors_80x24() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('n'));
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn help_form_and_dialog_keys_80x24() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('?'));
    app.help = Some(36);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
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

/// Builds an app whose first list load failed with connection refused.
fn first_load_refused() -> App {
    let mut app = App::new("http://127.0.0.1:4445/".to_string(), at(NOW), false);
    let effects = start(&mut app);
    let Some(Effect::LoadList { request }) = effects.first().cloned() else {
        panic!("expected a list load");
    };
    let error = ApiError::Connect {
        url: "http://127.0.0.1:4445/admin/trust/grants/jwt-bearer/issuers".to_string(),
        kind: ConnectFailure::Refused,
        detail: "connection refused".to_string(),
    };
    update(
        &mut app,
        Message::ListDone {
            request,
            result: Err(error),
        },
    );
    app
}

#[test]
fn failed_first_load_80x24() {
    insta::assert_snapshot!(draw(&first_load_refused(), 80, 24).backend());
}

#[test]
fn failed_first_load_40x12() {
    insta::assert_snapshot!(draw(&first_load_refused(), 40, 12).backend());
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
    let typed = [
        "https://kept.example",
        "svc-kept",
        "",
        "orders.read orders.write",
        "+90d",
    ];
    for text in typed {
        for c in text.chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Tab);
    }
    update(
        &mut app,
        Message::Paste("{\"kty\":\"EC\",\n\"kid\":\"k\"}".to_string()),
    );

    for (width, height) in [(80, 24), (20, 5), (1, 1), (200, 60), (1, 1), (80, 24)] {
        update(&mut app, Message::Resize { width, height });
        draw(&app, width, height);
    }

    let form = app.form.as_ref().expect("the form stays open");
    assert_eq!(form.issuer.text(), "https://kept.example");
    assert_eq!(form.subject.text(), "svc-kept");
    assert!(!form.any_subject);
    assert_eq!(form.scopes.text(), "orders.read orders.write");
    assert_eq!(form.expires_at.text(), "+90d");
    assert_eq!(form.jwk_text(), "{\"kty\":\"EC\",\n\"kid\":\"k\"}");
    assert_eq!(form.focus, Field::Jwk);
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

/// RFC 7517 appendix A.2's example P-256 private key: its `d` must never be
/// drawn.
const PRIVATE_EC_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE","kid":"1"}"#;
const PRIVATE_D: &str = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Opens the form, moves to the JWK editor and pastes `jwk` there.
fn form_with_pasted_jwk(jwk: &str) -> App {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('n'));
    while app.form.as_ref().unwrap().focus != Field::Jwk {
        press(&mut app, KeyCode::Tab);
    }
    update(&mut app, Message::Paste(jwk.to_string()));
    app
}

#[test]
fn private_jwk_is_never_drawn() {
    let pretty = serde_json::to_string_pretty(
        &serde_json::from_str::<serde_json::Value>(PRIVATE_EC_JWK).unwrap(),
    )
    .unwrap();
    for pasted in [PRIVATE_EC_JWK.to_string(), pretty] {
        let mut app = form_with_pasted_jwk(&pasted);
        for (width, height) in [(80, 24), (160, 50), (40, 12)] {
            let screen = screen_text(&draw(&app, width, height));
            assert!(
                !screen.contains(&PRIVATE_D[..8]),
                "{width}x{height} shows d:\n{screen}"
            );
        }
        press(&mut app, KeyCode::Tab);
        let unfocused = screen_text(&draw(&app, 160, 50));
        assert!(!unfocused.contains(&PRIVATE_D[..8]), "{unfocused}");
    }
}

#[test]
fn private_jwk_shows_hidden_notice() {
    let app = form_with_pasted_jwk(PRIVATE_EC_JWK);
    let screen = screen_text(&draw(&app, 160, 50));
    assert!(
        screen.contains("this key contains private material (d, p, q…): hidden"),
        "{screen}"
    );
}

#[test]
fn unparsable_private_jwk_is_never_drawn() {
    let cut = &PRIVATE_EC_JWK[..PRIVATE_EC_JWK.len() - 12];
    let app = form_with_pasted_jwk(cut);
    let screen = screen_text(&draw(&app, 160, 50));
    assert!(!screen.contains(&PRIVATE_D[..8]), "{screen}");
}

#[test]
fn oct_key_secret_is_never_drawn() {
    let secret = "GawgguFyGrWKav7AX4VKUg-secret-oct-key";
    let app = form_with_pasted_jwk(&format!(r#"{{"kty":"oct","k":"{secret}","kid":"s"}}"#));
    let screen = screen_text(&draw(&app, 160, 50));
    assert!(!screen.contains(&secret[..8]), "{screen}");
}

#[test]
fn public_part_is_drawn_after_ctrl_a() {
    let mut app = form_with_pasted_jwk(PRIVATE_EC_JWK);
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL)),
    );
    let screen = screen_text(&draw(&app, 160, 50));
    assert!(
        screen.contains("MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"),
        "{screen}"
    );
    assert!(!screen.contains("hidden;"), "{screen}");
}

#[test]
fn huge_issuer_is_cut_with_ellipsis_in_list() {
    let issuer = format!("https://{}.example", "a".repeat(10_000));
    let mut item = relationship(
        "huge0000-0000-4000-8000-000000000000",
        &issuer,
        "s",
        "2027-01-01T00:00:00Z",
    );
    item.scope = (0..1000).map(|i| format!("scope{i}")).collect();
    let terminal = draw(&loaded(vec![item]), 80, 24);
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .find(|row| row.contains("https://aaaa"))
        .expect("a row with the issuer");
    assert!(row.contains("a…"), "{row:?}");
}

/// Returns the text inside the detail pane's border, rows joined without
/// their trailing spaces, so that a value wrapped over rows reads whole.
fn detail_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let top = row_containing(buffer, " Detail ");
    let title_row = row_text(buffer, top);
    let title_byte = title_row.find(" Detail ").unwrap();
    // The title starts one column after the pane's corner.
    let left = title_row[..title_byte].chars().count();
    (top + 1..buffer.area.height)
        .map(|y| {
            let row = row_text(buffer, y);
            let inner: String = row.chars().skip(left).collect();
            inner
                .trim_end()
                .trim_end_matches('│')
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn huge_issuer_is_complete_in_detail() {
    let issuer = format!("https://{}.example", "a".repeat(10_000));
    let mut item = relationship(
        "huge0000-0000-4000-8000-000000000000",
        &issuer,
        "s",
        "2027-01-01T00:00:00Z",
    );
    item.scope = (0..1000).map(|i| format!("scope{i}")).collect();
    let mut app = loaded(vec![item]);
    press(&mut app, KeyCode::Enter);
    let text = detail_text(&draw(&app, 100, 500));
    assert!(text.contains(&issuer));
    assert!(text.contains("scope0"));
    assert!(text.contains("scope999"));
}

#[test]
fn terraform_import_shows_whole_id() {
    let id = format!("{}-end", "0123456789".repeat(12));
    let mut app = loaded(vec![relationship(
        &id,
        "https://idp.example",
        "s",
        "2027-01-01T00:00:00Z",
    )]);
    press(&mut app, KeyCode::Enter);
    for (width, height) in [(80, 40), (160, 50)] {
        let text = detail_text(&draw(&app, width, height));
        assert!(
            text.contains(&format!("ory_trusted_oauth2_jwt_grant_issuer.NAME{id}"))
                || text.contains(&format!("ory_trusted_oauth2_jwt_grant_issuer.NAME {id}")),
            "{width}x{height}: {text}"
        );
    }
}

#[test]
fn control_characters_are_drawn_escaped() {
    let mut item = relationship(
        "ctrl0000-0000-4000-8000-000000000000",
        "https://idp.example",
        "sub\u{1b}]0;owned\u{7}ject",
        "2027-01-01T00:00:00Z",
    );
    item.scope = vec!["read\u{1b}[31m".to_string()];
    item.public_key.kid = "kid\u{9b}2J".to_string();
    let mut app = loaded(vec![item]);
    press(&mut app, KeyCode::Enter);
    app.set_error("Loading the list failed: bad\u{1b}[2Jbody. Press r to retry.".to_string());
    let screen = screen_text(&draw(&app, 160, 50));
    for control in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(!screen.contains(control), "{control:?} drawn raw");
    }
    assert!(screen.contains("sub\\u{1b}]0;owned"), "subject: {screen}");
    assert!(screen.contains("read\\u{1b}[31m"), "scope: {screen}");
    assert!(screen.contains("kid\\u{9b}2J"), "kid: {screen}");
    assert!(screen.contains("bad\\u{1b}[2Jbody"), "error: {screen}");
}

#[test]
fn no_color_selected_row_is_reversed() {
    let terminal = draw(&loaded(sample()), 80, 24);
    let buffer = terminal.backend().buffer();
    let selected = row_containing(buffer, "old.exampl");
    let reversed = (2..buffer.area.width - 2)
        .all(|x| buffer[(x, selected)].modifier.contains(Modifier::REVERSED));
    assert!(reversed, "row {selected} is not in reverse video");
}

#[test]
fn no_color_other_rows_are_not_reversed() {
    let terminal = draw(&loaded(sample()), 80, 24);
    let buffer = terminal.backend().buffer();
    let other = row_containing(buffer, "svc-billing");
    let reversed = (2..buffer.area.width - 2)
        .any(|x| buffer[(x, other)].modifier.contains(Modifier::REVERSED));
    assert!(!reversed, "row {other} is in reverse video");
}

#[test]
fn no_color_focused_field_is_marked() {
    let mut app = loaded(sample());
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let row = row_containing(buffer, ">Subject");
    let label_start = row_text(buffer, row).find(">Subject").unwrap();
    let column = u16::try_from(row_text(buffer, row)[..label_start].chars().count()).unwrap();
    assert!(buffer[(column, row)].modifier.contains(Modifier::REVERSED));
    let issuer_row = row_containing(buffer, " Issuer");
    assert!(!row_text(buffer, issuer_row).contains('>'));
}

/// Returns the first row whose text contains `text`.
fn row_containing(buffer: &ratatui::buffer::Buffer, text: &str) -> u16 {
    (0..buffer.area.height)
        .find(|&y| row_text(buffer, y).contains(text))
        .unwrap_or_else(|| panic!("no row shows {text:?}"))
}
