//! Client configuration: the endpoint, the API key, timeouts and limits.

use std::fmt;
use std::time::Duration;

use url::Url;

/// Hydra's admin listener on its default port.
pub const DEFAULT_ENDPOINT: &str = "http://127.0.0.1:4445";

/// Limit for one whole request, body included (the command line's `--timeout`).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Limit for opening the TCP connection and the TLS handshake.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Retries of a GET after 429, 502, 503, 504 or a connection reset.
pub const DEFAULT_MAX_RETRIES: u32 = 3;

/// The largest `page_size` both server generations accept: Hydra v2.3.0 caps
/// it at 1000, v25.4 and Ory Network at 500.
pub const DEFAULT_PAGE_SIZE: u32 = 500;

/// Pages one listing may fetch before it fails, so that a server that keeps
/// sending new `next` links cannot keep the client busy forever.
pub const DEFAULT_MAX_PAGES: usize = 10_000;

/// Relationships one listing may hold before it fails, so that a hostile
/// server cannot grow memory without bound.
pub const DEFAULT_MAX_ITEMS: usize = 1_000_000;

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
    /// Pages one listing may fetch; more is an error, never a silent cut.
    pub max_pages: usize,
    /// Distinct relationships one listing may hold; more is an error.
    pub max_items: usize,
}

impl ClientConfig {
    /// Builds a configuration for `endpoint` with the default timeouts,
    /// retries, page size and listing limits, and no API key.
    pub fn new(endpoint: Url) -> Self {
        Self {
            endpoint,
            api_key: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            page_size: None,
            max_retries: DEFAULT_MAX_RETRIES,
            max_pages: DEFAULT_MAX_PAGES,
            max_items: DEFAULT_MAX_ITEMS,
        }
    }
}

/// An Ory Network project API key. Its `Debug` and `Display` never show the
/// key, so that it cannot reach a log, an error or a panic message.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// Returns the key itself, for the `Authorization` header only.
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
