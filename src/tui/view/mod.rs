//! Drawing: `render` reads `App` and draws one frame. It never changes what
//! the app means, only the scroll offset the list keeps for drawing.

mod detail;
mod dialog;
mod form;
mod help;
mod list;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::trust::expiry_state::ExpiryState;

use super::app::{App, Focus};

/// Below this size the panes are replaced by a message.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Panes sit side by side from this width on, and are stacked below it.
const SIDE_BY_SIDE_WIDTH: u16 = 120;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
    }

    let [header, body, status_line] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status::status_rows(app, area.width)),
    ])
    .areas(area);

    status::render_header(app, frame, header);
    if app.focus == Focus::Form
        && let Some(form) = &app.form
    {
        form::render(app, form, frame, body);
    } else {
        render_panes(app, frame, body);
    }
    status::render_status(app, frame, status_line);

    if let Some(dialog) = &app.dialog {
        dialog::render(app, dialog, frame, body);
    }
    if let Some(scroll) = app.help {
        help::render(app, scroll, frame, body);
    }
}

fn render_panes(app: &App, frame: &mut Frame, body: Rect) {
    let detail_focused = app.focus == Focus::Detail;
    if list::failed_empty(app) {
        list::render(app, frame, body);
        return;
    }
    if body.width >= SIDE_BY_SIDE_WIDTH {
        let [list_area, detail_area] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(body);
        list::render(app, frame, list_area);
        detail::render(app, frame, detail_area);
        return;
    }

    // Stacked: the focused pane gets the larger share of the height.
    let list_share = if detail_focused { 35 } else { 60 };
    let [list_area, detail_area] = Layout::vertical([
        Constraint::Percentage(list_share),
        Constraint::Percentage(100 - list_share),
    ])
    .areas(body);
    list::render(app, frame, list_area);
    detail::render(app, frame, detail_area);
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: {}x{}, need at least {MIN_WIDTH}x{MIN_HEIGHT}. Keys wait until \
         it grows; q quits.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }),
        area,
    );
}

/// Styles shared by every view. Without colour each state still reads from
/// its text, bold and reverse video.
pub(crate) struct Theme {
    color: bool,
}

impl Theme {
    pub(crate) fn of(app: &App) -> Self {
        Self { color: app.color }
    }

    pub(crate) fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub(crate) fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub(crate) fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new(),
        }
    }

    pub(crate) fn error(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub(crate) fn warning(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new()
        }
    }

    pub(crate) fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub(crate) fn expiry(&self, state: ExpiryState) -> Style {
        match (state, self.color) {
            (ExpiryState::Expired, true) => Style::new().fg(Color::Red),
            (ExpiryState::ExpiringSoon, true) => Style::new().fg(Color::Yellow),
            (ExpiryState::Valid, true) => Style::new().fg(Color::Green),
            (ExpiryState::Expired, false) => Style::new().add_modifier(Modifier::BOLD),
            (_, false) => Style::new(),
        }
    }
}

/// Returns a rectangle of at most `width` x `height`, centred in `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
