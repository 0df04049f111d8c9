//! `trustui list`: every relationship, all pages.

use jiff::Timestamp;

use crate::api::Client;

use super::args::{ListArgs, OutputFormat};
use super::exit::Failure;
use super::output::{message, print_data, print_json};
use super::render::relationship_table;

pub async fn run(client: &Client, args: ListArgs, format: OutputFormat) -> Result<(), Failure> {
    let relationships = client.list_all(args.issuer.clone()).await?;

    match format {
        OutputFormat::Json => print_json(&relationships)?,
        OutputFormat::Table => {
            print_data(&relationship_table(&relationships, Timestamp::now()))?;
            if relationships.is_empty() {
                match &args.issuer {
                    Some(issuer) => message(&format!("No trust relationship has issuer {issuer}.")),
                    None => message("No trust relationships."),
                }
            }
        }
    }
    Ok(())
}
