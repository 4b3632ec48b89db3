//! `chaff serve`'s JSON API against a real server process on 127.0.0.1: the status codes,
//! the token, JSON errors, the security headers, and two decisions at once on one item, of
//! which exactly one wins.

mod moderator;

use chaff::moderation::{Event, Queue, Status};
use moderator::{Server, add_hostile, seed_queue};
use std::time::Duration;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn get(base: &str, path: &str) -> (u16, serde_json::Value) {
    let mut r = agent().get(format!("{base}{path}")).call().unwrap();
    let status = r.status().as_u16();
    let body = r.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
    )
}

fn post(base: &str, path: &str, token: Option<&str>, body: &str) -> (u16, serde_json::Value) {
    let mut req = agent()
        .post(format!("{base}{path}"))
        .header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("x-chaff-token", t);
    }
    let mut r = req.send(body.as_bytes()).unwrap();
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap();
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("{path}: answer is not JSON: {text:?}"));
    (status, json)
}

#[test]
fn list_read_decide_with_the_status_codes_of_the_readme() {
    let dir = tempfile::tempdir().unwrap();
    let (index, queue) = seed_queue(dir.path());
    let hostile = add_hostile(&queue);
    let srv = Server::start(&queue, Some(&index), Some("t0ken-for-tests"));
    let b = &srv.base;

    // The list, paged by keyset.
    let (s, page) = get(b, "/api/items?status=pending&limit=1");
    assert_eq!(s, 200);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], hostile, "newest first");
    let next = page["next"].as_i64().expect("a next page");
    let (_, page2) = get(
        b,
        &format!("/api/items?status=pending&limit=1&after={next}"),
    );
    let seed_id = page2["items"][0]["id"].as_i64().unwrap();
    assert_ne!(seed_id, hostile);
    assert!(page2["next"].is_null(), "two items, two pages");
    let (_, by_agency) = get(b, "/api/items?agency=AP");
    assert_eq!(
        by_agency["items"].as_array().unwrap().len(),
        1,
        "only the seed matched AP"
    );
    let (s, err) = get(b, "/api/items?status=approved");
    assert_eq!(s, 400);
    assert!(err["error"].as_str().unwrap().contains("status"));

    // One item, with reasons, wire match, facts and history.
    let (s, item) = get(b, &format!("/api/items/{seed_id}"));
    assert_eq!(s, 200);
    assert_eq!(item["status"], "pending");
    assert_eq!(
        item["wire_match"]["id"],
        "ap-20240127-iraq-us-coalition-talks"
    );
    assert!(item["reasons"].as_array().unwrap().len() >= 5);
    assert!(
        item["facts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "breadcrumb")
    );
    assert_eq!(item["history"].as_array().unwrap().len(), 1);
    assert!(
        item["explanation"]["wire"]["diff"]["shared_words"]
            .as_u64()
            .unwrap()
            > 400
    );
    assert_eq!(get(b, "/api/items/999999").0, 404);
    assert_eq!(get(b, "/api/items/abc").0, 404);

    // Writes need the token: none or a wrong one is 401, and nothing is written.
    let decision = r#"{"decision": "confirm", "note": "AP copy on a finance farm", "by": "maria"}"#;
    let url = format!("/api/items/{seed_id}/decision");
    let (s, e) = post(b, &url, None, decision);
    assert_eq!(s, 401);
    assert!(e["error"].as_str().unwrap().contains("X-Chaff-Token"));
    assert_eq!(post(b, &url, Some("guess"), decision).0, 401);
    assert_eq!(
        Queue::open_read_only(&queue)
            .unwrap()
            .get(seed_id)
            .unwrap()
            .status,
        Status::Pending
    );

    // Bad bodies are 400 with a message; an oversized one is refused as JSON too.
    assert_eq!(
        post(b, &url, Some(&srv.token), r#"{"decision": "approve"}"#).0,
        400
    );
    assert_eq!(post(b, &url, Some(&srv.token), "not json").0, 400);
    let huge = format!(
        r#"{{"decision": "confirm", "note": "{}"}}"#,
        "x".repeat(100_000)
    );
    assert_eq!(post(b, &url, Some(&srv.token), &huge).0, 413);

    // The decision: 200 with the item, then 409; 404 for no such item.
    let (s, decided) = post(b, &url, Some(&srv.token), decision);
    assert_eq!(s, 200, "{decided}");
    assert_eq!(decided["status"], "confirmed");
    assert_eq!(decided["resolved_by"], "maria");
    assert_eq!(decided["history"].as_array().unwrap().len(), 2);
    let (s, again) = post(b, &url, Some(&srv.token), r#"{"decision": "dismiss"}"#);
    assert_eq!(s, 409);
    assert!(
        again["error"]
            .as_str()
            .unwrap()
            .contains("already confirmed")
    );
    assert_eq!(
        post(b, "/api/items/999999/decision", Some(&srv.token), decision).0,
        404
    );

    // In the file: the item, its history row and a decided event in the outbox.
    let q = Queue::open_read_only(&queue).unwrap();
    let h = q.history(seed_id).unwrap();
    assert_eq!(
        (h[1].from, h[1].to, h[1].by.as_str()),
        (Some(Status::Pending), Status::Confirmed, "maria")
    );
    assert_eq!(h[1].note.as_deref(), Some("AP copy on a finance farm"));
    let events: Vec<Event> = q
        .outbox_entries(seed_id)
        .unwrap()
        .iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(events, [Event::Created, Event::Decided]);

    // Block marks are writes too.
    let mark = format!("/api/items/{seed_id}/blocks/0");
    assert_eq!(post(b, &mark, None, r#"{"body": false}"#).0, 401);
    assert_eq!(
        post(
            b,
            &mark,
            Some(&srv.token),
            r#"{"body": false, "by": "maria"}"#
        )
        .0,
        200
    );
    assert_eq!(
        post(
            b,
            &format!("/api/items/{seed_id}/blocks/100000"),
            Some(&srv.token),
            r#"{"body": true}"#
        )
        .0,
        400
    );
    assert_eq!(q.block_labels(seed_id).unwrap()[0].block, 0);

    // Every answer carries the policy; errors anywhere are JSON.
    let r = agent().get(format!("{b}/")).call().unwrap();
    let csp = r
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"));
    assert_eq!(
        r.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
    let (s, e) = get(b, "/no/such/page");
    assert_eq!(s, 404);
    assert!(e["error"].is_string());
}

#[test]
fn two_decisions_at_once_on_one_item_exactly_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let (_, queue) = seed_queue(dir.path());
    let id = add_hostile(&queue);
    let srv = Server::start(&queue, None, Some("race"));
    for round in 0..5 {
        // A fresh pending item each round.
        let id = if round == 0 {
            id
        } else {
            add_hostile_copy(&queue, round)
        };
        let url = format!("/api/items/{id}/decision");
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let answers: Vec<u16> = ["confirm", "dismiss"]
            .map(|d| {
                let (base, url, barrier) = (srv.base.clone(), url.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    post(
                        &base,
                        &url,
                        Some("race"),
                        &format!(r#"{{"decision": "{d}", "by": "{d}er"}}"#),
                    )
                    .0
                })
            })
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        let mut sorted = answers.clone();
        sorted.sort();
        assert_eq!(sorted, [200, 409], "round {round}: {answers:?}");
        let q = Queue::open_read_only(&queue).unwrap();
        let h = q.history(id).unwrap();
        assert_eq!(h.len(), 2, "one decision in the history");
        assert_eq!(q.outbox_entries(id).unwrap().len(), 2, "one decided event");
    }
}

/// Another pending item (a hostile page of another URL).
fn add_hostile_copy(queue: &std::path::Path, n: usize) -> i64 {
    use chaff::moderation::{NewItem, body_hash};
    let body = format!("copy {n}");
    let mut q = Queue::open(queue).unwrap();
    q.enqueue(&[NewItem {
        url: format!("https://farm.example/copy/{n}"),
        body_hash: body_hash(&body),
        source: "copy".into(),
        score: 0.9,
        reasons: vec![],
        wire_match: None,
        verdict: serde_json::json!({}),
        title: None,
        site: None,
        body,
        html: None,
    }])
    .unwrap();
    q.list(None).unwrap().last().unwrap().id
}

#[test]
fn a_generated_token_is_printed_and_required() {
    let dir = tempfile::tempdir().unwrap();
    let (_, queue) = seed_queue(dir.path());
    let srv = Server::start(&queue, None, None);
    assert_eq!(srv.token.len(), 64);
    let (_, page) = get(&srv.base, "/api/items");
    let id = page["items"][0]["id"].as_i64().unwrap();
    let url = format!("/api/items/{id}/decision");
    assert_eq!(
        post(&srv.base, &url, Some("wrong"), r#"{"decision": "dismiss"}"#).0,
        401
    );
    assert_eq!(
        post(
            &srv.base,
            &url,
            Some(&srv.token),
            r#"{"decision": "dismiss"}"#
        )
        .0,
        200
    );
}
