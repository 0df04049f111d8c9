//! The HTTP client for the trust endpoints and the stored-key read.
//!
//! PLACEHOLDER: signatures are the contract; bodies are to be written.

use futures::Stream;
use url::Url;

use super::{ApiError, ClientConfig, CreateRequest, JwkSet, TrustRelationship};

/// A cheap-to-clone handle on one connection pool; every request of a run goes
/// through one `Client`.
#[derive(Debug, Clone)]
pub struct Client {
    config: ClientConfig,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        Ok(Self { config })
    }

    pub fn endpoint(&self) -> &Url {
        &self.config.endpoint
    }

    /// Streams every relationship, one page at a time, as pages arrive.
    /// Items are de-duplicated by `id` across pages.
    pub fn list_pages(
        &self,
        issuer: Option<String>,
    ) -> impl Stream<Item = Result<Vec<TrustRelationship>, ApiError>> + Send + 'static {
        let _ = issuer;
        futures::stream::empty()
    }

    /// Fetches every page and returns all relationships.
    pub async fn list_all(
        &self,
        issuer: Option<String>,
    ) -> Result<Vec<TrustRelationship>, ApiError> {
        let _ = issuer;
        todo!()
    }

    pub async fn get(&self, id: &str) -> Result<TrustRelationship, ApiError> {
        let _ = id;
        todo!()
    }

    pub async fn create(&self, request: &CreateRequest) -> Result<TrustRelationship, ApiError> {
        let _ = request;
        todo!()
    }

    pub async fn delete(&self, id: &str) -> Result<(), ApiError> {
        let _ = id;
        todo!()
    }

    /// Reads the stored public key of a relationship: `GET /admin/keys/{set}/{kid}`.
    pub async fn key(&self, set: &str, kid: &str) -> Result<JwkSet, ApiError> {
        let _ = (set, kid);
        todo!()
    }
}
