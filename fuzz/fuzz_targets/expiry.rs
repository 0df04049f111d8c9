//! Feeds arbitrary text to the expiry parser, which reads whatever a person
//! types into the form or passes to `create --expires-at`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use trustui::trust::expiry;

fuzz_target!(|text: &str| {
    let now = jiff::Timestamp::from_second(1_800_000_000).expect("a fixed instant in range");
    let _ = expiry::parse(text, now);
});
