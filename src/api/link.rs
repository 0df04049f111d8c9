//! The `Link` response header (RFC 8288), which carries the page tokens of a
//! listing.

use url::Url;

/// One link of a `Link` header: its target as written (relative or absolute)
/// and its parameters in order, names lower-cased, values unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: String,
    pub params: Vec<(String, String)>,
}

impl Link {
    /// Returns true when the `rel` parameter lists `relation`. A `rel` value
    /// may hold several relation types separated by spaces.
    pub fn has_rel(&self, relation: &str) -> bool {
        self.params
            .iter()
            .filter(|(name, _)| name == "rel")
            .flat_map(|(_, value)| value.split_ascii_whitespace())
            .any(|rel| rel.eq_ignore_ascii_case(relation))
    }
}

/// Parses a `Link` header value into its links. Malformed parts are skipped
/// rather than reported, because a broken link must not hide the good ones.
/// It must not panic, which the property tests and the `link_header` fuzz
/// target check.
pub fn parse_link_header(header: &str) -> Vec<Link> {
    let mut parser = Parser {
        rest: header.as_bytes(),
        text: header,
        position: 0,
    };
    let mut links = Vec::new();

    loop {
        parser.skip_whitespace_and_commas();
        if parser.at_end() {
            return links;
        }
        match parser.link() {
            Some(link) => links.push(link),
            None => parser.skip_to_next_link(),
        }
    }
}

/// Returns the `page_token` of the `next` link, resolving a relative target
/// against `request_url`. Only the token is taken from the link: the client
/// builds every request URL itself, so a server cannot point it elsewhere.
pub fn next_page_token(header: &str, request_url: &Url) -> Option<String> {
    let next = parse_link_header(header)
        .into_iter()
        .find(|link| link.has_rel("next"))?;
    let target = request_url.join(&next.target).ok()?;
    target
        .query_pairs()
        .find(|(name, _)| name == "page_token")
        .map(|(_, value)| value.into_owned())
        .filter(|token| !token.is_empty())
}

struct Parser<'a> {
    rest: &'a [u8],
    text: &'a str,
    position: usize,
}

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.position >= self.rest.len()
    }

    fn peek(&self) -> Option<u8> {
        self.rest.get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.position += 1;
        }
    }

    fn skip_whitespace_and_commas(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b',')) {
            self.position += 1;
        }
    }

    /// Moves past the next comma that is outside a quoted string.
    fn skip_to_next_link(&mut self) {
        let mut quoted = false;
        while let Some(byte) = self.peek() {
            self.position += 1;
            match byte {
                b'\\' if quoted => self.position += 1,
                b'"' => quoted = !quoted,
                b',' if !quoted => return,
                _ => {}
            }
        }
    }

    /// `"<" target ">" *( ";" param )`, stopping before the comma that ends it.
    fn link(&mut self) -> Option<Link> {
        if self.peek() != Some(b'<') {
            return None;
        }
        let start = self.position + 1;
        let end = start + self.rest[start..].iter().position(|&b| b == b'>')?;
        let target = self.text.get(start..end)?.trim().to_owned();
        self.position = end + 1;

        let mut params = Vec::new();
        loop {
            self.skip_whitespace();
            match self.peek() {
                None | Some(b',') => return Some(Link { target, params }),
                Some(b';') => {
                    self.position += 1;
                    if let Some(param) = self.param() {
                        params.push(param);
                    }
                }
                Some(_) => return None,
            }
        }
    }

    /// `name [ "=" ( token | quoted-string ) ]`
    fn param(&mut self) -> Option<(String, String)> {
        self.skip_whitespace();
        let start = self.position;
        while matches!(self.peek(), Some(b) if is_token_byte(b)) {
            self.position += 1;
        }
        let name = self.text.get(start..self.position)?.to_ascii_lowercase();
        if name.is_empty() {
            return None;
        }

        self.skip_whitespace();
        if self.peek() != Some(b'=') {
            return Some((name, String::new()));
        }
        self.position += 1;
        self.skip_whitespace();

        let value = if self.peek() == Some(b'"') {
            self.quoted_string()?
        } else {
            let start = self.position;
            while matches!(self.peek(), Some(b) if is_token_byte(b)) {
                self.position += 1;
            }
            self.text.get(start..self.position)?.to_owned()
        };
        Some((name, value))
    }

    fn quoted_string(&mut self) -> Option<String> {
        self.position += 1;
        let mut value = Vec::new();
        loop {
            let byte = self.peek()?;
            self.position += 1;
            match byte {
                b'"' => return String::from_utf8(value).ok(),
                b'\\' => {
                    value.push(self.peek()?);
                    self.position += 1;
                }
                _ => value.push(byte),
            }
        }
    }
}

