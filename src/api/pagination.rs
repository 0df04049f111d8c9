//! Listing across pages, for both of Hydra's pagination generations.
//!
//! Hydra v2.3.0 hands out offset tokens, keeps a `next` link on an empty page
//! and counts and links without the `issuer` filter, so `next` can lead to
//! empty pages. v25.4 and Ory Network hand out opaque keyset tokens and send
//! `next` only while rows remain. Both are handled the same way: send
//! `page_size`, take only `page_token` from the `next` link, and stop on a
//! missing `next`, an empty page or a token already seen.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use futures::future::{Either, select};
use reqwest::{Method, Response, header};
use url::Url;

use super::client::{Client, ISSUERS_PATH, display_url};
use super::link::next_page_token;
use super::{ApiError, TrustRelationship};
use crate::api::config::DEFAULT_PAGE_SIZE;

/// Parses one page of a listing: a JSON array of relationships.
pub fn parse_page_body(body: &[u8]) -> Result<Vec<TrustRelationship>, serde_json::Error> {
    serde_json::from_slice(body)
}

/// Ids a listing has returned so far. Hydra's ids are UUIDs, kept as 16 bytes
/// each instead of a string of 36, and any other id is kept as text. Only the
/// canonical spelling of a UUID becomes a number, so two different ids never
/// share an entry and no item is dropped as a duplicate by mistake.
#[derive(Debug, Default)]
struct SeenIds {
    uuids: HashSet<u128>,
    others: HashSet<String>,
}

impl SeenIds {
    /// Remembers `id` and returns whether it is new.
    fn insert(&mut self, id: &str) -> bool {
        match canonical_uuid(id) {
            Some(uuid) => self.uuids.insert(uuid),
            None if self.others.contains(id) => false,
            None => self.others.insert(id.to_owned()),
        }
    }

    fn len(&self) -> usize {
        self.uuids.len() + self.others.len()
    }
}

/// Reads a UUID written the canonical way: 32 lowercase hex digits in groups
/// of 8, 4, 4, 4 and 12 joined by hyphens. Any other spelling, even of the
/// same UUID, gives `None`, so that the mapping stays one to one.
fn canonical_uuid(id: &str) -> Option<u128> {
    const HYPHENS: [usize; 4] = [8, 13, 18, 23];
    let bytes = id.as_bytes();
    if bytes.len() != 36 {
        return None;
    }
    let mut uuid = 0u128;
    for (at, &byte) in bytes.iter().enumerate() {
        if HYPHENS.contains(&at) {
            if byte != b'-' {
                return None;
            }
            continue;
        }
        let digit = match byte {
            b'0'..=b'9' => byte - b'0',
            b'a'..=b'f' => byte - b'a' + 10,
            _ => return None,
        };
        uuid = uuid << 4 | u128::from(digit);
    }
    Some(uuid)
}

type PendingPage = Pin<Box<dyn Future<Output = Result<(Url, Response), ApiError>> + Send>>;

/// The state of one listing between pages.
pub(crate) struct Lister {
    client: Client,
    issuer: Option<String>,
    /// The request for the page after the one being read, started as soon as
    /// the current page's `Link` header arrived. `None` once the listing ends.
    /// NOTE: over HTTP/1.1 this overlap needs a second connection, so a long
    /// listing alternates between two kept-alive connections of the pool;
    /// HTTP/2 (negotiated over TLS) multiplexes both on one.
    pending: Option<PendingPage>,
    seen_tokens: HashSet<String>,
    seen_ids: SeenIds,
    pages: usize,
}

impl Lister {
    pub(crate) fn new(client: Client, issuer: Option<String>) -> Self {
        let mut lister = Self {
            client,
            issuer,
            pending: None,
            seen_tokens: HashSet::new(),
            seen_ids: SeenIds::default(),
            pages: 0,
        };
        lister.pending = Some(lister.request_page(None));
        lister
    }

    /// Returns the next page with relationships not seen before, an error,
    /// or `None` when the listing is over. After an error it is over too.
    pub(crate) async fn next_page(&mut self) -> Option<Result<Vec<TrustRelationship>, ApiError>> {
        loop {
            let pending = self.pending.take()?;
            let (url, response) = match pending.await {
                Ok(page) => page,
                Err(error) => return Some(Err(error)),
            };
            self.pages += 1;

            if let Err(error) = self.request_next_page(&url, &response) {
                self.pending = None;
                return Some(Err(error));
            }

            let items = match self.read_page(&url, response).await {
                Ok(items) => items,
                Err(error) => {
                    self.pending = None;
                    return Some(Err(error));
                }
            };
            if items.is_empty() {
                // Hydra v2.3.0 keeps a `next` link on an empty page.
                self.pending = None;
                return None;
            }

            let mut fresh = Vec::with_capacity(items.len());
            for item in items {
                if self.seen_ids.insert(&item.id) {
                    fresh.push(item);
                }
            }
            if self.seen_ids.len() > self.client.config().max_items {
                self.pending = None;
                return Some(Err(ApiError::TooManyItems {
                    url: display_url(&url),
                    limit: self.client.config().max_items,
                }));
            }
            if !fresh.is_empty() {
                return Some(Ok(fresh));
            }
        }
    }

