//! `chaff bench`: extraction speed and memory on real pages.
//!
//! Pages are read into memory first, so the figures are of decoding, parsing, segmenting and
//! labelling, not of the disk. Each configuration runs `--rounds` times and the best round is
//! reported, the usual way to read through noise on a shared machine.

use crate::batch::{self, Outcome};
use anyhow::Context;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
#[command(after_help = super::help("\
Inputs: HTML files or folders (default: the Dragnet test split from ../shared/datasets or
$CHAFF_DATASETS), read into memory first so that disk speed does not count.
Output: pages/s and MB/s on one thread and on all cores, and peak memory: a table on
standard output, or one JSON object with --json.

Examples:
  chaff bench                      Dragnet test pages, 1 thread and all cores
  chaff bench --json pages/        your own pages, machine-readable"))]
pub struct Args {
    /// HTML files or folders to measure on (default: the Dragnet test split).
    pub inputs: Vec<PathBuf>,
    /// Rounds per configuration; the best is reported.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// A block model file instead of the embedded default.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
}

#[derive(Serialize)]
struct Run {
    threads: usize,
    pages: usize,
    megabytes: f64,
    seconds: f64,
    pages_per_second: f64,
    megabytes_per_second: f64,
}

#[derive(Serialize)]
struct Report {
    source: String,
    runs: Vec<Run>,
    /// Peak resident memory of the whole process (corpus in memory included), in MB.
    peak_rss_mb: f64,
    /// Resident memory after loading the corpus, before extracting, in MB.
    loaded_rss_mb: f64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = super::extract::load_extractor(args.model.as_deref())?;
    let (source, files) = if args.inputs.is_empty() {
        let files = dragnet_test_files().context("listing the Dragnet test pages")?;
        ("dragnet:test".to_string(), files)
    } else {
        let source = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        (source, args.inputs.clone())
    };
    let pages: Vec<Vec<u8>> = crate::input::open_inputs(&files)
        .map(|r| r.map(|r| r.bytes))
        .collect::<Result<_, _>>()?;
    // Measure on uncompressed bytes: MB/s of HTML, as other extractors report it.
    let pages: Vec<Vec<u8>> = pages
        .into_iter()
        .map(|b| crate::decode::gunzip_if_gzip(&b))
        .collect::<Result<_, _>>()?;
    let megabytes = pages.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    let loaded_rss_mb = rss_mb("VmRSS");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut runs = Vec::new();
    for threads in [1, cores] {
        let mut best = f64::MAX;
        for _ in 0..args.rounds.max(1) {
            let start = Instant::now();
            batch::run(
                pages.iter(),
                batch::Options {
                    threads,
                    ordered: false,
                    progress: false,
                },
                |bytes| match crate::decode::decode(bytes) {
                    Ok(html) => extractor.extract(&html).text.len(),
                    Err(_) => 0,
                },
                |_| Outcome::Ok,
            );
            best = best.min(start.elapsed().as_secs_f64());
        }
        runs.push(Run {
            threads,
            pages: pages.len(),
            megabytes,
            seconds: best,
            pages_per_second: pages.len() as f64 / best,
            megabytes_per_second: megabytes / best,
        });
        if cores == 1 {
            break;
        }
    }
    let report = Report {
        source,
        runs,
        peak_rss_mb: rss_mb("VmHWM"),
        loaded_rss_mb,
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!(
            "extraction over {} ({} pages, {:.1} MB of HTML)",
            report.source,
            pages.len(),
            megabytes
        );
        println!(
            "{:>8} {:>10} {:>10} {:>8}",
            "threads", "pages/s", "MB/s", "seconds"
        );
        for r in &report.runs {
            println!(
                "{:>8} {:>10.1} {:>10.2} {:>8.2}",
                r.threads, r.pages_per_second, r.megabytes_per_second, r.seconds
            );
        }
        println!(
            "peak RSS {:.0} MB (corpus loaded: {:.0} MB)",
            report.peak_rss_mb, report.loaded_rss_mb
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A memory figure of this process from /proc (Linux), in MB; 0 where unavailable.
fn rss_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The Dragnet test split's HTML files.
fn dragnet_test_files() -> anyhow::Result<Vec<PathBuf>> {
    let root = crate::datasets::require_root()?;
    Ok(
        crate::datasets::dragnet::entries(&root, crate::datasets::Split::Test)?
            .into_iter()
            .map(|e| e.path)
            .collect(),
    )
}
