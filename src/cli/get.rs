//! `trustui get ID`: one relationship.

use jiff::Timestamp;

use crate::api::Client;

use super::args::{IdArgs, OutputFormat};
use super::exit::Failure;
use super::lookup;
use super::output::{print_data, print_json};
use super::render::relationship_detail;

pub async fn run(client: &Client, args: IdArgs, format: OutputFormat) -> Result<(), Failure> {
    let relationship = lookup::find(client, &args.id).await?;

    match format {
        OutputFormat::Json => print_json(&relationship),
        OutputFormat::Table => print_data(&relationship_detail(&relationship, Timestamp::now())),
    }
}
