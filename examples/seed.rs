//! Loads a dozen sample trust relationships into a running Hydra, for the demo
//! and for trying trustui by hand.
//!
//! Usage: `cargo run --example seed -- http://127.0.0.1:4445`, or
//! `scripts/hydra seed URL`.
//!
//! Every key is generated afresh and only its public half is sent; no private
//! key is written anywhere. Issuers and subjects are synthetic. A relationship
//! that already exists (409) is reported and skipped, so seeding twice adds
//! the entries whose kid is a fresh thumbprint and skips the named ones.

#[path = "../tests/support/keys.rs"]
mod keys;

use std::process::ExitCode;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use keys::KeyKind;
use serde_json::{Value, json};

const TRUST_PATH: &str = "/admin/trust/grants/jwt-bearer/issuers";
const DAY_HOURS: i64 = 24;

/// One relationship to create. `subject: None` means any subject.
struct Sample {
    issuer: &'static str,
    subject: Option<&'static str>,
    key: KeyKind,
    /// A realistic key name; `None` keeps the key's RFC 7638 thumbprint.
    kid: Option<&'static str>,
    scope: &'static [&'static str],
    /// Days from now until `expires_at`; negative for an expired relationship.
    expires_in_days: i64,
}

const SAMPLES: &[Sample] = &[
    Sample {
        issuer: "https://login.partner-idp.example.com",
        subject: Some("svc-billing@partner-idp.example.com"),
        key: KeyKind::Rsa2048,
        kid: None,
        scope: &["openid", "offline_access", "billing.read"],
        expires_in_days: 365,
    },
    Sample {
        issuer: "https://login.partner-idp.example.com",
        subject: Some("svc-reporting@partner-idp.example.com"),
        key: KeyKind::EcP256,
        kid: None,
        scope: &["reports.read"],
        expires_in_days: 182,
    },
    Sample {
        issuer: "https://login.partner-idp.example.com",
        subject: Some("zoë.ångström-müller@partner-idp.example.com"),
        key: KeyKind::Ed25519,
        kid: None,
        scope: &["profile", "email"],
        expires_in_days: 3,
    },
    Sample {
        issuer: "https://login.partner-idp.example.com",
        subject: None,
        key: KeyKind::Rsa4096,
        kid: Some("partner-idp-signing-2026"),
        scope: &[
            "openid",
            "profile",
            "email",
            "offline_access",
            "billing.read",
            "reports.read",
        ],
        expires_in_days: 730,
    },
    Sample {
        issuer: "https://ci.example.org/oidc",
        subject: Some("repo:acme/payments:ref:refs/heads/main"),
        key: KeyKind::EcP256,
        kid: None,
        scope: &["deploy.write"],
        expires_in_days: 90,
    },
    Sample {
        issuer: "https://ci.example.org/oidc",
        subject: Some("repo:acme/payments:environment:production"),
        key: KeyKind::EcP384,
        kid: None,
        scope: &["deploy.write", "deploy.approve"],
        expires_in_days: 5,
    },
    Sample {
        issuer: "https://ci.example.org/oidc",
        subject: Some("repo:acme/web:ref:refs/tags/v1.4.0"),
        key: KeyKind::Ed25519,
        kid: None,
        scope: &["artifacts.read", "artifacts.write"],
        expires_in_days: -20,
    },
    Sample {
        issuer: "https://sts.workload.example.net",
        subject: None,
        key: KeyKind::EcP521,
        kid: None,
        scope: &["metrics.write"],
        expires_in_days: 548,
    },
    Sample {
        issuer: "https://accounts.legacy-erp.example.com",
        subject: Some("erp-batch"),
        key: KeyKind::Rsa2048,
        kid: Some("legacy-erp-signing-2024"),
        scope: &["inventory.read", "inventory.write", "orders.read"],
        expires_in_days: -45,
    },
    Sample {
        issuer: "https://auth.mobile-gateway.example.io",
        subject: Some("device-fleet-7"),
        key: KeyKind::EcP256,
        kid: None,
        scope: &[
            "telemetry.write",
            "commands.read",
            "firmware.read",
            "profile",
        ],
        expires_in_days: 425,
    },
    Sample {
        issuer: "https://idp.university.example.edu",
        subject: Some("registrar-sync"),
        key: KeyKind::Rsa4096,
        kid: None,
        scope: &[
            "openid",
            "students.read",
            "courses.read",
            "grades.read",
            "enrollments.write",
        ],
        expires_in_days: 1095,
    },
    Sample {
        issuer: "https://k8s.cluster-eu-1.example.com",
        subject: Some("system:serviceaccount:payments:ledger-writer"),
        key: KeyKind::Ed25519,
        kid: Some("cluster-eu-1-sa-2026-03"),
        scope: &["ledger.read", "ledger.write"],
        expires_in_days: 240,
    },
];

