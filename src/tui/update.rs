//! `update`: the pure step from a message to a new state plus effects. No
//! I/O happens here, the clock included (it is `App::now`).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::api::{ApiError, JwkSet, TrustRelationship};
use crate::trust::form::{Draft, Field, Fix, Severity};
use crate::trust::jwk;
use crate::trust::subject::shown_subject;

use super::app::{App, Dialog, Focus, KeyState, Loading};
use super::form::{FormState, field_label};
use super::keymap::{self, Action, Context};
use super::message::{Effect, Message, RequestId};

/// Exit code after a normal quit.
const EXIT_OK: u8 = 0;

/// Returns the effects to run when the TUI starts: load the list.
pub fn start(app: &mut App) -> Vec<Effect> {
    reload(app)
}

/// Applies `message` to `app` and returns what to do next. Sets `app.dirty`
/// when the screen needs a redraw.
pub fn update(app: &mut App, message: Message) -> Vec<Effect> {
    app.dirty = true;
    match message {
        Message::Key(key) if app.too_small() => on_key_too_small(app, &key),
        Message::Key(key) => on_key(app, key),
        Message::Paste(_) if app.too_small() => {
            app.dirty = false;
            Vec::new()
        }
        Message::Paste(text) => on_paste(app, &text),
        Message::Resize { width, height } => {
            app.size = Some((width, height));
            Vec::new()
        }
        Message::Tick => {
            app.spinner = app.spinner.wrapping_add(1);
            Vec::new()
        }
        Message::InputClosed => quit_now(app, EXIT_OK),
        Message::Signal(number) => {
            let code = u8::try_from(128 + number).unwrap_or(u8::MAX);
            quit_now(app, code)
        }
        Message::ListPage { request, page } => on_list_page(app, request, page),
        Message::ListDone { request, result } => on_list_done(app, request, result),
        Message::Created { request, result } => on_created(app, request, result),
        Message::Deleted {
            request,
            id,
            result,
        } => on_deleted(app, request, &id, result),
        Message::KeyFetched {
            request,
            id,
            result,
        } => on_key_fetched(app, request, &id, result),
    }
}

/// Returns the key contexts that apply right now, most specific first.
pub fn contexts(app: &App) -> Vec<Context> {
    if app.help.is_some() {
        return vec![Context::Help];
    }
    if app.dialog.is_some() {
        return vec![Context::Dialog];
    }
    match app.focus {
        Focus::List => vec![Context::List],
        Focus::Detail => vec![Context::Detail],
        Focus::Filter => vec![Context::Filter],
        Focus::Form => match &app.form {
            Some(form) if form.focus == Field::AnySubject => {
                vec![Context::FormToggle, Context::Form]
            }
            _ => vec![Context::Form],
        },
    }
}

/// While the screen shows only "too small", every key but quit (`q`,
/// Ctrl-C) is ignored: a `d` then `y` must not delete unseen. Quitting
/// saves the form's input as the draft instead of asking in a dialog that
/// could not be seen either.
fn on_key_too_small(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let quits = match key.code {
        KeyCode::Char('q') => !key.modifiers.contains(KeyModifiers::CONTROL),
        KeyCode::Char('c') => key.modifiers.contains(KeyModifiers::CONTROL),
        _ => false,
    };
    if key.kind == KeyEventKind::Release || !quits {
        app.dirty = false;
        return Vec::new();
    }
    quit_now(app, EXIT_OK)
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        app.dirty = false;
        return Vec::new();
    }

    match keymap::lookup(&contexts(app), &key) {
        Some(action) => on_action(app, action),
        None => on_text_key(app, &key),
    }
}

fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    if app.help.is_some() && action != Action::Quit {
        on_help_action(app, action);
        return Vec::new();
    }
    app.help = None;
    if app.dialog.is_some() {
        return on_dialog_action(app, action);
    }

    match action {
        Action::Up => move_selection(app, -1),
        Action::Down => move_selection(app, 1),
        Action::PageUp => move_selection(app, -page_rows(app)),
        Action::PageDown => move_selection(app, page_rows(app)),
        Action::Top => {
            if app.focus == Focus::Detail {
                app.detail_scroll = 0;
            } else {
                app.list.select_first();
                selection_moved(app);
            }
        }
        Action::Bottom => {
            app.list.select_last();
            selection_moved(app);
        }
        Action::FocusDetail => {
            if app.list.selected().is_some() {
                app.focus = Focus::Detail;
                return fetch_key_unless_loaded(app);
            }
        }
        Action::FocusList => app.focus = Focus::List,
        Action::FetchKey => return fetch_key(app),
        Action::StartFilter => app.focus = Focus::Filter,
        Action::ClearFilter => {
            app.filter_text.clear();
            app.list.set_filter("");
            app.focus = Focus::List;
        }
        Action::KeepFilter => app.focus = Focus::List,
        Action::CycleSort => {
            let sort = app.list.sort().next();
            app.list.set_sort(sort);
        }
        Action::Reload => {
            app.clear_info();
            return reload(app);
        }
        Action::New => open_form(app, None),
        Action::CopyToForm => ask_copy_to_form(app),
        Action::Delete => ask_delete(app),
        Action::Help => app.help = Some(0),
        Action::Quit => return quit(app),
        Action::NextField => with_form(app, |form| form.move_focus(1)),
        Action::PreviousField => with_form(app, |form| form.move_focus(-1)),
        Action::ToggleAnySubject => {
            with_form(app, |form| form.any_subject = !form.any_subject);
            return form_edited(app);
        }
        Action::Submit => return submit(app),
        Action::CancelForm => return cancel_form(app),
        Action::FormatJwk => {
            let mut changed = false;
            with_form(app, |form| match form.format_jwk() {
                Ok(()) => {
                    form.note = None;
                    changed = true;
                }
                Err(message) => form.note = Some(message),
            });
            if changed {
                return form_edited(app);
            }
        }
        Action::AcceptFix => return accept_fix(app),
        Action::ClearField => {
            let mut changed = false;
            with_form(app, |form| changed = form.clear_focused());
            if changed {
                return form_edited(app);
            }
        }
        Action::Undo => {
            let mut changed = false;
            with_form(app, |form| {
                changed = form.focus == Field::Jwk && form.jwk.undo()
            });
            if changed {
                return form_edited(app);
            }
        }
        Action::NextButton
        | Action::PreviousButton
        | Action::Press
        | Action::Confirm
        | Action::Dismiss => app.dirty = false,
    }
    Vec::new()
}

fn on_help_action(app: &mut App, action: Action) {
    let (last, page) = app.help_limits.get();
    let scroll = app.help.unwrap_or(0).min(last);
    let scroll = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(page.max(1)),
        Action::PageDown => scroll.saturating_add(page.max(1)),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Dismiss => {
            app.help = None;
            return;
        }
        _ => {
            app.dirty = false;
            return;
        }
    };
    app.help = Some(scroll.min(last));
}

fn on_dialog_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(dialog) = app.dialog.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Up | Action::Down if matches!(dialog, Dialog::PickKey { .. }) => {
            if let Dialog::PickKey { kids, selected } = dialog {
                *selected = if action == Action::Up {
                    selected.checked_sub(1).unwrap_or(kids.len() - 1)
                } else {
                    (*selected + 1) % kids.len()
                };
            }
            Vec::new()
        }
        Action::NextButton | Action::PreviousButton => {
            match dialog {
                Dialog::Delete { on_delete, .. } => *on_delete = !*on_delete,
                Dialog::Quit { on_quit } => *on_quit = !*on_quit,
                Dialog::CloseForm { on_close } => *on_close = !*on_close,
                Dialog::ReplaceDraft { on_replace } => *on_replace = !*on_replace,
                Dialog::PickKey { .. } => app.dirty = false,
            }
            Vec::new()
        }
        Action::Press => {
            let confirmed = match dialog {
                Dialog::Delete { on_delete, .. } => *on_delete,
                Dialog::Quit { on_quit } => *on_quit,
                Dialog::CloseForm { on_close } => *on_close,
                Dialog::ReplaceDraft { on_replace } => *on_replace,
                Dialog::PickKey { .. } => true,
            };
            if confirmed {
                confirm_dialog(app)
            } else {
                app.dialog = None;
                Vec::new()
            }
        }
        Action::Confirm => confirm_dialog(app),
        Action::Quit if matches!(dialog, Dialog::Quit { .. }) => confirm_dialog(app),
        Action::Quit => {
            app.dialog = None;
            quit(app)
        }
        Action::Dismiss => {
            app.dialog = None;
            Vec::new()
        }
        _ => {
            app.dirty = false;
            Vec::new()
        }
    }
}

