//! The header line (counts, sort, filter) and the status line (endpoint,
//! what is loading, the last message).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::sanitize::for_terminal;
use crate::text::{fit, tail, width, wrap};
use crate::tui::app::{App, Focus, KeyState};

use super::Theme;

const SPINNER: [char; 4] = ['|', '/', '-', '\\'];

pub fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let count = app.list.len();
    let noun = if count == 1 {
        "relationship"
    } else {
        "relationships"
    };
    let mut text = format!("trustui · {count} {noun}");
    if !app.list.filter().is_empty() {
        text.push_str(&format!(" · {} shown", app.list.visible_len()));
    }
    text.push_str(&format!(" · sort: {}", app.list.sort().label()));
    let line = Line::from(Span::styled(fit(&text, area.width.into()), theme.heading()));
    frame.render_widget(Paragraph::new(line), area);
}

pub fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let columns = usize::from(area.width);
    let mut spans = Vec::new();

    if let Some(activity) = activity(app) {
        let spinner = SPINNER[app.spinner % SPINNER.len()];
        spans.push(Span::raw(format!("{spinner} {activity} ")));
    }
    match &app.status {
        Some(status) if status.is_error => {
            spans.push(Span::styled(
                format!("Error: {}", for_terminal(&status.text)),
                theme.error(),
            ));
        }
        Some(status) => spans.push(Span::raw(for_terminal(&status.text).into_owned())),
        None if spans.is_empty() => {
            spans.push(Span::styled(hint(app), theme.dim()));
        }
        None => {}
    }

    let used: usize = spans.iter().map(|span| width(&span.content)).sum();
    let endpoint = format!(" {}", for_terminal(&app.endpoint));
    if used + width(&endpoint) <= columns {
        let gap = columns - used - width(&endpoint);
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(endpoint, theme.dim()));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }

    // Too narrow for everything: the message wins over the endpoint, and
    // wraps onto the rows the layout gave it. When even those are too few,
    // an error keeps its end, because that is where the retry hint is.
    let text: String = spans.iter().map(|span| span.content.as_ref()).collect();
    let style = spans.last().map(|span| span.style).unwrap_or_default();
    let rows = usize::from(area.height).max(1);
    let keep_end = app.status.as_ref().is_some_and(|status| status.is_error);
    let mut lines = wrap(&text, columns);
    if lines.len() > rows && !keep_end {
        lines = vec![fit(&text, columns)];
    } else if lines.len() > rows {
        lines.truncate(rows - 1);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last} ……"), columns);
        }
        let end = tail(&text, columns.saturating_sub(1));
        lines.push(format!("…{end}"));
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| Line::from(Span::styled(line, style)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Returns how many rows the status line needs at `columns`: one, or up to
/// three for an error that does not fit on one.
pub fn status_rows(app: &App, columns: u16) -> u16 {
    let Some(status) = app.status.as_ref().filter(|status| status.is_error) else {
        return 1;
    };
    let activity_columns = activity(app).map_or(0, |activity| width(&activity) + 3);
    let text = format!("Error: {}", for_terminal(&status.text));
    let needed = wrap(
        &text,
        usize::from(columns).saturating_sub(activity_columns).max(1),
    )
    .len();
    u16::try_from(needed.clamp(1, 3)).unwrap_or(3)
}

fn activity(app: &App) -> Option<String> {
    if let Some(loading) = app.loading {
        return Some(format!("loading the list… {} so far", loading.so_far));
    }
    if app.deleting.is_some() {
        return Some("deleting…".to_string());
    }
    if app
        .form
        .as_ref()
        .is_some_and(|form| form.submitting.is_some())
    {
        return Some("creating…".to_string());
    }
    if matches!(app.key, Some((_, KeyState::Loading(_)))) {
        return Some("fetching key…".to_string());
    }
    None
}

/// Returns a hint with the main keys of the focused pane.
fn hint(app: &App) -> &'static str {
    if app.dialog.is_some() {
        return "Enter presses the focused button · Esc cancels";
    }
    match app.focus {
        Focus::List => "? help · n new · / filter · d delete · q quit",
        Focus::Detail => "? help · K fetch key again · Esc back to list · q quit",
        Focus::Filter => "type to filter · Enter keeps it · Esc clears it",
        Focus::Form => "F1 help · Ctrl-S create · Esc close",
    }
}
