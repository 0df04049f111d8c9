//! Plain-text tables measured by display width, so that CJK characters and
//! emoji, which take two terminal cells, stay aligned.

use unicode_width::UnicodeWidthChar;

pub use crate::text::{pad, width as display_width};

/// Width that every table fits in when standard output is not a terminal.
pub const MAX_WIDTH: usize = 80;

const GAP: &str = "  ";

/// One column: its heading, and the narrowest it may become when the table
/// is too wide. A column whose `min_width` is its full width never shrinks.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub heading: &'static str,
    pub min_width: usize,
    /// Whether the column gets the width beyond 80 columns before the other
    /// columns do.
    pub grows_first: bool,
}

/// Splits `text` into lines of at most `width` cells, breaking anywhere, so
/// that a long issuer or thumbprint is shown whole.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = vec![String::new()];
    let mut line_width = 0;
    for c in text.chars() {
        let char_width = c.width().unwrap_or(0);
        if line_width + char_width > width {
            lines.push(String::new());
            line_width = 0;
        }
        lines.last_mut().unwrap_or_else(|| unreachable!()).push(c);
        line_width += char_width;
    }
    lines
}

/// Lays out `rows` under `columns` in at most `max_width` cells a line. When
/// the natural widths do not fit in 80 cells, the widest shrinkable column
/// loses a cell at a time. Any width beyond 80 goes back to the columns marked
/// `grows_first`, then to the others, and cells that still do not fit end with
/// an ellipsis. Lines carry no
/// trailing spaces and each ends with a newline.
pub fn render(columns: &[Column], rows: &[Vec<String>], max_width: usize) -> String {
    let widths = fit_widths(columns, rows, max_width);

    let mut out = String::new();
    let headings: Vec<String> = columns.iter().map(|c| c.heading.to_string()).collect();
    push_line(&mut out, &headings, &widths);
    for row in rows {
        push_line(&mut out, row, &widths);
    }
    out
}

fn fit_widths(columns: &[Column], rows: &[Vec<String>], max_width: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            rows.iter()
                .filter_map(|row| row.get(index))
                .map(|cell| display_width(cell))
                .chain([display_width(column.heading)])
                .max()
                .unwrap_or(0)
        })
        .collect();

    let natural = widths.clone();
    let gaps = GAP.len() * columns.len().saturating_sub(1);
    let total = |widths: &[usize]| widths.iter().sum::<usize>() + gaps;

    // First the layout of an 80-column table, so that a wider terminal only
    // adds to it.
    let base_width = max_width.min(MAX_WIDTH);
    while total(&widths) > base_width {
        let widest_shrinkable = widths
            .iter()
            .enumerate()
            .filter(|&(index, &width)| width > columns[index].min_width)
            .max_by_key(|&(_, &width)| width)
            .map(|(index, _)| index);
        match widest_shrinkable {
            Some(index) => widths[index] -= 1,
            None => break,
        }
    }

    // Then the spare width, to the `grows_first` columns before the others.
    let mut spare = max_width.saturating_sub(total(&widths));
    for grows_first in [true, false] {
        for (index, column) in columns.iter().enumerate() {
            if column.grows_first != grows_first {
                continue;
            }
            let added = natural[index].saturating_sub(widths[index]).min(spare);
            widths[index] += added;
            spare -= added;
        }
    }
    widths
}

fn push_line(out: &mut String, cells: &[String], widths: &[usize]) {
    let mut line = String::new();
    for (index, width) in widths.iter().enumerate() {
        if index > 0 {
            line.push_str(GAP);
        }
        let cell = cells.get(index).map(String::as_str).unwrap_or("");
        line.push_str(&pad(cell, *width));
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_splits_long_text() {
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn wrap_keeps_wide_character_whole() {
        assert_eq!(wrap("a発行", 3), vec!["a発", "行"]);
    }

    fn columns() -> Vec<Column> {
        vec![
            Column {
                heading: "ID",
                min_width: 8,
                grows_first: false,
            },
            Column {
                heading: "ISSUER",
                min_width: 10,
                grows_first: false,
            },
            Column {
                heading: "SUBJECT",
                min_width: 8,
                grows_first: false,
            },
        ]
    }

    #[test]
    fn render_aligns_columns() {
        let rows = vec![
            vec!["1234abcd".into(), "https://a.example".into(), "svc".into()],
            vec!["5678efgh".into(), "発行者".into(), "利用者".into()],
        ];

        let text = render(&columns(), &rows, MAX_WIDTH);

        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "ID        ISSUER             SUBJECT");
        assert_eq!(lines[1], "1234abcd  https://a.example  svc");
        assert_eq!(lines[2], "5678efgh  発行者             利用者");
    }

    #[test]
    fn render_fits_max_width() {
        let long = "https://login.partner-idp.example.com/tenants/0123456789/oauth2";
        let rows = vec![vec!["1234abcd".into(), long.into(), long.into()]];

        let text = render(&columns(), &rows, 40);

        for line in text.lines() {
            assert!(display_width(line) <= 40, "{line:?} is wider than 40");
        }
    }

    #[test]
    fn render_shrinks_widest_column_first() {
        let rows = vec![vec![
            "1234abcd".into(),
            "https://login.partner-idp.example.com".into(),
            "service-account".into(),
        ]];

        let text = render(&columns(), &rows, 50);

        let row = text.lines().nth(1).unwrap();
        assert!(row.ends_with("service-account"), "{row:?}");
        assert!(row.contains('…'), "{row:?}");
    }

    #[test]
    fn render_keeps_fixed_columns_whole() {
        let rows = vec![vec![
            "1234abcd".into(),
            "https://login.partner-idp.example.com".into(),
            "service-account".into(),
        ]];

        let text = render(&columns(), &rows, 20);

        let row = text.lines().nth(1).unwrap();
        assert!(row.starts_with("1234abcd  "), "{row:?}");
    }

    #[test]
    fn render_gives_spare_width_to_grows_first_column() {
        let mut columns = columns();
        columns[1].grows_first = true;
        let rows = vec![vec![
            "1234abcd".into(),
            "https://login.partner-idp.example.com/tenants/0123456789abcdef".into(),
            "service-account-with-a-long-name@example.com".into(),
        ]];

        let text = render(&columns, &rows, 100);

        let row = text.lines().nth(1).unwrap();
        assert!(
            row.contains("https://login.partner-idp.example.com/tenants/"),
            "{row:?}"
        );
        assert!(display_width(row) <= 100, "{row:?}");
    }
}
