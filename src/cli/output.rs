//! Standard output carries only data: tables or JSON. Every message goes to
//! standard error.

use std::io::{ErrorKind, Write};

use serde::Serialize;

use crate::sanitize::for_terminal;

use super::exit::Failure;

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
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|error| Failure::general(format!("Cannot format the output as JSON: {error}.")))?;
    text.push('\n');
    print_data(&text)
}

/// Writes a message line to standard error, with control characters made
/// visible because it may contain server text.
pub fn message(text: &str) {
    eprintln!("{}", for_terminal(text));
}
