//! Feeds arbitrary text to the JWK checker, which reads whatever a person
//! pastes into the form's key editor or passes to `create --jwk-file`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use trustui::trust::jwk;

fuzz_target!(|text: &str| {
    let _ = jwk::check_text(text);
    let _ = jwk::pretty(text);
});
