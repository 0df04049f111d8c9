//! The scriptable subcommands: `list`, `get`, `create`, `delete`, `key`.
//!
//! PLACEHOLDER: to be written.
