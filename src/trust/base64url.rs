//! Strict base64url without padding (RFC 7515 section 2), the encoding of every
//! binary JWK member, with errors that name what is wrong with the text.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Decodes `text`, the value of the JWK member `member`. The error is a
/// sentence naming the member and the mistake: padding, an invalid character
/// and its 1-based position, an impossible length or non-zero trailing bits.
pub fn decode(member: &str, text: &str) -> Result<Vec<u8>, String> {
    if text.is_empty() {
        return Err(format!("`{member}` is empty"));
    }

    if text.ends_with('=') {
        return Err(format!(
            "`{member}` ends with `=` padding, which JWK members do not use: remove the trailing `=`"
        ));
    }

    if let Some((index, c)) = text.chars().enumerate().find(|(_, c)| !is_alphabet(*c)) {
        let position = index + 1;
        return Err(match c {
            '+' | '/' => format!(
                "`{member}` contains `{c}` at position {position}, which is standard base64: \
                 base64url uses `-` for `+` and `_` for `/`"
            ),
            c if c.is_whitespace() => {
                format!("`{member}` contains whitespace at position {position}: remove it")
            }
            c => format!(
                "`{member}` contains the invalid character {} at position {position}: \
                 base64url allows only A-Z, a-z, 0-9, `-` and `_`",
                describe_char(c)
            ),
        });
    }

    // Four characters carry three bytes, so one character left over cannot
    // carry a whole byte.
    if text.len() % 4 == 1 {
        return Err(format!(
            "`{member}` has {} characters, a length no base64url value can have: \
             a character is missing or one too many",
            text.len()
        ));
    }

    URL_SAFE_NO_PAD.decode(text).map_err(|_| {
        format!(
            "`{member}` ends in a character whose unused low bits are not zero: \
             the value was cut or altered"
        )
    })
}

/// Encodes `bytes` as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn is_alphabet(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn describe_char(c: char) -> String {
    if c.is_control() || !c.is_ascii() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_accepts_url_alphabet() {
        assert_eq!(decode("x", "-_8").unwrap(), vec![0xfb, 0xff]);
    }

    #[test]
    fn decode_messages_name_the_mistake() {
        let cases = [
            ("", "`n` is empty"),
            (
                "AQAB==",
                "`n` ends with `=` padding, which JWK members do not use: remove the trailing `=`",
            ),
            (
                "AQ+B",
                "`n` contains `+` at position 3, which is standard base64: \
                 base64url uses `-` for `+` and `_` for `/`",
            ),
            ("AQ B", "`n` contains whitespace at position 3: remove it"),
            (
                "AQ*B",
                "`n` contains the invalid character `*` at position 3: \
                 base64url allows only A-Z, a-z, 0-9, `-` and `_`",
            ),
            (
                "AQé",
                "`n` contains the invalid character U+00E9 at position 3: \
                 base64url allows only A-Z, a-z, 0-9, `-` and `_`",
            ),
            (
                "AQABA",
                "`n` has 5 characters, a length no base64url value can have: \
                 a character is missing or one too many",
            ),
            (
                "AR",
                "`n` ends in a character whose unused low bits are not zero: \
                 the value was cut or altered",
            ),
        ];

        for (text, expected) in cases {
            assert_eq!(decode("n", text).unwrap_err(), expected, "input {text:?}");
        }
    }

    #[test]
    fn encode_round_trips() {
        let bytes = [0u8, 1, 2, 250, 251, 252, 253];
        assert_eq!(decode("x", &encode(&bytes)).unwrap(), bytes);
    }
}