#[tokio::main]
async fn main() -> ExitCode {
    let Some(endpoint) = std::env::args().nth(1) else {
        eprintln!("usage: seed ADMIN_URL   (for example http://127.0.0.1:4445)");
        return ExitCode::from(2);
    };
    let endpoint = endpoint.trim_end_matches('/');

    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            eprintln!("building the HTTP client failed: {error}");
            return ExitCode::FAILURE;
        }
    };

    // Whole seconds, as Hydra stores them.
    let now =
        Timestamp::from_second(Timestamp::now().as_second()).unwrap_or_else(|_| Timestamp::now());
    let mut failures = 0;
    for sample in SAMPLES {
        match create(&client, endpoint, sample, now).await {
            Ok(line) => println!("{line}"),
            Err(message) => {
                eprintln!("{message}");
                failures += 1;
            }
        }
    }

    if failures > 0 {
        eprintln!(
            "{failures} of {} sample relationships could not be created at {endpoint}",
            SAMPLES.len()
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Creates one sample and returns a line describing it, or why it failed.
async fn create(
    client: &reqwest::Client,
    endpoint: &str,
    sample: &Sample,
    now: Timestamp,
) -> Result<String, String> {
    let body = request_body(sample, now)?;
    let kid = body["jwk"]["kid"].as_str().unwrap_or_default().to_string();
    let subject = sample.subject.unwrap_or("(any subject)");

    let response = client
        .post(format!("{endpoint}{TRUST_PATH}"))
        .json(&body)
        .send()
        .await
        .map_err(|error| format!("POST {endpoint}{TRUST_PATH} failed: {error}"))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();

    match status.as_u16() {
        201 => {
            let id = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|created| created["id"].as_str().map(str::to_string))
                .unwrap_or_default();
            Ok(format!(
                "created {id}  {}  {subject}  kid {kid}",
                sample.issuer
            ))
        }
        409 => Ok(format!(
            "skipped (already exists)  {}  {subject}  kid {kid}",
            sample.issuer
        )),
        _ => Err(format!(
            "creating {} / {subject} failed with HTTP {status}: {}",
            sample.issuer,
            text.escape_debug()
        )),
    }
}

fn request_body(sample: &Sample, now: Timestamp) -> Result<Value, String> {
    let mut jwk = sample.key.public_jwk();
    if let Some(kid) = sample.kid {
        jwk["kid"] = json!(kid);
    }

    let expires_at = now
        .checked_add(SignedDuration::from_hours(
            sample.expires_in_days * DAY_HOURS,
        ))
        .map_err(|error| format!("computing expires_at for {}: {error}", sample.issuer))?;

    let mut body = json!({
        "issuer": sample.issuer,
        "scope": sample.scope,
        "expires_at": expires_at.to_string(),
        "jwk": jwk,
    });
    match sample.subject {
        Some(subject) => body["subject"] = json!(subject),
        None => body["allow_any_subject"] = json!(true),
    }
    Ok(body)
}
