//! The JSON API: list, read and decide items; mark blocks.
//!
//! - `GET /api/items?status=pending&site=&agency=&min_score=&order=newest|oldest|score&limit=N&after=ID`
//!   → `{"items": [...], "next": ID|null}`
//! - `GET /api/items/{id}` → the item with `history`, `deliveries`, and, when its page was
//!   kept, `explanation` (blocks, facts, reasons with weights, wire match)
//! - `POST /api/items/{id}/decision` `{"decision": "confirm"|"dismiss", "note", "by"}` →
//!   200 with the item, 409 if it was already decided, 404 if there is no such item
//! - `POST /api/items/{id}/blocks/{n}` `{"body": true|false, "by"}` → 200
//!
//! Writes need `X-Chaff-Token`; errors are `{"error": "..."}`.

use super::security::{ApiError, check_token};
use super::{App, DEFAULT_PAGE, MAX_PAGE};
use crate::moderation::{Decision, ItemFilter, Order, Status};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

/// A list request's query, as strings: every bad value gets a message naming it.
pub type Params = HashMap<String, String>;

/// Read a list filter from query parameters.
pub fn filter(q: &Params) -> Result<ItemFilter, ApiError> {
    let bad = |k: &str, v: &str, what: &str| {
        ApiError::new(StatusCode::BAD_REQUEST, format!("{k}={v:?}: {what}"))
    };
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let status = match get("status") {
        None | Some("all") => None,
        Some(v) => Some(
            Status::parse(v).ok_or_else(|| bad("status", v, "pending, confirmed or dismissed"))?,
        ),
    };
    let order = match get("order") {
        None => Order::default(),
        Some(v) => Order::parse(v).ok_or_else(|| bad("order", v, "newest, oldest or score"))?,
    };
    let min_score = match get("min_score") {
        None => None,
        Some(v) => Some(
            v.parse::<f32>()
                .ok()
                .filter(|s| s.is_finite())
                .ok_or_else(|| bad("min_score", v, "a number"))?,
        ),
    };
    let after = match get("after") {
        None => None,
        Some(v) => Some(v.parse().map_err(|_| bad("after", v, "an item id"))?),
    };
    let limit = match get("limit") {
        None => DEFAULT_PAGE,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or_else(|| bad("limit", v, "a number from 1 to 500"))?,
    };
    Ok(ItemFilter {
        status,
        site: get("site").map(str::to_string),
        agency: get("agency").map(str::to_string),
        min_score,
        order,
        after,
        limit,
    })
}

pub fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::new(StatusCode::NOT_FOUND, format!("{raw:?} is not an item id")))
}

pub async fn list(
    State(app): State<Arc<App>>,
    Query(q): Query<Params>,
) -> Result<Json<crate::moderation::ItemPage>, ApiError> {
    let f = filter(&q)?;
    Ok(Json(app.queue().page(&f)?))
}

/// The item with everything a moderator sees.
pub fn item_json(app: &App, id: i64) -> Result<serde_json::Value, ApiError> {
    let (item, history, deliveries, marks) = {
        let q = app.queue();
        (
            q.get(id)?,
            q.history(id)?,
            q.outbox_entries(id)?,
            q.block_labels(id)?,
        )
    };
    let explanation = app.explain(id)?;
    let mut v = serde_json::to_value(&item).expect("items serialise");
    v["history"] = serde_json::to_value(&history).expect("history serialises");
    v["deliveries"] = serde_json::to_value(&deliveries).expect("outbox serialises");
    v["block_marks"] = serde_json::to_value(&marks).expect("marks serialise");
    v["facts"] = explanation
        .as_ref()
        .map(|x| serde_json::to_value(&x.facts).expect("facts serialise"))
        .unwrap_or(serde_json::Value::Null);
    v["explanation"] = serde_json::to_value(&explanation).expect("explanations serialise");
    Ok(v)
}

pub async fn item(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(item_json(&app, parse_id(&id)?)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    decision: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

/// Longest note or name kept.
const MAX_TEXT_CHARS: usize = 2000;

fn body_json<T: serde::de::DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let bytes = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("the body is not the JSON expected: {e}"),
        )
    })
}

fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().chars().take(MAX_TEXT_CHARS).collect::<String>())
        .filter(|t| !t.is_empty())
}

pub async fn decide(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    check_token(&headers, &app.token)?;
    let id = parse_id(&id)?;
    let d: DecisionBody = body_json(body)?;
    let decision = Decision::parse(d.decision.trim()).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!(
                "decision {:?}: \"confirm\" (it is a farm copy) or \"dismiss\" (the flag was wrong)",
                d.decision
            ),
        )
    })?;
    let by = clean(d.by).unwrap_or_else(|| "web".to_string());
    let note = clean(d.note);
    app.queue()
        .decide_pending(id, decision, &by, note.as_deref())?;
    Ok(Json(item_json(&app, id)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkBody {
    body: bool,
    #[serde(default)]
    by: Option<String>,
}

pub async fn mark_block(
    State(app): State<Arc<App>>,
    Path((id, block)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    check_token(&headers, &app.token)?;
    let id = parse_id(&id)?;
    let block: usize = block.parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("{block:?} is not a block number"),
        )
    })?;
    let m: MarkBody = body_json(body)?;
    let blocks = app.explain(id)?.map(|x| x.blocks.len()).ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            "this item's page was not kept (--no-keep-html): its blocks cannot be marked",
        )
    })?;
    if block >= blocks {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("block {block}: the page has {blocks} blocks"),
        ));
    }
    let by = clean(m.by).unwrap_or_else(|| "web".to_string());
    app.queue().label_block(id, block, m.body, &by)?;
    Ok(Json(
        serde_json::json!({ "item": id, "block": block, "body": m.body, "by": by }),
    ))
}
