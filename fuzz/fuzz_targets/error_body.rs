//! Feeds arbitrary bytes to the error-body parser, as a server or a proxy in
//! front of it could send them.

#![no_main]

use libfuzzer_sys::fuzz_target;
use trustui::api::parse_error_body;

fuzz_target!(|body: &[u8]| {
    let parsed = parse_error_body(body);
    let _ = parsed.message();
});
