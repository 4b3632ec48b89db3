//! What the page verdict costs on top of extraction, per page, on one thread.
//!
//! ```text
//! cargo bench --bench verdict                    # 200 Dragnet test pages, 3 rounds
//! cargo bench --bench verdict -- --pages 400 --rounds 5
//! ```
//!
//! Both sides segment and label the page with the embedded block model; scoring adds the
//! page facts, the body fingerprint, a look-up in a wire index (the seed story plus the
//! bodies of half the pages, so that look-ups find candidates), clustering and the page
//! model. The best round of each side is kept, to keep other load on the machine out.

use chaff::extract::Extractor;
use chaff::fingerprint::Clusters;
use chaff::verdict::{Inspection, VerdictModel};
use chaff::wire::{Story, WireIndex};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (pages, rounds) = (opt("--pages", 200), opt("--rounds", 3));
    let root = std::env::var_os("CHAFF_DATASETS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets"));
    let ids = std::fs::read_to_string(root.join("dragnet/test.txt")).expect("dragnet test list");
    let htmls: Vec<String> = ids
        .lines()
        .take(pages)
        .filter_map(|id| {
            std::fs::read(root.join(format!("dragnet/HTML/{}.html.gz", id.trim()))).ok()
        })
        .filter_map(|b| chaff::decode::decode(&b).ok())
        .collect();
    let extractor = Extractor::embedded().expect("block model");
    let model = VerdictModel::embedded().expect("page model");
    let dir = std::env::temp_dir().join(format!("chaff-verdict-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut index = WireIndex::create_or_open(dir.join("wire.db")).unwrap();
    let seed = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/wire-original.jsonl"),
    )
    .unwrap();
    let mut stories: Vec<Story> = seed
        .lines()
        .filter_map(|l| Story::from_json(l).ok())
        .collect();
    for (n, h) in htmls.iter().enumerate().filter(|(n, _)| n % 2 == 0) {
        let text = extractor.extract(h).text;
        if !text.trim().is_empty() {
            stories.push(Story {
                id: format!("page-{n}"),
                agency: "AP".into(),
                published: "2012-01-01".into(),
                title: String::new(),
                text,
            });
        }
    }
    index.add_many(&stories).unwrap();

    let mut best_extract = f64::MAX;
    let mut best_score = f64::MAX;
    let mut flagged = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let mut words = 0;
        for h in &htmls {
            words += extractor.extract(h).text.len();
        }
        best_extract = best_extract.min(t.elapsed().as_secs_f64());
        std::hint::black_box(words);

        let t = Instant::now();
        let mut clusters = Clusters::default();
        flagged = 0;
        for (n, h) in htmls.iter().enumerate() {
            let i = Inspection::of(&extractor, Some(&index), h, None).unwrap();
            let key = n.to_string();
            let c = i
                .fingerprint
                .clone()
                .map(|fp| clusters.add(&key, &i.site_key(&key), None, fp));
            if model.judge(&i.evidence(c.as_ref())).flagged {
                flagged += 1;
            }
        }
        best_score = best_score.min(t.elapsed().as_secs_f64());
    }
    let n = htmls.len() as f64;
    println!("pages: {}", htmls.len());
    println!("extraction alone: {:.2} ms/page", best_extract * 1000.0 / n);
    println!(
        "score (extraction + facts + fingerprint + look-up + verdict): {:.2} ms/page",
        best_score * 1000.0 / n
    );
    println!(
        "overhead: {:+.1}%",
        (best_score / best_extract - 1.0) * 100.0
    );
    println!("flagged: {flagged}");
    let _ = std::fs::remove_dir_all(&dir);
}
