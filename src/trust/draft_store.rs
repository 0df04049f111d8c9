//! Keeps the creation form's input across restarts: one saved draft per API
//! endpoint, so that a draft typed for staging is never offered on
//! production.
//!
//! A draft is a JSON file in the state directory, written to a temporary
//! file and renamed over the old one, so a crash leaves the old draft or the
//! new one and never half of either. Private key material is never written:
//! private JWK members are removed from JWK text that parses, and JWK text
//! that does not parse is dropped whole when it looks like it contains a
//! private member or a PEM private key, because its secret parts cannot be
//! separated from the rest.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::form::Draft;
use super::jwk::{self, PRIVATE_MEMBERS};

/// Overrides the state directory, for tests and for people who keep state
/// elsewhere.
pub const STATE_DIR_ENV: &str = "TRUSTUI_STATE_DIR";

/// A draft as saved, with what was left out of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub saved_at: Timestamp,
    pub draft: Draft,
    /// True when the JWK text was not saved because it could not be parsed
    /// and looked like it held private key material.
    #[serde(default)]
    pub jwk_dropped: bool,
    /// Private members removed from the JWK text before saving.
    #[serde(default)]
    pub removed_members: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DraftStoreError {
    #[error(
        "no state directory is known for this user: set {STATE_DIR_ENV} to a directory for \
         saved drafts"
    )]
    NoStateDir,
    #[error("saving or reading the draft at {path} failed: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the saved draft at {path} is not valid ({source}): delete the file to start afresh")]
    Corrupt {
        path: PathBuf,
        source: serde_json::Error,
    },
}

/// Returns the directory for saved drafts: `TRUSTUI_STATE_DIR` when set, else the
/// platform's state directory for trustui, else its local data directory
/// (macOS and Windows have no state directory).
pub fn state_dir() -> Result<PathBuf, DraftStoreError> {
    if let Some(dir) = std::env::var_os(STATE_DIR_ENV).filter(|dir| !dir.is_empty()) {
        return Ok(PathBuf::from(dir));
    }

    let dirs =
        directories::ProjectDirs::from("", "", "trustui").ok_or(DraftStoreError::NoStateDir)?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf())
}

/// Saved drafts in one directory, one file per endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftStore {
    dir: PathBuf,
}

impl DraftStore {
    /// Opens the store in [`state_dir`]. The directory is created on the
    /// first save.
    pub fn open() -> Result<Self, DraftStoreError> {
        Ok(Self::at(state_dir()?))
    }

    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// Saves `draft` for `endpoint`, replacing the draft saved before, and
    /// returns what was written.
    pub fn save(
        &self,
        endpoint: &str,
        draft: &Draft,
        now: Timestamp,
    ) -> Result<SavedDraft, DraftStoreError> {
        let saved = for_storage(draft, now);
        let path = self.path(endpoint);
        let text =
            serde_json::to_string_pretty(&saved).map_err(|source| DraftStoreError::Corrupt {
                path: path.clone(),
                source,
            })?;

        write_atomically(&path, text.as_bytes())
            .map_err(|source| DraftStoreError::Io { path, source })?;
        Ok(saved)
    }

    /// Returns the draft saved for `endpoint`, if there is one.
    pub fn load(&self, endpoint: &str) -> Result<Option<SavedDraft>, DraftStoreError> {
        let path = self.path(endpoint);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(DraftStoreError::Io { path, source }),
        };

        serde_json::from_str(&text)
            .map(Some)
            .map_err(|source| DraftStoreError::Corrupt { path, source })
    }

    /// Deletes the draft saved for `endpoint`, after a successful create. A
    /// missing draft is not an error.
    pub fn remove(&self, endpoint: &str) -> Result<(), DraftStoreError> {
        let path = self.path(endpoint);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(DraftStoreError::Io { path, source }),
        }
    }

    /// The file of `endpoint`'s draft. The name contains a hash of the endpoint
    /// rather than the endpoint itself, which may carry credentials; a
    /// trailing slash does not count.
    pub fn path(&self, endpoint: &str) -> PathBuf {
        let normalized = endpoint.trim().trim_end_matches('/');
        let digest = Sha256::digest(normalized.as_bytes());
        let name: String = digest[..8]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        self.dir.join(format!("draft-{name}.json"))
    }
}

/// Returns the draft as it may be written to disk: without private key
/// material.
pub fn for_storage(draft: &Draft, now: Timestamp) -> SavedDraft {
    let mut stored = draft.clone();
    let mut jwk_dropped = false;
    let mut removed_members = Vec::new();

    match serde_json::from_str::<Value>(&draft.jwk) {
        Ok(mut value) => {
            strip_everywhere(&mut value, &mut removed_members);
            if contains_pem_private_key(&value.to_string()) {
                stored.jwk = String::new();
                jwk_dropped = true;
            } else if !removed_members.is_empty() {
                stored.jwk = jwk::to_pretty(&value);
            }
        }
        Err(_) => {
            if jwk::may_contain_private_material(&draft.jwk) {
                stored.jwk = String::new();
                jwk_dropped = true;
            }
        }
    }

    SavedDraft {
        saved_at: now,
        draft: stored,
        jwk_dropped,
        removed_members,
    }
}

