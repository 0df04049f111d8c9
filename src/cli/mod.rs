//! The scriptable subcommands: `list`, `get`, `key`, `create`, `delete`.
//!
//! Standard output carries only data (a table or JSON) and standard error
//! every message, so that scripts can pipe the output. The exit status
//! indicates the kind of failure, and `EXIT_CODES_HELP` lists them.

mod args;
mod connection;
mod create;
mod delete;
mod exit;
mod get;
mod key;
mod list;
mod lookup;
mod output;
mod render;
pub mod table;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::api::{Client, ClientConfig};

pub use args::{Cli, Command, ConnectionOptions, OutputFormat, SortKey, StateFilter};
pub use connection::client_config;
pub use exit::{EXIT_CODES_HELP, Failure, Status};

/// Parses the process's arguments. On `--help`, `--version` or a usage error
/// it prints clap's text and exits, with status 2 for a usage error.
pub fn parse() -> Cli {
    let matches = Cli::command().after_help(after_help()).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// Runs one subcommand to its end and returns the process's exit status.
/// A failure is printed to standard error and logged.
pub async fn run(command: Command, format: OutputFormat, config: ClientConfig) -> ExitCode {
    match run_command(command, format, config).await {
        Ok(()) => Status::Success.into(),
        Err(failure) => report(&failure),
    }
}

/// Prints `failure` to standard error, logs it and returns its exit status.
pub fn report(failure: &Failure) -> ExitCode {
    tracing::warn!(status = failure.status as u8, message = %failure.message, "command failed");
    output::message(&format!("error: {}", failure.message));
    failure.status.into()
}

async fn run_command(
    command: Command,
    format: OutputFormat,
    mut config: ClientConfig,
) -> Result<(), Failure> {
    if let Command::List(args) = &command {
        config.page_size = args.page_size;
    }
    let client = Client::new(config)?;
    match command {
        Command::List(args) => list::run(&client, args, format).await,
        Command::Get(args) => get::run(&client, args, format).await,
        Command::Key(args) => key::run(&client, args, format).await,
        Command::Create(args) => create::run(&client, args, format).await,
        Command::Delete(args) => delete::run(&client, args, format).await,
    }
}

fn after_help() -> String {
    let log_file = match crate::logging::log_file_path() {
        Some(path) => path.display().to_string(),
        None => "nowhere, because no state or cache directory was found".to_string(),
    };
    format!(
        "\
Environment:
  ORY_SDK_URL          default for --endpoint
  ORY_PROJECT_API_KEY  Ory Network project API key, unless --api-key-file is given
  TRUSTUI_LOG_FILE     log file path, instead of the platform's state directory
  TRUSTUI_LOG          log level or filter, such as debug [default: info]

Logs go to {log_file}, never to the terminal.

{EXIT_CODES_HELP}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use clap::Parser;

    #[test]
    fn command_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn output_option_is_accepted_after_subcommand() {
        let cli = Cli::try_parse_from(["trustui", "list", "--output", "json"]).unwrap();

        assert_eq!(cli.output, OutputFormat::Json);
    }

    #[test]
    fn create_rejects_subject_with_any_subject() {
        let parsed = Cli::try_parse_from([
            "trustui",
            "create",
            "--issuer",
            "https://idp.example.com",
            "--subject",
            "svc",
            "--any-subject",
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
        ]);

        assert!(parsed.is_err());
    }

    #[test]
    fn create_requires_subject_or_any_subject() {
        let parsed = Cli::try_parse_from([
            "trustui",
            "create",
            "--issuer",
            "https://idp.example.com",
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
        ]);

        assert!(parsed.is_err());
    }

    #[test]
    fn create_from_file_needs_no_field_options() {
        let parsed = Cli::try_parse_from(["trustui", "create", "--from-file", "request.json"]);

        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn create_collects_repeated_scopes() {
        let cli = Cli::try_parse_from([
            "trustui",
            "create",
            "--issuer",
            "https://idp.example.com",
            "--any-subject",
            "--scope",
            "openid",
            "--scope",
            "offline_access,profile",
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
        ])
        .unwrap();

        let Some(Command::Create(args)) = cli.command else {
            panic!("expected the create subcommand");
        };
        assert_eq!(args.scopes, ["openid", "offline_access,profile"]);
    }

    #[test]
    fn expires_at_accepts_hyphen_value() {
        let cli = Cli::try_parse_from([
            "trustui",
            "create",
            "--issuer",
            "https://idp.example.com",
            "--any-subject",
            "--scope",
            "openid",
            "--expires-at",
            "-1d",
            "--jwk-file",
            "-",
        ])
        .unwrap();

        let Some(Command::Create(args)) = cli.command else {
            panic!("expected the create subcommand");
        };
        assert_eq!(args.expires_at.as_deref(), Some("-1d"));
    }

    #[test]
    fn create_requires_scope() {
        let parsed = Cli::try_parse_from([
            "trustui",
            "create",
            "--issuer",
            "https://idp.example.com",
            "--any-subject",
            "--expires-at",
            "+90d",
            "--jwk-file",
            "-",
        ]);

        assert!(parsed.is_err());
    }

    #[test]
    fn page_size_is_accepted_by_list() {
        let cli = Cli::try_parse_from(["trustui", "list", "--page-size", "2"]).unwrap();

        let Some(Command::List(args)) = cli.command else {
            panic!("expected the list subcommand");
        };
        assert_eq!(args.page_size, Some(2));
    }

    #[test]
    fn page_size_is_rejected_by_get() {
        let parsed = Cli::try_parse_from(["trustui", "get", "1a2b3c4d", "--page-size", "2"]);

        assert!(parsed.is_err());
    }

    #[test]
    fn endpoint_with_other_scheme_is_usage_error() {
        let error =
            Cli::try_parse_from(["trustui", "--endpoint", "ftp://127.0.0.1", "list"]).unwrap_err();

        assert_eq!(error.exit_code(), 2);
        assert!(
            error.to_string().contains("only http:// and https://"),
            "{error}"
        );
    }

    #[test]
    fn endpoint_with_query_is_usage_error() {
        let parsed = Cli::try_parse_from(["trustui", "--endpoint", "http://127.0.0.1:4445?x=1"]);

        assert!(parsed.is_err());
    }

    #[test]
    fn usage_line_does_not_require_endpoint() {
        let mut command = Cli::command();
        command.build();
        let usage = command
            .find_subcommand_mut("get")
            .unwrap()
            .render_usage()
            .to_string();

        assert_eq!(usage, "Usage: trustui get [OPTIONS] <ID>");
    }
}
