//! Tests of the TUI's relationship list: merging pages in sort order,
//! filtering and keeping the selection in range.

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use trustui::api::{KeyReference, TrustRelationship};
use trustui::tui::list::{RelationshipList, SortOrder};

fn item(index: u32, hours: i64, issuer: &str) -> TrustRelationship {
    let base: Timestamp = "2026-12-04T12:00:00Z".parse().unwrap();
    TrustRelationship {
        id: format!("id-{index:05}"),
        issuer: issuer.to_string(),
        subject: format!("subject-{index}"),
        allow_any_subject: false,
        scope: vec![format!("scope-{}", index % 3)],
        public_key: KeyReference {
            set: issuer.to_string(),
            kid: "kid".to_string(),
        },
        created_at: base - SignedDuration::from_hours(i64::from(index)),
        expires_at: base + SignedDuration::from_hours(hours),
        extra: Default::default(),
    }
}

fn visible_ids(list: &RelationshipList) -> Vec<String> {
    (0..list.visible_len())
        .map(|i| list.visible_item(i).unwrap().id.clone())
        .collect()
}

proptest! {
    #[test]
    fn pages_merge_like_one_sort(
        hours in proptest::collection::vec(-500i64..500, 1..60),
        page_size in 1usize..10,
        sort in 0usize..3,
    ) {
        let items: Vec<_> = hours
            .iter()
            .enumerate()
            .map(|(i, h)| item(i as u32, *h, &format!("https://i{}.example", h.rem_euclid(7))))
            .collect();
        let sort = [SortOrder::Expiry, SortOrder::Issuer, SortOrder::Created][sort];

        let mut paged = RelationshipList::default();
        paged.set_sort(sort);
        for page in items.chunks(page_size) {
            paged.append(page.to_vec());
        }
        let mut whole = RelationshipList::default();
        whole.set_sort(sort);
        whole.replace(items);

        prop_assert_eq!(visible_ids(&paged), visible_ids(&whole));
    }

    #[test]
    fn narrowed_filter_equals_fresh_filter(query in "[a-z0-9-]{1,4}") {
        let items: Vec<_> = (0..40).map(|i| item(i, i64::from(i), "https://a.example")).collect();
        let mut narrowed = RelationshipList::default();
        narrowed.replace(items.clone());
        for end in 1..=query.len() {
            narrowed.set_filter(&query[..end]);
        }
        let mut fresh = RelationshipList::default();
        fresh.replace(items);
        fresh.set_filter(&query);

        prop_assert_eq!(visible_ids(&narrowed), visible_ids(&fresh));
    }
}

proptest! {
    #[test]
    fn filter_matches_any_field(
        issuers in proptest::collection::vec("[a-cA-C]{0,6}", 1..30),
        query in "[a-c]{1,3}",
    ) {
        let items: Vec<_> = issuers
            .iter()
            .enumerate()
            .map(|(i, issuer)| item(i as u32, i as i64, issuer))
            .collect();
        let expected: Vec<String> = {
            let mut sorted = RelationshipList::default();
            sorted.replace(items.clone());
            visible_ids(&sorted)
                .into_iter()
                .filter(|id| {
                    let item = items.iter().find(|item| &item.id == id).unwrap();
                    [&item.issuer, &item.subject, &item.id]
                        .into_iter()
                        .chain(&item.scope)
                        .any(|text| text.to_lowercase().contains(&query))
                })
                .collect()
        };

        let mut list = RelationshipList::default();
        list.replace(items);
        list.set_filter(&query);

        prop_assert_eq!(visible_ids(&list), expected);
    }
}

#[test]
fn filter_is_case_insensitive() {
    let mut list = RelationshipList::default();
    list.replace(vec![item(1, 1, "https://Upper.Example")]);
    list.set_filter("UPPER");
    assert_eq!(list.visible_len(), 1);
}

#[test]
fn remove_last_selected_moves_selection_up() {
    let mut list = RelationshipList::default();
    list.replace(
        (0..3)
            .map(|i| item(i, i64::from(i), "https://a.example"))
            .collect(),
    );
    list.select_last();
    list.remove("id-00002");
    assert_eq!(list.selected_index(), 1);
}

#[test]
fn remove_only_item_leaves_no_selection() {
    let mut list = RelationshipList::default();
    list.replace(vec![item(0, 1, "https://a.example")]);
    list.remove("id-00000");
    assert!(list.selected().is_none());
}

#[test]
fn insert_clears_filter_that_hides_it() {
    let mut list = RelationshipList::default();
    list.replace(vec![item(0, 1, "https://a.example")]);
    list.set_filter("a.example");
    list.insert_and_select(item(1, 2, "https://b.example"));
    assert_eq!(list.selected().map(|i| i.id.as_str()), Some("id-00001"));
    assert_eq!(list.filter(), "");
}

#[test]
fn append_keeps_selected_row() {
    let mut list = RelationshipList::default();
    list.replace(vec![item(0, 10, "https://a.example")]);
    list.append(vec![item(1, 1, "https://b.example")]);
    assert_eq!(list.selected().map(|i| i.id.as_str()), Some("id-00000"));
}