/// Removes private members from every object at any depth, so that no
/// nesting a person pastes can carry a private key to disk.
fn strip_everywhere(value: &mut Value, removed: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for name in PRIVATE_MEMBERS {
                if object.shift_remove(name).is_some() && !removed.iter().any(|seen| seen == name) {
                    removed.push(name.to_string());
                }
            }
            for member in object.values_mut() {
                strip_everywhere(member, removed);
            }
        }
        Value::Array(items) => {
            for item in items {
                strip_everywhere(item, removed);
            }
        }
        _ => {}
    }
}

fn contains_pem_private_key(text: &str) -> bool {
    text.contains("PRIVATE KEY")
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;

    let file_name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("draft");
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));

    let result = (|| {
        let mut file = create_private_file(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();

    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<fs::File> {
    fs::File::create(path)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ENDPOINT: &str = "http://127.0.0.1:4445";

    fn now() -> Timestamp {
        "2026-12-04T12:00:00Z".parse().unwrap()
    }

    fn draft(jwk: &str) -> Draft {
        Draft {
            issuer: "https://idp.example.com".into(),
            subject: "svc".into(),
            any_subject: false,
            scopes: "openid".into(),
            expires_at: "+90d".into(),
            jwk: jwk.into(),
        }
    }

    #[test]
    fn saved_draft_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::at(dir.path());
        let typed = draft(r#"{"kty":"EC","crv":"P-256"}"#);

        store.save(ENDPOINT, &typed, now()).unwrap();
        let loaded = store.load(ENDPOINT).unwrap().unwrap();

        assert_eq!(loaded.draft, typed);
        assert_eq!(loaded.saved_at, now());
    }

    #[test]
    fn drafts_are_per_endpoint() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::at(dir.path());
        store.save(ENDPOINT, &draft(""), now()).unwrap();

        assert_eq!(store.load("https://hydra.example.com").unwrap(), None);
    }

    #[test]
    fn trailing_slash_is_same_endpoint() {
        let store = DraftStore::at("state");
        assert_eq!(store.path(ENDPOINT), store.path("http://127.0.0.1:4445/"));
    }

    #[test]
    fn missing_draft_loads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(DraftStore::at(dir.path()).load(ENDPOINT).unwrap(), None);
    }

    #[test]
    fn remove_deletes_the_draft() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::at(dir.path());
        store.save(ENDPOINT, &draft(""), now()).unwrap();

        store.remove(ENDPOINT).unwrap();

        assert_eq!(store.load(ENDPOINT).unwrap(), None);
    }

    #[test]
    fn remove_without_draft_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        assert!(DraftStore::at(dir.path()).remove(ENDPOINT).is_ok());
    }

    #[test]
    fn save_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::at(dir.path().join("nested"));
        store.save(ENDPOINT, &draft(""), now()).unwrap();

        let names: Vec<_> = fs::read_dir(dir.path().join("nested"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![store.path(ENDPOINT).file_name().unwrap().to_owned()]
        );
    }

    #[cfg(unix)]
    #[test]
    fn saved_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::at(dir.path());
        store.save(ENDPOINT, &draft(""), now()).unwrap();

        let mode = fs::metadata(store.path(ENDPOINT))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn corrupt_draft_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::at(dir.path());
        fs::write(store.path(ENDPOINT), "{").unwrap();

        let error = store.load(ENDPOINT).unwrap_err();
        assert!(matches!(error, DraftStoreError::Corrupt { .. }), "{error}");
    }

    #[test]
    fn private_members_are_stripped_before_saving() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::at(dir.path());
        let key = json!({"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA", "d": "SECRET-SCALAR"});

        let saved = store
            .save(ENDPOINT, &draft(&key.to_string()), now())
            .unwrap();
        let on_disk = fs::read_to_string(store.path(ENDPOINT)).unwrap();

        assert!(!on_disk.contains("SECRET-SCALAR"));
        assert_eq!(saved.removed_members, vec!["d"]);
        assert!(saved.draft.jwk.contains("\"x\": \"AA\""));
    }

    #[test]
    fn nested_private_members_are_stripped() {
        let text = json!({"keys": [{"kty": "RSA", "n": "AA", "e": "AQAB", "p": "SECRET-P", "qi": "SECRET-QI"}]});
        let saved = for_storage(&draft(&text.to_string()), now());
        assert!(!saved.draft.jwk.contains("SECRET"));
    }

    #[test]
    fn unparsable_private_key_text_is_dropped() {
        let cases = [
            r#"{"kty":"EC","d":"SECRET-SCALAR","#,
            r#"{"kty":"oct","k" : "SECRET-K""#,
            r#"{"\u0064":"SECRET"#,
            "-----BEGIN PRIVATE KEY-----\nSECRET\n-----END PRIVATE KEY-----",
        ];
        for text in cases {
            let saved = for_storage(&draft(text), now());
            assert_eq!(saved.draft.jwk, "", "input {text:?}");
            assert!(saved.jwk_dropped, "input {text:?}");
        }
    }

    #[test]
    fn pem_inside_json_string_is_dropped() {
        let text = json!("-----BEGIN EC PRIVATE KEY-----\nSECRET\n-----END EC PRIVATE KEY-----");
        let saved = for_storage(&draft(&text.to_string()), now());
        assert_eq!(saved.draft.jwk, "");
    }

    #[test]
    fn unparsable_public_text_is_kept_as_typed() {
        let text = r#"{"kty":"EC","crv":"P-256","x":"AA""#;
        let saved = for_storage(&draft(text), now());
        assert_eq!(saved.draft.jwk, text);
        assert!(!saved.jwk_dropped);
    }
}
