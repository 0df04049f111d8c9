//! Criterion benchmarks of the TUI with 100,000 relationships loaded: drawing
//! one 200x50 frame, and applying one filter keystroke through `update`.
//!
//! Run with `cargo bench --bench tui`. Each figure is criterion's median time
//! per iteration.

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustui::tui::app::App;
use trustui::tui::update::update;
use trustui::tui::view::render;

use support::{COLUMNS, ITEM_COUNT, ROWS, key, loaded_app};

fn render_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_200x50_100k");
    let mut terminal =
        Terminal::new(TestBackend::new(COLUMNS, ROWS)).expect("a test terminal never fails");

    // The list focused, with the selection in the middle of the list so that
    // the drawn rows are neither the first nor the last.
    let mut app = loaded_app(ITEM_COUNT);
    move_selection(&mut app, 50_000);
    group.bench_function("list_and_detail", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| render(black_box(&app), frame))
                .expect("drawing to a test terminal never fails");
        });
    });

    // The detail pane focused; it then takes the focus border and the key
    // fetch shows as loading.
    update(&mut app, key(KeyCode::Enter));
    group.bench_function("detail_focused", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| render(black_box(&app), frame))
                .expect("drawing to a test terminal never fails");
        });
    });
    group.finish();
}

fn filter_keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter_keystroke_100k");
    let mut app = loaded_app(ITEM_COUNT);
    update(&mut app, key(KeyCode::Char('/')));

    // The first character scans every row. Only the keystroke is timed; the
    // backspace that restores the empty filter for the next round is not.
    group.bench_function("first_char", |b| {
        b.iter_custom(|iterations| {
            timed_keystrokes(&mut app, iterations, KeyCode::Char('7'), KeyCode::Backspace)
        });
    });

    // A backspace that widens the filter; this one leaves about a tenth of
    // the rows visible.
    for character in "idp-0".chars() {
        update(&mut app, key(KeyCode::Char(character)));
    }
    group.bench_function("widening_backspace", |b| {
        b.iter_custom(|iterations| {
            timed_keystrokes(&mut app, iterations, KeyCode::Backspace, KeyCode::Char('0'))
        });
    });

    // A keystroke that narrows a filter which already hides most rows.
    group.bench_function("narrowing_char", |b| {
        b.iter_custom(|iterations| {
            timed_keystrokes(&mut app, iterations, KeyCode::Char('7'), KeyCode::Backspace)
        });
    });
    group.finish();
}

/// Times `iterations` presses of `timed`, each followed by an untimed press
/// of `undo` that restores the filter.
fn timed_keystrokes(app: &mut App, iterations: u64, timed: KeyCode, undo: KeyCode) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        let started = Instant::now();
        black_box(update(app, key(timed)));
        total += started.elapsed();
        black_box(update(app, key(undo)));
    }
    total
}

fn move_selection(app: &mut App, rows: usize) {
    for _ in 0..rows {
        update(app, key(KeyCode::Down));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = render_frame, filter_keystroke
}
criterion_main!(benches);
