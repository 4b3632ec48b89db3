//! `chaff serve`: the moderation queue in a browser, and a JSON API beside it.
//!
//! Built on axum (on tokio), the Rust default for HTTP servers: routing, extractors, body
//! limits and middleware are the ecosystem's, tested by many, not hand-written here. Pages
//! are maud templates (see `explain::report`): checked at compile time and escaping every
//! string by default, which matters because every page in the queue is hostile input.
//!
//! Security, in one place each:
//! - `security`: the token every write needs (`X-Chaff-Token`), the headers every answer
//!   carries (a CSP that allows no script but `/static/chaff.js`), errors as JSON;
//! - the raw page is never rendered live: the item page shows it, if at all, in an iframe
//!   sandboxed without scripts, under the same CSP;
//! - the server binds 127.0.0.1 unless told otherwise, and request bodies are capped.
//!
//! SQLite calls are short (a page of 50 items is one index walk), so the queue sits behind
//! one mutex; a decision is one transaction in the queue file, so decisions made at once (by
//! two browsers, or by a browser and `chaff queue resolve`) stay exactly-once.

mod api;
mod pages;
mod security;

use crate::explain::{ExplainError, Explainer, Explanation, WireTexts};
use crate::extract::Extractor;
use crate::moderation::{Queue, QueueError};
use crate::verdict::VerdictModel;
use crate::wire::WireIndex;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub use security::{TOKEN_ENV, TOKEN_HEADER, generate_token};

/// The largest request body accepted: a decision with a note is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// Items per list page unless the request says otherwise, and the most it may ask for.
pub const DEFAULT_PAGE: usize = 50;
pub const MAX_PAGE: usize = 500;

/// The default address: this machine only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// What the server works on.
pub struct App {
    queue: Mutex<Queue>,
    extractor: Extractor,
    verdicts: VerdictModel,
    index: Option<WireIndex>,
    texts: Option<WireTexts>,
    token: String,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

impl App {
    pub fn new(
        queue: Queue,
        extractor: Extractor,
        verdicts: VerdictModel,
        index: Option<WireIndex>,
        texts: Option<WireTexts>,
        token: String,
    ) -> App {
        App {
            queue: Mutex::new(queue),
            extractor,
            verdicts,
            index,
            texts,
            token,
        }
    }

    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The explain view of an item's kept page; `None` when its HTML was not kept.
    fn explain(&self, id: i64) -> Result<Option<Explanation>, QueueError> {
        let (html, source) = {
            let q = self.queue();
            let item = q.get(id)?;
            (q.html(id)?, item.source)
        };
        let Some(html) = html else {
            return Ok(None);
        };
        let explainer = Explainer {
            extractor: &self.extractor,
            verdicts: &self.verdicts,
            index: self.index.as_ref(),
            texts: self.texts.as_ref(),
        };
        match explainer.explain(&source, &html, None) {
            Ok(x) => Ok(Some(x)),
            // A wire index that fails mid-run is not the item's fault: show the page without.
            Err(ExplainError::Verdict(_)) => Explainer {
                index: None,
                ..explainer
            }
            .explain(&source, &html, None)
            .map(Some)
            .map_err(|e| QueueError::Write(std::io::Error::other(e.to_string()))),
            Err(e) => Err(QueueError::Write(std::io::Error::other(e.to_string()))),
        }
    }
}

/// The routes: pages, static files, the JSON API; every answer gets the security headers.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(pages::list))
        .route("/items/{id}", get(pages::item))
        .route("/static/chaff.css", get(pages::css))
        .route("/static/chaff.js", get(pages::js))
        .route("/api/items", get(api::list))
        .route("/api/items/{id}", get(api::item))
        .route("/api/items/{id}/decision", post(api::decide))
        .route("/api/items/{id}/blocks/{block}", post(api::mark_block))
        .fallback(security::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(app)
}

/// Serve on `addr` until the process is stopped; `ready` is called with the bound address
/// (port 0 picks a free one) before the first request is taken.
pub fn serve(app: App, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(Arc::new(app)))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
