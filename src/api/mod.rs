//! A thin, typed client for Hydra's admin API for trusted OAuth2 JWT grant
//! issuers, over reqwest with rustls.

mod client;
mod config;
mod error;
mod error_body;
mod link;
mod models;
mod pagination;
mod retry;

pub use client::{Client, MAX_BODY_BYTES, check_endpoint};
pub use config::{
    ApiKey, ClientConfig, DEFAULT_CONNECT_TIMEOUT, DEFAULT_ENDPOINT, DEFAULT_MAX_ITEMS,
    DEFAULT_MAX_PAGES, DEFAULT_MAX_RETRIES, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT,
};
pub use error::{ApiError, ConnectFailure, StatusError};
pub use error_body::{ErrorBody, parse_error_body};
pub use link::{Link, next_page_token, parse_link_header};
pub use models::{
    CreateRequest, Extra, Jwk, JwkSet, KeyReference, REQUEST_MEMBERS, TrustRelationship,
};
pub use pagination::parse_page_body;
pub use retry::{MAX_RETRY_AFTER, parse_retry_after};
