//! The list of trust relationships: loaded rows, sort order, filter and
//! selection.
//!
//! Rows never move once stored, so `order` (every row, sorted) and `visible`
//! (the filtered part of `order`) are index vectors. A filter keystroke then
//! scans precomputed lowercase text and copies indices, and drawing touches
//! only the rows on screen.

use std::cell::Cell;
use std::cmp::Ordering;

use crate::api::TrustRelationship;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Soonest expiry first.
    #[default]
    Expiry,
    /// Issuer, then subject, alphabetically.
    Issuer,
    /// Newest first.
    Created,
}

impl SortOrder {
    pub fn next(self) -> Self {
        match self {
            Self::Expiry => Self::Issuer,
            Self::Issuer => Self::Created,
            Self::Created => Self::Expiry,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Expiry => "expiry",
            Self::Issuer => "issuer",
            Self::Created => "created",
        }
    }
}

#[derive(Debug, Default)]
pub struct RelationshipList {
    items: Vec<TrustRelationship>,
    search: SearchText,
    order: Vec<usize>,
    visible: Vec<usize>,
    filter: String,
    sort: SortOrder,
    /// Index into `visible`; 0 when `visible` is empty.
    selected: usize,
    /// First visible row drawn. Kept by the renderer so that the selection
    /// stays on screen without jumping.
    pub offset: Cell<usize>,
    /// Rows the last frame had room for, for PgUp and PgDn.
    pub page_rows: Cell<usize>,
}

impl RelationshipList {
    pub fn items(&self) -> &[TrustRelationship] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    /// Returns the item at position `index` of the filtered, sorted list.
    pub fn visible_item(&self, index: usize) -> Option<&TrustRelationship> {
        self.visible.get(index).map(|&row| &self.items[row])
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn selected(&self) -> Option<&TrustRelationship> {
        self.visible_item(self.selected)
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn sort(&self) -> SortOrder {
        self.sort
    }

    /// Replaces every item, keeping the selection on the same id when it is
    /// still there.
    pub fn replace(&mut self, items: Vec<TrustRelationship>) {
        let selected_id = self.selected().map(|item| item.id.clone());
        self.rebuild(items, selected_id.as_deref());
    }

    fn rebuild(&mut self, items: Vec<TrustRelationship>, selected_id: Option<&str>) {
        self.search = SearchText::of(&items);
        self.items = items;
        self.order = (0..self.items.len()).collect();
        let sort = self.sort;
        let items = &self.items;
        self.order
            .sort_by(|&a, &b| compare(sort, &items[a], &items[b]));
        self.refilter_all();
        self.restore_selection(selected_id);
    }

    /// Adds a page of items, merging them into the sorted order.
    pub fn append(&mut self, page: Vec<TrustRelationship>) {
        if page.is_empty() {
            return;
        }
        let selected_row = self.visible.get(self.selected).copied();
        let first_new = self.items.len();
        for item in &page {
            self.search.push(item);
        }
        self.items.extend(page);

        let sort = self.sort;
        let items = &self.items;
        let mut added: Vec<usize> = (first_new..items.len()).collect();
        added.sort_by(|&a, &b| compare(sort, &items[a], &items[b]));
        self.order = merge(&self.order, &added, |&a, &b| {
            compare(sort, &items[a], &items[b])
        });

        self.refilter_all();
        self.restore_row(selected_row);
    }

    /// Adds one item (a relationship just created) and selects it.
    pub fn insert_and_select(&mut self, item: TrustRelationship) {
        let id = item.id.clone();
        self.append(vec![item]);
        if !self.select_id(&id) && !self.filter.is_empty() {
            // A filter that hides the new item would leave it unselectable.
            self.set_filter("");
            self.select_id(&id);
        }
    }

    /// Removes the item with `id`, keeping the selection in range.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(row) = self.items.iter().position(|item| item.id == id) else {
            return false;
        };
        let at = self.selected;
        let mut items = std::mem::take(&mut self.items);
        items.remove(row);
        self.rebuild(items, None);
        self.selected = at.min(self.visible.len().saturating_sub(1));
        true
    }

    /// Selects the item with `id` if it is visible.
    pub fn select_id(&mut self, id: &str) -> bool {
        let found = self
            .visible
            .iter()
            .position(|&row| self.items[row].id == id);
        if let Some(position) = found {
            self.selected = position;
        }
        found.is_some()
    }

