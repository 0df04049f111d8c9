//! `trustui key ID`: the public key Hydra stored for a relationship, read
//! from its key set (the issuer) by its kid.

use crate::api::Client;

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
        .map_err(Failure::from)?;

    match format {
        OutputFormat::Json => print_json(&key_set),
        OutputFormat::Table => print_data(&key_detail(&relationship, &key_set.keys)),
    }
}
