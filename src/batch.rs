//! A bounded parallel pipeline: items in, results out, every core busy, memory flat.
//!
//! Workers take turns pulling the next item from the input iterator (under a lock) and turn
//! it into a result, and the calling thread emits results. There is no reader thread: reading
//! (inflating a WARC member, parsing its headers) is a small share of a page's work, and a
//! thread of its own would run beside the workers, so that `--threads 1` used more than one
//! core and two workers, each reading in turn, could not be twice as fast as one (the reader
//! was 5.6% of the CPU of a 20,000-page WARC). A fixed number of "slots" bounds how many
//! items are in flight at once, so a 5 GB crawl uses the memory of a few hundred pages
//! whatever its size, and a slow page can hold back ordered output by at most that many
//! pages.
//!
//! With `ordered`, results come out in input order (a reorder buffer holds early finishers);
//! without it, in completion order, which keeps workers busier when pages vary in cost.

use crossbeam_channel::bounded;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How to run a batch.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Worker threads; 0 = all cores.
    pub threads: usize,
    /// Emit results in input order.
    pub ordered: bool,
    /// Show a progress bar (only ever on a terminal).
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: 0,
            ordered: true,
            progress: true,
        }
    }
}

/// What the emitter says about each result, for the progress bar and the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Outcome {
    #[default]
    Ok,
    Flagged,
    Error,
}

/// Counts at the end of a batch.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub items: usize,
    pub flagged: usize,
    pub errors: usize,
    pub seconds: f64,
    pub items_per_second: f64,
}

/// Run `work` over `items` in parallel and hand each result to `emit` on this thread.
pub fn run<T, O, I, W, E>(items: I, opts: Options, work: W, mut emit: E) -> Summary
where
    T: Send,
    O: Send,
    I: Iterator<Item = T> + Send,
    W: Fn(T) -> O + Sync,
    E: FnMut(O) -> Outcome,
{
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.threads
    };
    let slots = threads * 16;
    let start = Instant::now();
    let bar = progress_bar(opts.progress);
    let mut summary = Summary::default();
    let input = Mutex::new(items.enumerate());
    std::thread::scope(|s| {
        let (token_tx, token_rx) = bounded::<()>(slots);
        for _ in 0..slots {
            token_tx.send(()).expect("fresh channel has room");
        }
        let (out_tx, out_rx) = bounded::<(usize, O)>(slots);
        for _ in 0..threads {
            let token_rx = token_rx.clone();
            let out_tx = out_tx.clone();
            let (work, input) = (&work, &input);
            s.spawn(move || {
                // A slot first, then the lock: a worker never holds the input while it waits.
                while token_rx.recv().is_ok() {
                    // A worker that panicked in `work` held no lock; one that panicked inside
                    // the iterator left it as it was, and the rest read on.
                    let next = input.lock().unwrap_or_else(|p| p.into_inner()).next();
                    let Some((seq, item)) = next else { break };
                    if out_tx.send((seq, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        drop(token_rx);
        let mut pending: BTreeMap<usize, O> = BTreeMap::new();
        let mut next = 0;
        let mut tally = |o: O, summary: &mut Summary| {
            let outcome = emit(o);
            match outcome {
                Outcome::Ok => {}
                Outcome::Flagged => summary.flagged += 1,
                Outcome::Error => summary.errors += 1,
            }
            summary.items += 1;
            // A slot frees when a result leaves the pipeline, not when it is computed, so
            // that the reorder buffer is bounded too.
            let _ = token_tx.try_send(());
            if let Some(bar) = &bar {
                bar.inc(1);
                // Formatted only when a count moves (and at the first item, so that it shows
                // from then on), not once per page.
                if outcome != Outcome::Ok || summary.items == 1 {
                    bar.set_message(format!(
                        "{} flagged, {} errors",
                        summary.flagged, summary.errors
                    ));
                }
            }
        };
        for (seq, o) in out_rx {
            if !opts.ordered {
                tally(o, &mut summary);
                continue;
            }
            pending.insert(seq, o);
            while let Some(o) = pending.remove(&next) {
                tally(o, &mut summary);
                next += 1;
            }
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    summary.seconds = start.elapsed().as_secs_f64();
    summary.items_per_second = summary.items as f64 / summary.seconds.max(1e-9);
    summary
}

fn progress_bar(wanted: bool) -> Option<ProgressBar> {
    if !wanted || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} pages  {per_sec}  {msg}  [{elapsed}]")
            .expect("template is valid"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_output_follows_input_order_whatever_the_timing() {
        let mut out = Vec::new();
        let opts = Options {
            threads: 4,
            ordered: true,
            progress: false,
        };
        let s = run(
            0..200u64,
            opts,
            |i| {
                std::thread::sleep(Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |o| {
                out.push(o);
                if o % 10 == 0 {
                    Outcome::Flagged
                } else {
                    Outcome::Ok
                }
            },
        );
        assert_eq!(out, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!((s.items, s.flagged, s.errors), (200, 40, 0));
    }

    #[test]
    fn unordered_output_loses_nothing() {
        let mut out = Vec::new();
        let opts = Options {
            threads: 3,
            ordered: false,
            progress: false,
        };
        run(
            0..500u32,
            opts,
            |i| i,
            |o| {
                out.push(o);
                Outcome::Ok
            },
        );
        out.sort();
        assert_eq!(out, (0..500).collect::<Vec<_>>());
    }

    #[test]
    fn in_flight_items_are_bounded() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let read = AtomicUsize::new(0);
        let opts = Options {
            threads: 2,
            ordered: true,
            progress: false,
        };
        let mut max_gap = 0;
        let mut emitted = 0;
        run(
            (0..2000).inspect(|_| {
                read.fetch_add(1, Ordering::SeqCst);
            }),
            opts,
            |i| i,
            |_| {
                emitted += 1;
                max_gap = max_gap.max(read.load(Ordering::SeqCst) - emitted);
                Outcome::Ok
            },
        );
        // slots = 32 for two threads: an item is read only once a slot is free.
        assert!(max_gap <= 32, "{max_gap} items in flight");
    }
}
