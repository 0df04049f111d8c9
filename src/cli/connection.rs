//! Turns the connection options and the environment into a client
//! configuration, reading the API key without ever showing it.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use url::Url;

use crate::api::{ApiKey, ClientConfig, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};

use super::args::ConnectionOptions;
use super::exit::Failure;

/// Environment variable that Ory's own tools read the project API key from.
pub const API_KEY_VARIABLE: &str = "ORY_PROJECT_API_KEY";

/// `--timeout` when not given: the API client's default, in seconds.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = DEFAULT_TIMEOUT.as_secs();

/// Builds the client configuration. The key file wins over the environment
/// variable. Errors name the file or the variable, never the key.
pub fn client_config(options: &ConnectionOptions) -> Result<ClientConfig, Failure> {
    let api_key = match &options.api_key_file {
        Some(path) => Some(read_key_file(path)?),
        None => key_from_environment()?,
    };

    let mut endpoint = options.endpoint.clone();
    if let Some(stripped) = without_admin_suffix(&endpoint) {
        super::output::message(&format!(
            "note: the endpoint {endpoint} ends with /admin, which trustui adds to every path itself, so {stripped} is used."
        ));
        endpoint = stripped;
    }

    let mut config = ClientConfig::new(endpoint);
    config.api_key = api_key;
    config.timeout = Duration::from_secs(options.timeout);
    config.connect_timeout = config.timeout.min(DEFAULT_CONNECT_TIMEOUT);
    Ok(config)
}

/// Returns the endpoint without a final `/admin` path segment, when it has
/// one: the client appends `/admin/trust/...` itself, so such an endpoint
/// would request `/admin/admin/...`.
fn without_admin_suffix(endpoint: &Url) -> Option<Url> {
    let path = endpoint.path().trim_end_matches('/');
    let base = path.strip_suffix("/admin")?;
    let mut stripped = endpoint.clone();
    stripped.set_path(if base.is_empty() { "/" } else { base });
    Some(stripped)
}

fn read_key_file(path: &Path) -> Result<ApiKey, Failure> {
    let display_path = path.display();
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|mut file| file.read_to_string(&mut text))
        .map_err(|error| {
            Failure::general(format!(
                "Cannot read the API key file {display_path}: {error}."
            ))
        })?;

    let key = text.trim();
    if key.is_empty() {
        return Err(Failure::general(format!(
            "The API key file {display_path} is empty. Put the Ory Network project API key in it."
        )));
    }
    Ok(ApiKey::new(key))
}

fn key_from_environment() -> Result<Option<ApiKey>, Failure> {
    match std::env::var(API_KEY_VARIABLE) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(ApiKey::new(value.trim()))),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Failure::general(format!(
            "{API_KEY_VARIABLE} is not valid UTF-8. Set it to the project API key, or use --api-key-file."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::io::Write;

    fn options(api_key_file: Option<&Path>) -> ConnectionOptions {
        ConnectionOptions {
            endpoint: "http://127.0.0.1:4445".parse().unwrap(),
            api_key_file: api_key_file.map(Path::to_path_buf),
            timeout: 7,
        }
    }

    #[test]
    fn key_file_is_trimmed() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        writeln!(file, "  ory_pat_example  ").unwrap();

        let config = client_config(&options(Some(file.path()))).unwrap();

        assert_eq!(config.api_key, Some(ApiKey::new("ory_pat_example")));
    }

    #[test]
    fn empty_key_file_is_rejected() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        writeln!(file, "   ").unwrap();

        let failure = client_config(&options(Some(file.path()))).unwrap_err();

        assert!(failure.message.contains("is empty"), "{}", failure.message);
    }

    #[test]
    fn missing_key_file_names_the_path() {
        let path = Path::new("no-such-dir/api-key");

        let failure = client_config(&options(Some(path))).unwrap_err();

        assert!(
            failure.message.contains("no-such-dir/api-key"),
            "{}",
            failure.message
        );
    }

    #[test]
    fn timeout_is_copied() {
        let config = client_config(&options(None)).unwrap();

        assert_eq!(config.timeout, Duration::from_secs(7));
        assert_eq!(config.connect_timeout, Duration::from_secs(7));
    }

    #[test]
    fn admin_suffix_is_stripped() {
        let endpoint: Url = "http://127.0.0.1:4445/admin/".parse().unwrap();

        let stripped = without_admin_suffix(&endpoint).unwrap();

        assert_eq!(stripped.as_str(), "http://127.0.0.1:4445/");
    }

    #[test]
    fn admin_suffix_keeps_prefix_path() {
        let endpoint: Url = "https://ory.example.com/hydra/admin".parse().unwrap();

        let stripped = without_admin_suffix(&endpoint).unwrap();

        assert_eq!(stripped.as_str(), "https://ory.example.com/hydra");
    }

    #[test]
    fn endpoint_without_admin_suffix_is_kept() {
        let endpoint: Url = "http://127.0.0.1:4445/administration".parse().unwrap();

        assert_eq!(without_admin_suffix(&endpoint), None);
    }
}
