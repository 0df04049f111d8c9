//! Typed values inside messages.

use crate::sanitize::for_terminal;

/// Maximum number of characters of a typed value that a message repeats.
const MAX_SHOWN_CHARS: usize = 60;

/// Returns the typed value for a message: control characters escaped, and
/// values longer than 60 characters cut with `…`.
pub fn shown(text: &str) -> String {
    let cut: String = text.chars().take(MAX_SHOWN_CHARS).collect();
    let ellipsis = if cut.len() < text.len() { "…" } else { "" };
    format!("{}{ellipsis}", for_terminal(&cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_escapes_control_characters() {
        assert_eq!(shown("a\u{1b}b"), "a\\u{1b}b");
    }

    #[test]
    fn shown_cuts_long_values() {
        assert_eq!(shown(&"x".repeat(70)), format!("{}…", "x".repeat(60)));
    }
}
