//! Whose assertions the relationship accepts: one subject or any subject.

use super::form::{Field, Problem, Severity};
use super::quote::shown;

/// Hydra stores the subject in a column of at most 255 characters.
pub const MAX_CHARS: usize = 255;

/// The `sub` values a relationship accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    One(String),
    Any,
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
