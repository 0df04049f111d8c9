//! The creation form: one line per field with its problems underneath, the
//! JWK editor, the key summary and the form's notes.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::sanitize::for_terminal;
use crate::text::{fit, tail, width, wrap};
use crate::trust::form::{Field, Severity};
use crate::tui::app::App;
use crate::tui::form::{FormState, LineInput, field_label};

use super::Theme;

const LABEL_COLUMNS: u16 = 13;
/// Rows the JWK editor keeps, borders included, however small the screen.
const MIN_EDITOR_ROWS: u16 = 3;
/// Drawn instead of every character of JWK text that contains private key
/// material.
const MASK: char = '•';
// NOTE: an `oct` key has no public part, so Ctrl-A offers no fix for it; the
// JWK check rejects its key type instead.
const HIDDEN_NOTICE: &str =
    " this key contains private material (d, p, q…): hidden; Ctrl-A keeps only the public part ";

pub fn render(app: &App, form: &FormState, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(" New trust relationship ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width <= LABEL_COLUMNS || inner.height == 0 {
        return;
    }

    let columns = usize::from(inner.width);
    let fields = field_lines(form, &theme, columns);
    let footer = footer_lines(form, &theme, columns);

    // Rows: the footer takes at most a third, the editor at least
    // MIN_EDITOR_ROWS, and the fields what is left, scrolled to the focus.
    let footer_rows = to_rows(footer.len()).min(inner.height / 3);
    let remaining = inner.height - footer_rows;
    let editor_rows = remaining
        .saturating_sub(to_rows(fields.lines.len()))
        .max(MIN_EDITOR_ROWS)
        .min(remaining);
    let fields_rows = remaining - editor_rows;
    let fields_area = Rect {
        height: fields_rows,
        ..inner
    };
    let editor_area = Rect {
        y: inner.y + fields_rows,
        height: editor_rows,
        ..inner
    };
    let footer_area = Rect {
        y: inner.y + fields_rows + editor_rows,
        height: footer_rows,
        ..inner
    };

    let (focus_start, focus_end) = fields.focused_rows;
    let scroll = focus_end.saturating_sub(fields_rows).min(focus_start);
    frame.render_widget(
        Paragraph::new(fields.lines).scroll((scroll, 0)),
        fields_area,
    );
    render_editor(form, &theme, frame, editor_area);
    frame.render_widget(Paragraph::new(footer), footer_area);

    if let Some((row, column)) = fields.cursor
        && row >= scroll
        && row - scroll < fields_rows
    {
        frame.set_cursor_position(Position::new(
            fields_area.x + column,
            fields_area.y + row - scroll,
        ));
    }
}

fn to_rows(count: usize) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
}

/// The field lines of the form, with where the focused field sits.
struct FieldLines {
    lines: Vec<Line<'static>>,
    /// Rows from the focused field's line to the end of its problems.
    focused_rows: (u16, u16),
    /// Row and column of the cursor when a single-line field has the focus.
    cursor: Option<(u16, u16)>,
}

/// Lines for the single-line fields and their problems, ending with the
/// JWK editor's label.
fn field_lines(form: &FormState, theme: &Theme, columns: usize) -> FieldLines {
    let value_columns = columns - usize::from(LABEL_COLUMNS);
    let mut lines = Vec::new();
    let mut cursor = None;
    let mut focused_rows = (0, 0);

    let inputs = [
        (Field::Issuer, Some(&form.issuer)),
        (Field::Subject, Some(&form.subject)),
        (Field::AnySubject, None),
        (Field::Scope, Some(&form.scopes)),
        (Field::ExpiresAt, Some(&form.expires_at)),
    ];
    for (field, input) in inputs {
        let focused = form.focus == field;
        let start = to_rows(lines.len());
        let mut spans = vec![label(theme, field, focused)];
        match input {
            Some(_) if field == Field::Subject && form.any_subject => {
                spans.push(Span::styled("(not sent: any subject is on)", theme.dim()))
            }
            Some(input) => {
                let (shown, column) = visible_part(input, value_columns, focused);
                if focused {
                    cursor = Some((start, LABEL_COLUMNS + column));
                }
                spans.push(Span::raw(shown));
            }
            None => {
                let mark = if form.any_subject { "[x]" } else { "[ ]" };
                spans.push(Span::raw(format!("{mark} any subject (Space toggles)")));
            }
        }
        lines.push(Line::from(spans));

        if field == Field::ExpiresAt
            && let Some(instant) = form.checked.expires_at
        {
            lines.push(Line::from(Span::styled(
                format!("{:w$}= {instant} (UTC)", "", w = usize::from(LABEL_COLUMNS)),
                theme.dim(),
            )));
        }
        lines.extend(problem_lines(form, field, theme, columns));
        if focused {
            focused_rows = (start, to_rows(lines.len()));
        }
    }
    lines.push(Line::from(vec![
        label(theme, Field::Jwk, form.focus == Field::Jwk),
        Span::styled("paste or type; Ctrl-F formats", theme.dim()),
    ]));
    if form.focus == Field::Jwk {
        let last = to_rows(lines.len());
        focused_rows = (last - 1, last);
    }
    FieldLines {
        lines,
        focused_rows,
        cursor,
    }
}