    /// Starts the request for the page the `next` link of `response` names,
    /// unless there is none or its token came before.
    fn request_next_page(&mut self, url: &Url, response: &Response) -> Result<(), ApiError> {
        let token = response
            .headers()
            .get_all(header::LINK)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find_map(|value| next_page_token(value, url));
        let Some(token) = token else {
            return Ok(());
        };
        if !self.seen_tokens.insert(token.clone()) {
            tracing::warn!(path = %url.path(), "the next page token was seen before; the listing stops");
            return Ok(());
        }

        let max_pages = self.client.config().max_pages;
        if self.pages >= max_pages {
            return Err(ApiError::TooManyPages {
                url: display_url(url),
                limit: max_pages,
            });
        }
        self.pending = Some(self.request_page(Some(&token)));
        Ok(())
    }

    /// Reads and parses a page body while the request for the next page, if
    /// any, keeps going.
    async fn read_page(
        &mut self,
        url: &Url,
        response: Response,
    ) -> Result<Vec<TrustRelationship>, ApiError> {
        let status = response.status().as_u16();
        let client = self.client.clone();
        let body = client.read_body(response, &Method::GET, url, status);

        let read = match self.pending.take() {
            None => body.await,
            Some(next) => match select(Box::pin(body), next).await {
                Either::Left((bytes, next)) => {
                    self.pending = Some(next);
                    bytes
                }
                Either::Right((next_result, body)) => {
                    self.pending = Some(Box::pin(std::future::ready(next_result)));
                    body.await
                }
            },
        };
        let max_retries = client.max_retries(&Method::GET);
        let bytes = match read {
            Err(ApiError::ConnectionLost { .. }) if max_retries > 0 => {
                // Fetch this page again, body included, with the retries
                // left; the request for the next page stays pending.
                tracing::info!(path = %url.path(), "the connection was lost while reading a page; fetching it again");
                client
                    .fetch_with_retries(&Method::GET, url, None, max_retries - 1)
                    .await?
                    .1
            }
            other => other?,
        };

        parse_page_body(&bytes).map_err(|error| ApiError::InvalidBody {
            method: "GET".to_owned(),
            url: display_url(url),
            status,
            detail: format!("expected a JSON array of trust relationships: {error}"),
        })
    }

    fn request_page(&self, token: Option<&str>) -> PendingPage {
        let client = self.client.clone();
        let mut url = client.url(&ISSUERS_PATH, &[]);
        {
            let page_size = client.config().page_size.unwrap_or(DEFAULT_PAGE_SIZE);
            let mut query = url.query_pairs_mut();
            query.append_pair("page_size", &page_size.to_string());
            if let Some(issuer) = &self.issuer {
                query.append_pair("issuer", issuer);
            }
            if let Some(token) = token {
                query.append_pair("page_token", token);
            }
        }

        Box::pin(async move {
            let response = client.send(&Method::GET, url.clone(), None).await?;
            Ok((url, response))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0b2e0b9c-3a35-4c4e-9d4b-0e7f2c1d5a6b";

    #[test]
    fn canonical_uuid_reads_its_number() {
        assert_eq!(
            canonical_uuid(ID),
            Some(0x0b2e0b9c_3a35_4c4e_9d4b_0e7f2c1d5a6b)
        );
    }

    #[test]
    fn canonical_uuid_rejects_uppercase() {
        assert_eq!(canonical_uuid(&ID.to_uppercase()), None);
    }

    #[test]
    fn canonical_uuid_rejects_missing_hyphens() {
        assert_eq!(canonical_uuid(&ID.replace('-', "")), None);
    }

    #[test]
    fn canonical_uuid_rejects_misplaced_hyphens() {
        assert_eq!(canonical_uuid("0b2e0b9c3-a35-4c4e-9d4b-0e7f2c1d5a6b"), None);
    }

    #[test]
    fn canonical_uuid_rejects_other_text() {
        assert_eq!(canonical_uuid("relationship-for-the-payments-team-1"), None);
    }

    #[test]
    fn seen_ids_repeated_uuid_is_not_new() {
        let mut seen = SeenIds::default();
        seen.insert(ID);

        assert!(!seen.insert(ID));
    }

    #[test]
    fn seen_ids_uppercase_spelling_is_new() {
        let mut seen = SeenIds::default();
        seen.insert(ID);

        assert!(seen.insert(&ID.to_uppercase()));
    }

    #[test]
    fn seen_ids_repeated_text_is_not_new() {
        let mut seen = SeenIds::default();
        seen.insert("relationship-1");

        assert!(!seen.insert("relationship-1"));
    }

    #[test]
    fn seen_ids_counts_both_kinds() {
        let mut seen = SeenIds::default();
        seen.insert(ID);
        seen.insert("relationship-1");

        assert_eq!(seen.len(), 2);
    }
}
