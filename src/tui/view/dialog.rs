//! Dialogs: confirm a delete, quit with input or close the form (focus starts
//! on the harmless button), and choose one key of a pasted JWK Set.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::sanitize::for_terminal;
use crate::text::wrap;
use crate::tui::app::{App, Dialog};
use crate::tui::update::short_id;

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
    let (cancel, confirm, on_confirm) = buttons;
    let (cancel_style, confirm_style) = if on_confirm {
        (theme.heading(), theme.selected())
    } else {
        (theme.selected(), theme.heading())
    };
    let buttons = Line::from(vec![
        Span::styled(format!("[ {cancel} ]"), cancel_style),
        Span::raw("  "),
        Span::styled(format!("[ {confirm} ]"), confirm_style),
    ]);

    // Text, a blank line, the buttons, and the borders.
    let height = u16::try_from(lines.len() + 4).unwrap_or(u16::MAX);
    let area = centered(body, width, height);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }

    // The buttons keep the last row however small the dialog, and the text
    // is cut from the bottom instead.
    let [text_area, buttons_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
    let text_rows = usize::from(text_area.height.saturating_sub(1));
    lines.truncate(text_rows.max(usize::from(text_area.height > 0)));
    frame.render_widget(Paragraph::new(lines), text_area);
    frame.render_widget(Paragraph::new(buttons), buttons_area);
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
            any_subject,
            also,
            on_delete,
        } => {
            let whom = if *any_subject {
                "any subject"
            } else {
                "this subject"
            };
            let mut text = vec![
                format!("Issuer:  {}", for_terminal(issuer)),
                format!("Subject: {}", for_terminal(subject)),
                format!("ID:      {}", for_terminal(id)),
                format!(
                    "Assertions from this issuer will no longer be accepted for {whom} with this \
                     key. This cannot be undone."
                ),
            ];
            // First, so that even a small dialog, which cuts text from the
            // bottom, shows it.
            if !also.is_empty() {
                text.insert(0, also_deletes(also));
            }
            text.push("Enter presses the focused button, y deletes, Esc cancels.".to_string());
            (
                " Delete trust relationship ",
                text,
                ("Cancel", "Delete", *on_delete),
            )
        }
        Dialog::Quit { on_quit } => (
            " Quit ",
            vec![
                "The form contains input that was not sent. It is kept as a draft that n \
                 offers again next time. Quit?"
                    .to_string(),
            ],
            ("Cancel", "Quit", *on_quit),
        ),
        Dialog::PickKey { kids, selected } => {
            let mut text = vec![
                "The pasted JWK Set contains several keys. Choose the one the issuer signs its \
                 assertions with:"
                    .to_string(),
            ];
            for (index, kid) in kids.iter().enumerate() {
                let marker = if index == *selected { ">" } else { " " };
                text.push(format!("{marker} {}", for_terminal(kid)));
            }
            text.push("Up and Down choose, Enter uses the key, Esc cancels.".to_string());
            (" Choose a key ", text, ("Cancel", "Use key", true))
        }
        Dialog::ReplaceDraft { on_replace } => (
            " Replace the draft ",
            vec![
                "An unsent draft is kept, and n brings it back. Copying this relationship \
                 into a new form replaces that draft. Replace it?"
                    .to_string(),
            ],
            ("Keep the draft", "Replace", *on_replace),
        ),
        Dialog::CloseForm { on_close } => (
            " Close the form ",
            vec!["Close the form? What you typed is kept: n brings it back.".to_string()],
            ("Keep editing", "Close", *on_close),
        ),
    }
}

/// Names the other relationships that go with the shared key. Hydra v2.3.0
/// deletes the stored key (issuer and kid) with a relationship, and a
/// cascading foreign key removes every relationship that uses it.
fn also_deletes(also: &[(String, String)]) -> String {
    let names: Vec<String> = also
        .iter()
        .map(|(subject, id)| format!("{subject} ({})", for_terminal(short_id(id))))
        .collect();
    format!(
        "The server deletes the stored key too, so this also deletes: {}.",
        names.join(", ")
    )
}
