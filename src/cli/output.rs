//! Standard output carries only data: tables or JSON. Every message goes to
//! standard error.

use std::borrow::Cow;
use std::io::{ErrorKind, IsTerminal, Write};

use serde::Serialize;

use crate::sanitize::for_terminal;

use super::exit::Failure;
use super::table::MAX_WIDTH;

/// Returns the width tables may take on standard output: the terminal's
/// width when standard output is one (`COLUMNS` when the terminal reports
/// none), and `MAX_WIDTH` otherwise, so that piped output stays the same
/// wherever it runs.
pub fn data_width() -> usize {
    if !std::io::stdout().is_terminal() {
        return MAX_WIDTH;
    }
    let reported = crossterm::terminal::size()
        .ok()
        .map(|(columns, _rows)| usize::from(columns));
    let from_environment = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|value| value.trim().parse::<usize>().ok())
    };
    reported
        .filter(|&columns| columns > 0)
        .or_else(from_environment)
        .filter(|&columns| columns > 0)
        .unwrap_or(MAX_WIDTH)
}

/// Writes `text` to standard output. A closed pipe, as with `trustui list |
/// head`, ends the output quietly rather than failing.
pub fn print_data(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(Failure::general(format!(
            "Cannot write to standard output: {error}."
        ))),
    }
}

/// Writes `value` as pretty-printed JSON and a newline to standard output.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|error| Failure::general(format!("Cannot format the output as JSON: {error}.")))?;
    let mut text = escape_terminal_controls(&text);
    text.push('\n');
    print_data(&text)
}

/// Writes as `\uXXXX` escapes the characters that `for_terminal` makes
/// visible but serde_json leaves raw: DEL, C1 controls and bidirectional
/// overrides. Such characters occur only inside JSON strings, where the escape
/// parses back to the same character, so the data stays exact while a
/// terminal showing it cannot be steered.
fn escape_terminal_controls(json: &str) -> String {
    let mut escaped = String::with_capacity(json.len());
    let mut buffer = [0; 4];
    for c in json.chars() {
        let unsafe_on_terminal =
            c != '\n' && matches!(for_terminal(c.encode_utf8(&mut buffer)), Cow::Owned(_));
        if unsafe_on_terminal {
            // A JSON escape is one UTF-16 code unit, so a character beyond U+FFFF
            // takes two (a surrogate pair).
            for unit in c.encode_utf16(&mut [0; 2]) {
                escaped.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// Writes a message line to standard error, with control characters made
/// visible because it may contain server text.
pub fn message(text: &str) {
    eprintln!("{}", for_terminal(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::{Value, json};

    #[test]
    fn escaped_json_parses_to_same_value() {
        let value =
            json!({"issuer": "https://idp.example\u{9b}31m\u{202e}\u{7f}", "subject": "発行者 🔑"});
        let text = serde_json::to_string_pretty(&value).unwrap();

        let escaped = escape_terminal_controls(&text);

        assert_eq!(serde_json::from_str::<Value>(&escaped).unwrap(), value);
    }

    #[test]
    fn escaped_json_has_no_raw_controls() {
        let text = serde_json::to_string(&json!(["a\u{9b}b", "c\u{202e}d", "e\u{7f}f"])).unwrap();

        let escaped = escape_terminal_controls(&text);

        assert_eq!(escaped, r#"["a\u009bb","c\u202ed","e\u007ff"]"#);
    }

    #[test]
    fn pretty_json_keeps_newlines() {
        let text = serde_json::to_string_pretty(&json!({"a": 1})).unwrap();

        assert_eq!(escape_terminal_controls(&text), text);
    }
}