fn confirm_dialog(app: &mut App) -> Vec<Effect> {
    match app.dialog.take() {
        Some(Dialog::Delete { id, .. }) => {
            let request = app.next_request();
            app.deleting = Some((request, id.clone()));
            app.set_info(format!("Deleting {}…", short_id(&id)));
            vec![Effect::Delete { request, id }]
        }
        Some(Dialog::Quit { .. }) => quit_now(app, EXIT_OK),
        Some(Dialog::ReplaceDraft { .. }) => {
            app.kept_draft = None;
            copy_to_form(app);
            Vec::new()
        }
        Some(Dialog::CloseForm { .. }) => close_form(app),
        Some(Dialog::PickKey { kids, selected }) => match kids.get(selected) {
            Some(kid) => apply_fix(app, &Fix::PickKeyFromSet(kid.clone())),
            None => Vec::new(),
        },
        None => Vec::new(),
    }
}

fn on_text_key(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    if app.help.is_some() || app.dialog.is_some() {
        app.dirty = false;
        return Vec::new();
    }
    match app.focus {
        Focus::Filter => match key.code {
            KeyCode::Char(c) => {
                app.filter_text.push(c);
                apply_filter(app);
            }
            KeyCode::Backspace => {
                app.filter_text.pop();
                apply_filter(app);
            }
            _ => app.dirty = false,
        },
        Focus::Form => return edit_form(app, key),
        Focus::List | Focus::Detail => app.dirty = false,
    }
    Vec::new()
}

fn edit_form(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Some(form) = app.form.as_mut() else {
        return Vec::new();
    };
    let changed = match form.focus {
        Field::Jwk => form.jwk.input(*key),
        Field::AnySubject => false,
        _ if key.code == KeyCode::Enter => {
            // Enter never submits: a stray newline must not send the form.
            form.move_focus(1);
            false
        }
        _ => form.focused_line().is_some_and(|line| line.handle_key(key)),
    };
    if changed {
        form_edited(app)
    } else {
        Vec::new()
    }
}

fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    if app.help.is_some() || app.dialog.is_some() {
        app.dirty = false;
        return Vec::new();
    }
    match app.focus {
        Focus::Filter => {
            app.filter_text
                .extend(text.chars().filter(|c| !c.is_control()));
            apply_filter(app);
            Vec::new()
        }
        Focus::Form => {
            let Some(form) = app.form.as_mut() else {
                return Vec::new();
            };
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            match form.focus {
                Field::Jwk => {
                    form.jwk.insert_str(&text);
                }
                Field::AnySubject => {
                    form.note = Some("Move to a text field before pasting.".to_string());
                    return Vec::new();
                }
                _ => {
                    if let Some(line) = form.focused_line() {
                        line.insert_str(&text);
                    }
                }
            }
            form_edited(app)
        }
        Focus::List | Focus::Detail => {
            app.dirty = false;
            Vec::new()
        }
    }
}

fn on_list_page(app: &mut App, request: RequestId, page: Vec<TrustRelationship>) -> Vec<Effect> {
    let Some(loading) = app.loading.as_mut().filter(|l| l.request == request) else {
        app.dirty = false;
        return Vec::new();
    };
    loading.so_far += page.len();
    if loading.replace {
        loading.replace = false;
        app.list.replace(page);
    } else {
        app.list.append(page);
    }

    if let Some(id) = app.pending_select.clone() {
        app.list.select_id(&id);
    }
    Vec::new()
}

