//! Property tests: the expiry parser and the JWK checker return a result,
//! never a panic, for any input a person can paste.

use jiff::Timestamp;
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use trustui::trust::form::{self, Draft, Fix, Severity};
use trustui::trust::{base64url, expiry, jwk};

fn now() -> Timestamp {
    "2026-12-04T12:00:00.5Z".parse().unwrap()
}

/// Texts shaped like expiries: digits, separators, zone letters and units.
fn expiry_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9T:.+\\-Zzt ]{0,30}",
        "[+-][0-9]{0,25}[mhdwyM ]{0,2}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,12})?(Z|z|[+-][0-9]{2}:[0-9]{2})?",
        any::<String>(),
    ]
}

/// Values that JWK members take, valid and not.
fn member_value() -> impl Strategy<Value = Value> {
    let base64 =
        prop::collection::vec(any::<u8>(), 0..80).prop_map(|bytes| base64url::encode(&bytes));
    let exact = prop_oneof![Just(32usize), Just(48), Just(66), Just(256)]
        .prop_flat_map(|len| prop::collection::vec(any::<u8>(), len))
        .prop_map(|bytes| base64url::encode(&bytes));
    let names = prop::sample::select(vec![
        "RSA", "EC", "OKP", "oct", "P-256", "P-384", "P-521", "Ed25519", "X25519", "RS256",
        "ES256", "EdDSA", "sig", "enc", "AQAB", "", "AQAB==", "a+b/",
    ])
    .prop_map(Value::from);

    let leaf = prop_oneof![
        base64.prop_map(Value::from),
        exact.prop_map(Value::from),
        names,
        any::<String>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec(inner, 0..3)
                .prop_map(|items| json!({"kty": "EC", "nested": items})),
        ]
    })
}

/// JSON objects made of JWK member names with key-like values.
fn jwk_like() -> impl Strategy<Value = Value> {
    let name = prop::sample::select(vec![
        "kty", "crv", "x", "y", "n", "e", "kid", "alg", "use", "d", "p", "q", "dp", "dq", "qi",
        "oth", "k", "keys",
    ]);
    let key = prop::collection::btree_map(name, member_value(), 0..10).prop_map(|members| {
        Value::Object(
            members
                .into_iter()
                .map(|(name, value)| (name.to_string(), value))
                .collect::<Map<_, _>>(),
        )
    });
    let key = key.boxed();
    prop_oneof![
        key.clone(),
        prop::collection::vec(key, 0..4).prop_map(|keys| json!({ "keys": keys })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn expiry_parse_never_panics(text in expiry_like()) {
        if let Ok(parsed) = expiry::parse(&text, now()) {
            prop_assert_eq!(parsed.at.subsec_nanosecond(), 0);
        }
    }

    #[test]
    fn jwk_check_never_panics_on_text(text in any::<String>()) {
        let _ = jwk::check_text(&text);
        let _ = jwk::pretty(&text);
    }

    #[test]
    fn jwk_check_never_panics_on_objects(value in jwk_like()) {
        let text = value.to_string();
        let check = jwk::check_text(&text);

        let blocked = check.problems.iter().any(|problem| problem.severity == Severity::Error);
        prop_assert_eq!(check.jwk.is_some(), !blocked);
        if let Some(key) = &check.jwk {
            for name in jwk::PRIVATE_MEMBERS {
                prop_assert!(!key.0.contains_key(name), "sent key holds `{}`", name);
            }
        }
    }

    #[test]
    fn fixes_never_panic(value in jwk_like()) {
        let mut draft = Draft { jwk: value.to_string(), ..Draft::default() };
        let checked = form::check(&draft, now(), &[]);
        for fix in checked.problems.iter().filter_map(|problem| problem.fix.clone()) {
            fix.apply(&mut draft);
        }
        Fix::KeepPublicPart.apply(&mut draft);
        let _ = form::check(&draft, now(), &[]);
    }

    #[test]
    fn private_values_never_reach_messages(value in jwk_like()) {
        let mut value = value;
        if let Some(object) = value.as_object_mut() {
            object.insert("d".into(), Value::from("PRIVATE-MARKER"));
        }
        let check = jwk::check_text(&value.to_string());
        for problem in &check.problems {
            prop_assert!(!problem.message.contains("PRIVATE-MARKER"), "{}", problem.message);
        }
    }

    #[test]
    fn form_check_never_panics(
        issuer in any::<String>(),
        subject in any::<String>(),
        any_subject in any::<bool>(),
        scopes in any::<String>(),
        expires_at in expiry_like(),
    ) {
        let draft = Draft { issuer, subject, any_subject, scopes, expires_at, jwk: String::new() };
        let checked = form::check(&draft, now(), &[]);
        prop_assert!(checked.request.is_none());
    }
}
