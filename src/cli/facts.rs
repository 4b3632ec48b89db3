//! `chaff facts`: what each page says about itself (title, site, declared date, byline,
//! breadcrumb, wire marks, chrome), for moderators and for the tools that check the facts
//! against other readers (`bench/dates/compare.py`).

use super::extract::load_extractor;
use crate::batch::{self, Outcome};
use crate::facts::{self, PageFacts};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  chaff facts page.html                       the main facts, one block of lines per page
  chaff facts --jsonl crawl/ > facts.jsonl    every fact, one JSON object per page

Each JSON object has `source` (and `url` when the input gives one) and every field of the
page's facts: title, site_name, host, site_matches_host, declared_date ({date, days,
source, stamp, raw}), byline ({name, kind, source}), missing_byline, breadcrumb, dateline,
credits, widgets, link_lists... Where a fact was read is an object such as
{\"meta\": \"article:published_time\"}, {\"block\": 4}, \"time\" or \"url\".

Exit code: 0 when every page was read, 1 when some could not be (their lines carry `error`).")]
pub struct Args {
    /// HTML files (.html, .htm, optionally .gz), folders (walked recursively), WARC files,
    /// JSON Lines files with `url` and `html`, or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// One JSON object per page with every fact.
    #[arg(long)]
    pub jsonl: bool,
    /// Worker threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// A block model file instead of the embedded default.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// When the pages were fetched (`2025-04-26T10:00:00Z` or `2025-04-26`), for records
    /// that do not say: it dates relative times and bounds declared dates.
    #[arg(long, value_name = "WHEN", value_parser = super::score::parse_fetched)]
    pub fetched: Option<i64>,
}

#[derive(Serialize)]
struct PageOut {
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(flatten)]
    facts: PageFacts,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = load_extractor(args.model.as_deref())?;
    let records = crate::input::open_inputs(&args.inputs);
    let input_stats = records.stats_handle();
    let opts = batch::Options {
        threads: args.threads,
        ordered: true,
        progress: true,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = batch::run(
        records,
        opts,
        |record| {
            let (record, html) = super::output::read_page(record)?;
            let x = extractor.extract(&html);
            let fetched = record.fetched.or(args.fetched);
            let facts = facts::gather_fetched(&x.page, &x.labels, fetched);
            Ok::<_, (String, String)>(PageOut {
                source: record.source,
                url: record.url,
                facts,
            })
        },
        |result| {
            let written = match result {
                Ok(page) if args.jsonl => super::output::write_json_line(&mut out, &page),
                Ok(page) => write_plain(&mut out, &page),
                Err((source, error)) => {
                    return super::output::page_error(&mut out, args.jsonl, &source, &error);
                }
            };
            written.map_or_else(super::output::write_failed, |_| Outcome::Ok)
        },
    );
    out.flush().ok();
    super::output::report_skipped(&input_stats.snapshot());
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_plain(out: &mut impl Write, p: &PageOut) -> std::io::Result<()> {
    let f = &p.facts;
    let or_none = |s: Option<String>| s.unwrap_or_else(|| "-".to_string());
    writeln!(out, "{}", p.source)?;
    writeln!(
        out,
        "  title:  {}",
        or_none(f.title.as_ref().map(|t| t.value.clone()))
    )?;
    writeln!(
        out,
        "  site:   {} (host {}, {})",
        or_none(f.site_name.as_ref().map(|s| s.value.clone())),
        or_none(f.host.clone()),
        match f.site_matches_host {
            Some(true) => "matches",
            Some(false) => "does not match",
            None => "not compared",
        }
    )?;
    writeln!(
        out,
        "  date:   {}",
        or_none(
            f.declared_date
                .as_ref()
                .map(|d| format!("{} ({:?}, {:?}: {:?})", d.date, d.stamp, d.source, d.raw))
        )
    )?;
    writeln!(
        out,
        "  byline: {}",
        or_none(
            f.byline
                .as_ref()
                .map(|b| format!("{} ({:?}, {:?})", b.name, b.kind, b.source))
        )
    )
}
