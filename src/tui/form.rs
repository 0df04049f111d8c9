//! The creation form's editing state: single-line inputs, the any-subject
//! toggle and the multi-line JWK editor, plus the latest check of it all.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui_textarea::TextArea;

use crate::api::{ApiError, TrustRelationship};
use crate::trust::form::{Checked, Draft, Field, Severity, check};
use crate::trust::server::problem_from_server;

use super::message::RequestId;

/// A one-line text input with a cursor, for issuer, subject, scopes and
/// expiry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor, always on a character boundary.
    cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Returns the text before the cursor, for drawing the cursor at its end.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// Inserts `text` at the cursor. Line breaks become spaces, because the
    /// input is one line.
    pub fn insert_str(&mut self, text: &str) {
        let line: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        self.text.insert_str(self.cursor, &line);
        self.cursor += line.len();
    }

    /// Deletes the text before the cursor. Returns true when there was any.
    pub fn clear_before_cursor(&mut self) -> bool {
        let changed = self.cursor > 0;
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
        changed
    }

    /// Applies an editing key. Returns true when the text changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => self.clear_before_cursor(),
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                true
            }
            KeyCode::Backspace => match self.before_cursor().chars().next_back() {
                Some(c) => {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                    true
                }
                None => false,
            },
            KeyCode::Delete if self.cursor < self.text.len() => {
                self.text.remove(self.cursor);
                true
            }
            KeyCode::Left => {
                if let Some(c) = self.before_cursor().chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
                false
            }
            KeyCode::Right => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
                false
            }
            KeyCode::Home => {
                self.cursor = 0;
                false
            }
            KeyCode::End => {
                self.cursor = self.text.len();
                false
            }
            _ => false,
        }
    }
}

/// A server rejection shown in the form, next to the field it concerns when
/// the server named one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerError {
    pub field: Option<Field>,
    pub message: String,
}

/// The order Tab walks through the fields.
pub const FIELD_ORDER: [Field; 6] = [
    Field::Issuer,
    Field::Subject,
    Field::AnySubject,
    Field::Scope,
    Field::ExpiresAt,
    Field::Jwk,
];

#[derive(Debug, Clone)]
pub struct FormState {
    pub issuer: LineInput,
    /// Kept while any subject is on, so that toggling back restores it, but
    /// never sent together with any subject.
    pub subject: LineInput,
    pub any_subject: bool,
    pub scopes: LineInput,
    pub expires_at: LineInput,
    pub jwk: TextArea<'static>,
    pub focus: Field,
    pub checked: Checked,
    pub server_error: Option<ServerError>,
    /// Set by a Ctrl-S that met a problem needing confirmation; the next
    /// Ctrl-S submits. Any edit clears it.
    pub confirm_armed: bool,
    pub submitting: Option<RequestId>,
    /// A one-line note at the bottom of the form (formatting failed, draft
    /// restored, …).
    pub note: Option<String>,
    /// Fields edited or left since the form opened.
    pub touched: Vec<Field>,
    /// Set by the first Ctrl-S: every problem shows from then on.
    pub submit_attempted: bool,
}

impl Default for FormState {
    fn default() -> Self {
        Self::from_draft(&Draft::default())
    }
}

impl FormState {
    pub fn from_draft(draft: &Draft) -> Self {
        let mut jwk = TextArea::new(draft.jwk.lines().map(str::to_string).collect());
        jwk.set_placeholder_text("paste the issuer's public JWK here");
        Self {
            issuer: LineInput::new(&draft.issuer),
            subject: LineInput::new(&draft.subject),
            any_subject: draft.any_subject,
            scopes: LineInput::new(&draft.scopes),
            expires_at: LineInput::new(&draft.expires_at),
            jwk,
            focus: Field::Issuer,
            checked: Checked::default(),
            server_error: None,
            confirm_armed: false,
            submitting: None,
            note: None,
            touched: Vec::new(),
            submit_attempted: false,
        }
    }

    /// Builds the draft as typed, with the subject left out while any subject
    /// is on.
    pub fn draft(&self) -> Draft {
        Draft {
            issuer: self.issuer.text().to_string(),
            subject: if self.any_subject {
                String::new()
            } else {
                self.subject.text().to_string()
            },
            any_subject: self.any_subject,
            scopes: self.scopes.text().to_string(),
            expires_at: self.expires_at.text().to_string(),
            jwk: self.jwk_text(),
        }
    }

    pub fn jwk_text(&self) -> String {
        self.jwk.lines().join("\n")
    }

    /// True when the JWK text contains private key material, or may, so that
    /// the editor draws it masked.
    pub fn jwk_is_hidden(&self) -> bool {
        crate::trust::jwk::may_contain_private_material(&self.jwk_text())
    }

    pub fn has_input(&self) -> bool {
        let draft = self.draft();
        !(draft.issuer.trim().is_empty()
            && draft.subject.trim().is_empty()
            && draft.scopes.trim().is_empty()
            && draft.expires_at.trim().is_empty()
            && draft.jwk.trim().is_empty())
    }

    pub fn recheck(&mut self, now: Timestamp, existing: &[TrustRelationship]) {
        self.checked = check(&self.draft(), now, existing);
    }

    /// Clears the focused field: the JWK editor whole (Ctrl-Z brings it
    /// back), a one-line field before the cursor. Returns true when the
    /// text changed.
    pub fn clear_focused(&mut self) -> bool {
        match self.focus {
            Field::Jwk => self.jwk.clear(),
            _ => self
                .focused_line()
                .is_some_and(LineInput::clear_before_cursor),
        }
    }

