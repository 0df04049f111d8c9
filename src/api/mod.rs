//! A thin, typed client for Hydra's admin API for trusted OAuth2 JWT grant
//! issuers, over reqwest with rustls.

mod client;
mod config;
mod error;
mod models;

pub use client::Client;
pub use config::{ApiKey, ClientConfig, DEFAULT_ENDPOINT};
pub use error::ApiError;
pub use models::{CreateRequest, Jwk, JwkSet, KeyReference, TrustRelationship};
