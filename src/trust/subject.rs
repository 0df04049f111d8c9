//! Whose assertions the relationship accepts: one subject or any subject.

use super::form::{Field, Problem, Severity};
use super::quote::shown;

/// The label lists and tables show for a relationship that accepts any subject.
/// The asterisk marks the wildcard, so that a literal subject cannot pass
/// for one (see `shown_subject`).
pub const ANY_SUBJECT_LABEL: &str = "* any subject";

/// Hydra stores the subject in a column of at most 255 characters.
pub const MAX_CHARS: usize = 255;

/// The `sub` values a relationship accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    One(String),
    Any,
}

/// Returns the subject as lists, tables and dialogs show it: the wildcard
/// label for any subject, else the subject made safe for a terminal. A
/// literal subject that could be read as the wildcard (it starts with `*`,
/// or reads "any subject") is shown in double quotes.
pub fn shown_subject(allow_any_subject: bool, subject: &str) -> String {
    if allow_any_subject {
        return ANY_SUBJECT_LABEL.to_string();
    }

    let safe = crate::sanitize::for_terminal(subject);
    let looks_like_wildcard =
        safe.starts_with('*') || safe.trim().eq_ignore_ascii_case("any subject");
    if looks_like_wildcard {
        format!("\"{safe}\"")
    } else {
        safe.into_owned()
    }
}

/// Checks that exactly one of a subject and "any subject" is chosen, and
/// returns the choice unless it cannot be sent.
pub fn check(typed: &str, any_subject: bool, problems: &mut Vec<Problem>) -> Option<Subject> {
    let subject = typed.trim();

    match (subject.is_empty(), any_subject) {
        (false, true) => {
            problems.push(Problem::new(
                Field::Subject,
                Severity::Error,
                format!(
                    "Subject `{}` is set while any subject is chosen: Hydra takes one or the \
                     other, so clear the subject or turn off any subject",
                    shown(subject)
                ),
            ));
            return None;
        }
        (true, false) => {
            problems.push(Problem::new(
                Field::Subject,
                Severity::Error,
                "Subject is required: enter the `sub` the assertions carry, or choose any subject",
            ));
            return None;
        }
        (true, true) => {
            problems.push(Problem::new(
                Field::AnySubject,
                Severity::Notice,
                "Any subject: an assertion signed with this key is accepted whatever its `sub`, \
                 so the issuer can obtain tokens for any subject it names",
            ));
            return Some(Subject::Any);
        }
        (false, false) => {}
    }

    if subject.len() != typed.len() {
        problems.push(Problem::new(
            Field::Subject,
            Severity::Notice,
            format!(
                "Subject: the spaces around it are removed, so `{}` is sent",
                shown(subject)
            ),
        ));
    }

    let length = subject.chars().count();
    if length > MAX_CHARS {
        problems.push(Problem::new(
            Field::Subject,
            Severity::Error,
            format!(
                "Subject is {length} characters long, but Hydra stores at most {MAX_CHARS}: \
                 check that the right value was pasted"
            ),
        ));
        return None;
    }

    if subject.chars().any(char::is_control) {
        problems.push(Problem::new(
            Field::Subject,
            Severity::Error,
            format!(
                "Subject `{}` contains a control character: a `sub` value is one line of \
                 printable text",
                shown(subject)
            ),
        ));
        return None;
    }

    Some(Subject::One(subject.to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn shown_subject_marks_wildcard() {
        assert_eq!(super::shown_subject(true, ""), "* any subject");
    }

    #[test]
    fn shown_subject_quotes_literal_lookalike() {
        assert_eq!(
            super::shown_subject(false, "any subject"),
            "\"any subject\""
        );
    }

    #[test]
    fn shown_subject_quotes_leading_asterisk() {
        assert_eq!(
            super::shown_subject(false, "* any subject"),
            "\"* any subject\""
        );
    }

    #[test]
    fn shown_subject_escapes_control_characters() {
        assert_eq!(super::shown_subject(false, "svc\u{1b}[2J"), "svc\\u{1b}[2J");
    }

    #[test]
    fn shown_subject_keeps_plain_subject() {
        assert_eq!(
            super::shown_subject(false, "svc@example.com"),
            "svc@example.com"
        );
    }

    use super::*;

    fn checked(
        typed: &str,
        any_subject: bool,
    ) -> (Option<Subject>, Vec<(Field, Severity, String)>) {
        let mut problems = Vec::new();
        let subject = check(typed, any_subject, &mut problems);
        let problems = problems
            .into_iter()
            .map(|problem| (problem.field, problem.severity, problem.message))
            .collect();
        (subject, problems)
    }

    #[test]
    fn one_subject_is_sent_trimmed() {
        let (subject, problems) = checked(" svc@example.com ", false);
        assert_eq!(subject, Some(Subject::One("svc@example.com".into())));
        assert_eq!(
            problems,
            vec![(
                Field::Subject,
                Severity::Notice,
                "Subject: the spaces around it are removed, so `svc@example.com` is sent".into()
            )]
        );
    }

    #[test]
    fn any_subject_is_explained() {
        let (subject, problems) = checked("", true);
        assert_eq!(subject, Some(Subject::Any));
        assert_eq!(
            problems,
            vec![(
                Field::AnySubject,
                Severity::Notice,
                "Any subject: an assertion signed with this key is accepted whatever its `sub`, so the issuer can obtain tokens for any subject it names".into()
            )]
        );
    }

    #[test]
    fn mistakes_have_exact_messages() {
        let long = "s".repeat(256);
        let cases = [
            (
                "svc",
                true,
                "Subject `svc` is set while any subject is chosen: Hydra takes one or the other, so clear the subject or turn off any subject",
            ),
            (
                "  ",
                false,
                "Subject is required: enter the `sub` the assertions carry, or choose any subject",
            ),
            (
                long.as_str(),
                false,
                "Subject is 256 characters long, but Hydra stores at most 255: check that the right value was pasted",
            ),
            (
                "a\u{1b}[2Jb",
                false,
                "Subject `a\\u{1b}[2Jb` contains a control character: a `sub` value is one line of printable text",
            ),
        ];

        for (typed, any_subject, expected) in cases {
            let (subject, problems) = checked(typed, any_subject);
            assert_eq!(subject, None, "input {typed:?}");
            assert_eq!(problems.last().unwrap().2, expected, "input {typed:?}");
            assert_eq!(
                problems.last().unwrap().1,
                Severity::Error,
                "input {typed:?}"
            );
        }
    }
}