    pub fn set_sort(&mut self, sort: SortOrder) {
        self.sort = sort;
        let selected_id = self.selected().map(|item| item.id.clone());
        let items = std::mem::take(&mut self.items);
        self.rebuild(items, selected_id.as_deref());
    }

    /// Sets the filter text. Narrowing a filter only rescans what is visible.
    pub fn set_filter(&mut self, filter: &str) {
        let selected_row = self.visible.get(self.selected).copied();
        let query = filter.to_lowercase();
        let narrowing = !self.filter.is_empty() && query.starts_with(&self.filter);
        self.filter = query;

        if narrowing {
            let search = &self.search;
            let query = &self.filter;
            self.visible
                .retain(|&row| search.row(row).contains(query.as_str()));
        } else {
            self.refilter_all();
        }
        self.restore_row(selected_row);
    }

    /// Moves the selection by `delta` rows, stopping at either end.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
    }

    pub fn select_last(&mut self) {
        self.selected = self.visible.len().saturating_sub(1);
    }

    fn refilter_all(&mut self) {
        if self.filter.is_empty() {
            self.visible.clone_from(&self.order);
            return;
        }
        // Rows are scanned in storage order and only then picked in sort
        // order: walking the text in sort order jumps around the buffer, and
        // the cache misses cost more than the search itself.
        let query = self.filter.as_str();
        let matches: Vec<bool> = (0..self.items.len())
            .map(|row| self.search.row(row).contains(query))
            .collect();
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&row| matches[row])
            .collect();
    }

    fn restore_selection(&mut self, id: Option<&str>) {
        if let Some(id) = id
            && self.select_id(id)
        {
            return;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    fn restore_row(&mut self, row: Option<usize>) {
        if let Some(row) = row
            && let Some(position) = self.visible.iter().position(|&r| r == row)
        {
            self.selected = position;
            return;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }
}

/// Lowercase issuer, subject, scopes and id of every item, for the filter,
/// in one buffer. A `String` per row cost 24 bytes of header plus the
/// allocator's overhead and rounding, about a quarter of the list's memory
/// at 100,000 rows.
#[derive(Debug, Default)]
struct SearchText {
    text: String,
    /// End of each row's text in `text`; a row starts where the one before
    /// it ends.
    ends: Vec<usize>,
}

impl SearchText {
    fn of(items: &[TrustRelationship]) -> Self {
        let mut search = Self::default();
        for item in items {
            search.push(item);
        }
        search
    }

    fn push(&mut self, item: &TrustRelationship) {
        push_lowercase(&mut self.text, &item.issuer);
        self.text.push('\n');
        push_lowercase(&mut self.text, &item.subject);
        for scope in &item.scope {
            self.text.push('\n');
            push_lowercase(&mut self.text, scope);
        }
        self.text.push('\n');
        push_lowercase(&mut self.text, &item.id);
        self.ends.push(self.text.len());
    }

    fn row(&self, row: usize) -> &str {
        let start = row.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[row]]
    }
}

/// Appends `field` in lowercase without a temporary `String` when it is
/// ASCII, which issuers, ids and most subjects and scopes are.
fn push_lowercase(text: &mut String, field: &str) {
    if field.is_ascii() {
        let start = text.len();
        text.push_str(field);
        text[start..].make_ascii_lowercase();
    } else {
        text.push_str(&field.to_lowercase());
    }
}

fn compare(sort: SortOrder, a: &TrustRelationship, b: &TrustRelationship) -> Ordering {
    let primary = match sort {
        SortOrder::Expiry => a.expires_at.cmp(&b.expires_at),
        SortOrder::Issuer => a
            .issuer
            .cmp(&b.issuer)
            .then_with(|| a.subject.cmp(&b.subject)),
        SortOrder::Created => b.created_at.cmp(&a.created_at),
    };
    primary.then_with(|| a.id.cmp(&b.id))
}

fn merge(
    left: &[usize],
    right: &[usize],
    compare: impl Fn(&usize, &usize) -> Ordering,
) -> Vec<usize> {
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if compare(&right[j], &left[i]) == Ordering::Less {
            merged.push(right[j]);
            j += 1;
        } else {
            merged.push(left[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&left[i..]);
    merged.extend_from_slice(&right[j..]);
    merged
}
