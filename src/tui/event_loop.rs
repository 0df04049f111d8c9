//! The one event loop: terminal events, API results, signals and ticks turn
//! into messages for `update`; the effects it returns run on tokio tasks.

use std::io;
use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::{Sender, channel};
use tokio::task::{AbortHandle, JoinSet};
use tokio::time::Instant;

use crate::api::Client;

use super::app::App;
use super::drafts::Drafts;
use super::message::{Effect, Message};
use super::update::{start, update};
use super::view::render;

/// Spinner frame interval while a request runs.
const SPINNER_INTERVAL: Duration = Duration::from_millis(250);
/// Relative times ("in 3d") are redrawn this often while rows are shown.
const CLOCK_INTERVAL: Duration = Duration::from_secs(60);
/// Typing pause after which the draft is saved.
const DRAFT_SAVE_DELAY: Duration = Duration::from_millis(500);

/// Capacity of the queue of task results. A full queue makes the sending task
/// wait, so the listing parses only a few pages ahead of the list instead of
/// piling them up in memory. The first page still shows at once.
const RESULT_QUEUE: usize = 4;

/// Exit code after a task panicked, the one Rust uses for a panic in `main`.
const EXIT_PANIC: u8 = 101;

const SIGHUP: i32 = 1;
const SIGINT: i32 = 2;
const SIGQUIT: i32 = 3;
const SIGTERM: i32 = 15;

/// Runs until a quit effect, and returns its exit code. Every task still
/// running is aborted on the way out. With `test_panic`, panics right after
/// the first frame, so that tests can check what a panic leaves behind.
pub async fn run<B: Backend>(
    client: Client,
    drafts: Drafts,
    mut app: App,
    terminal: &mut Terminal<B>,
    test_panic: bool,
) -> io::Result<u8>
where
    io::Error: From<B::Error>,
{
    let (sender, mut results) = channel(RESULT_QUEUE);
    let mut runner = EffectRunner::new(client, sender, drafts);
    let mut events = EventStream::new();
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut quit = signal(SignalKind::quit())?;
    let mut terminate = signal(SignalKind::terminate())?;

    let size = terminal.size()?;
    app.size = Some((size.width, size.height));
    let effects = start(&mut app);
    if let Some(code) = runner.run_all(effects) {
        return Ok(code);
    }
    terminal.draw(|frame| render(&app, frame))?;
    if test_panic {
        panic!("TRUSTUI_TEST_PANIC is set: panicking on purpose to test the terminal's restore");
    }

    let mut tick_at: Option<Instant> = None;
    loop {
        tick_at = match (tick_interval(&app), tick_at) {
            (None, _) => None,
            (Some(interval), None) => Some(Instant::now() + interval),
            (Some(_), Some(at)) => Some(at),
        };

        let message = tokio::select! {
            event = events.next() => match event {
                None => Message::InputClosed,
                Some(Err(error)) => {
                    tracing::error!(%error, "reading terminal events failed");
                    Message::InputClosed
                }
                Some(Ok(Event::Key(key))) => Message::Key(key),
                Some(Ok(Event::Paste(text))) => Message::Paste(text),
                Some(Ok(Event::Resize(width, height))) => Message::Resize { width, height },
                Some(Ok(_)) => continue,
            },
            Some(message) = results.recv() => message,
            _ = hangup.recv() => Message::Signal(SIGHUP),
            _ = interrupt.recv() => Message::Signal(SIGINT),
            _ = quit.recv() => Message::Signal(SIGQUIT),
            _ = terminate.recv() => Message::Signal(SIGTERM),
            () = sleep_until(tick_at) => {
                tick_at = None;
                Message::Tick
            }
        };
        if let Message::Signal(number) = message {
            tracing::info!(signal = number, "quitting on signal");
        }

        app.now = Timestamp::now();
        let effects = update(&mut app, message);
        if let Some(code) = runner.run_all(effects) {
            return Ok(code);
        }
        if app.dirty {
            terminal.draw(|frame| render(&app, frame))?;
        }
    }
}

