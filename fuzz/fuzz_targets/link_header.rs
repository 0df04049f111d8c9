//! Feeds arbitrary text to the `Link` header parser and to the page-token
//! lookup built on it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use trustui::api::{next_page_token, parse_link_header};
use url::Url;

fuzz_target!(|header: &str| {
    let links = parse_link_header(header);
    for link in &links {
        let _ = link.has_rel("next");
    }

    let request_url = Url::parse("http://127.0.0.1:4445/admin/trust/grants/jwt-bearer/issuers")
        .expect("the request URL is valid");
    let _ = next_page_token(header, &request_url);
});