fn on_list_done(app: &mut App, request: RequestId, result: Result<(), ApiError>) -> Vec<Effect> {
    let Some(loading) = app.loading.filter(|l| l.request == request) else {
        app.dirty = false;
        return Vec::new();
    };
    app.loading = None;

    match result {
        Ok(()) => {
            if loading.replace {
                app.list.replace(Vec::new());
            }
            if let Some(id) = app.pending_select.take() {
                app.list.select_id(&id);
            }
            if app.status.as_ref().is_some_and(|status| status.is_error) {
                app.status = None;
            }
            app.load_error = None;
        }
        Err(error) => {
            app.pending_select = None;
            app.load_error = Some(error.to_string());
            if app.list.is_empty() {
                // The list area shows the whole error; the status line has
                // room for a short one only.
                app.set_error("Loading the list failed. Press r to retry.".to_string());
            } else {
                let partial = if loading.so_far > 0 {
                    format!(" The list shows only the {} loaded before.", loading.so_far)
                } else {
                    String::new()
                };
                app.set_error(format!(
                    "Loading the list failed: {error}.{partial} Press r to retry."
                ));
            }
        }
    }
    if app.list.selected().is_none() && app.focus == Focus::Detail {
        app.focus = Focus::List;
    }
    Vec::new()
}

fn on_created(
    app: &mut App,
    request: RequestId,
    result: Result<TrustRelationship, ApiError>,
) -> Vec<Effect> {
    let Some(form) = app
        .form
        .as_mut()
        .filter(|form| form.submitting == Some(request))
    else {
        app.dirty = false;
        return Vec::new();
    };
    form.submitting = None;

    match result {
        Ok(created) => {
            let id = created.id.clone();
            app.form = None;
            app.kept_draft = None;
            app.focus = Focus::List;
            app.list.insert_and_select(created);
            if app.loading.is_some() {
                // A reload still running replaces the rows with its first
                // page, which may predate the create.
                app.pending_select = Some(id.clone());
            }
            app.set_info(format!("Created relationship {id}."));
            vec![Effect::RemoveDraft]
        }
        Err(error) if error.outcome_unknown() => {
            form.server_error = Some(super::form::ServerError {
                field: None,
                message: format!(
                    "The create was sent but no answer came back ({error}), so the \
                     relationship may or may not exist. The list is reloading: look for it \
                     there before pressing Ctrl-S again."
                ),
            });
            reload(app)
        }
        Err(error) => {
            form.show_server_error(&error);
            Vec::new()
        }
    }
}

fn on_deleted(
    app: &mut App,
    request: RequestId,
    id: &str,
    result: Result<(), ApiError>,
) -> Vec<Effect> {
    if app.deleting.as_ref().map(|(r, _)| *r) != Some(request) {
        app.dirty = false;
        return Vec::new();
    }
    app.deleting = None;
    let short = short_id(id);

    let effects = match result {
        // Hydra may have deleted other relationships sharing the key, so
        // the list reloads to show what is left.
        Ok(()) => {
            app.list.remove(id);
            app.set_info(format!("Deleted relationship {short}. Reloading the list."));
            reload(app)
        }
        Err(error) if error.is_not_found() => {
            app.list.remove(id);
            app.set_info(format!(
                "Relationship {short} was already deleted. Reloading the list."
            ));
            reload(app)
        }
        Err(error) if error.outcome_unknown() => {
            app.set_error(format!(
                "The delete of {short} was sent but no answer came back ({error}), so it \
                 may or may not have happened. Reloading the list to check."
            ));
            reload(app)
        }
        Err(error) => {
            app.set_error(format!(
                "Deleting {short} failed: {error}. Press d to try again."
            ));
            Vec::new()
        }
    };

    if app.key.as_ref().is_some_and(|(key_id, _)| key_id == id) {
        app.key = None;
    }
    if app.list.selected().is_none() && app.focus == Focus::Detail {
        app.focus = Focus::List;
    }
    effects
}

