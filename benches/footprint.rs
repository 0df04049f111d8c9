//! Peak memory with 100,000 relationships loaded, and the bytes a cursor move
//! writes to the terminal. Plain figures, not timings, so this is no criterion
//! benchmark: `cargo bench --bench footprint` prints them.
//!
//! Memory is this process's VmHWM (peak resident set) from /proc/self/status
//! after `App` loaded 100,000 synthetic relationships through `update` and
//! drew one frame. The process keeps nothing else of note. Terminal bytes are
//! counted by a writer under ratatui's `CrosstermBackend`, with a fixed
//! 200x50 viewport, exactly as the TUI writes them to standard output.

mod support;

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use crossterm::event::KeyCode;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use trustui::tui::app::App;
use trustui::tui::update::update;
use trustui::tui::view::render;

use support::{COLUMNS, ITEM_COUNT, ROWS, key, loaded_app};

fn main() {
    let baseline_kib = status_kib("VmHWM");
    let mut app = loaded_app(ITEM_COUNT);

    let written = Rc::new(Cell::new(0usize));
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(CountingWriter(Rc::clone(&written))),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, COLUMNS, ROWS)),
        },
    )
    .expect("a terminal over a counting writer never fails");

    let first_frame = draw(&mut terminal, &app, &written);
    let peak_kib = status_kib("VmHWM");
    println!(
        "memory: peak resident {:.1} MiB with {ITEM_COUNT} relationships loaded and one frame \
         drawn (process peak before loading: {:.1} MiB)",
        kib_to_mib(peak_kib),
        kib_to_mib(baseline_kib),
    );
    println!("terminal: first full frame at {COLUMNS}x{ROWS}: {first_frame} bytes");

    let mut moves = Vec::new();
    for _ in 0..10 {
        update(&mut app, key(KeyCode::Down));
        moves.push(draw(&mut terminal, &app, &written));
    }
    moves.sort_unstable();
    println!(
        "terminal: one cursor move (j) in the list: median {} bytes, max {} bytes over {} moves",
        moves[moves.len() / 2],
        moves[moves.len() - 1],
        moves.len()
    );

    let unchanged = draw(&mut terminal, &app, &written);
    println!("terminal: a redraw with nothing changed: {unchanged} bytes");

    update(&mut app, key(KeyCode::Char('/')));
    draw(&mut terminal, &app, &written);
    update(&mut app, key(KeyCode::Char('7')));
    let keystroke = draw(&mut terminal, &app, &written);
    println!("terminal: the first filter keystroke: {keystroke} bytes");
}

/// Draws one frame and returns the bytes it wrote.
fn draw(
    terminal: &mut Terminal<CrosstermBackend<CountingWriter>>,
    app: &App,
    written: &Cell<usize>,
) -> usize {
    let before = written.get();
    terminal
        .draw(|frame| render(app, frame))
        .expect("writing to a counting writer never fails");
    written.get() - before
}

/// Counts the bytes written through it and discards them.
struct CountingWriter(Rc<Cell<usize>>);

impl Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Reads a `kB` field such as VmHWM from /proc/self/status.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc is readable");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("/proc/self/status has no {field} line"))
}

fn kib_to_mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