    /// Records that `field` was edited or left.
    pub fn touch(&mut self, field: Field) {
        if !self.touched.contains(&field) {
            self.touched.push(field);
        }
    }

    /// True when the problems of `field` are shown. A brand-new form would
    /// otherwise greet the person with a "required" error on every field:
    /// an empty field shows its problems only once it was edited or left,
    /// or after a submit.
    pub fn shows_problems_of(&self, field: Field) -> bool {
        let empty = match field {
            Field::Issuer => self.issuer.text().trim().is_empty(),
            Field::Subject => self.subject.text().trim().is_empty(),
            Field::Scope => self.scopes.text().trim().is_empty(),
            Field::ExpiresAt => self.expires_at.text().trim().is_empty(),
            Field::Jwk => self.jwk_text().trim().is_empty(),
            Field::AnySubject => false,
        };
        !empty || self.submit_attempted || self.touched.contains(&field)
    }

    /// Moves the focus by `step` fields, skipping the subject while any
    /// subject is on. The field left counts as touched.
    pub fn move_focus(&mut self, step: isize) {
        self.touch(self.focus);
        let count = FIELD_ORDER.len() as isize;
        let mut index = FIELD_ORDER
            .iter()
            .position(|&field| field == self.focus)
            .unwrap_or(0) as isize;
        loop {
            index = (index + step).rem_euclid(count);
            let field = FIELD_ORDER[index as usize];
            if !(field == Field::Subject && self.any_subject) {
                self.focus = field;
                return;
            }
        }
    }

    /// Returns the single-line input that has the focus, if the focus is on one.
    pub fn focused_line(&mut self) -> Option<&mut LineInput> {
        match self.focus {
            Field::Issuer => Some(&mut self.issuer),
            Field::Subject => Some(&mut self.subject),
            Field::Scope => Some(&mut self.scopes),
            Field::ExpiresAt => Some(&mut self.expires_at),
            Field::AnySubject | Field::Jwk => None,
        }
    }

    pub fn set_jwk_text(&mut self, text: &str) {
        let mut jwk = TextArea::new(text.lines().map(str::to_string).collect());
        jwk.set_placeholder_text("paste the issuer's public JWK here");
        self.jwk = jwk;
    }

    /// Puts the JWK editor's cursor at a 1-based line and column, such as
    /// where a JSON syntax error was found.
    pub fn move_jwk_cursor(&mut self, (line, column): (usize, usize)) {
        let row = u16::try_from(line.saturating_sub(1)).unwrap_or(u16::MAX);
        let column = u16::try_from(column.saturating_sub(1)).unwrap_or(u16::MAX);
        self.jwk
            .move_cursor(ratatui_textarea::CursorMove::Jump(row, column));
    }

    /// Rewrites the JWK text as indented JSON. Returns a sentence when the
    /// text is not JSON.
    pub fn format_jwk(&mut self) -> Result<(), String> {
        let text = self.jwk_text();
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|error| {
            format!("The JWK is not valid JSON ({error}); fix it before formatting.")
        })?;
        let pretty = serde_json::to_string_pretty(&value)
            .map_err(|error| format!("The JWK could not be formatted: {error}."))?;
        self.set_jwk_text(&pretty);
        Ok(())
    }

    /// True when some problem blocks the submit.
    pub fn has_errors(&self) -> bool {
        self.checked
            .problems
            .iter()
            .any(|problem| problem.severity == Severity::Error)
    }

    /// Records a failed create, next to the field it concerns: the field the
    /// server named, or for Hydra's parser messages, which name none, the
    /// field recognised from the message (go-jose errors concern the JWK, Go
    /// time-parse errors the expiry).
    pub fn show_server_error(&mut self, error: &ApiError) {
        let problem = error
            .server_message()
            .filter(|_| error.status() == Some(400))
            .and_then(|message| problem_from_server(error.field(), &message));
        let (field, message) = if let Some(problem) = problem {
            (Some(problem.field), problem.message)
        } else if error.is_conflict() {
            (
                None,
                "A relationship with this issuer, subject and key ID (kid) already exists. \
                 Change the kid, or delete the existing relationship first."
                    .to_string(),
            )
        } else if error.status().is_some_and(|status| status >= 500) {
            (
                None,
                format!(
                    "The server failed to create the relationship ({error}). \
                     Nothing was changed here; press Ctrl-S to try again."
                ),
            )
        } else if not_sent(error) {
            (
                None,
                format!(
                    "Not sent: could not reach the server ({error}). Nothing was created; \
                     press Ctrl-S to try again."
                ),
            )
        } else if error.status().is_some() {
            (
                None,
                format!("The server rejected the relationship: {error}"),
            )
        } else {
            (None, format!("The create failed: {error}"))
        };
        if let Some(field) = field {
            self.focus = field;
        }
        self.server_error = Some(ServerError { field, message });
    }
}

/// True when the request never reached the server: the connection could
/// not be opened, or broke before anything was sent.
fn not_sent(error: &ApiError) -> bool {
    match error {
        ApiError::Connect { .. } => true,
        ApiError::Timeout {
            sent,
            outcome_unknown,
            ..
        } => !sent && !outcome_unknown,
        ApiError::ConnectionLost {
            outcome_unknown, ..
        } => !outcome_unknown,
        _ => false,
    }
}

pub fn field_label(field: Field) -> &'static str {
    match field {
        Field::Issuer => "Issuer",
        Field::Subject => "Subject",
        Field::AnySubject => "Any subject",
        Field::Scope => "Scopes",
        Field::ExpiresAt => "Expires at",
        Field::Jwk => "JWK",
    }
}
