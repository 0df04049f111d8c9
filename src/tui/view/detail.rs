//! The detail pane: every field of the selected relationship, wrapped in
//! full, and its stored public key once fetched.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::api::TrustRelationship;
use crate::sanitize::for_terminal;
use crate::trust::expiry_state::{ExpiryState, relative};
use crate::tui::app::{App, Focus, KeyState};

use super::Theme;

const LABEL_COLUMNS: usize = 12;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(app.focus == Focus::Detail))
        .title(" Detail ");

    let lines = match app.list.selected() {
        Some(item) => detail_lines(app, item, &theme),
        None => vec![Line::from(Span::styled(
            "Select a relationship to see its detail.",
            theme.dim(),
        ))],
    };
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.detail_scroll, 0));
    frame.render_widget(paragraph, area);
}

fn detail_lines(app: &App, item: &TrustRelationship, theme: &Theme) -> Vec<Line<'static>> {
    let state = ExpiryState::of(item.expires_at, app.now);
    let subject = if item.allow_any_subject {
        "any subject".to_string()
    } else {
        for_terminal(&item.subject).into_owned()
    };
    let scopes = if item.scope.is_empty() {
        "(none)".to_string()
    } else {
        for_terminal(&item.scope.join(" ")).into_owned()
    };
    let id = for_terminal(&item.id).into_owned();

    let mut lines = vec![
        field(theme, "ID", id.clone()),
        field(theme, "Issuer", for_terminal(&item.issuer).into_owned()),
        field(theme, "Subject", subject),
        field(theme, "Scopes", scopes),
        field(
            theme,
            "Created",
            format!(
                "{} ({})",
                item.created_at,
                relative(item.created_at, app.now)
            ),
        ),
        Line::from(vec![
            label(theme, "Expires"),
            Span::raw(format!("{} (", item.expires_at)),
            Span::styled(
                format!("{}, {}", relative(item.expires_at, app.now), state.label()),
                theme.expiry(state),
            ),
            Span::raw(")"),
        ]),
        field(
            theme,
            "Key set",
            for_terminal(&item.public_key.set).into_owned(),
        ),
        field(
            theme,
            "Key ID",
            for_terminal(&item.public_key.kid).into_owned(),
        ),
        Line::from(Span::styled("Terraform import:", theme.heading())),
        // On a line of its own, so that it copies without a label in front.
        Line::from(format!(
            "terraform import ory_trusted_oauth2_jwt_grant_issuer.NAME {id}"
        )),
        Line::default(),
    ];
    lines.extend(key_lines(app, item, theme));
    lines
}

fn key_lines(app: &App, item: &TrustRelationship, theme: &Theme) -> Vec<Line<'static>> {
    let state = match &app.key {
        Some((id, state)) if *id == item.id => Some(state),
        _ => None,
    };
    match state {
        None => vec![field(
            theme,
            "Stored key",
            "not fetched: press Enter to focus this pane and fetch it".to_string(),
        )],
        Some(KeyState::Loading(_)) => vec![field(theme, "Stored key", "fetching…".to_string())],
        Some(KeyState::Failed(message)) => vec![Line::from(vec![
            label(theme, "Stored key"),
            Span::styled(for_terminal(message).into_owned(), theme.error()),
        ])],
        Some(KeyState::Loaded { json, summary }) => {
            let mut lines = match summary {
                Ok(summary) => vec![
                    field(
                        theme,
                        "Key type",
                        format!(
                            "{} {}",
                            for_terminal(&summary.kty),
                            for_terminal(&summary.size_or_curve)
                        ),
                    ),
                    field(
                        theme,
                        "Thumbprint",
                        format!("{} (RFC 7638, SHA-256)", for_terminal(&summary.thumbprint)),
                    ),
                ],
                Err(problem) => vec![Line::from(vec![
                    label(theme, "Stored key"),
                    Span::styled(for_terminal(problem).into_owned(), theme.warning()),
                ])],
            };
            lines.push(Line::from(Span::styled(
                "Stored public JWK:",
                theme.heading(),
            )));
            lines.extend(
                json.lines()
                    .map(|line| Line::from(for_terminal(line).into_owned())),
            );
            lines
        }
    }
}

fn field(theme: &Theme, name: &str, value: String) -> Line<'static> {
    Line::from(vec![label(theme, name), Span::raw(value)])
}

fn label(theme: &Theme, name: &str) -> Span<'static> {
    Span::styled(format!("{name:<LABEL_COLUMNS$}"), theme.heading())
}
