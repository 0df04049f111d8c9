//! Exit codes and the failure a subcommand ends with.

use std::process::ExitCode;

use crate::api::ApiError;

/// The exit codes of `trustui`, as `--help` documents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success = 0,
    /// Any failure without a code of its own: connection, timeout, server
    /// error, unreadable file, a declined confirmation.
    Failure = 1,
    /// Invalid command line (clap uses 2 as well).
    Usage = 2,
    /// The relationship does not exist (maybe already deleted).
    NotFound = 3,
    /// A relationship with the same issuer, subject and kid exists.
    Conflict = 4,
    /// The input was rejected by trustui's checks or the server's validation.
    Rejected = 5,
    /// A create or delete was sent but no response came back, so it may or may
    /// not have been carried out.
    OutcomeUnknown = 6,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        ExitCode::from(status as u8)
    }
}

/// The text appended to `--help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  any other failure: connection, timeout, server error, unreadable file,
     a declined confirmation
  2  invalid command line; an id prefix shorter than 4 characters or that
     matches several relationships; delete without --yes when standard input
     is not a terminal
  3  not found: no relationship has that id or an id with that prefix (maybe
     already deleted)
  4  conflict: a relationship with the same issuer, subject and kid exists
  5  input rejected by trustui's checks or by the server's validation
  6  outcome unknown: a create or delete was sent but no answer came back;
     run `trustui list` to see whether it happened

delete --output json prints {\"deleted\": ID}, plus \"also_deleted\": [IDS] when
Hydra deleted other relationships with the shared key.";

/// Why a subcommand stopped: the exit status and a sentence for standard
/// error. The sentence may contain server text and is sanitized when printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: Status,
    pub message: String,
}

impl Failure {
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn general(message: impl Into<String>) -> Self {
        Self::new(Status::Failure, message)
    }
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Self {
        let mut message = error.to_string();
        // The client's sentence ends with the TUI's next step; on the command
        // line the next step is another command.
        if error.outcome_unknown() {
            let cause = message
                .strip_suffix("; reload the list to see")
                .unwrap_or(&message);
            message = format!("{cause}; run `trustui list` to see whether it happened");
        }
        Self::new(status_of(&error), message)
    }
}

/// Maps an API error to its exit status. An unknown outcome is checked first:
/// it must never be reported as a plain failure.
pub fn status_of(error: &ApiError) -> Status {
    if error.outcome_unknown() {
        Status::OutcomeUnknown
    } else if error.is_not_found() {
        Status::NotFound
    } else if error.is_conflict() {
        Status::Conflict
    } else if error.field().is_some() {
        Status::Rejected
    } else {
        Status::Failure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_values_match_help() {
        let documented = [
            (Status::Success, "  0  success"),
            (Status::Failure, "  1  any other failure"),
            (Status::Usage, "  2  invalid command line"),
            (Status::NotFound, "  3  not found"),
            (Status::Conflict, "  4  conflict"),
            (Status::Rejected, "  5  input rejected"),
            (Status::OutcomeUnknown, "  6  outcome unknown"),
        ];
        for (status, line) in documented {
            assert!(
                EXIT_CODES_HELP.contains(line),
                "{status:?} = {} is not documented as {line:?}",
                status as u8
            );
        }
    }

    #[test]
    fn outcome_unknown_names_list_command() {
        let error = ApiError::Timeout {
            method: "POST".to_owned(),
            url: "http://127.0.0.1:1/x".to_owned(),
            limit: std::time::Duration::from_secs(1),
            sent: true,
            outcome_unknown: true,
        };

        let failure = Failure::from(error);

        assert_eq!(failure.status, Status::OutcomeUnknown);
        assert!(
            failure
                .message
                .ends_with("run `trustui list` to see whether it happened"),
            "{}",
            failure.message
        );
        assert!(
            !failure.message.contains("reload the list"),
            "{}",
            failure.message
        );
    }
}
