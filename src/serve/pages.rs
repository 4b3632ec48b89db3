//! The HTML pages: the list and an item. Every page string goes through maud's escaping.

use super::api::{Params, filter, parse_id};
use super::security::ApiError;
use super::{App, DEFAULT_PAGE};
use crate::explain::report;
use crate::moderation::{
    HistoryEntry, Item, ItemFilter, ItemPage, Order, OutboxEntry, Status, rfc3339,
};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse};
use maud::{DOCTYPE, Markup, html};
use std::sync::Arc;

/// The pages' own script: keyboard shortcuts, decisions and block marks through the API.
const JS: &str = include_str!("chaff.js");

pub async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        report::CSS,
    )
}

pub async fn js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        JS,
    )
}

fn layout(title: &str, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="referrer" content="no-referrer";
                    title { (title) " · chaff" }
                    link rel="stylesheet" href="/static/chaff.css";
                    script src="/static/chaff.js" defer {}
                }
                body {
                    nav.top {
                        a href="/" { strong { "chaff moderation" } }
                        span.note { "keys: " kbd { "j" } "/" kbd { "k" } " move, " kbd { "Enter" } " open, "
                            kbd { "c" } " confirm (farm copy), " kbd { "d" } " dismiss (flag was wrong)" }
                        span #message role="status" {}
                    }
                    (body)
                }
            }
        }
        .into_string(),
    )
}

fn status_badge(s: Status) -> Markup {
    html! { span class=(format!("badge status-{s}")) { (s.as_str()) } }
}

/// The query string of a filter, for links (`after` left out unless given).
fn query(f: &ItemFilter, after: Option<i64>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut add = |k: &str, v: &str| {
        parts.push(format!("{k}={}", urlencode(v)));
    };
    // No status is "all" here: a list without one opens on the pending items.
    add("status", f.status.map_or("all", Status::as_str));
    if let Some(s) = &f.site {
        add("site", s);
    }
    if let Some(a) = &f.agency {
        add("agency", a);
    }
    if let Some(m) = f.min_score {
        add("min_score", &m.to_string());
    }
    if f.order != Order::default() {
        add("order", f.order.as_str());
    }
    if f.limit != DEFAULT_PAGE {
        add("limit", &f.limit.to_string());
    }
    if let Some(a) = after {
        add("after", &a.to_string());
    }
    format!("?{}", parts.join("&"))
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The list page's markup for one page of items: what the bench measures.
pub fn list_markup(f: &ItemFilter, page: &ItemPage, counts: &[(Status, u64)]) -> Html<String> {
    let order_opt = |o: Order| {
        html! { option value=(o.as_str()) selected[f.order == o] { (o.as_str()) } }
    };
    layout(
        "queue",
        html! {
            p {
                @for (s, n) in counts {
                    a href=(format!("/?status={s}")) { (status_badge(*s)) " " (n) } " "
                }
                a href="/?status=all" { "all" }
            }
            form.filters method="get" action="/" {
                label { "status "
                    select name="status" {
                        option value="all" selected[f.status.is_none()] { "all" }
                        @for s in Status::ALL { option value=(s.as_str()) selected[f.status == Some(s)] { (s.as_str()) } }
                    }
                }
                label { "site " input type="text" name="site" value=(f.site.as_deref().unwrap_or("")); }
                label { "agency " input type="text" name="agency" size="8" value=(f.agency.as_deref().unwrap_or("")); }
                label { "score ≥ " input type="text" name="min_score" size="5" value=(f.min_score.map(|m| m.to_string()).unwrap_or_default()); }
                label { "order " select name="order" { (order_opt(Order::Newest)) (order_opt(Order::Oldest)) (order_opt(Order::Score)) } }
                button type="submit" { "filter" }
            }
            table #items {
                thead { tr { th { "id" } th { "status" } th.num { "score" } th { "site" } th { "wire" } th { "title" } th { "top reason" } th { "last seen" } } }
                tbody {
                    @for it in &page.items {
                        tr.item data-id=(it.id) data-href=(format!("/items/{}", it.id)) {
                            td { a href=(format!("/items/{}", it.id)) { (it.id) } }
                            td { (status_badge(it.status)) }
                            td.num { (format!("{:.2}", it.score)) }
                            td { (it.site.as_deref().unwrap_or("-")) }
                            td { (it.agency.as_deref().unwrap_or("-")) " " (it.wire_id.as_deref().unwrap_or("")) }
                            td.title { a href=(format!("/items/{}", it.id)) { (it.title.as_deref().unwrap_or(&it.url)) } }
                            td { code { (it.top_reason.as_deref().unwrap_or("-")) } }
                            td { (&rfc3339(it.last_seen)[..10]) }
                        }
                    }
                }
            }
            @if page.items.is_empty() { p { "No items." } }
            @if let Some(next) = page.next {
                p { a #next rel="next" href=(query(f, Some(next))) { "next page →" } }
            }
        },
    )
}

pub async fn list(
    State(app): State<Arc<App>>,
    Query(q): Query<Params>,
) -> Result<Html<String>, ApiError> {
    // The list opens on what waits for a decision.
    let mut f = filter(&q)?;
    if !q.contains_key("status") {
        f.status = Some(Status::Pending);
    }
    let (page, counts) = {
        let queue = app.queue();
        (queue.page(&f)?, queue.status_counts()?)
    };
    Ok(list_markup(&f, &page, &counts))
}

fn history_table(history: &[HistoryEntry]) -> Markup {
    html! {
        table #history {
            thead { tr { th { "when" } th { "from" } th { "to" } th { "by" } th { "note" } } }
            tbody {
                @for h in history {
                    tr {
                        td { (rfc3339(h.at)) }
                        td { (h.from.map(Status::as_str).unwrap_or("(new)")) }
                        td { (status_badge(h.to)) }
                        td { (h.by) }
                        td { (h.note.as_deref().unwrap_or("")) }
                    }
                }
            }
        }
    }
}

