//! Where the client connects and how.

use std::fmt;
use std::time::Duration;

use url::Url;

/// Hydra's admin listener on its default port.
pub const DEFAULT_ENDPOINT: &str = "http://127.0.0.1:4445";

/// Everything the client needs to connect. Built once by the command line and
/// shared by the TUI and the subcommands.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Base URL of the admin API, possibly with a path prefix such as `/hydra`.
    pub endpoint: Url,
    pub api_key: Option<ApiKey>,
    /// Limit for one whole request, connect included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// `page_size` sent on list requests; `None` sends the largest that both
    /// server generations accept.
    pub page_size: Option<u32>,
    /// Retries of an idempotent request after 429, 502, 503, 504 or a reset.
    pub max_retries: u32,
}

/// An Ory Network project API key. Its `Debug` and `Display` never show the
/// key, so that it cannot reach a log, an error or a panic message.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
