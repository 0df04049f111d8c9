//! The list pane: one row per relationship, drawing only the rows on screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::api::TrustRelationship;
use crate::sanitize::for_terminal;
use crate::text::{pad, wrap};
use crate::trust::expiry_state::{ExpiryState, relative};
use crate::trust::subject::shown_subject;
use crate::tui::app::{App, Focus};
use crate::tui::update::short_id;

use super::Theme;

/// Widest expiry cell: `364d ago expires soon`.
const EXPIRY_COLUMNS: usize = 21;
const ID_COLUMNS: usize = 8;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let focused = matches!(app.focus, Focus::List | Focus::Filter);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(" Trust relationships ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }

    let mut lines = Vec::new();
    if app.focus == Focus::Filter || !app.filter_text.is_empty() {
        let cursor = if app.focus == Focus::Filter {
            "▏"
        } else {
            ""
        };
        let text = format!(
            "/{}{cursor}  ({} of {})",
            for_terminal(&app.filter_text),
            app.list.visible_len(),
            app.list.len()
        );
        lines.push(Line::from(Span::styled(
            pad(&text, inner.width.into()),
            theme.heading(),
        )));
    }

    if failed_empty(app) {
        lines.extend(empty_lines(app, &theme, inner.width.into()));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }

    let columns = Columns::for_width(inner.width.into());
    lines.push(Line::from(Span::styled(columns.header(), theme.heading())));

    let rows = usize::from(inner.height).saturating_sub(lines.len());
    if app.list.visible_len() == 0 {
        lines.extend(empty_lines(app, &theme, inner.width.into()));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }

    let header_rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines), inner);

    // Only the rows on screen are formatted, each drawn as one line without
    // the paragraph's wrapping machinery.
    let offset = scroll_offset(app, rows);
    let end = (offset + rows).min(app.list.visible_len());
    for (screen_row, index) in (offset..end).enumerate() {
        let Some(item) = app.list.visible_item(index) else {
            break;
        };
        let mut line = columns.row(item, app, &theme);
        if index == app.list.selected_index() {
            line = line.patch_style(theme.selected());
        }
        let area = Rect {
            y: inner.y + header_rows + u16::try_from(screen_row).unwrap_or(u16::MAX),
            height: 1,
            ..inner
        };
        frame.render_widget(line, area);
    }
}

/// Moves the kept offset only as far as needed to show the selection.
fn scroll_offset(app: &App, rows: usize) -> usize {
    let rows = rows.max(1);
    let selected = app.list.selected_index();
    let mut offset = app.list.offset.get();
    if selected < offset {
        offset = selected;
    } else if selected >= offset + rows {
        offset = selected + 1 - rows;
    }
    offset = offset.min(app.list.visible_len().saturating_sub(rows));
    app.list.offset.set(offset);
    app.list.page_rows.set(rows);
    offset
}

/// True when the last load failed and nothing is loaded: the list pane then
/// shows why, and gets the whole body for it.
pub fn failed_empty(app: &App) -> bool {
    app.loading.is_none() && app.list.is_empty() && app.load_error.is_some()
}

/// Lines for a list without visible rows: loading, a failed load (so that
/// a server that cannot be reached never looks like an empty one), no
/// match, or nothing yet.
fn empty_lines(app: &App, theme: &Theme, columns: usize) -> Vec<Line<'static>> {
    if failed_empty(app)
        && let Some(error) = &app.load_error
    {
        let text = format!(
            "Loading the list failed: {}. Press r to retry.",
            for_terminal(error)
        );
        return wrap(&text, columns)
            .into_iter()
            .map(|line| Line::from(Span::styled(line, theme.error())))
            .collect();
    }
    vec![Line::from(Span::styled(empty_text(app), theme.dim()))]
}

fn empty_text(app: &App) -> String {
    if app.loading.is_some() {
        "Loading…".to_string()
    } else if !app.list.is_empty() {
        "No relationship matches the filter. Esc clears it.".to_string()
    } else {
        "No trust relationships yet. Press n to create one.".to_string()
    }
}

/// Column widths for one pane width. Narrow panes drop scopes, then the
/// subject, then the id.
struct Columns {
    issuer: usize,
    subject: Option<usize>,
    scopes: Option<usize>,
    expiry: usize,
    id: Option<usize>,
}

impl Columns {
    fn for_width(total: usize) -> Self {
        let expiry = EXPIRY_COLUMNS;
        if total >= 70 {
            let flexible = total - expiry - ID_COLUMNS - 4;
            let subject = flexible * 3 / 10;
            let scopes = flexible * 3 / 10;
            Self {
                issuer: flexible - subject - scopes,
                subject: Some(subject),
                scopes: Some(scopes),
                expiry,
                id: Some(ID_COLUMNS),
            }
        } else if total >= 55 {
            let flexible = total - expiry - ID_COLUMNS - 3;
            let subject = flexible * 2 / 5;
            Self {
                issuer: flexible - subject,
                subject: Some(subject),
                scopes: None,
                expiry,
                id: Some(ID_COLUMNS),
            }
        } else {
            Self {
                issuer: total.saturating_sub(expiry + 1),
                subject: None,
                scopes: None,
                expiry,
                id: None,
            }
        }
    }

    fn header(&self) -> String {
        let mut cells = vec![pad("ISSUER", self.issuer)];
        if let Some(width) = self.subject {
            cells.push(pad("SUBJECT", width));
        }
        if let Some(width) = self.scopes {
            cells.push(pad("SCOPES", width));
        }
        cells.push(pad("EXPIRES", self.expiry));
        if let Some(width) = self.id {
            cells.push(pad("ID", width));
        }
        cells.join(" ")
    }

    fn row(&self, item: &TrustRelationship, app: &App, theme: &Theme) -> Line<'static> {
        let mut spans = vec![Span::raw(pad(&for_terminal(&item.issuer), self.issuer))];
        if let Some(width) = self.subject {
            let subject = shown_subject(item.allow_any_subject, &item.subject);
            spans.push(Span::raw(" "));
            spans.push(Span::raw(pad(&subject, width)));
        }
        if let Some(width) = self.scopes {
            spans.push(Span::raw(" "));
            spans.push(Span::raw(pad(&for_terminal(&item.scope.join(" ")), width)));
        }

        let state = ExpiryState::of(item.expires_at, app.now);
        let expiry = format!("{} {}", relative(item.expires_at, app.now), state.label());
        spans.push(Span::raw(" "));
        spans.push(Span::styled(pad(&expiry, self.expiry), theme.expiry(state)));

        if let Some(width) = self.id {
            spans.push(Span::raw(" "));
            spans.push(Span::raw(pad(&for_terminal(short_id(&item.id)), width)));
        }
        Line::from(spans)
    }
}