fn on_key_fetched(
    app: &mut App,
    request: RequestId,
    id: &str,
    result: Result<JwkSet, ApiError>,
) -> Vec<Effect> {
    let current = matches!(
        &app.key,
        Some((key_id, KeyState::Loading(r))) if key_id == id && *r == request
    );
    if !current {
        app.dirty = false;
        return Vec::new();
    }

    let state = match result {
        Ok(set) => match set.keys.into_iter().next() {
            Some(key) => KeyState::Loaded {
                json: serde_json::to_string_pretty(&key).unwrap_or_default(),
                summary: jwk::summarize(&key),
            },
            None => KeyState::Failed(
                "The server returned an empty key set for this kid. Press K to try again."
                    .to_string(),
            ),
        },
        // An unknown route does not go away by retrying.
        Err(error) if error.is_unknown_route() => {
            KeyState::Failed(format!("The stored key cannot be read: {error}"))
        }
        Err(error) => KeyState::Failed(format!(
            "Fetching the stored key failed: {error}. Press K to try again."
        )),
    };
    app.key = Some((id.to_string(), state));
    Vec::new()
}

/// Starts loading every page. The selection is kept on the same id.
fn reload(app: &mut App) -> Vec<Effect> {
    let request = app.next_request();
    app.list_request = request;
    app.loading = Some(Loading {
        request,
        so_far: 0,
        replace: true,
    });
    if let Some(selected) = app.list.selected() {
        app.pending_select = Some(selected.id.clone());
    }
    vec![Effect::LoadList { request }]
}

fn move_selection(app: &mut App, delta: isize) {
    if app.focus == Focus::Detail {
        let scroll = i64::from(app.detail_scroll) + delta as i64;
        app.detail_scroll = u16::try_from(scroll.max(0)).unwrap_or(u16::MAX);
        return;
    }
    app.list.move_by(delta);
    selection_moved(app);
}

fn selection_moved(app: &mut App) {
    app.pending_select = None;
    app.detail_scroll = 0;
}

fn page_rows(app: &App) -> isize {
    isize::try_from(app.list.page_rows.get().max(1)).unwrap_or(1)
}

fn apply_filter(app: &mut App) {
    app.list.set_filter(&app.filter_text);
    app.detail_scroll = 0;
}

fn fetch_key_unless_loaded(app: &mut App) -> Vec<Effect> {
    let loaded = match (&app.key, app.list.selected()) {
        (Some((id, state)), Some(selected)) => {
            id == &selected.id && !matches!(state, KeyState::Failed(_))
        }
        _ => false,
    };
    if loaded { Vec::new() } else { fetch_key(app) }
}

fn fetch_key(app: &mut App) -> Vec<Effect> {
    let Some(selected) = app.list.selected() else {
        app.dirty = false;
        return Vec::new();
    };
    let id = selected.id.clone();
    let set = selected.public_key.set.clone();
    let kid = selected.public_key.kid.clone();
    let request = app.next_request();
    app.key = Some((id.clone(), KeyState::Loading(request)));
    vec![Effect::FetchKey {
        request,
        id,
        set,
        kid,
    }]
}

fn open_form(app: &mut App, draft: Option<Draft>) {
    let (draft, note) = match draft {
        Some(draft) => (draft, None),
        None => match app.kept_draft.take() {
            Some(kept) => (
                kept,
                Some("Restored the unsent draft. Ctrl-U clears a field.".to_string()),
            ),
            None => (Draft::default(), None),
        },
    };
    let mut form = FormState::from_draft(&draft);
    form.note = note;
    form.recheck(app.now, app.list.items());
    app.form = Some(form);
    app.focus = Focus::Form;
    // "Press n to continue the draft" and the like no longer apply.
    app.clear_info();
}

/// Copies the selection into a new form, asking first when that would
/// replace an unsent draft.
fn ask_copy_to_form(app: &mut App) {
    let draft_waits = app
        .kept_draft
        .as_ref()
        .is_some_and(|draft| FormState::from_draft(draft).has_input());
    if draft_waits && app.list.selected().is_some() {
        app.dialog = Some(Dialog::ReplaceDraft { on_replace: false });
    } else {
        copy_to_form(app);
    }
}

