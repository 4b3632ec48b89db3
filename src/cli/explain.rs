//! `chaff explain`: why one page was judged as it was, as one self-contained HTML file.

use super::extract::load_extractor;
use crate::explain::{Explainer, WireTexts, report};
use crate::verdict::VerdictModel;
use crate::wire::WireIndex;
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = super::help("\
Examples:
  chaff wire add --index wire.db feed.jsonl
  chaff explain page.html --index wire.db --wire feed.jsonl --out report.html

The report shows the page's blocks in order, shaded by body probability (hover for the
figure); each fact (title, site name, date, byline, breadcrumb, widgets, link lists,
dateline, credit) with where it was read; the verdict and every reason with its weight in
log-odds; and, when the body matches a wire story, the body and the story side by side with
the shared runs highlighted and what the page cut or added. The wire index keeps no story
text: --wire gives the feed it was built from. The file loads nothing from outside and runs
no script (its own Content-Security-Policy forbids both).

Output: the HTML on standard output, or in --out FILE (0 when it was written; 2 when the
page, the index, the feed or a model could not be read)."))]
pub struct Args {
    /// One HTML file (optionally .gz).
    pub input: PathBuf,
    /// A wire index made by `chaff wire add` to match the body against.
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    /// The wire feed (JSON Lines) the index was built from, for the stories' text.
    #[arg(long, value_name = "FEED.jsonl")]
    pub wire: Option<PathBuf>,
    /// Write the report here instead of standard output.
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
    /// When the page was fetched (`2025-04-26T10:00:00Z`), for relative dates.
    #[arg(long, value_name = "WHEN", value_parser = super::score::parse_fetched)]
    pub fetched: Option<i64>,
    /// A block model file instead of the embedded default.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// A page model file instead of the embedded one.
    #[arg(long, value_name = "PATH")]
    pub verdict_model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = load_extractor(args.model.as_deref())?;
    let verdicts = load_verdicts(args.verdict_model.as_deref())?;
    let index = match &args.index {
        Some(p) => Some(WireIndex::open_read_only(p)?),
        None => None,
    };
    let texts = match &args.wire {
        Some(p) => Some(WireTexts::load(p)?),
        None => None,
    };
    // The first page of the input (a WARC or JSON Lines file may hold more; one report is
    // one page).
    let record = crate::input::open_inputs(std::slice::from_ref(&args.input))
        .next()
        .with_context(|| format!("{}: no page in it", args.input.display()))?;
    let (record, html) =
        super::output::read_page(record).map_err(|(source, e)| anyhow::anyhow!("{source}: {e}"))?;
    let source = record.source;
    let fetched = record.fetched.or(args.fetched);
    let x = Explainer {
        extractor: &extractor,
        verdicts: &verdicts,
        index: index.as_ref(),
        texts: texts.as_ref(),
    }
    .explain(&source, &html, fetched)?;
    let page = report::standalone(&x);
    match &args.out {
        Some(p) => {
            std::fs::write(p, page).with_context(|| format!("cannot write {}", p.display()))?;
            eprintln!(
                "wrote {} ({}, score {:.3}, {} reasons)",
                p.display(),
                if x.verdict.flagged {
                    "flagged"
                } else {
                    "not flagged"
                },
                x.verdict.score,
                x.reasons.len()
            );
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(page.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The page model from a file, or the embedded one.
pub(super) fn load_verdicts(path: Option<&std::path::Path>) -> anyhow::Result<VerdictModel> {
    Ok(match path {
        Some(p) => VerdictModel::load(p)?,
        None => VerdictModel::embedded().context("the embedded page model does not load")?,
    })
}