fn deliveries_table(rows: &[OutboxEntry]) -> Markup {
    html! {
        table #deliveries {
            thead { tr { th { "event" } th { "webhook-id" } th { "state" } th.num { "attempts" } th { "last error" } } }
            tbody {
                @for d in rows {
                    tr {
                        td { (d.event.as_str()) }
                        td { code { (d.webhook_id) } }
                        td { @if d.attempts == 0 && d.state.as_str() == "pending" { "not sent yet" } @else { (d.state.as_str()) } }
                        td.num { (d.attempts) }
                        td { (d.last_error.as_deref().unwrap_or("")) }
                    }
                }
            }
        }
    }
}

/// What the item page shows when the page's HTML was not kept: the stored verdict.
fn stored_view(it: &Item) -> Markup {
    html! {
        section #reasons {
            h2 { "Reasons (" (it.reasons.len()) ")" }
            ul { @for r in &it.reasons { li.reason data-code=(r.code) { code { (r.code) } ": " (r.message) } } }
        }
        section #body {
            h2 { "Body" }
            p.note { "The page's HTML was not kept (scored with --no-keep-html), so blocks and facts cannot be shown." }
            @for para in it.body.split("\n\n") { p { (para) } }
        }
    }
}

pub async fn item(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Html<String>, ApiError> {
    let id = parse_id(&id)?;
    let (it, history, deliveries, marks, html_kept, next, prev) = {
        let q = app.queue();
        let it = q.get(id)?;
        let neighbour = |order| {
            q.page(&ItemFilter {
                order,
                after: Some(id),
                limit: 1,
                ..ItemFilter::default()
            })
            .map(|p| p.items.first().map(|i| i.id))
        };
        (
            it,
            q.history(id)?,
            q.outbox_entries(id)?,
            q.block_labels(id)?,
            q.html(id)?,
            neighbour(Order::Newest)?,
            neighbour(Order::Oldest)?,
        )
    };
    let explanation = app.explain(id)?;
    let marked: Vec<(usize, bool)> = marks.iter().map(|m| (m.block, m.body)).collect();
    Ok(layout(
        it.title.as_deref().unwrap_or(&it.url),
        html! {
            div #item data-id=(it.id) data-status=(it.status.as_str())
                data-next=(next.map(|n| format!("/items/{n}")).unwrap_or_default())
                data-prev=(prev.map(|n| format!("/items/{n}")).unwrap_or_default()) {
                p {
                    "item " strong { (it.id) } " " (status_badge(it.status)) " · "
                    code { (it.url) } " · seen " (it.seen_count) " time(s), last " (rfc3339(it.last_seen))
                }
                div.decide {
                    @if it.status == Status::Pending {
                        label { "note " input #note type="text" maxlength="2000"; } " "
                        label { "your name " input #by type="text" maxlength="200"; } " "
                        button.confirm type="button" data-decision="confirm" { "Confirm: it is a farm copy " kbd { "c" } }
                        " "
                        button.dismiss type="button" data-decision="dismiss" { "Dismiss: the flag was wrong " kbd { "d" } }
                    } @else {
                        "Decided: " (status_badge(it.status)) " by " (it.resolved_by.as_deref().unwrap_or("?"))
                        @if let Some(at) = it.resolved_at { " at " (rfc3339(at)) }
                        @if let Some(n) = &it.note { " · “" (n) "”" }
                    }
                }
                @match &explanation {
                    Some(x) => {
                        @if x.verdict.flagged != it.verdict["flagged"].as_bool().unwrap_or(true) {
                            p.note { "Queued with score " (format!("{:.3}", it.score)) " by the run that flagged it; the view below is this chaff's reading of the kept page, which judges it differently (the run may have had a wire index, a fetch date or other copies of the page)." }
                        }
                        (report::view(x, &marked))
                    }
                    None => (stored_view(&it)),
                }
                section { h2 { "History" } (history_table(&history)) }
                section { h2 { "Webhook deliveries" } (deliveries_table(&deliveries)) }
                @if let Some(raw) = &html_kept {
                    details {
                        summary { "The page as it was fetched (sandboxed: no scripts, no forms, no plugins)" }
                        iframe sandbox="" referrerpolicy="no-referrer" srcdoc=(raw) width="100%" height="600" {}
                    }
                }
            }
        },
    ))
}
