//! Command-line edge: argument parsing and output formatting, nothing else.
//!
//! Each subcommand lives in its own file with its `Args` and a `run` that calls the library.
//! Errors become `anyhow` here and only here.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod bench;
mod eval;
mod explain;
mod extract;
mod facts;
mod output;
mod preflight;
mod queue;
mod score;
mod serve;
mod train;
mod train_verdict;
mod wire;

/// How every command ends: one policy, said once here and shown in every `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked was done.
    Done = 0,
    /// The command ran to its end, but some of its items failed (a record not read, a story
    /// not added, a delivery still pending), each named on stderr.
    Partial = 1,
    /// The command failed: bad arguments, a file it needs cannot be opened, created or
    /// written, or not one of its inputs could be read.
    Failed = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// The paragraph on exit codes that ends every command's `--help`.
pub const EXIT_CODES: &str = "\
Exit codes (the same for every chaff command):
  0  done
  1  done, but some inputs, records or items failed; each is named on stderr
     (chaff score and chaff extract: only with --strict, since a crawl always holds some
     broken records)
  2  failed: bad arguments, a file it needs cannot be opened, created or written, or not one
     of its inputs could be read";

/// A subcommand's `after_help`: its own text (inputs, outputs, examples), then the exit codes.
pub(crate) fn help(text: &str) -> String {
    format!("{text}\n\n{EXIT_CODES}")
}

/// Separate article text from boilerplate, and flag scraper-farm copies of wire stories.
#[derive(Parser)]
#[command(name = "chaff", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the article text of HTML pages.
    Extract(extract::Args),
    /// Train a block model from the labelled datasets named in a manifest.
    Train(train::Args),
    /// Print what each page says about itself: title, site, declared date, byline...
    Facts(facts::Args),
    /// Score extraction against gold text on dataset test splits.
    Eval(eval::Args),
    /// Train the page model (farm verdict) on generated and real pages.
    TrainVerdict(train_verdict::Args),
    /// Score pages: is each one a scraper-farm copy of a wire story, and why?
    Score(score::Args),
    /// Manage the wire index: the reference archive of wire stories.
    Wire(wire::Args),
    /// Work the moderation queue: list, show, resolve, export, deliver.
    Queue(queue::Args),
    /// Explain one page's verdict as a self-contained HTML report.
    Explain(explain::Args),
    /// Serve the moderation queue as web pages and a JSON API.
    Serve(serve::Args),
    /// Measure extraction speed and memory on real pages.
    Bench(bench::Args),
}

/// Parse arguments, run the subcommand, turn its outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Train(a) => train::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Facts(a) => facts::run(a),
        Command::TrainVerdict(a) => train_verdict::run(a),
        Command::Score(a) => score::run(a),
        Command::Wire(a) => wire::run(a),
        Command::Queue(a) => queue::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Bench(a) => bench::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("chaff: {e:#}");
            Exit::Failed.into()
        }
    }
}
