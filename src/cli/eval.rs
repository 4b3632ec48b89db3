//! `chaff eval`: extract the pages of labelled dataset splits and score them against gold.

use crate::datasets::{self, Split};
use crate::eval::{self, Report};
use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The sets with targets in the README, evaluated when no `--dataset` is given.
const DEFAULT_SETS: &[&str] = &["dragnet", "wcxb", "l3s-gn1", "googletrends"];

#[derive(clap::Args)]
#[command(after_help = super::help("\
Output: a table on standard output (or JSON Lines with --json), one row per dataset.

Datasets: l3s-gn1, googletrends, dragnet, cleaneval, cleanportaleval, wcxb, readability, or a
path to a chaff .jsonl file (see training-data/README.md). The split defaults to test; the
splits are listed in training-data/README.md. Data is read from ../shared/datasets or
$CHAFF_DATASETS.

trafilatura-eval (990 pages chosen by trafilatura's authors, never trained on; no splits) is
scored by trafilatura's own snippet metric instead: text that must be in the output (with)
and must not (without), precision / recall / accuracy / F-score of the summed counts.

Metrics, per dataset: token precision / recall / F1 (bag of lower-cased words, per page, then
averaged), the Zyte article-extraction-benchmark metric (word 4-gram shingles; precision over
pages with output, recall over pages with gold) and, on block-labelled sets (l3s-gn1,
googletrends, .jsonl pages with labels), block-level P/R/F1 of the body class.

Examples:
  chaff eval                                   dragnet, wcxb, l3s-gn1, googletrends test splits
  chaff eval --dataset dragnet --dataset wcxb:dev
  chaff eval --dataset mine.jsonl:test --model models/mine.json --json
  chaff eval --dataset wcxb --json --pages     the summary line, then one line per page
  chaff eval --dataset trafilatura-eval        trafilatura's benchmark, by its metric"))]
pub struct Args {
    /// A dataset to score, NAME[:SPLIT] (split: train, dev, test, all; default test).
    /// Repeat for several.
    #[arg(long = "dataset", value_name = "NAME[:SPLIT]")]
    pub datasets: Vec<String>,
    /// One JSON object per dataset (JSON Lines) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also print every page's scores, one JSON object per line (dataset, split, id, token,
    /// shingle, blocks), after the summary: for finding the pages that fail.
    #[arg(long)]
    pub pages: bool,
    /// A block model file instead of the embedded default.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = super::extract::load_extractor(args.model.as_deref())?;
    let specs: Vec<String> = if args.datasets.is_empty() {
        DEFAULT_SETS.iter().map(|s| s.to_string()).collect()
    } else {
        args.datasets.clone()
    };
    let say = |m: &str| {
        if std::io::stderr().is_terminal() {
            eprintln!("chaff eval: {m}");
        }
    };
    let mut reports = Vec::new();
    let mut snippet_reports = Vec::new();
    for spec in &specs {
        let (name, split) = datasets::parse_spec(spec, Split::Test)?;
        if name == datasets::trafilatura::NAME {
            say(&format!("loading and scoring {name}"));
            let r = eval::snippets(&extractor, &datasets::root())
                .with_context(|| format!("evaluating {name}"))?;
            if !r.skipped.is_empty() || !r.failed.is_empty() {
                say(&format!(
                    "{name}: {} pages missing, {} unreadable (see --json)",
                    r.skipped.len(),
                    r.failed.len()
                ));
            }
            snippet_reports.push(r);
            continue;
        }
        say(&format!("loading and scoring {name}:{split}"));
        let report = eval::evaluate(&extractor, &name, split)
            .with_context(|| format!("evaluating {name}:{split}"))?;
        if !report.skipped.is_empty() {
            say(&format!(
                "{name}:{split}: {} pages skipped (see --json for reasons)",
                report.skipped.len()
            ));
        }
        reports.push(report);
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        for r in &reports {
            writeln!(out, "{}", serde_json::to_string(r)?)?;
        }
        for r in &snippet_reports {
            writeln!(out, "{}", serde_json::to_string(r)?)?;
        }
    } else {
        if !reports.is_empty() {
            write!(out, "{}", table(&reports))?;
        }
        for r in &snippet_reports {
            writeln!(
                out,
                "{:<24} {:>5}  snippets: precision {:.3}  recall {:.3}  accuracy {:.3}  F-score {:.3}",
                r.dataset, r.pages, r.precision, r.recall, r.accuracy, r.f1
            )?;
        }
    }
    if args.pages {
        for r in &reports {
            for p in &r.scores {
                let line = serde_json::json!({
                    "dataset": r.dataset,
                    "split": r.split,
                    "id": p.id,
                    "token": p.token,
                    "shingle": p.shingle,
                    "blocks": p.blocks,
                });
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The human-readable table: one row per dataset, and the mean token F1 when there are
/// several.
fn table(reports: &[Report]) -> String {
    let mut s = format!(
        "{:<24} {:>5} {:>5}  {:>7} {:>7} {:>7}  {:>7} {:>7} {:>7}  {:>7} {:>7} {:>7}\n",
        "dataset:split",
        "pages",
        "skip",
        "tok P",
        "tok R",
        "tok F1",
        "zyte P",
        "zyte R",
        "zyte F1",
        "blk P",
        "blk R",
        "blk F1"
    );
    for r in reports {
        let m = &r.summary;
        let name = format!("{}:{}", r.dataset, r.split);
        let blocks = match &m.blocks {
            Some(b) => format!("{:>7.3} {:>7.3} {:>7.3}", b.precision, b.recall, b.f1),
            None => format!("{:>7} {:>7} {:>7}", "-", "-", "-"),
        };
        s += &format!(
            "{:<24} {:>5} {:>5}  {:>7.3} {:>7.3} {:>7.3}  {:>7.3} {:>7.3} {:>7.3}  {}\n",
            name,
            m.pages,
            r.skipped.len(),
            m.token.precision,
            m.token.recall,
            m.token.f1,
            m.shingle.precision,
            m.shingle.recall,
            m.shingle.f1,
            blocks
        );
    }
    if reports.len() > 1 {
        let mean = reports.iter().map(|r| r.summary.token.f1).sum::<f64>() / reports.len() as f64;
        s += &format!(
            "{:<24} {:>5} {:>5}  {:>7} {:>7} {:>7.3}\n",
            "mean", "", "", "", "", mean
        );
    }
    s
}
