//! `chaff score`: is each page a scraper-farm copy of a wire story, and why?

use super::extract::load_extractor;
use crate::batch::{self, Outcome};
use crate::moderation::{self, NewItem, Queue, Sink, WebhookSecret};
use crate::verdict::{CrossSite, Pending, Record, Scorer, VerdictModel};
use crate::wire::WireIndex;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
#[command(after_help = super::help("\
Examples:
  chaff wire add --index wire.db feed.jsonl
  chaff score --index wire.db page.html          one line per page and a summary
  chaff score --index wire.db --jsonl crawl/     one JSON object per page

Each JSON object has: source, flagged, score, wire_match ({id, agency, similarity,
containment} or null), reasons ([{code, message, weight}], strongest first; weight is
the reason's push on the score in log-odds), title, site,
declared_date, byline, cluster ({size, sites, earliest_date}) and body.
Pages whose bodies are near copies of each other on different sites form clusters within
the run; a page's cluster is what the run has seen up to that page, within the last
--cluster-window pages (about 1.5 KB of memory each).

Moderation: with --moderate, flagged pages go to a SQLite queue (--queue, default
chaff-moderation.db), one item per (canonical URL, body hash), committed every --batch
items; re-running a batch adds nothing new. With --webhook URL (secret in the environment
variable CHAFF_WEBHOOK_SECRET), new items are delivered as signed Standard Webhooks
requests during the run and retried for up to --webhook-wait seconds at its end; what is
still pending is retried by the next run or by `chaff queue deliver`.
  chaff score --index wire.db --moderate --webhook https://mod.example/hook crawl.warc.gz
  chaff queue list

Before the first page is read, the run checks what it will need at its end: the index opens,
the queue file can be written, the webhook URL is http(s) with a host, the secret is set; if
any fails it exits 2 and creates no file.

Output is in input order unless --unordered. A record that cannot be read or scored (broken,
binary, empty, over --max-page-bytes) gets one line naming it (with `error` in JSON Lines)
and the run goes on; the plain output ends with a summary:
  3 inputs, 2 pages, 0 flagged, 1 error, 41.0 pages/s"))]
pub struct Args {
    /// HTML files (.html, .htm, optionally .gz), folders (walked recursively), WARC files
    /// (.warc, .warc.gz), JSON Lines files with `url` and `html`, or `-` for standard input.
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
    /// Emit pages as they finish rather than in input order.
    #[arg(long)]
    pub unordered: bool,
    /// Exit 1 when any record could not be read or scored.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub read: super::output::ReadArgs,
    /// Send flagged pages to the moderation queue.
    #[arg(long)]
    pub moderate: bool,
    /// The moderation queue file.
    #[arg(long, value_name = "PATH", default_value = moderation::DEFAULT_QUEUE_FILE)]
    pub queue: PathBuf,
    /// Deliver new queue items to this webhook (implies --moderate).
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
    /// At the end of the run, keep retrying failed deliveries for up to this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub webhook_wait: u64,
    /// Pages kept for finding near copies across sites in this run; when full, the window
    /// starts again empty, so that memory stays flat on crawls of any size.
    #[arg(long, value_name = "N", default_value_t = crate::verdict::cross_site::DEFAULT_WINDOW)]
    pub cluster_window: usize,
    /// Do not keep flagged pages' raw HTML (compressed) in the queue; without it a decision
    /// cannot become a training label (`chaff queue export --labels`).
    #[arg(long)]
    pub no_keep_html: bool,
    /// Commit flagged pages to the queue every this many items.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub batch: usize,
    /// When the pages were fetched (`2025-04-26T10:00:00Z` or `2025-04-26`), for records
    /// that do not say (WARC-Date and a JSONL `fetched` field do). It dates relative times
    /// such as "17 hours ago"; without it they date nothing.
    #[arg(long, value_name = "WHEN", value_parser = parse_fetched)]
    pub fetched: Option<i64>,
}

pub(super) fn parse_fetched(s: &str) -> Result<i64, String> {
    crate::calendar::parse_instant(s).ok_or_else(|| {
        format!("{s:?} is not a date (2025-04-26) or an instant (2025-04-26T10:00:00Z)")
    })
}

/// Everything the run needs at its end, checked before its first page (and before the queue
/// file is created): the webhook's URL and secret, and write access to the queue.
fn check_before_work(args: &Args) -> anyhow::Result<Option<moderation::Courier>> {
    let webhook = match &args.webhook {
        Some(url) => Some(moderation::Courier::new(
            url,
            WebhookSecret::from_env()?.ok_or_else(|| {
                anyhow::anyhow!("--webhook needs the signing secret in CHAFF_WEBHOOK_SECRET")
            })?,
            moderation::DeliveryOptions::default(),
        )?),
        None => None,
    };
    if args.moderate || webhook.is_some() {
        super::preflight::writable_file(&args.queue, "moderation queue")?;
    }
    Ok(webhook)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let webhook = check_before_work(&args)?;
    let extractor = load_extractor(args.model.as_deref())?;
    let verdicts = match &args.verdict_model {
        Some(p) => VerdictModel::load(p)?,
        None => VerdictModel::embedded().context("the embedded page model does not load")?,
    };
    let index = match &args.index {
        Some(p) => Some(WireIndex::open_read_only(p)?),
        None => None,
    };
    let scorer = Scorer::new(extractor, verdicts, index);
    let mut sink = open_sink(&args, webhook)?;
    let mut sink_error: Option<moderation::QueueError> = None;
    let opts = batch::Options {
        threads: args.threads,
        ordered: !args.unordered,
        progress: true,
    };
    let records = args.read.open(&args.inputs);
    let input_stats = records.stats_handle();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut batch = CrossSite::new(args.cluster_window);
    let keep_html = sink.is_some() && !args.no_keep_html;
    let summary = batch::run(
        records,
        opts,
        |record| {
            let (record, html) = super::output::read_page(record)?;
            let source = record.source;
            let fetched = record.fetched.or(args.fetched);
            let mut inspection = scorer
                .inspect(&html, fetched)
                .map_err(|e| (source.clone(), e.to_string()))?;
            // The parsed page is freed here, on the worker, not on the writing thread.
            let fingerprint = inspection.fingerprint.take();
            let pending = Pending::of(source, record.url.as_deref(), inspection);
            let kept = keep_html.then_some(html);
            Ok::<_, (String, String)>((pending, fingerprint, record.url, kept))
        },
        |result| {
            let written = match result {
                Ok((pending, fingerprint, url, html)) => {
                    let r = scorer.judge_pending_in(
                        &mut batch,
                        url.as_deref(),
                        &pending,
                        fingerprint.as_ref(),
                    );
                    let outcome = if r.flagged {
                        Outcome::Flagged
                    } else {
                        Outcome::Ok
                    };
                    if r.flagged
                        && let Some(s) = sink.as_mut()
                        && sink_error.is_none()
                        && let Err(e) = s.push(queue_item(&pending, url.as_deref(), &r, html))
                    {
                        sink_error = Some(e);
                    }
                    if args.jsonl {
                        super::output::write_json_line(&mut out, &r)
                    } else {
                        write_plain(&mut out, &r)
                    }
                    .map(|_| outcome)
                }
                Err((source, error)) if !args.jsonl => {
                    Ok(super::output::plain_error(&mut out, &source, &error))
                }
                Err((source, error)) => Ok(super::output::page_error(
                    &mut out, args.jsonl, &source, &error,
                )),
            };
            written.unwrap_or_else(super::output::write_failed)
        },
    );
    out.flush().ok();
    if let Some(e) = sink_error {
        return Err(e).context("the moderation queue failed; flagged pages after the last committed batch were not queued");
    }
    if let Some(s) = sink {
        let (counts, report) = s.finish(Duration::from_secs(args.webhook_wait))?;
        eprintln!(
            "chaff: moderation queue {}: {} new items, {} seen again",
            args.queue.display(),
            counts.added,
            counts.updated
        );
        if let Some(r) = report
            && (r.pending > 0 || r.failed > 0)
        {
            eprintln!(
                "chaff: webhook: {} still pending, {} failed; `chaff queue deliver` retries them",
                r.pending, r.failed
            );
        }
    }
    super::output::report_skipped(&input_stats.snapshot());
    if !args.jsonl {
        writeln!(out, "{}", super::output::summary_line(&summary)).ok();
    }
    out.flush().ok();
    Ok(super::output::batch_exit(&summary, args.strict).into())
}

/// Open the queue (with the checked webhook) when the run moderates.
fn open_sink(args: &Args, webhook: Option<moderation::Courier>) -> anyhow::Result<Option<Sink>> {
    if !args.moderate && webhook.is_none() {
        return Ok(None);
    }
    let queue = Queue::open(&args.queue)?;
    Ok(Some(Sink::new(queue, webhook, args.batch)))
}

/// A flagged page as the moderation queue keeps it: keyed by canonical URL (else the
/// record's URL, else where it was read from) and body hash.
fn queue_item(p: &Pending, url: Option<&str>, r: &Record, html: Option<String>) -> NewItem {
    let f = &p.facts;
    NewItem {
        url: f
            .canonical
            .clone()
            .or_else(|| url.map(str::to_string))
            .unwrap_or_else(|| p.source.clone()),
        body_hash: moderation::body_hash(&r.body),
        source: p.source.clone(),
        score: r.score,
        reasons: r.reasons.clone(),
        wire_match: r.wire_match.clone(),
        verdict: serde_json::json!({
            "flagged": r.flagged,
            "score": r.score,
            "declared_date": r.declared_date,
            "byline": r.byline,
        }),
        title: r.title.clone(),
        site: r.site.clone(),
        body: r.body.clone(),
        html,
    }
}

fn write_plain(out: &mut impl Write, r: &Record) -> std::io::Result<()> {
    let mark = if r.flagged { "FARM" } else { "ok  " };
    let site = r.site.as_deref().unwrap_or("?");
    let title = r.title.as_deref().unwrap_or("");
    writeln!(out, "{mark} {:.2}  {}  [{site}] {title}", r.score, r.source)?;
    if r.flagged {
        for reason in &r.reasons {
            writeln!(
                out,
                "       - {} ({:+.2}): {}",
                reason.code, reason.weight, reason.message
            )?;
        }
    }
    Ok(())
}
