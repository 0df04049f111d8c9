//! The help overlay, generated from the key map that dispatches the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::{width, wrap};
use crate::tui::app::App;
use crate::tui::keymap::{Context, KEYMAP, keys_label};

use super::Theme;

/// Narrower descriptions than this go on the lines under their keys.
const MIN_DESCRIPTION_COLUMNS: usize = 24;
/// Indent of a binding's keys under its heading.
const INDENT: usize = 2;

const NOTES: [&str; 3] = [
    "The stored key is fetched when the detail pane gets the focus.",
    "Text fields: ←/→, Home/End, Backspace/Delete.",
    "JWK editor: ratatui-textarea's Emacs-style keys (Ctrl-E end of line, Ctrl-R redo, …), \
     except the form keys listed above. A paste arrives whole and never submits.",
];

pub fn render(app: &App, scroll: u16, frame: &mut Frame, body: Rect) {
    let theme = Theme::of(app);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(" Help: j/k, PgUp/PgDn scroll, Esc closes ");
    let inner = block.inner(body);
    let columns = usize::from(inner.width).max(1);

    let mut lines: Vec<Line> = Vec::new();
    for context in contexts() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(context.heading(), theme.heading())));
        for binding in KEYMAP.iter().filter(|binding| binding.context == context) {
            binding_lines(&keys_label(binding), binding.description, columns)
                .into_iter()
                .for_each(|line| lines.push(Line::from(line)));
        }
    }
    lines.push(Line::default());
    for note in NOTES {
        lines.extend(wrap(note, columns).into_iter().map(Line::from));
    }

    let rows = inner.height.max(1);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let last = total.saturating_sub(rows);
    app.help_limits.set((last, rows));

    frame.render_widget(Clear, body);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(last), 0)),
        body,
    );
}

/// Returns the contexts in the key map's order, each once, so that the
/// bindings of one context sit under one heading.
fn contexts() -> Vec<Context> {
    let mut contexts = Vec::new();
    for binding in KEYMAP {
        if !contexts.contains(&binding.context) {
            contexts.push(binding.context);
        }
    }
    contexts
}

/// Lays out one binding: the keys in a column as wide as the widest keys of
/// the key map, and the description wrapped beside them. When the
/// description would get too few columns, it goes under the keys instead.
fn binding_lines(keys: &str, description: &str, columns: usize) -> Vec<String> {
    let key_columns = KEYMAP
        .iter()
        .map(|binding| width(&keys_label(binding)))
        .max()
        .unwrap_or(0);
    let text_start = INDENT + key_columns + 1;
    let indent = " ".repeat(INDENT);

    if columns >= text_start + MIN_DESCRIPTION_COLUMNS {
        let hanging = " ".repeat(text_start);
        let padding = " ".repeat(key_columns.saturating_sub(width(keys)) + 1);
        return wrap(description, columns - text_start)
            .into_iter()
            .enumerate()
            .map(|(index, part)| {
                if index == 0 {
                    format!("{indent}{keys}{padding}{part}")
                } else {
                    format!("{hanging}{part}")
                }
            })
            .collect();
    }

    let deeper = " ".repeat(INDENT * 2);
    let mut lines: Vec<String> = wrap(keys, columns.saturating_sub(INDENT))
        .into_iter()
        .map(|part| format!("{indent}{part}"))
        .collect();
    lines.extend(
        wrap(description, columns.saturating_sub(INDENT * 2))
            .into_iter()
            .map(|part| format!("{deeper}{part}")),
    );
    lines
}
