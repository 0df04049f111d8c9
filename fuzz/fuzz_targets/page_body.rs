//! Feeds arbitrary bytes to the parser of one list page.

#![no_main]

use libfuzzer_sys::fuzz_target;
use trustui::api::parse_page_body;

fuzz_target!(|body: &[u8]| {
    if let Ok(page) = parse_page_body(body) {
        // Whatever parsed must serialize again: the command line's JSON
        // output does exactly that.
        serde_json::to_vec(&page).expect("a parsed page serializes");
    }
});