/// Returns whether `byte` may appear in a parameter name or unquoted value:
/// a `tchar` of RFC 9110, plus `/`, `:`, `?` and `@` for servers that leave a
/// URL value unquoted, and bytes above ASCII so that a UTF-8 value is never
/// cut in the middle of a character.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~/:?@".contains(&byte) || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request_url() -> Url {
        Url::parse("http://127.0.0.1:4445/admin/trust/grants/jwt-bearer/issuers?page_size=2")
            .unwrap()
    }

    #[test]
    fn hydra_v2_3_0_header_yields_next_token() {
        let header = concat!(
            r#"</admin/trust/grants/jwt-bearer/issuers?page_size=2&page_token=eyJvZmZzZXQiOiIwIiwidiI6Mn0>; rel="first","#,
            r#"</admin/trust/grants/jwt-bearer/issuers?page_size=2&page_token=eyJvZmZzZXQiOiIyIiwidiI6Mn0>; rel="next","#,
            r#"</admin/trust/grants/jwt-bearer/issuers?page_size=2&page_token=eyJvZmZzZXQiOiItMiIsInYiOjJ9>; rel="prev","#,
            r#"</admin/trust/grants/jwt-bearer/issuers?page_size=2&page_token=eyJvZmZzZXQiOiI0IiwidiI6Mn0>; rel="last""#,
        );

        let token = next_page_token(header, &request_url());

        assert_eq!(token.as_deref(), Some("eyJvZmZzZXQiOiIyIiwidiI6Mn0"));
    }

    #[test]
    fn absolute_target_yields_next_token() {
        let header = r#"<https://project.example.com/admin/trust/grants/jwt-bearer/issuers?page_token=abc%3D>; rel=next"#;

        let token = next_page_token(header, &request_url());

        assert_eq!(token.as_deref(), Some("abc="));
    }

    #[test]
    fn missing_next_yields_no_token() {
        let header = r#"</issuers?page_token=first>; rel="first""#;

        assert_eq!(next_page_token(header, &request_url()), None);
    }

    #[test]
    fn next_without_page_token_yields_no_token() {
        let header = r#"</issuers?page_size=2>; rel="next""#;

        assert_eq!(next_page_token(header, &request_url()), None);
    }

    #[test]
    fn rel_with_several_types_matches_each() {
        let links = parse_link_header(r#"</a?page_token=t>; rel="next last""#);

        assert!(links[0].has_rel("next"));
        assert!(links[0].has_rel("last"));
    }

    #[test]
    fn quoted_param_keeps_comma_and_escaped_quote() {
        let links = parse_link_header(r#"</a>; title="one, \"two\""; rel=next, </b>; rel=prev"#);

        assert_eq!(links.len(), 2);
        assert_eq!(
            links[0].params[0],
            ("title".to_owned(), r#"one, "two""#.to_owned())
        );
        assert!(links[1].has_rel("prev"));
    }

    #[test]
    fn parameter_names_are_lower_cased() {
        let links = parse_link_header(r#"</a>; REL="next""#);

        assert!(links[0].has_rel("next"));
    }

    #[test]
    fn garbage_between_links_is_skipped() {
        let links = parse_link_header(r#"garbage; rel=next, </b?page_token=x>; rel="next""#);

        assert_eq!(links.len(), 1);
        assert_eq!(links[0].target, "/b?page_token=x");
    }

    #[test]
    fn unterminated_target_yields_nothing() {
        assert!(parse_link_header("</a?page_token=x; rel=next").is_empty());
    }

    #[test]
    fn empty_header_yields_nothing() {
        assert!(parse_link_header("").is_empty());
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #[test]
            fn parser_never_panics(header in any::<String>()) {
                let _ = parse_link_header(&header);
            }

            #[test]
            fn parser_never_panics_on_link_like_text(header in r#"[<>;,="\\ a-z/?&=]{0,80}"#) {
                let _ = parse_link_header(&header);
                let _ = next_page_token(&header, &request_url());
            }

            #[test]
            fn formatted_links_parse_back(
                links in prop::collection::vec(("[a-zA-Z0-9/?&=_.~%-]{0,40}", "[a-z]{1,10}", any::<String>()), 0..5)
            ) {
                let header = links
                    .iter()
                    .map(|(target, rel, title)| {
                        let title = title.replace('\\', "\\\\").replace('"', "\\\"");
                        format!("<{target}>; rel=\"{rel}\"; title=\"{title}\"")
                    })
                    .collect::<Vec<_>>()
                    .join(", ");

                let parsed = parse_link_header(&header);

                prop_assert_eq!(parsed.len(), links.len());
                for (link, (target, rel, title)) in parsed.iter().zip(&links) {
                    prop_assert_eq!(&link.target, target);
                    prop_assert!(link.has_rel(rel));
                    prop_assert_eq!(&link.params[1], &("title".to_owned(), title.clone()));
                }
            }

            #[test]
            fn page_token_survives_encoding(token in any::<String>().prop_filter("non-empty", |t| !t.is_empty())) {
                let mut target = request_url();
                target.query_pairs_mut().append_pair("page_token", &token);
                let header = format!("<{target}>; rel=\"next\"");

                prop_assert_eq!(next_page_token(&header, &request_url()), Some(token));
            }
        }
    }
}
