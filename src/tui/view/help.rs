//! The help overlay, generated from the key map that dispatches the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::keymap::{KEYMAP, keys_label};

use super::Theme;

const KEY_COLUMNS: usize = 18;

pub fn render(app: &App, scroll: u16, frame: &mut Frame, body: Rect) {
    let theme = Theme::of(app);
    let mut lines: Vec<Line> = Vec::new();
    let mut context = None;
    for binding in KEYMAP {
        if context != Some(binding.context) {
            if context.is_some() {
                lines.push(Line::default());
            }
            context = Some(binding.context);
            lines.push(Line::from(Span::styled(
                format!("In the {}:", binding.context.label()),
                theme.heading(),
            )));
        }
        lines.push(Line::from(format!(
            "  {:<KEY_COLUMNS$} {}",
            keys_label(binding),
            binding.description
        )));
    }
    lines.push(Line::default());
    for note in [
        "The stored key is fetched when the detail pane gets the focus.",
        "Text fields: ←/→, Home/End, Backspace/Delete; Ctrl-U clears before the cursor.",
        "JWK editor: ratatui-textarea's Emacs-style keys (Ctrl-E end of line, Ctrl-U undo,          Ctrl-R redo, …), except Ctrl-A, Ctrl-F and Ctrl-S, which are listed above. A paste \
         arrives whole and never submits.",
    ] {
        lines.push(Line::from(note));
    }

    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(" Help: j/k scroll, Esc closes ");
    frame.render_widget(Clear, body);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        body,
    );
}
