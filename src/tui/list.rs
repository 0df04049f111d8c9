//! The list of trust relationships: loaded rows, sort order, filter and
//! selection.
//!
//! Rows keep their index until one is removed (which rebuilds everything),
//! so `order` (every row, sorted) and `visible` (the filtered part of
//! `order`) are index vectors. A filter keystroke then
//! scans precomputed lowercase text and copies indices, and drawing touches
//! only the rows on screen.

use std::cell::Cell;
use std::cmp::Ordering;

use jiff::Timestamp;
use memchr::memmem::Finder;

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
    /// Lowercase issuer, subject, scopes and id of every item, for the
    /// filter, in one buffer so that a filter scans memory in order.
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
        self.search = SearchText::default();
        for item in &items {
            self.search.push(item);
        }
        self.items = items;
        self.order = (0..self.items.len()).collect();
        self.sort_order();
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
        added.sort_unstable_by(|&a, &b| compare(sort, &items[a], &items[b]));
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
        let selected_row = self.visible.get(self.selected).copied();
        self.sort = sort;
        self.sort_order();
        self.refilter_all();
        self.restore_row(selected_row);
    }

    /// Sets the filter text, matched case-insensitively anywhere in the
    /// issuer, subject, scopes or id.
    pub fn set_filter(&mut self, filter: &str) {
        let selected_row = self.visible.get(self.selected).copied();
        self.filter = filter.chars().flat_map(char::to_lowercase).collect();
        self.refilter_all();
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
        let matches = self.search.matches(&self.filter);
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&row| matches[row])
            .collect();
    }

    /// Sorts `order`. The comparison ends on the id, a total order, so an
    /// unstable sort gives the same result as a stable one.
    fn sort_order(&mut self) {
        let items = &self.items;
        match self.sort {
            // Sorting (instant, row) pairs keeps most comparisons inside one
            // contiguous vector instead of chasing every item.
            SortOrder::Expiry | SortOrder::Created => {
                let newest_first = self.sort == SortOrder::Created;
                let mut keys: Vec<(Timestamp, usize)> = self
                    .order
                    .iter()
                    .map(|&row| {
                        let item = &items[row];
                        let at = if newest_first {
                            item.created_at
                        } else {
                            item.expires_at
                        };
                        (at, row)
                    })
                    .collect();
                keys.sort_unstable_by(|a, b| {
                    let by_time = if newest_first {
                        b.0.cmp(&a.0)
                    } else {
                        a.0.cmp(&b.0)
                    };
                    by_time.then_with(|| items[a.1].id.cmp(&items[b.1].id))
                });
                self.order = keys.into_iter().map(|(_, row)| row).collect();
            }
            SortOrder::Issuer => {
                let sort = self.sort;
                self.order
                    .sort_unstable_by(|&a, &b| compare(sort, &items[a], &items[b]));
            }
        }
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

/// The filter's text of every row, back to back. Rows are separated by NUL,
/// which a query never contains, so no match spans two rows.
#[derive(Debug, Default)]
struct SearchText {
    text: String,
    /// End offset of each row's text in `text`.
    ends: Vec<usize>,
}

impl SearchText {
    fn push(&mut self, item: &TrustRelationship) {
        let parts = [item.issuer.as_str(), item.subject.as_str()]
            .into_iter()
            .chain(item.scope.iter().map(String::as_str))
            .chain(std::iter::once(item.id.as_str()));
        for part in parts {
            self.text.push('\n');
            self.text.extend(part.chars().flat_map(char::to_lowercase));
        }
        self.ends.push(self.text.len());
        self.text.push('\0');
    }

    /// Returns, for every row, whether its text contains `query`. Scans the
    /// buffer once, front to back.
    fn matches(&self, query: &str) -> Vec<bool> {
        let mut matches = vec![false; self.ends.len()];
        if query.contains('\0') {
            return matches;
        }

        let finder = Finder::new(query.as_bytes());
        let bytes = self.text.as_bytes();
        let mut row = 0;
        let mut from = 0;
        while let Some(found) = finder.find(&bytes[from..]) {
            let at = from + found;
            // Rows lie in offset order: walk forward to the row containing
            // `at`. The walk never goes back, so the whole scan stays linear.
            while self.ends[row] <= at {
                row += 1;
            }
            matches[row] = true;
            match self.ends.get(row) {
                Some(&end) => from = end + 1,
                None => break,
            }
            row += 1;
            if row >= self.ends.len() {
                break;
            }
        }
        matches
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
