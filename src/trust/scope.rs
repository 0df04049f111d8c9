//! The scopes a relationship may grant.

use super::form::{Field, Problem, Severity};
use super::quote::shown;

/// Splits the typed scopes on spaces and commas, drops empty entries and
/// repeats (keeping the first), and checks each scope token. Returns the
/// scopes to send, or `None` when one cannot be sent.
pub fn check(typed: &str, problems: &mut Vec<Problem>) -> Option<Vec<String>> {
    let mut scopes: Vec<String> = Vec::new();
    let mut repeated: Vec<&str> = Vec::new();

    for scope in typed.split(|c: char| c == ',' || c.is_whitespace()) {
        if scope.is_empty() {
            continue;
        }
        if scopes.iter().any(|kept| kept == scope) {
            if !repeated.contains(&scope) {
                repeated.push(scope);
            }
            continue;
        }
        scopes.push(scope.to_string());
    }

    if scopes.is_empty() {
        problems.push(Problem::new(
            Field::Scope,
            Severity::Error,
            "Scope is required: enter at least one scope, separated by spaces or commas, \
             such as `openid offline_access`",
        ));
        return None;
    }

    for scope in &repeated {
        problems.push(Problem::new(
            Field::Scope,
            Severity::Notice,
            format!(
                "Scope `{}` is listed more than once: it is sent once",
                shown(scope)
            ),
        ));
    }

    let before = problems.len();
    for scope in &scopes {
        check_token(scope, problems);
    }

    (problems.len() == before).then_some(scopes)
}

/// RFC 6749 section 3.3 allows %x21 / %x23-5B / %x5D-7E in a scope token:
/// printable ASCII except space, `"` and `\`.
fn is_scope_char(c: char) -> bool {
    matches!(c, '\x21' | '\x23'..='\x5b' | '\x5d'..='\x7e')
}

fn check_token(scope: &str, problems: &mut Vec<Problem>) {
    // Hydra v2.3.0 stores scopes joined with `|` and splits them on read.
    if scope.contains('|') {
        let parts: Vec<String> = scope
            .split('|')
            .filter(|part| !part.is_empty())
            .map(|part| format!("`{}`", shown(part)))
            .collect();
        problems.push(Problem::new(
            Field::Scope,
            Severity::Error,
            format!(
                "Scope `{}` contains `|`, which Hydra uses to join stored scopes, so it would \
                 read back as {}: enter separate scopes with spaces",
                shown(scope),
                describe_parts(&parts)
            ),
        ));
        return;
    }

    if let Some((index, c)) = scope.chars().enumerate().find(|(_, c)| !is_scope_char(*c)) {
        let character = if c.is_ascii() && !c.is_control() {
            format!("`{c}`")
        } else {
            format!("U+{:04X}", u32::from(c))
        };
        problems.push(Problem::new(
            Field::Scope,
            Severity::Error,
            format!(
                "Scope `{}` contains {character} at position {}, which RFC 6749 does not \
                 allow in a scope: use printable ASCII except space, `\"` and `\\`",
                shown(scope),
                index + 1
            ),
        ));
    }
}

fn describe_parts(parts: &[String]) -> String {
    match parts {
        [] => "nothing".to_string(),
        [one] => format!("only {one}"),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(typed: &str) -> (Option<Vec<String>>, Vec<String>) {
        let mut problems = Vec::new();
        let scopes = check(typed, &mut problems);
        (
            scopes,
            problems
                .into_iter()
                .map(|problem| problem.message)
                .collect(),
        )
    }

    #[test]
    fn splits_on_spaces_and_commas() {
        let (scopes, problems) = checked(" openid, offline_access  profile,,email ");
        assert_eq!(
            scopes.unwrap(),
            vec!["openid", "offline_access", "profile", "email"]
        );
        assert_eq!(problems, Vec::<String>::new());
    }

    #[test]
    fn duplicates_are_dropped_in_order() {
        let (scopes, problems) = checked("b a b a b");
        assert_eq!(scopes.unwrap(), vec!["b", "a"]);
        assert_eq!(
            problems,
            vec![
                "Scope `b` is listed more than once: it is sent once",
                "Scope `a` is listed more than once: it is sent once",
            ]
        );
    }

    #[test]
    fn mistakes_have_exact_messages() {
        let cases = [
            (
                " , ",
                "Scope is required: enter at least one scope, separated by spaces or commas, such as `openid offline_access`",
            ),
            (
                "read|write",
                "Scope `read|write` contains `|`, which Hydra uses to join stored scopes, so it would read back as `read` and `write`: enter separate scopes with spaces",
            ),
            (
                "a|b|c",
                "Scope `a|b|c` contains `|`, which Hydra uses to join stored scopes, so it would read back as `a`, `b` and `c`: enter separate scopes with spaces",
            ),
            (
                "say\"hi\"",
                "Scope `say\"hi\"` contains `\"` at position 4, which RFC 6749 does not allow in a scope: use printable ASCII except space, `\"` and `\\`",
            ),
            (
                "back\\slash",
                "Scope `back\\slash` contains `\\` at position 5, which RFC 6749 does not allow in a scope: use printable ASCII except space, `\"` and `\\`",
            ),
            (
                "café",
                "Scope `café` contains U+00E9 at position 4, which RFC 6749 does not allow in a scope: use printable ASCII except space, `\"` and `\\`",
            ),
            (
                "a\u{7}b",
                "Scope `a\\u{7}b` contains U+0007 at position 2, which RFC 6749 does not allow in a scope: use printable ASCII except space, `\"` and `\\`",
            ),
        ];

        for (typed, expected) in cases {
            let (scopes, problems) = checked(typed);
            assert_eq!(scopes, None, "input {typed:?}");
            assert_eq!(problems, vec![expected], "input {typed:?}");
        }
    }

    #[test]
    fn rfc_6749_edge_characters_pass() {
        let (scopes, _) = checked("! # [ ] ~ https://api.example.com/read");
        assert_eq!(scopes.unwrap().len(), 6);
    }
}
