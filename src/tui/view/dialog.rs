//! Confirmation dialogs: delete, quit with input, close the form. Focus
//! starts on the harmless button.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::sanitize::for_terminal;
use crate::tui::app::{App, Dialog};
use crate::tui::text::wrap;

use super::{Theme, centered};

const MAX_WIDTH: u16 = 64;

pub fn render(app: &App, dialog: &Dialog, frame: &mut Frame, body: Rect) {
    let theme = Theme::of(app);
    let width = MAX_WIDTH.min(body.width.saturating_sub(2)).max(1);
    let text_columns = usize::from(width.saturating_sub(2)).max(1);

    let (title, paragraphs, buttons) = contents(dialog);
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        lines.extend(wrap(&paragraph, text_columns).into_iter().map(Line::from));
    }
    lines.push(Line::default());
    let (cancel, confirm, on_confirm) = buttons;
    let (cancel_style, confirm_style) = if on_confirm {
        (theme.heading(), theme.selected())
    } else {
        (theme.selected(), theme.heading())
    };
    lines.push(Line::from(vec![
        Span::styled(format!("[ {cancel} ]"), cancel_style),
        Span::raw("  "),
        Span::styled(format!("[ {confirm} ]"), confirm_style),
    ]));

    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centered(body, width, height);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Title, text and buttons (cancel label, confirm label, confirm focused).
fn contents(
    dialog: &Dialog,
) -> (
    &'static str,
    Vec<String>,
    (&'static str, &'static str, bool),
) {
    match dialog {
        Dialog::Delete {
            id,
            issuer,
            subject,
            on_delete,
        } => (
            " Delete trust relationship ",
            vec![
                format!("Issuer:  {}", for_terminal(issuer)),
                format!("Subject: {}", for_terminal(subject)),
                format!("ID:      {}", for_terminal(id)),
                "Assertions from this issuer will no longer be accepted. This cannot be undone."
                    .to_string(),
                "Enter presses the focused button, y deletes, Esc cancels.".to_string(),
            ],
            ("Cancel", "Delete", *on_delete),
        ),
        Dialog::Quit { on_quit } => (
            " Quit ",
            vec!["The form holds input that was not sent. Quit anyway?".to_string()],
            ("Cancel", "Quit", *on_quit),
        ),
        Dialog::CloseForm { on_close } => (
            " Close the form ",
            vec!["Close the form? What you typed is kept: n brings it back.".to_string()],
            ("Keep editing", "Close", *on_close),
        ),
    }
}
