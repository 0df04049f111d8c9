//! The one key map: the table that dispatches keys is the table the help
//! overlay shows.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The part of the screen a binding applies to. Dispatch tries the current
/// context first, then `Anywhere`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    List,
    Detail,
    Filter,
    Form,
    /// The form while the any-subject toggle has the focus.
    FormToggle,
    Dialog,
    Help,
    Anywhere,
}

impl Context {
    pub fn label(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Detail => "detail",
            Self::Filter => "filter",
            Self::Form => "form",
            Self::FormToggle => "form, any-subject toggle",
            Self::Dialog => "dialog",
            Self::Help => "help",
            Self::Anywhere => "anywhere",
        }
    }

    /// The help overlay's heading for the keys of this context.
    pub fn heading(self) -> &'static str {
        match self {
            Self::List => "In the list:",
            Self::Detail => "In the detail pane:",
            Self::Filter => "While typing a filter:",
            Self::Form => "In the form:",
            Self::FormToggle => "On the form's any-subject toggle:",
            Self::Dialog => "In a dialog:",
            Self::Help => "In this help:",
            Self::Anywhere => "Anywhere:",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    FocusDetail,
    FocusList,
    StartFilter,
    ClearFilter,
    KeepFilter,
    New,
    CopyToForm,
    Delete,
    Reload,
    CycleSort,
    FetchKey,
    Help,
    Quit,
    NextField,
    PreviousField,
    ToggleAnySubject,
    Submit,
    CancelForm,
    FormatJwk,
    AcceptFix,
    ClearField,
    Undo,
    NextButton,
    PreviousButton,
    Press,
    Confirm,
    Dismiss,
}

/// A key with its modifiers. Shift is ignored for characters, because the
/// character already carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Chord {
    const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    fn matches(&self, key: &KeyEvent) -> bool {
        let mut modifiers = key.modifiers;
        if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        self.code == key.code && self.modifiers == modifiers
    }

    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            other => other.to_string(),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", key.to_uppercase())
        } else {
            key
        }
    }
}

pub struct Binding {
    pub keys: &'static [Chord],
    pub context: Context,
    pub action: Action,
    pub description: &'static str,
}

use Action as A;
use Context as C;
use KeyCode as K;

