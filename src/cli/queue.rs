//! `chaff queue`: the moderator's side of the moderation queue.

use crate::moderation::{
    DEFAULT_QUEUE_FILE, Decision, DeliveryOptions, DeliveryState, HistoryEntry, Item, OutboxEntry,
    Queue, RetryPolicy, Status, WebhookSecret, rfc3339,
};
use anyhow::{Context, bail};
use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
#[command(after_help = super::help("\
A moderator's day:
  chaff score --moderate crawl.warc.gz      # flagged pages go to chaff-moderation.db
  chaff queue list --status pending         # what waits for a decision
  chaff queue show 12                       # one item: reasons, wire match, body, history
  chaff queue resolve 12 --confirm --note 'AP copy, no licence'   # it is a farm copy
  chaff queue resolve 13 --dismiss --note 'licensed syndication'  # the flag was wrong
  chaff queue export --jsonl > decisions.jsonl
  chaff queue export --labels moderated.jsonl   # decided pages, for train-verdict --labelled
  CHAFF_WEBHOOK_SECRET=whsec_... chaff queue deliver --webhook https://mod.example/hooks
  chaff serve --queue chaff-moderation.db       # the same in a browser

list, show and export only read the file (a read-only queue works); resolve and deliver
write it. A queue written by an older chaff is migrated when first opened for writing."))]
pub struct Args {
    /// The queue file (SQLite).
    #[arg(long, global = true, value_name = "PATH", default_value = DEFAULT_QUEUE_FILE)]
    queue: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List items, oldest first, as a table or as JSON Lines.
    #[command(after_help = super::help("\
Input: the queue file (--queue, default chaff-moderation.db; a missing file is an error).
Output: one row per item (ID, STATUS, SCORE, LAST SEEN, WIRE MATCH, URL, TOP REASON), or one
JSON object per item with --jsonl.

Examples:
  chaff queue list --status pending
  chaff queue list --jsonl | jq .url"))]
    List {
        /// Only items with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// One JSON object per item (id, url, status, score, reasons, wire_match, …).
        #[arg(long)]
        jsonl: bool,
    },
    /// Show one item: verdict, reasons, wire match, body, history, webhook delivery.
    #[command(after_help = super::help("\
Output: the item on standard output, as text or as one JSON object with --jsonl; an ID that
is not in the queue is an error.

Example:
  chaff queue show 17"))]
    Show {
        /// The item's number, as `chaff queue list` shows it in its ID column.
        id: i64,
        /// One JSON object: the item with its `history` and `delivery`.
        #[arg(long)]
        jsonl: bool,
    },
    /// Decide an item: --confirm (it is a farm copy) or --dismiss (the flag was wrong).
    #[command(after_help = super::help("\
Output: one line saying what changed; the decision, who made it, when and the note go to the
item's history. An ID that is not in the queue is an error. Without --confirm or --dismiss,
the item is shown and the answer (c or d) read from standard input.

Examples:
  chaff queue resolve 17 --confirm --note 'AP copy on a finance farm'
  chaff queue resolve 18 --dismiss --note 'licensed syndication' --by alice"))]
    Resolve {
        /// The item's number, as `chaff queue list` shows it in its ID column.
        id: i64,
        /// It is a farm copy: the flag was right (status `confirmed`).
        #[arg(long, conflicts_with = "dismiss")]
        confirm: bool,
        /// The flag was wrong: the page is fine (status `dismissed`).
        #[arg(long)]
        dismiss: bool,
        /// Why, for the history.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Who decides (default: $USER, else $LOGNAME).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Write every item as JSON Lines to standard output, or decided pages as labels.
    #[command(after_help = super::help("\
Output: one JSON object per item on standard output; with --labels FILE, decided pages in
FILE (for chaff train-verdict --labelled) and block marks in FILE.blocks.jsonl (for chaff
train).

Examples:
  chaff queue export --jsonl > queue.jsonl
  chaff queue export --labels moderated.jsonl"))]
    Export {
        /// JSON Lines of every item to standard output (the default).
        #[arg(long, conflicts_with = "labels")]
        jsonl: bool,
        /// Write confirmed and dismissed pages whose HTML was kept to FILE, one JSON object
        /// a line (`url`, `html`, `farm`, `decided_by`, `note`), for
        /// `chaff train-verdict --labelled FILE`; and moderators' block marks to
        /// FILE.blocks.jsonl in chaff's training format, for `chaff train`.
        #[arg(long, value_name = "FILE")]
        labels: Option<PathBuf>,
        /// With --labels: the wire feed (JSON Lines) the index was built from, so that each
        /// confirmed copy carries its story and training sees it with its wire match.
        #[arg(long, value_name = "FEED.jsonl", requires = "labels")]
        wire: Option<PathBuf>,
    },
    /// Send items not yet delivered to a webhook (Standard Webhooks signing).
    ///
    /// The secret comes from CHAFF_WEBHOOK_SECRET (`whsec_<base64>` or raw text). Failed
    /// attempts (5xx, 408, 429, timeouts, refused connections) are retried with exponential
    /// backoff, within this run for up to --wait seconds and by later runs after that; other
    /// 4xx answers mark the item failed. Exit 1 when items are still pending or failed.
    #[command(after_help = super::help("\
Output: one line: attempts, delivered, failed, still pending.

Example:
  CHAFF_WEBHOOK_SECRET=whsec_... chaff queue deliver --webhook https://mod.example/hooks"))]
    Deliver {
        /// Receiver URL (http or https).
        #[arg(long, value_name = "URL")]
        webhook: String,
        /// Seconds this run may wait for retries to come due.
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        wait: u64,
        /// Seconds allowed for one request.
        #[arg(long, value_name = "SECS", default_value_t = 10)]
        timeout: u64,
        /// Attempts after which an item is marked failed.
        #[arg(long, value_name = "N", default_value_t = 20)]
        max_attempts: u32,
        /// First put items marked failed back in line (after fixing the receiver).
        #[arg(long)]
        retry_failed: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    Pending,
    Confirmed,
    Dismissed,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Pending => Status::Pending,
            StatusArg::Confirmed => Status::Confirmed,
            StatusArg::Dismissed => Status::Dismissed,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let writes = matches!(
        args.command,
        Command::Resolve { .. } | Command::Deliver { .. }
    );
    let mut queue = open_existing(&args.queue, writes)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.command {
        Command::List { status, jsonl } => {
            let status = status.map(Status::from);
            if jsonl {
                queue.export_jsonl(status, &mut out)?;
            } else {
                let mut n = 0;
                queue.each_item(status, |item| {
                    if n == 0 {
                        print_header(&mut out)?;
                    }
                    n += 1;
                    print_row(&mut out, &item)?;
                    Ok(())
                })?;
                match n {
                    0 => writeln!(out, "(no items)")?,
                    n => writeln!(out, "{n} items")?,
                }
            }
        }
        Command::Show { id, jsonl } => {
            let item = queue.get(id)?;
            let history = queue.history(id)?;
            let delivery = queue.outbox_entry(id)?;
            if jsonl {
                #[derive(Serialize)]
                struct Shown<'a> {
                    #[serde(flatten)]
                    item: &'a Item,
                    history: &'a [HistoryEntry],
                    delivery: Option<&'a OutboxEntry>,
                }
                let shown = Shown {
                    item: &item,
                    history: &history,
                    delivery: delivery.as_ref(),
                };
                serde_json::to_writer(&mut out, &shown)?;
                writeln!(out)?;
            } else {
                print_item(&mut out, &item, &history, delivery.as_ref())?;
            }
        }
        Command::Resolve {
            id,
            confirm,
            dismiss,
            note,
            by,
        } => {
            let decision = match (confirm, dismiss) {
                (true, _) => Decision::Confirm,
                (_, true) => Decision::Dismiss,
                _ => ask_decision(&queue.get(id)?)?,
            };
            let who = by
                .or_else(|| std::env::var("USER").ok())
                .or_else(|| std::env::var("LOGNAME").ok())
                .filter(|w| !w.trim().is_empty())
                .unwrap_or_else(|| "unknown".to_string());
            let item = queue.resolve(id, decision, &who, note.as_deref())?;
            writeln!(out, "item {}: {} by {}", item.id, item.status, who)?;
        }
        Command::Export {
            jsonl: _,
            labels,
            wire,
        } => match labels {
            Some(file) => {
                let extractor = super::extract::load_extractor(None)?;
                let texts = match &wire {
                    Some(p) => Some(crate::explain::WireTexts::load(p)?),
                    None => None,
                };
                let story = |id: &str| texts.as_ref().and_then(|t| t.get(id).cloned());
                let n = crate::moderation::export_labels(&queue, &file, story, |html| {
                    extractor.extract(html).labels
                })?;
                eprintln!(
                    "wrote {} decided pages to {} and {} pages of block marks to {}",
                    n.pages,
                    file.display(),
                    n.block_pages,
                    crate::moderation::blocks_path(&file).display()
                );
                if n.without_html > 0 {
                    eprintln!(
                        "chaff: {} decided items have no kept HTML (scored with --no-keep-html \
                         or by an older chaff) and were left out",
                        n.without_html
                    );
                }
            }
            None => {
                let n = queue.export_jsonl(None, &mut out)?;
                eprintln!("exported {n} items from {}", args.queue.display());
            }
        },
        Command::Deliver {
            webhook,
            wait,
            timeout,
            max_attempts,
            retry_failed,
        } => {
            let secret = WebhookSecret::from_env()?.context(
                "set CHAFF_WEBHOOK_SECRET (whsec_<base64> or raw text) to sign deliveries",
            )?;
            let options = DeliveryOptions {
                timeout: Duration::from_secs(timeout.max(1)),
                retry: RetryPolicy {
                    max_attempts: max_attempts.max(1),
                    ..RetryPolicy::default()
                },
                wait_for_retries: Duration::from_secs(wait),
            };
            if retry_failed {
                let n = queue.requeue_failed()?;
                eprintln!("chaff: {n} failed items put back in line");
            }
            let report = queue.deliver(&webhook, &secret, &options)?;
            for e in &report.errors {
                eprintln!("chaff: {e}");
            }
            let counts = queue.outbox_counts()?;
            writeln!(
                out,
                "{} attempts: {} delivered, {} failed, {} still pending{} \
                 (queue: {} delivered, {} failed in all)",
                report.attempts,
                report.delivered,
                report.failed,
                report.pending,
                report
                    .next_attempt_at
                    .map(|t| format!(", next retry at {}", rfc3339(t)))
                    .unwrap_or_default(),
                counts.delivered,
                counts.failed,
            )?;
            out.flush()?;
            if counts.pending > 0 || counts.failed > 0 {
                return Ok(ExitCode::from(1));
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Reading commands on a file that does not exist would create an empty queue: say so
/// instead. Commands that only read open the file read-only.
fn open_existing(path: &Path, writes: bool) -> anyhow::Result<Queue> {
    if !path.exists() {
        bail!(
            "no moderation queue at {} (chaff score --moderate creates it; --queue PATH picks another)",
            path.display()
        );
    }
    Ok(if writes {
        Queue::open(path)?
    } else {
        Queue::open_read_only(path)?
    })
}

/// `resolve` without --confirm or --dismiss: show what is decided and ask which.
fn ask_decision(item: &Item) -> anyhow::Result<Decision> {
    let mut err = std::io::stderr();
    writeln!(
        err,
        "item {} [{}] {}\n  {}",
        item.id,
        item.status,
        item.title.as_deref().unwrap_or("-"),
        item.url
    )?;
    write!(
        err,
        "Is this page a scraper-farm copy? [c]onfirm (it is) / [d]ismiss (the flag was wrong): "
    )?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    match answer.trim().to_lowercase().as_str() {
        "c" | "confirm" => Ok(Decision::Confirm),
        "d" | "dismiss" => Ok(Decision::Dismiss),
        "" => bail!("no decision given: pass --confirm or --dismiss"),
        other => bail!("{other:?} is neither confirm nor dismiss: pass --confirm or --dismiss"),
    }
}

fn print_header(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>5}  {:<8}  {:>5}  {:<10}  {:<22}  {:<48}  TOP REASON",
        "ID", "STATUS", "SCORE", "LAST SEEN", "WIRE MATCH", "URL"
    )
}

fn print_row(out: &mut impl Write, it: &Item) -> std::io::Result<()> {
    let wire = it
        .wire_match
        .as_ref()
        .map(|w| format!("{} {:.0}%", w.id, w.containment * 100.0))
        .unwrap_or_else(|| "-".to_string());
    let reason = it.reasons.first().map(|r| r.code.as_str()).unwrap_or("-");
    writeln!(
        out,
        "{:>5}  {:<8}  {:>5.2}  {:<10}  {:<22}  {:<48}  {}",
        it.id,
        it.status.as_str(),
        it.score,
        &rfc3339(it.last_seen)[..10],
        clip(&wire, 22),
        clip(&it.url, 48),
        reason
    )
}

fn print_item(
    out: &mut impl Write,
    it: &Item,
    history: &[HistoryEntry],
    delivery: Option<&OutboxEntry>,
) -> std::io::Result<()> {
    writeln!(
        out,
        "item {}  [{}]  score {:.3}",
        it.id, it.status, it.score
    )?;
    writeln!(out, "url:        {}", it.url)?;
    writeln!(out, "source:     {}", it.source)?;
    writeln!(out, "title:      {}", it.title.as_deref().unwrap_or("-"))?;
    writeln!(out, "site:       {}", it.site.as_deref().unwrap_or("-"))?;
    writeln!(
        out,
        "seen:       first {}, last {}, {} time(s)",
        rfc3339(it.first_seen),
        rfc3339(it.last_seen),
        it.seen_count
    )?;
    match &it.wire_match {
        Some(w) => writeln!(
            out,
            "wire match: {} ({}), similarity {:.2}, containment {:.2}",
            w.id, w.agency, w.similarity, w.containment
        )?,
        None => writeln!(out, "wire match: -")?,
    }
    writeln!(out, "reasons:")?;
    for r in &it.reasons {
        writeln!(out, "  - {}: {}", r.code, r.message)?;
    }
    writeln!(out, "history:")?;
    for h in history {
        writeln!(
            out,
            "  {}  {} -> {}  by {}{}",
            rfc3339(h.at),
            h.from.map(Status::as_str).unwrap_or("(new)"),
            h.to,
            h.by,
            h.note
                .as_deref()
                .map(|n| format!("  \"{n}\""))
                .unwrap_or_default()
        )?;
    }
    if let Some(d) = delivery {
        write!(out, "webhook:    ")?;
        // Every item has an outbox row from the start; one never tried is not "pending"
        // for a webhook nobody has set.
        match (d.state, d.attempts) {
            (DeliveryState::Pending, 0) => write!(
                out,
                "not sent yet (no delivery tried; `chaff queue deliver --webhook URL` sends it)"
            )?,
            (state, n) => write!(
                out,
                "{} {}, {n} attempt{}",
                d.webhook_id,
                state.as_str(),
                if n == 1 { "" } else { "s" }
            )?,
        }
        if let Some(e) = &d.last_error {
            write!(out, ", last error: {e}")?;
        }
        writeln!(out)?;
    }
    writeln!(out, "body:")?;
    for line in body_preview(&it.body, BODY_PREVIEW_CHARS).lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// How much of the body `queue show` prints: enough to recognise the story.
const BODY_PREVIEW_CHARS: usize = 600;

/// The first `n` characters of a body, marked when cut.
fn body_preview(body: &str, n: usize) -> String {
    let mut s: String = body.chars().take(n).collect();
    if body.chars().count() > n {
        s.push_str(" …");
    }
    s
}

/// Cut a string to `n` characters, marking the cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n - 1).collect();
        c.push('…');
        c
    }
}
