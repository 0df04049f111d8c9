//! The command line's options and subcommands, as clap parses them.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use url::Url;

use crate::api::DEFAULT_ENDPOINT;

use super::connection::DEFAULT_TIMEOUT_SECONDS;

/// A terminal UI and command line for Ory Hydra's trusted OAuth2 JWT grant
/// issuers (RFC 7523 trust relationships).
///
/// Without a subcommand, trustui opens the terminal UI.
#[derive(Debug, Parser)]
#[command(name = "trustui", version)]
pub struct Cli {
    #[command(flatten)]
    pub connection: ConnectionOptions,

    /// Output format of a subcommand: a table as wide as the terminal (80
    /// columns when standard output is not a terminal), or the server's JSON
    /// objects for scripts.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Table, global = true)]
    pub output: OutputFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const CONNECTION_HEADING: &str = "Connection options";

/// Connection settings for the admin API, accepted before or after the
/// subcommand.
#[derive(Debug, Args)]
pub struct ConnectionOptions {
    /// Base URL of Hydra's admin API or of an Ory Network project, with an
    /// optional path prefix.
    #[arg(
        long,
        value_name = "URL",
        env = "ORY_SDK_URL",
        hide_env_values = true,
        default_value = DEFAULT_ENDPOINT,
        value_parser = parse_endpoint,
        global = true,
        help_heading = CONNECTION_HEADING
    )]
    pub endpoint: Url,

    /// File that contains the Ory Network project API key (surrounding
    /// whitespace is ignored). Takes precedence over ORY_PROJECT_API_KEY. The
    /// key is only sent over https, or over http to a loopback address.
    #[arg(
        long,
        value_name = "PATH",
        global = true,
        help_heading = CONNECTION_HEADING
    )]
    pub api_key_file: Option<PathBuf>,

    /// Time limit for each request, connecting included, in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = DEFAULT_TIMEOUT_SECONDS,
        value_parser = clap::value_parser!(u64).range(1..=3600),
        global = true,
        help_heading = CONNECTION_HEADING
    )]
    pub timeout: u64,
}

/// Parses `--endpoint` and applies the API client's own checks, so that
/// every unusable endpoint is a usage error with the client's reason.
fn parse_endpoint(text: &str) -> Result<Url, String> {
    let endpoint = Url::parse(text).map_err(|error| error.to_string())?;
    crate::api::check_endpoint(&endpoint).map_err(|error| error.to_string())?;
    Ok(endpoint)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List trust relationships, every page of them.
    List(ListArgs),

    /// Show one trust relationship.
    Get(IdArgs),

    /// Show the public key that Hydra stored for a trust relationship.
    Key(IdArgs),

    /// Check a new trust relationship, then create it.
    #[command(after_help = CREATE_AFTER_HELP)]
    Create(CreateArgs),

    /// Delete a trust relationship and the key stored with it.
    Delete(DeleteArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only relationships whose issuer is exactly ISSUER.
    #[arg(long, value_name = "ISSUER")]
    pub issuer: Option<String>,

    /// Only relationships in this expiry state. Hydra v2.3.0 keeps accepting
    /// assertions of an expired relationship until it is deleted.
    #[arg(long, value_enum, value_name = "STATE")]
    pub state: Option<StateFilter>,

    /// Order of the relationships [default: issuer for tables, the server's
    /// order for JSON].
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<SortKey>,

    /// Relationships per list request, 1 to 1000 [default: 500]. Hydra v25.4
    /// and later and Ory Network accept at most 500.
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(1..=1000)
    )]
    pub page_size: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateFilter {
    /// `expires_at` has passed.
    Expired,
    /// `expires_at` is within 7 days.
    ExpiresSoon,
    /// `expires_at` is more than 7 days ahead.
    Valid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Issuer, then subject, then expiry.
    Issuer,
    /// Soonest expiry first.
    Expires,
    /// Newest first.
    Created,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    /// The relationship's id, or a unique prefix of it such as the 8
    /// characters the list shows.
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The relationship's id, or a unique prefix of it such as the 8
    /// characters the list shows.
    #[arg(value_name = "ID")]
    pub id: String,

    /// Delete without asking. Required when standard input is not a terminal.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("who").args(["subject", "any_subject"])))]
pub struct CreateArgs {
    /// The `iss` claim of accepted assertions, compared byte for byte.
    #[arg(long, value_name = "ISSUER", required_unless_present = "from_file")]
    pub issuer: Option<String>,

    /// The one `sub` claim accepted from this issuer.
    #[arg(
        long,
        value_name = "SUBJECT",
        required_unless_present_any = ["any_subject", "from_file"]
    )]
    pub subject: Option<String>,

    /// Accept any `sub` claim from this issuer.
    #[arg(long)]
    pub any_subject: bool,

    /// A scope that may be granted. Repeat the option, or separate scopes
    /// with commas or spaces.
    #[arg(
        long = "scope",
        value_name = "SCOPE",
        required_unless_present = "from_file"
    )]
    pub scopes: Vec<String>,

    /// When the relationship ends: an RFC 3339 time such as
    /// 2027-12-31T23:59:59Z, or a span from now such as +90d. A value that
    /// starts with `-` is accepted here, and the checks reject it.
    #[arg(
        long,
        value_name = "TIME",
        required_unless_present = "from_file",
        allow_hyphen_values = true
    )]
    pub expires_at: Option<String>,

    /// File that contains the issuer's public JWK, or `-` for standard input.
    #[arg(long, value_name = "PATH", required_unless_present = "from_file")]
    pub jwk_file: Option<PathBuf>,

    /// File that contains a whole create request as JSON, the body Hydra
    /// accepts, or `-` for standard input. Replaces the field options.
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with_all = ["issuer", "subject", "any_subject", "scopes", "expires_at", "jwk_file"]
    )]
    pub from_file: Option<PathBuf>,

    /// Confirm what the checks ask to confirm, such as an expiry in the past.
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Remove private key members (d, p, q, dp, dq, qi, oth) from the JWK and
    /// send only its public part.
    #[arg(long)]
    pub public_part_only: bool,

    /// Set the JWK's kid to its RFC 7638 thumbprint, so that Hydra cannot
    /// confuse it with another key of the same issuer.
    #[arg(long)]
    pub kid_from_thumbprint: bool,

    /// When the file contains a JWK Set, use the key with this kid.
    #[arg(long, value_name = "KID")]
    pub pick_kid: Option<String>,

    /// Check and print the request that would be sent, without sending it.
    #[arg(long)]
    pub dry_run: bool,
}

const CREATE_AFTER_HELP: &str = "\
A missing field option is a usage error (exit code 2), while a member missing
from a --from-file request is found by the checks (exit code 5). Every field is
checked before anything is sent, and every problem is printed to standard error
with the field, the value and the fix. Errors stop the request (exit code 5). Findings that need a confirmation, such as an expiry in the past,
stop it unless --yes is given. Corrections are never applied silently:
--public-part-only, --kid-from-thumbprint and --pick-kid apply them.

Hydra stores the key under the issuer and its kid. When the issuer already has
a key with that kid, Hydra keeps the old key and ignores the new one, so a kid
unique to the key material (--kid-from-thumbprint) is the safe choice.";