fn copy_to_form(app: &mut App) {
    let Some(selected) = app.list.selected() else {
        app.dirty = false;
        return;
    };
    let stored_key = match &app.key {
        Some((id, KeyState::Loaded { json, .. })) if id == &selected.id => Some(json.clone()),
        _ => None,
    };
    let note = if stored_key.is_some() {
        "Copied, with the stored public key. Change what differs, then Ctrl-S."
    } else {
        "Copied without the key: paste the JWK (or open the detail first to fetch it)."
    };
    let draft = Draft {
        issuer: selected.issuer.clone(),
        subject: selected.subject.clone(),
        any_subject: selected.allow_any_subject,
        scopes: selected.scope.join(" "),
        expires_at: selected.expires_at.to_string(),
        jwk: stored_key.unwrap_or_default(),
    };
    open_form(app, Some(draft));
    with_form(app, |form| form.note = Some(note.to_string()));
}

fn ask_delete(app: &mut App) {
    if app.deleting.is_some() {
        app.set_info("A delete is still running; wait for it to finish.".to_string());
        return;
    }
    let Some(selected) = app.list.selected() else {
        app.dirty = false;
        return;
    };
    let key = &selected.public_key;
    let also = app
        .list
        .items()
        .iter()
        .filter(|item| item.id != selected.id && &item.public_key == key)
        .map(|item| {
            let subject = shown_subject(item.allow_any_subject, &item.subject);
            (subject, item.id.clone())
        })
        .collect();
    app.dialog = Some(Dialog::Delete {
        id: selected.id.clone(),
        issuer: selected.issuer.clone(),
        subject: shown_subject(selected.allow_any_subject, &selected.subject),
        any_subject: selected.allow_any_subject,
        also,
        on_delete: false,
    });
}

fn quit(app: &mut App) -> Vec<Effect> {
    if app.form_has_input() {
        app.dialog = Some(Dialog::Quit { on_quit: false });
        Vec::new()
    } else {
        vec![Effect::Quit(EXIT_OK)]
    }
}

/// Quits, saving the form's input first: a form filled by `c` and never
/// edited has no save pending yet.
fn quit_now(app: &App, code: u8) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some(form) = app.form.as_ref().filter(|form| form.has_input()) {
        effects.push(Effect::SaveDraft(Box::new(form.draft())));
    }
    effects.push(Effect::Quit(code));
    effects
}

fn cancel_form(app: &mut App) -> Vec<Effect> {
    let Some(form) = app.form.as_mut() else {
        return Vec::new();
    };
    if form.submitting.is_some() {
        form.note = Some("The create is still running; wait for its answer.".to_string());
        return Vec::new();
    }
    if form.has_input() {
        app.dialog = Some(Dialog::CloseForm { on_close: false });
        Vec::new()
    } else {
        close_form(app)
    }
}

/// Closes the form, keeping what it contains as the draft that `n` brings
/// back and that the next run offers.
fn close_form(app: &mut App) -> Vec<Effect> {
    app.focus = Focus::List;
    let Some(form) = app.form.take().filter(FormState::has_input) else {
        return Vec::new();
    };
    let draft = form.draft();
    app.kept_draft = Some(draft.clone());
    app.set_info("Form closed. Press n to continue the draft.".to_string());
    vec![Effect::SaveDraft(Box::new(draft))]
}

