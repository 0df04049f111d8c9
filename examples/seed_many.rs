//! Creates many synthetic trust relationships in a running Hydra, fast, for
//! the benchmarks.
//!
//! Usage: `cargo run --release --example seed_many -- ADMIN_URL COUNT [IN_FLIGHT]`
//!
//! Creates go through `trustui::api::Client`, `IN_FLIGHT` (default 16) at a
//! time. Four EC P-256 keys are generated at start and only their public
//! halves are sent. Relationship `i` gets issuer `i % 100`, subject `i` and
//! one of the four keys, so (issuer, subject, kid) is unique for every `i`
//! below 10^9. Each key's kid is its RFC 7638 thumbprint, so an (issuer, kid)
//! pair that Hydra already stores always names the same key material.
//!
//! Prints the count, the wall time and the rate in creates per second on
//! standard output; exits non-zero when any create failed.

use std::process::ExitCode;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures::StreamExt;
use jiff::{SignedDuration, Timestamp};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use rand_core::OsRng;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use trustui::api::{Client, ClientConfig, CreateRequest, Jwk};
use url::Url;

const DEFAULT_IN_FLIGHT: usize = 16;
const KEY_COUNT: usize = 4;
const ISSUER_COUNT: usize = 100;
/// Relationships expire spread over this many days, some in the past, so
/// that every expiry state shows up in the list.
const EXPIRY_SPREAD_DAYS: i64 = 800;
const EXPIRED_DAYS: i64 = 30;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (endpoint, count, in_flight) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("seed_many: {message}");
            eprintln!("usage: seed_many ADMIN_URL COUNT [IN_FLIGHT]");
            return ExitCode::from(2);
        }
    };

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("seed_many: starting the async runtime failed: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(seed(endpoint, count, in_flight))
}

fn parse_args(args: &[String]) -> Result<(Url, usize, usize), String> {
    let [endpoint, count, rest @ ..] = args else {
        return Err("ADMIN_URL and COUNT are required".to_owned());
    };
    let endpoint =
        Url::parse(endpoint).map_err(|error| format!("invalid ADMIN_URL {endpoint}: {error}"))?;
    let count: usize = count
        .parse()
        .map_err(|_| format!("invalid COUNT {count}: expected a whole number"))?;
    let in_flight = match rest {
        [] => DEFAULT_IN_FLIGHT,
        [value] => value
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("invalid IN_FLIGHT {value}: expected a number above 0"))?,
        _ => return Err("too many arguments".to_owned()),
    };
    Ok((endpoint, count, in_flight))
}

async fn seed(endpoint: Url, count: usize, in_flight: usize) -> ExitCode {
    let client = match Client::new(ClientConfig::new(endpoint.clone())) {
        Ok(client) => client,
        Err(error) => {
            eprintln!("seed_many: {error}");
            return ExitCode::FAILURE;
        }
    };
    let keys: Vec<Jwk> = (0..KEY_COUNT).map(|_| ec_p256_public_jwk()).collect();
    // Whole seconds, as Hydra stores them.
    let now = Timestamp::from_second(Timestamp::now().as_second()).unwrap_or(Timestamp::UNIX_EPOCH);

    let started = Instant::now();
    let mut failures = 0usize;
    let mut results = futures::stream::iter(0..count)
        .map(|index| {
            let client = client.clone();
            let request = relationship(index, &keys, now);
            async move { (index, client.create(&request).await) }
        })
        .buffer_unordered(in_flight);
    while let Some((index, result)) = results.next().await {
        if let Err(error) = result {
            failures += 1;
            // A handful of messages say enough; the count follows at the end.
            if failures <= 5 {
                eprintln!("seed_many: creating relationship {index} failed: {error}");
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();

    let created = count - failures;
    println!(
        "created {created} of {count} relationships at {endpoint} in {seconds:.2} s \
         ({:.0} creates/s, {in_flight} in flight)",
        created as f64 / seconds
    );
    if failures > 0 {
        eprintln!("seed_many: {failures} creates failed");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Builds relationship number `index`.
fn relationship(index: usize, keys: &[Jwk], now: Timestamp) -> CreateRequest {
    let issuer = format!("https://idp-{:02}.bench.example.com", index % ISSUER_COUNT);
    let days = (index as i64 * 7919) % EXPIRY_SPREAD_DAYS - EXPIRED_DAYS;
    let expires_at = now
        .checked_add(SignedDuration::from_hours(days * 24))
        .unwrap_or(now);
    // Every tenth relationship accepts any subject; Hydra stores its subject
    // as "", so its index goes into the issuer to keep the triple unique.
    let (issuer, subject, allow_any_subject) = if index.is_multiple_of(10) {
        (format!("{issuer}/any-{index}"), None, Some(true))
    } else {
        (
            issuer,
            Some(format!("svc-{index:06}@workload.bench.example.com")),
            None,
        )
    };
    CreateRequest {
        issuer,
        subject,
        allow_any_subject,
        scope: vec![
            "openid".to_owned(),
            format!("tenant-{}.read", index % 37),
            "offline_access".to_owned(),
        ],
        expires_at,
        jwk: keys[index % keys.len()].clone(),
    }
}

/// Generates an EC P-256 key and returns its public JWK, with its RFC 7638
/// thumbprint as kid. The private half is dropped here.
fn ec_p256_public_jwk() -> Jwk {
    let point = p256::SecretKey::random(&mut OsRng)
        .public_key()
        .to_encoded_point(false);
    let (x, y) = point.as_bytes()[1..].split_at(32);
    let x = URL_SAFE_NO_PAD.encode(x);
    let y = URL_SAFE_NO_PAD.encode(y);
    // RFC 7638: the required members in lexicographic order, no whitespace.
    let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
    let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()));

    let value = json!({
        "kty": "EC",
        "crv": "P-256",
        "alg": "ES256",
        "use": "sig",
        "kid": kid,
        "x": x,
        "y": y,
    });
    match value {
        Value::Object(members) => Jwk(members),
        _ => Jwk(Map::new()),
    }
}
