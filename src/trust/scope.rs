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