/// Every key trustui handles, in the order the help overlay lists them.
/// Keys not listed here go to the text being edited (filter, form fields).
pub const KEYMAP: &[Binding] = &[
    bind(
        &[Chord::char('j'), Chord::plain(K::Down)],
        C::List,
        A::Down,
        "select the next relationship",
    ),
    bind(
        &[Chord::char('k'), Chord::plain(K::Up)],
        C::List,
        A::Up,
        "select the previous relationship",
    ),
    bind(
        &[Chord::char('g'), Chord::plain(K::Home)],
        C::List,
        A::Top,
        "select the first relationship",
    ),
    bind(
        &[Chord::char('G'), Chord::plain(K::End)],
        C::List,
        A::Bottom,
        "select the last relationship",
    ),
    bind(
        &[Chord::plain(K::PageUp)],
        C::List,
        A::PageUp,
        "move one page up",
    ),
    bind(
        &[Chord::plain(K::PageDown)],
        C::List,
        A::PageDown,
        "move one page down",
    ),
    bind(
        &[Chord::plain(K::Enter), Chord::plain(K::Tab)],
        C::List,
        A::FocusDetail,
        "focus the detail pane (fetches the stored key)",
    ),
    bind(
        &[Chord::char('/')],
        C::List,
        A::StartFilter,
        "filter by issuer, subject, scope or id",
    ),
    bind(
        &[Chord::plain(K::Esc)],
        C::List,
        A::ClearFilter,
        "clear the filter",
    ),
    bind(
        &[Chord::char('s')],
        C::List,
        A::CycleSort,
        "sort by expiry, issuer or creation time",
    ),
    bind(&[Chord::char('n')], C::List, A::New, "new relationship"),
    bind(
        &[Chord::char('c')],
        C::List,
        A::CopyToForm,
        "copy the selected relationship into a new form",
    ),
    bind(
        &[Chord::char('d')],
        C::List,
        A::Delete,
        "delete the selected relationship, after confirmation",
    ),
    bind(
        &[Chord::char('r')],
        C::List,
        A::Reload,
        "reload the list, keeping the selection",
    ),
    bind(&[Chord::char('?')], C::List, A::Help, "show this help"),
    bind(&[Chord::char('q')], C::List, A::Quit, "quit"),
    bind(
        &[Chord::char('j'), Chord::plain(K::Down)],
        C::Detail,
        A::Down,
        "scroll down",
    ),
    bind(
        &[Chord::char('k'), Chord::plain(K::Up)],
        C::Detail,
        A::Up,
        "scroll up",
    ),
    bind(
        &[Chord::char('g'), Chord::plain(K::Home)],
        C::Detail,
        A::Top,
        "scroll to the top",
    ),
    bind(
        &[Chord::plain(K::PageUp)],
        C::Detail,
        A::PageUp,
        "scroll one page up",
    ),
    bind(
        &[Chord::plain(K::PageDown)],
        C::Detail,
        A::PageDown,
        "scroll one page down",
    ),
    bind(
        &[Chord::char('K')],
        C::Detail,
        A::FetchKey,
        "fetch the stored public key again",
    ),
    bind(
        &[
            Chord::plain(K::Esc),
            Chord::plain(K::Tab),
            Chord::plain(K::BackTab),
        ],
        C::Detail,
        A::FocusList,
        "back to the list",
    ),
    bind(
        &[Chord::char('c')],
        C::Detail,
        A::CopyToForm,
        "copy this relationship into a new form",
    ),
    bind(
        &[Chord::char('d')],
        C::Detail,
        A::Delete,
        "delete this relationship, after confirmation",
    ),
    bind(&[Chord::char('?')], C::Detail, A::Help, "show this help"),
    bind(&[Chord::char('q')], C::Detail, A::Quit, "quit"),
    bind(
        &[Chord::plain(K::Enter)],
        C::Filter,
        A::KeepFilter,
        "keep the filter and go back to the list",
    ),
    bind(
        &[Chord::plain(K::Esc)],
        C::Filter,
        A::ClearFilter,
        "clear the filter",
    ),
    bind(
        &[Chord::plain(K::Down)],
        C::Filter,
        A::Down,
        "select the next match",
    ),
    bind(
        &[Chord::plain(K::Up)],
        C::Filter,
        A::Up,
        "select the previous match",
    ),
    bind(&[Chord::plain(K::Tab)], C::Form, A::NextField, "next field"),
    bind(
        &[Chord::plain(K::BackTab)],
        C::Form,
        A::PreviousField,
        "previous field",
    ),
    bind(
        &[Chord::char(' ')],
        C::FormToggle,
        A::ToggleAnySubject,
        "toggle any subject (clears the subject)",
    ),
    bind(
        &[Chord::ctrl('s')],
        C::Form,
        A::Submit,
        "create; a second Ctrl-S confirms a warning",
    ),
    bind(
        &[Chord::ctrl('f')],
        C::Form,
        A::FormatJwk,
        "format the JWK as indented JSON",
    ),
    bind(
        &[Chord::ctrl('a')],
        C::Form,
        A::AcceptFix,
        "accept the suggested fix of the first problem",
    ),
    bind(
        &[Chord::ctrl('u')],
        C::Form,
        A::ClearField,
        "clear the field: the JWK editor whole, a line before the cursor",
    ),
    bind(
        &[Chord::ctrl('z')],
        C::Form,
        A::Undo,
        "undo the last change in the JWK editor",
    ),
    bind(
        &[Chord::plain(K::Esc)],
        C::Form,
        A::CancelForm,
        "close the form (asks first when it holds input)",
    ),
    bind(
        &[
            Chord::plain(K::Tab),
            Chord::plain(K::Right),
            Chord::plain(K::Left),
            Chord::plain(K::BackTab),
        ],
        C::Dialog,
        A::NextButton,
        "move between the buttons",
    ),
    bind(
        &[Chord::plain(K::Up), Chord::char('k')],
        C::Dialog,
        A::Up,
        "previous key, when choosing a key of a JWK Set",
    ),
    bind(
        &[Chord::plain(K::Down), Chord::char('j')],
        C::Dialog,
        A::Down,
        "next key, when choosing a key of a JWK Set",
    ),
    bind(
        &[Chord::plain(K::Enter)],
        C::Dialog,
        A::Press,
        "press the focused button",
    ),
    bind(
        &[Chord::char('y')],
        C::Dialog,
        A::Confirm,
        "confirm directly",
    ),
    bind(
        &[Chord::plain(K::Esc), Chord::char('n')],
        C::Dialog,
        A::Dismiss,
        "cancel",
    ),
    bind(
        &[Chord::char('j'), Chord::plain(K::Down)],
        C::Help,
        A::Down,
        "scroll down",
    ),
    bind(
        &[Chord::char('k'), Chord::plain(K::Up)],
        C::Help,
        A::Up,
        "scroll up",
    ),
    bind(
        &[Chord::plain(K::PageUp)],
        C::Help,
        A::PageUp,
        "scroll one page up",
    ),
    bind(
        &[Chord::plain(K::PageDown)],
        C::Help,
        A::PageDown,
        "scroll one page down",
    ),
    bind(
        &[Chord::char('g'), Chord::plain(K::Home)],
        C::Help,
        A::Top,
        "scroll to the top",
    ),
    bind(
        &[Chord::char('G'), Chord::plain(K::End)],
        C::Help,
        A::Bottom,
        "scroll to the end",
    ),
    bind(
        &[Chord::plain(K::Esc), Chord::char('?'), Chord::char('q')],
        C::Help,
        A::Dismiss,
        "close the help",
    ),
    bind(
        &[Chord::ctrl('c')],
        C::Anywhere,
        A::Quit,
        "quit (asks first when the form holds input)",
    ),
    bind(
        &[Chord::plain(K::F(1))],
        C::Anywhere,
        A::Help,
        "show this help",
    ),
];

const fn bind(
    keys: &'static [Chord],
    context: Context,
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        keys,
        context,
        action,
        description,
    }
}

/// Finds the action for `key`, trying `contexts` in order and then
/// `Anywhere`.
pub fn lookup(contexts: &[Context], key: &KeyEvent) -> Option<Action> {
    contexts
        .iter()
        .chain(std::iter::once(&Context::Anywhere))
        .find_map(|&context| {
            KEYMAP
                .iter()
                .filter(|binding| binding.context == context)
                .find(|binding| binding.keys.iter().any(|chord| chord.matches(key)))
                .map(|binding| binding.action)
        })
}

/// Formats the keys of a binding for the help overlay, such as `j, ↓`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Chord::label)
        .collect::<Vec<_>>()
        .join(", ")
}
