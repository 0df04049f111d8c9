//! Makes text from the server safe to write to a terminal.

/// Replaces control characters (C0, DEL, C1) with visible escapes such as
/// `\x1b`, so that an issuer or error message cannot move the cursor, change
/// colours or set the window title. Printable text, wide characters included,
/// passes unchanged.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }

    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    std::borrow::Cow::Owned(escaped)
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequence_is_made_visible() {
        assert_eq!(for_terminal("a\u{1b}[31mb"), "a\\u{1b}[31mb");
    }

    #[test]
    fn wide_characters_pass_unchanged() {
        assert_eq!(for_terminal("発行者 🔑"), "発行者 🔑");
    }

    #[test]
    fn newline_and_tab_are_escaped() {
        assert_eq!(for_terminal("a\nb\tc"), "a\\nb\\tc");
    }
}
