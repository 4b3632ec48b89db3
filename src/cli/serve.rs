//! `chaff serve`: the moderation queue in a browser, with a JSON API.

use super::explain::load_verdicts;
use super::extract::load_extractor;
use crate::explain::WireTexts;
use crate::moderation::{DEFAULT_QUEUE_FILE, Queue};
use crate::serve::{App, DEFAULT_ADDR, TOKEN_ENV, generate_token, serve};
use crate::wire::WireIndex;
use anyhow::bail;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = super::help("\
Examples:
  chaff serve --queue chaff-moderation.db --index wire.db --wire feed.jsonl
  CHAFF_SERVE_TOKEN=s3cret chaff serve --addr 127.0.0.1:9000

Pages: / (the list: filter by status, site, agency, score; sort; next page) and
/items/ID (the explain view, history, deliveries; confirm or dismiss with a note and a
name; mark blocks body or boilerplate). Keys: j/k move, Enter opens, c confirms (the page
is a farm copy), d dismisses (the flag was wrong).

JSON API (README, \"The moderator's web view\"):
  GET  /api/items?status=pending&limit=N&after=ID   -> {\"items\": [...], \"next\": ID|null}
  GET  /api/items/ID                                -> the item, history, facts, explanation
  POST /api/items/ID/decision  {\"decision\": \"confirm\"|\"dismiss\", \"note\", \"by\"}
                                                    -> 200 item, 409 already decided, 404
Every write needs the header X-Chaff-Token: the token comes from CHAFF_SERVE_TOKEN, or is
generated and printed at start (with a link that hands it to the browser); 401 without it.

The server binds 127.0.0.1 unless --addr says otherwise. It runs until stopped with Ctrl-C
(exit 0); 2 when the queue, index, feed or address could not be opened."))]
pub struct Args {
    /// The queue file (SQLite), as `chaff score --moderate` writes it.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_QUEUE_FILE)]
    pub queue: PathBuf,
    /// A wire index, for the explain view's wire match.
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    /// The wire feed (JSON Lines) the index was built from, for the side-by-side text.
    #[arg(long, value_name = "FEED.jsonl")]
    pub wire: Option<PathBuf>,
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// A block model file instead of the embedded default.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// A page model file instead of the embedded one.
    #[arg(long, value_name = "PATH")]
    pub verdict_model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.queue.exists() {
        bail!(
            "no moderation queue at {} (chaff score --moderate creates it; --queue PATH picks another)",
            args.queue.display()
        );
    }
    let queue = Queue::open(&args.queue)?;
    let index = match &args.index {
        Some(p) => Some(WireIndex::open_read_only(p)?),
        None => None,
    };
    let texts = match &args.wire {
        Some(p) => Some(WireTexts::load(p)?),
        None => None,
    };
    let (token, generated) = match std::env::var(TOKEN_ENV) {
        Ok(t) if !t.trim().is_empty() => (t.trim().to_string(), false),
        _ => (generate_token(), true),
    };
    let app = App::new(
        queue,
        load_extractor(args.model.as_deref())?,
        load_verdicts(args.verdict_model.as_deref())?,
        index,
        texts,
        token.clone(),
    );
    serve(app, args.addr, |addr| {
        eprintln!("chaff serve: {} on http://{addr}/", args.queue.display());
        if generated {
            eprintln!("chaff serve: write token {token} (set {TOKEN_ENV} to choose one)");
            eprintln!("chaff serve: open http://{addr}/#token={token}");
        } else {
            eprintln!(
                "chaff serve: write token from {TOKEN_ENV}; open http://{addr}/#token=<token>"
            );
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