fn render_editor(form: &FormState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = form.focus == Field::Jwk;
    let hidden = form.jwk_is_hidden();
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused));
    if hidden {
        block = block.title(Span::styled(HIDDEN_NOTICE, theme.warning()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if focused && !hidden {
        frame.render_widget(&form.jwk, inner);
        return;
    }
    let mut editor = form.jwk.clone();
    if hidden {
        // Every character is masked, public members included: a paste
        // arrives as one event, so private material is never drawn even
        // for one frame.
        editor.set_mask_char(MASK);
    }
    if !focused {
        // The editor draws its own cursor; hide it while another field has
        // the focus.
        editor.set_cursor_style(Style::new());
        editor.set_cursor_line_style(Style::new());
    }
    frame.render_widget(&editor, inner);
}

fn footer_lines(form: &FormState, theme: &Theme, columns: usize) -> Vec<Line<'static>> {
    let mut lines = problem_lines(form, Field::Jwk, theme, columns);

    if let Some(key) = &form.checked.key {
        let kid = key
            .kid
            .as_deref()
            .map(|kid| format!(" · kid {}", for_terminal(kid)))
            .unwrap_or_default();
        let text = format!(
            "Key: {} {}{kid} · thumbprint {}",
            for_terminal(&key.kty),
            for_terminal(&key.size_or_curve),
            for_terminal(&key.thumbprint)
        );
        lines.push(Line::from(fit(&text, columns)));
    }

    if let Some(error) = form
        .server_error
        .as_ref()
        .filter(|error| error.field.is_none())
    {
        for line in wrap(&format!("✗ {}", for_terminal(&error.message)), columns) {
            lines.push(Line::from(Span::styled(line, theme.error())));
        }
    }
    if let Some(note) = &form.note {
        for line in wrap(&for_terminal(note), columns) {
            lines.push(Line::from(Span::styled(line, theme.warning())));
        }
    }

    let hint = if form.submitting.is_some() {
        "Creating… (the form stays as typed until the server answers)"
    } else {
        "Ctrl-S create · Tab next field · Ctrl-A accept fix · Esc close"
    };
    lines.push(Line::from(Span::styled(fit(hint, columns), theme.dim())));
    lines
}

/// Builds the lines under `field`: its problems, wrapped, then the server's
/// rejection if it concerns this field.
fn problem_lines(
    form: &FormState,
    field: Field,
    theme: &Theme,
    columns: usize,
) -> Vec<Line<'static>> {
    let indent = " ".repeat(usize::from(LABEL_COLUMNS).min(columns / 4));
    let room = columns.saturating_sub(indent.len()).max(1);
    let mut lines = Vec::new();

    let shown = form.shows_problems_of(field);
    for problem in form
        .checked
        .problems
        .iter()
        .filter(|p| shown && p.field == field)
    {
        let (mark, style) = match problem.severity {
            Severity::Error => ("✗", theme.error()),
            Severity::NeedsConfirmation => ("?", theme.warning()),
            Severity::Warning => ("!", theme.warning()),
            Severity::Notice => ("i", theme.dim()),
        };
        let mut text = format!("{mark} {}", for_terminal(&problem.message));
        if let Some((line, column)) = problem.position {
            text.push_str(&format!(" (line {line}, column {column})"));
        }
        if problem.fix.is_some() {
            text.push_str(" [Ctrl-A fixes]");
        }
        for part in wrap(&text, room) {
            lines.push(Line::from(Span::styled(format!("{indent}{part}"), style)));
        }
    }

    if let Some(error) = form
        .server_error
        .as_ref()
        .filter(|error| error.field == Some(field))
    {
        let text = format!("✗ {}", for_terminal(&error.message));
        for part in wrap(&text, room) {
            lines.push(Line::from(Span::styled(
                format!("{indent}{part}"),
                theme.error(),
            )));
        }
    }
    lines
}

fn label(theme: &Theme, field: Field, focused: bool) -> Span<'static> {
    let marker = if focused { '>' } else { ' ' };
    let text = format!(
        "{marker}{:<w$}",
        field_label(field),
        w = usize::from(LABEL_COLUMNS) - 1
    );
    if focused {
        Span::styled(text, theme.selected())
    } else {
        Span::styled(text, theme.heading())
    }
}

/// Returns the part of a one-line input that fits in `columns`, and the
/// cursor's column in it. A focused input scrolls so that the cursor stays visible.
fn visible_part(input: &LineInput, columns: usize, focused: bool) -> (String, u16) {
    let text = for_terminal(input.text()).into_owned();
    if !focused {
        return (fit(&text, columns), 0);
    }
    let before = for_terminal(input.before_cursor()).into_owned();
    let before_width = width(&before);
    if before_width < columns {
        let column = u16::try_from(before_width).unwrap_or(u16::MAX);
        return (fit(&text, columns), column);
    }
    let shown = tail(&before, columns.saturating_sub(1)).to_string();
    let column = u16::try_from(width(&shown)).unwrap_or(u16::MAX);
    (shown, column)
}
