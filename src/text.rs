//! Fitting text into terminal columns by display width, so that wide
//! characters (CJK, emoji) stay aligned and are never cut in half.

use unicode_width::UnicodeWidthChar;

/// Display width of `text` in terminal columns, summed per character.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Cuts `text` to at most `max` columns, ending in `…` when something was cut.
pub fn fit(text: &str, max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    if width(text) <= max {
        return text.to_string();
    }

    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.push('…');
    cut
}

/// Fits `text` into exactly `columns` columns, padding with spaces.
pub fn pad(text: &str, columns: usize) -> String {
    let mut fitted = fit(text, columns);
    let used = width(&fitted);
    fitted.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    fitted
}

/// Returns the end of `text` that fits in `max` columns, for a single-line
/// input whose cursor sits at the end.
pub fn tail(text: &str, max: usize) -> &str {
    let mut used = 0;
    for (index, c) in text.char_indices().rev() {
        used += char_width(c);
        if used > max {
            return &text[index + c.len_utf8()..];
        }
    }
    text
}

/// Breaks `text` into lines of at most `max` columns, at spaces where it
/// can and inside a word where it must.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;

    for word in text.split(' ') {
        let word_width = width(word);
        let gap = usize::from(!line.is_empty());
        if used + gap + word_width <= max {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            used += gap + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        for c in word.chars() {
            let w = char_width(c);
            if used + w > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_short_text() {
        assert_eq!(fit("abc", 5), "abc");
    }

    #[test]
    fn fit_cuts_with_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
    }

    #[test]
    fn fit_never_splits_wide_character() {
        assert_eq!(fit("発行者です", 4), "発…");
    }

    #[test]
    fn pad_fills_to_width_after_wide_cut() {
        assert_eq!(width(&pad("発行者です", 6)), 6);
    }

    #[test]
    fn fit_counts_wide_characters_twice() {
        // Five columns hold two wide characters and the ellipsis.
        assert_eq!(fit("発行者発行者", 5), "発行…");
    }

    #[test]
    fn fit_cuts_emoji_by_width() {
        assert_eq!(fit("🔑🔑🔑", 4), "🔑…");
    }

    #[test]
    fn pad_fills_to_display_width() {
        assert_eq!(pad("鍵", 4), "鍵  ");
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
    }

    #[test]
    fn wrap_splits_word_longer_than_line() {
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn tail_keeps_end_that_fits() {
        assert_eq!(tail("abcdef", 3), "def");
    }

    #[test]
    fn tail_skips_wide_character_that_would_overflow() {
        assert_eq!(tail("a発行", 3), "行");
    }
}