fn submit(app: &mut App) -> Vec<Effect> {
    let now = app.now;
    let Some(form) = app.form.as_mut() else {
        return Vec::new();
    };
    if form.submitting.is_some() {
        form.note = Some("The create is already on its way.".to_string());
        return Vec::new();
    }
    form.recheck(now, app.list.items());
    form.submit_attempted = true;

    let first_error = form
        .checked
        .problems
        .iter()
        .find(|problem| problem.severity == Severity::Error)
        .map(|problem| (problem.field, problem.position));
    if let Some((field, position)) = first_error {
        form.focus = field;
        if let Some(position) = position {
            form.move_jwk_cursor(position);
        }
        let mut fields: Vec<&str> = Vec::new();
        for problem in &form.checked.problems {
            let label = field_label(problem.field);
            if problem.severity == Severity::Error && !fields.contains(&label) {
                fields.push(label);
            }
        }
        form.note = Some(format!(
            "Not sent: fix the problems marked ✗ first ({}).",
            fields.join(", ")
        ));
        form.confirm_armed = false;
        return Vec::new();
    }

    let needs_confirmation = form
        .checked
        .problems
        .iter()
        .find(|problem| problem.severity == Severity::NeedsConfirmation);
    if let Some(problem) = needs_confirmation
        && !form.confirm_armed
    {
        form.confirm_armed = true;
        form.note = Some(format!(
            "Press Ctrl-S again to create anyway: {}",
            problem.message
        ));
        return Vec::new();
    }

    let Some(body) = form.checked.request.clone() else {
        form.note = Some("Not sent: the form is incomplete.".to_string());
        return Vec::new();
    };
    let request = app.next_request();
    let Some(form) = app.form.as_mut() else {
        return Vec::new();
    };
    form.submitting = Some(request);
    form.server_error = None;
    form.confirm_armed = false;
    form.note = None;
    vec![Effect::Create {
        request,
        body: Box::new(body),
    }]
}

fn accept_fix(app: &mut App) -> Vec<Effect> {
    let Some(form) = app.form.as_mut() else {
        return Vec::new();
    };
    let focus = form.focus;

    // A JWK Set with several keys yields one `PickKeyFromSet` per key: the
    // person chooses, because only they know which key the issuer signs with.
    let kids: Vec<String> = form
        .checked
        .problems
        .iter()
        .filter_map(|problem| match &problem.fix {
            Some(Fix::PickKeyFromSet(kid)) => Some(kid.clone()),
            _ => None,
        })
        .collect();
    if kids.len() > 1 {
        app.dialog = Some(Dialog::PickKey { kids, selected: 0 });
        return Vec::new();
    }

    let fix = form
        .checked
        .problems
        .iter()
        .filter(|problem| problem.fix.is_some())
        .min_by_key(|problem| problem.field != focus)
        .and_then(|problem| problem.fix.clone());
    let Some(fix) = fix else {
        form.note = Some("No problem has a suggested fix.".to_string());
        return Vec::new();
    };
    apply_fix(app, &fix)
}

/// Applies an accepted fix to the form's fields and checks the form again.
fn apply_fix(app: &mut App, fix: &Fix) -> Vec<Effect> {
    let Some(form) = app.form.as_mut() else {
        return Vec::new();
    };

    let mut draft = form.draft();
    fix.apply(&mut draft);
    form.issuer = super::form::LineInput::new(&draft.issuer);
    if !form.any_subject {
        form.subject = super::form::LineInput::new(&draft.subject);
    }
    form.any_subject = draft.any_subject;
    form.scopes = super::form::LineInput::new(&draft.scopes);
    form.expires_at = super::form::LineInput::new(&draft.expires_at);
    if draft.jwk != form.jwk_text() {
        form.set_jwk_text(&draft.jwk);
    }
    form.note = Some("Fix applied.".to_string());
    form_edited(app)
}

/// Rechecks the form after an edit and requests a draft save.
fn form_edited(app: &mut App) -> Vec<Effect> {
    let now = app.now;
    let Some(form) = app.form.as_mut() else {
        return Vec::new();
    };
    form.recheck(now, app.list.items());
    form.confirm_armed = false;
    form.touch(form.focus);
    vec![Effect::SaveDraft(Box::new(form.draft()))]
}

fn with_form(app: &mut App, change: impl FnOnce(&mut FormState)) {
    match app.form.as_mut() {
        Some(form) => change(form),
        None => app.dirty = false,
    }
}

/// Returns the first 8 characters of an id, as the list shows it.
pub fn short_id(id: &str) -> &str {
    id.char_indices().nth(8).map_or(id, |(end, _)| &id[..end])
}
