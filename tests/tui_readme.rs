//! The README's key map table must match the key map that handles the keys,
//! which also generates the help overlay.

use trustui::tui::keymap::{KEYMAP, keys_label};

/// Builds the key map table as the README shows it, one row per binding in
/// the key map's order.
fn key_table() -> String {
    let mut table = String::from("| where | keys | action |\n|---|---|---|\n");
    for binding in KEYMAP {
        let keys = keys_label(binding).replace('|', "\\|");
        table.push_str(&format!(
            "| {} | `{keys}` | {} |\n",
            binding.context.label(),
            binding.description
        ));
    }
    table
}

#[test]
fn readme_key_table_matches_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README");
    let table = key_table();
    assert!(
        readme.contains(&table),
        "the README's key table differs from the key map; it should read:\n{table}"
    );
}
