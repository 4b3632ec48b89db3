//! `chaff extract`: print the article text of pages.

use crate::batch::{self, Outcome};
use crate::extract::{Extractor, Record};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = super::help("\
Output: the article text of each page on standard output (title first; with several pages,
each after a `==> SOURCE <==` line), or with --jsonl one JSON object per page. A page that
cannot be read (broken, binary, empty, over --max-page-bytes) gets an error on stderr naming
it, and with --jsonl a line {source, error}; the others are still extracted.

Examples:
  chaff extract page.html                 the title, a blank line, the article body
  chaff extract --jsonl crawl/ > out.jsonl   one JSON object per page
  chaff extract --jsonl --blocks page.html   with every block's label and probability"))]
pub struct Args {
    /// HTML files (.html, .htm, optionally .gz), folders (walked recursively), WARC files,
    /// JSON Lines files with `url` and `html`, or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// One JSON object per page: source, title, text (the body without the headline), and
    /// blocks with --blocks.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl, add every block's text, label and body probability.
    #[arg(long, requires = "jsonl")]
    pub blocks: bool,
    /// Worker threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Emit pages as they finish rather than in input order.
    #[arg(long)]
    pub unordered: bool,
    /// A block model file instead of the embedded default.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Exit 1 when any page could not be read.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub read: super::output::ReadArgs,
}

/// Load the block model named on the command line, or the embedded one.
pub fn load_extractor(model: Option<&std::path::Path>) -> anyhow::Result<Extractor> {
    Ok(match model {
        Some(p) => Extractor::from_file(p)?,
        None => Extractor::embedded().context("the embedded model does not load")?,
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = load_extractor(args.model.as_deref())?;
    let records = args.read.open(&args.inputs);
    let input_stats = records.stats_handle();
    let opts = batch::Options {
        threads: args.threads,
        ordered: !args.unordered,
        progress: true,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut first = true;
    let multi = args.inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir());
    let summary = batch::run(
        records,
        opts,
        |record| {
            let (record, html) = super::output::read_page(record)?;
            let x = extractor.extract(&html);
            // The record is made here, on the worker, so that the parsed page is freed
            // beside the allocations it came from and not on the writing thread.
            let source = record.source.clone();
            Ok::<_, (String, String)>(Record::of(Some(source), record.url, x, args.blocks))
        },
        |result| {
            let written = match result {
                Ok(rec) => if args.jsonl {
                    super::output::write_json_line(&mut out, &rec)
                } else {
                    write_plain(&mut out, multi, &mut first, &rec)
                }
                .map(|_| Outcome::Ok),
                Err((source, error)) => Ok(super::output::page_error(
                    &mut out, args.jsonl, &source, &error,
                )),
            };
            written.unwrap_or_else(super::output::write_failed)
        },
    );
    out.flush().ok();
    super::output::report_skipped(&input_stats.snapshot());
    Ok(super::output::batch_exit(&summary, args.strict).into())
}

fn write_plain(
    out: &mut impl Write,
    multi: bool,
    first: &mut bool,
    x: &Record,
) -> std::io::Result<()> {
    if multi {
        if !*first {
            writeln!(out)?;
        }
        writeln!(out, "==> {} <==", x.source.as_deref().unwrap_or("-"))?;
    }
    *first = false;
    // The plain output is for reading: the title, a blank line, then the body. The body
    // never holds the headline (`Extraction::text`), so it is not printed twice.
    if let Some(t) = &x.title {
        writeln!(out, "{t}\n")?;
    }
    writeln!(out, "{}", x.text)
}
