//! The moderator's list at scale: how long `chaff serve` takes to answer a list page of 50
//! items with 100,000 items in the queue, over real HTTP on 127.0.0.1.
//!
//! ```text
//! cargo bench --bench serve                      # 100 000 items, 200 requests per kind
//! cargo bench --bench serve -- --items 1000000
//! ```
//!
//! Items are made up (a farm URL, a title, two reasons, a 300-word body, no kept HTML), a
//! third of them decided, spread over 40 sites and three agencies. Each kind of request is
//! timed from sending to the last byte of the answer: the first page of pending items, a
//! page deep in the list (keyset, `after=`), a page sorted by score, a page filtered by
//! site, and the same through the JSON API.

use chaff::extract::Extractor;
use chaff::moderation::{Decision, NewItem, Queue, body_hash};
use chaff::serve::{App, serve};
use chaff::verdict::{Reason, VerdictModel, WireMatch};
use std::time::{Duration, Instant};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn item(n: usize) -> NewItem {
    let agencies = ["AP", "Reuters", "AFP"];
    let words: Vec<String> = (0..300)
        .map(|w| format!("w{}", (n * 7 + w * 13) % 5000))
        .collect();
    let body = words.join(" ");
    NewItem {
        url: format!("https://farm{}.example/news/{n}", n % 40),
        body_hash: body_hash(&body),
        source: format!("crawl.warc.gz#{}", n * 1000),
        score: 0.5 + (n % 500) as f32 / 1000.0,
        reasons: vec![
            Reason {
                code: "wire_match".into(),
                message: format!("body is 98% of story {n}"),
                weight: 1.6,
            },
            Reason {
                code: "restamped_date".into(),
                message: "page is dated later".into(),
                weight: 3.0,
            },
        ],
        wire_match: Some(WireMatch {
            id: format!("story-{n}"),
            agency: agencies[n % 3].into(),
            similarity: 0.9,
            containment: 0.98,
        }),
        verdict: serde_json::json!({"flagged": true}),
        title: Some(format!("Headline number {n} about something that happened")),
        site: Some(format!("Farm {}", n % 40)),
        body,
        html: None,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let items = arg("--items", 100_000);
    let requests = arg("--requests", 200);
    let dir = std::env::temp_dir().join(format!("chaff-serve-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("queue.db");
    let t = Instant::now();
    let mut q = Queue::open(&path).unwrap();
    for start in (0..items).step_by(5000) {
        let batch: Vec<NewItem> = (start..(start + 5000).min(items)).map(item).collect();
        q.enqueue(&batch).unwrap();
    }
    for id in (1..=items as i64).step_by(3) {
        q.resolve(
            id,
            if id % 2 == 0 {
                Decision::Confirm
            } else {
                Decision::Dismiss
            },
            "bench",
            None,
        )
        .unwrap();
    }
    eprintln!(
        "queue of {items} items filled in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let size = std::fs::metadata(&path).unwrap().len();
    drop(q);

    let app = App::new(
        Queue::open(&path).unwrap(),
        Extractor::embedded().unwrap(),
        VerdictModel::embedded().unwrap(),
        None,
        None,
        "bench".into(),
    );
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        serve(app, "127.0.0.1:0".parse().unwrap(), |a| tx.send(a).unwrap()).unwrap();
    });
    let addr = rx.recv().unwrap();
    let base = format!("http://{addr}");
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let deep = items as i64 / 2;
    let kinds = [
        (
            "list page 1 (pending, newest)",
            "/?status=pending".to_string(),
        ),
        (
            "list page deep in the queue",
            format!("/?status=pending&after={deep}"),
        ),
        (
            "list sorted by score",
            "/?status=pending&order=score".to_string(),
        ),
        (
            "list filtered by site",
            "/?status=pending&site=Farm%207".to_string(),
        ),
        (
            "API page of 50",
            "/api/items?status=pending&limit=50".to_string(),
        ),
    ];
    println!(
        "| request ({items} items, {:.0} MB queue) | mean | p50 | p99 | bytes |",
        size as f64 / 1e6
    );
    println!("|---|---:|---:|---:|---:|");
    for (name, path) in kinds {
        let mut times = Vec::with_capacity(requests);
        let mut bytes = 0;
        for _ in 0..requests {
            let t = Instant::now();
            let mut r = agent.get(format!("{base}{path}")).call().unwrap();
            let body = r.body_mut().read_to_string().unwrap();
            times.push(t.elapsed());
            bytes = body.len();
            assert!(
                body.contains("50") || body.contains("items"),
                "{name}: {body:.200}"
            );
        }
        times.sort();
        let mean = times.iter().sum::<Duration>() / times.len() as u32;
        println!(
            "| {name} | {:.1} ms | {:.1} ms | {:.1} ms | {bytes} |",
            mean.as_secs_f64() * 1e3,
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
