//! `trustui key ID`: the public key Hydra stored for a relationship, read
//! from its key set (the issuer) by its kid.

use crate::api::{ApiError, Client};

use super::args::{IdArgs, OutputFormat};
use super::exit::Failure;
use super::lookup;
use super::output::{print_data, print_json};
use super::render::key_detail;

pub async fn run(client: &Client, args: IdArgs, format: OutputFormat) -> Result<(), Failure> {
    let relationship = lookup::find(client, &args.id).await?;
    let reference = &relationship.public_key;
    let key_set = client
        .key(&reference.set, &reference.kid)
        .await
        .map_err(|error| explain_key_error(error, &reference.set))?;

    match format {
        OutputFormat::Json => print_json(&key_set),
        OutputFormat::Table => print_data(&key_detail(&relationship, &key_set.keys)),
    }
}

/// Adds the reason to a route 404 for a key set name with a `/` in it, which
/// every https issuer has: Hydra v2.3.0 has no route for it, while newer
/// versions accept the percent-encoded name. A route 404 alone suggests a
/// wrong endpoint.
fn explain_key_error(error: ApiError, set: &str) -> Failure {
    let route_missing = error.status() == Some(404) && !error.is_not_found();
    let mut failure = Failure::from(error);
    if route_missing && set.contains('/') {
        failure.message.push_str(
            " Hydra v2.3.0 cannot read a stored key whose issuer contains `/`, such as an https issuer; Hydra v25.4 and later can.",
        );
    }
    failure
}