/// Ticks are needed only while something on screen changes with time.
fn tick_interval(app: &App) -> Option<Duration> {
    if app.is_busy() {
        Some(SPINNER_INTERVAL)
    } else if !app.list.is_empty() {
        Some(CLOCK_INTERVAL)
    } else {
        None
    }
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Runs effects on tokio tasks through one client. Dropping it aborts every
/// task still running.
struct EffectRunner {
    client: Client,
    sender: Sender<Message>,
    tasks: JoinSet<()>,
    /// The running list load, aborted when a reload starts.
    list_task: Option<AbortHandle>,
    /// The pending draft save, replaced by a newer one.
    draft_task: Option<AbortHandle>,
    drafts: Drafts,
}

impl EffectRunner {
    fn new(client: Client, sender: Sender<Message>, drafts: Drafts) -> Self {
        Self {
            client,
            sender,
            tasks: JoinSet::new(),
            list_task: None,
            draft_task: None,
            drafts,
        }
    }

    /// Starts every effect; returns the exit code when one is a quit, or
    /// when an earlier task panicked.
    fn run_all(&mut self, effects: Vec<Effect>) -> Option<u8> {
        while let Some(finished) = self.tasks.try_join_next() {
            // The panic hook has already restored the terminal, so the UI
            // cannot go on drawing.
            if finished.is_err_and(|error| error.is_panic()) {
                self.tasks.abort_all();
                return Some(EXIT_PANIC);
            }
        }
        for effect in effects {
            if let Some(code) = self.run(effect) {
                self.tasks.abort_all();
                return Some(code);
            }
        }
        None
    }

    fn run(&mut self, effect: Effect) -> Option<u8> {
        let client = self.client.clone();
        let sender = self.sender.clone();
        match effect {
            Effect::LoadList { request } => {
                if let Some(task) = self.list_task.take() {
                    task.abort();
                }
                let task = self.tasks.spawn(async move {
                    let mut pages = std::pin::pin!(client.list_pages(None));
                    while let Some(page) = pages.next().await {
                        let message = match page {
                            Ok(page) => Message::ListPage { request, page },
                            Err(error) => {
                                tracing::warn!(%error, "loading the list failed");
                                let _ = sender
                                    .send(Message::ListDone {
                                        request,
                                        result: Err(error),
                                    })
                                    .await;
                                return;
                            }
                        };
                        let _ = sender.send(message).await;
                    }
                    let _ = sender
                        .send(Message::ListDone {
                            request,
                            result: Ok(()),
                        })
                        .await;
                });
                self.list_task = Some(task);
            }
            Effect::Create { request, body } => {
                self.tasks.spawn(async move {
                    let result = client.create(&body).await;
                    let _ = sender.send(Message::Created { request, result }).await;
                });
            }
            Effect::Delete { request, id } => {
                self.tasks.spawn(async move {
                    let result = client.delete(&id).await;
                    let _ = sender
                        .send(Message::Deleted {
                            request,
                            id,
                            result,
                        })
                        .await;
                });
            }
            Effect::FetchKey {
                request,
                id,
                set,
                kid,
            } => {
                self.tasks.spawn(async move {
                    let result = client.key(&set, &kid).await;
                    let _ = sender
                        .send(Message::KeyFetched {
                            request,
                            id,
                            result,
                        })
                        .await;
                });
            }
            Effect::SaveDraft(draft) => {
                if let Some(task) = self.draft_task.take() {
                    task.abort();
                }
                self.drafts.set_pending(*draft);
                let drafts = self.drafts.clone();
                let task = self.tasks.spawn(async move {
                    tokio::time::sleep(DRAFT_SAVE_DELAY).await;
                    drafts.flush();
                });
                self.draft_task = Some(task);
            }
            Effect::RemoveDraft => {
                if let Some(task) = self.draft_task.take() {
                    task.abort();
                }
                self.drafts.remove();
            }
            Effect::Quit(code) => {
                // The debounced save is aborted with every other task, so
                // the last keystrokes are written here.
                self.drafts.flush();
                return Some(code);
            }
        }
        None
    }
}
