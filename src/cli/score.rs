//! `chaff score`: is each page a scraper-farm copy of a wire story, and why?

use super::extract::{files_under, load_extractor};
use crate::batch::{self, Outcome};
use crate::fingerprint::{ClusterInfo, Clusters};
use crate::verdict::{Inspection, Reason, Verdict, VerdictModel, WireMatch};
use crate::wire::WireIndex;
use anyhow::Context;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  chaff wire add --index wire.db feed.jsonl
  chaff score --index wire.db page.html          one line per page and a summary
  chaff score --index wire.db --jsonl crawl/     one JSON object per page

Each JSON object has: source, flagged, score, wire_match ({id, agency, similarity,
containment} or null), reasons ([{code, message}], strongest first), title, site,
declared_date, byline, cluster ({size, sites, earliest_date}) and body.
Pages whose bodies are near copies of each other on different sites form clusters within
the run; a page's cluster is what the run has seen up to that page.

Exit code: 0 when every page was read, 1 when some could not be.")]
pub struct Args {
    /// HTML files (.html, .htm, optionally .gz) or folders (walked recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// A wire index made by `chaff wire add` to match bodies against.
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    /// One JSON object per page instead of a line of text.
    #[arg(long)]
    pub jsonl: bool,
    /// Worker threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// A block model file instead of the embedded default.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// A page model file instead of the embedded models/verdict.json.
    #[arg(long, value_name = "PATH")]
    pub verdict_model: Option<PathBuf>,
}

#[derive(Serialize)]
struct ClusterOut {
    size: usize,
    sites: usize,
    earliest_date: Option<String>,
}

#[derive(Serialize)]
struct PageOut<'a> {
    source: &'a str,
    flagged: bool,
    score: f32,
    wire_match: Option<&'a WireMatch>,
    reasons: &'a [Reason],
    title: Option<&'a str>,
    site: Option<&'a str>,
    declared_date: Option<&'a str>,
    byline: Option<&'a str>,
    cluster: Option<ClusterOut>,
    body: &'a str,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    source: &'a str,
    error: &'a str,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = load_extractor(args.model.as_deref())?;
    let verdicts = match &args.verdict_model {
        Some(p) => VerdictModel::load(p)?,
        None => VerdictModel::embedded().context("the embedded page model does not load")?,
    };
    let index = match &args.index {
        Some(p) => Some(WireIndex::open_read_only(p)?),
        None => None,
    };
    let opts = batch::Options {
        threads: args.threads,
        ordered: true,
        progress: true,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut clusters = Clusters::default();
    let summary = batch::run(
        files_under(&args.inputs),
        opts,
        |path: PathBuf| {
            let source = path.display().to_string();
            let bytes = std::fs::read(&path).map_err(|e| (source.clone(), e.to_string()))?;
            let html =
                crate::decode::decode(&bytes).map_err(|e| (source.clone(), e.to_string()))?;
            let inspection = Inspection::of(&extractor, index.as_ref(), &html)
                .map_err(|e| (source.clone(), e.to_string()))?;
            Ok::<_, (String, String)>((source, inspection))
        },
        |result| {
            let written = match result {
                Ok((source, i)) => {
                    let cluster: Option<ClusterInfo> = i.fingerprint.clone().map(|fp| {
                        let date = i.facts.declared_date.as_ref().map(|d| d.date.as_str());
                        clusters.add(&source, &i.site_key(&source), date, fp)
                    });
                    let v = verdicts.judge(&i.evidence(cluster.as_ref()));
                    let outcome = if v.flagged {
                        Outcome::Flagged
                    } else {
                        Outcome::Ok
                    };
                    if args.jsonl {
                        write_json(&mut out, &source, &i, &v, cluster)
                    } else {
                        write_plain(&mut out, &source, &i, &v)
                    }
                    .map(|_| outcome)
                }
                Err((source, error)) => {
                    eprintln!("chaff: {source}: {error}");
                    if args.jsonl {
                        serde_json::to_writer(
                            &mut out,
                            &ErrorOut {
                                source: &source,
                                error: &error,
                            },
                        )
                        .map_err(std::io::Error::from)
                        .and_then(|_| writeln!(out))
                        .map(|_| Outcome::Error)
                    } else {
                        Ok(Outcome::Error)
                    }
                }
            };
            written.unwrap_or_else(|e| {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("chaff: cannot write output: {e}");
                }
                Outcome::Error
            })
        },
    );
    if !args.jsonl {
        writeln!(
            out,
            "{} pages, {} flagged, {} errors, {:.1} pages/s",
            summary.items, summary.flagged, summary.errors, summary.items_per_second
        )
        .ok();
    }
    out.flush().ok();
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_json(
    out: &mut impl Write,
    source: &str,
    i: &Inspection,
    v: &Verdict,
    cluster: Option<ClusterInfo>,
) -> std::io::Result<()> {
    let f = &i.facts;
    let rec = PageOut {
        source,
        flagged: v.flagged,
        score: v.score,
        wire_match: v.wire_match.as_ref(),
        reasons: &v.reasons,
        title: f.title.as_ref().map(|t| t.value.as_str()),
        site: f.site_name.as_ref().map(|s| s.value.as_str()),
        declared_date: f.declared_date.as_ref().map(|d| d.date.as_str()),
        byline: f.byline.as_ref().map(|b| b.value.as_str()),
        cluster: cluster.map(|c| ClusterOut {
            size: c.size,
            sites: c.sites,
            earliest_date: c.earliest_date,
        }),
        body: &i.extraction.text,
    };
    serde_json::to_writer(&mut *out, &rec).map_err(std::io::Error::from)?;
    writeln!(out)
}

fn write_plain(
    out: &mut impl Write,
    source: &str,
    i: &Inspection,
    v: &Verdict,
) -> std::io::Result<()> {
    let f = &i.facts;
    let mark = if v.flagged { "FARM" } else { "ok  " };
    let site = f.site_name.as_ref().map_or("?", |s| s.value.as_str());
    let title = f.title.as_ref().map_or("", |t| t.value.as_str());
    writeln!(out, "{mark} {:.2}  {source}  [{site}] {title}", v.score)?;
    if v.flagged {
        for r in &v.reasons {
            writeln!(out, "       - {}: {}", r.code, r.message)?;
        }
    }
    Ok(())
}
