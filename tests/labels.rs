//! Decisions are labels: a handful of moderated pages of a farm layout the generator lacks,
//! added to a (small) training run of the page model, raise what the trained model scores
//! held-out pages of that layout, scored as `chaff score --index` scores them; and the
//! layout's legitimate twin stays unflagged.
//!
//! The layout (the one `bench/moderated-layout.py` measures at full size): a same-day copy of
//! a wire story that keeps the agency's dateline, byline and copyright line and the story's
//! own date, wrapped in chrome no family of `farmgen` writes (emoji reactions with counters,
//! a "Trending now" slider whose looping script repeats its headlines, promoted stories).
//! The generator's farms never credit the agency, so a model trained on them alone reads
//! these pages as licensed syndication. Article texts are Dragnet gold texts, read at run
//! time from `../shared/datasets`.

mod common;

use chaff::datasets::moderated::PageLabel;
use chaff::extract::Extractor;
use chaff::verdict::corpus::Split;
use chaff::verdict::train::{self, Options, Row, moderated_rows, split_rows};
use chaff::verdict::{FORMAT, Scorer, VerdictModel};
use chaff::wire::{Story, WireIndex};

/// Real pages per dataset and split in the small training run: enough for a corpus of every
/// kind of page, few enough to train in seconds. At 24 (until 2026-12-03) the dev threshold
/// rested on a handful of real pages: with the block model of that day one of them scored
/// like a farm once the decisions were learnt, and the threshold rose to 0.95, over every
/// held-out farm's score (0.93); at 36 it was 0.68 with the decisions and 0.45 without. With
/// plain farms in the corpus (2026-12-04) it is 0.62 with them and 0.92 without: the
/// threshold without decisions rests on a few real pages again, so the lift measured here is
/// partly the threshold's.
const LIMIT: usize = 36;
/// Decided pages (as many farms as twins), and held-out pages of each kind.
const DECIDED: usize = 16;
const HELD_OUT: usize = 12;

struct Article {
    id: String,
    title: String,
    paragraphs: Vec<String>,
}

/// Dragnet gold texts with a title line and at least five long paragraphs, in file order.
fn articles(n: usize) -> Vec<Article> {
    common::dragnet_corrected_texts()
        .into_iter()
        .filter_map(|(f, text)| {
            let paras: Vec<String> = text
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| p.split(' ').count() >= 12)
                .collect();
            let words: usize = paras.iter().map(|p| p.split(' ').count()).sum();
            let id = f.file_name()?.to_str()?.split('.').next()?.to_string();
            (paras.len() >= 6 && words >= 250).then(|| Article {
                id,
                title: paras[0].chars().take(80).collect(),
                paragraphs: paras[1..paras.len().min(12)].to_vec(),
            })
        })
        .take(n)
        .collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const HEADLINES: &[&str] = &[
    "Ten tips to save on your energy bill",
    "Stocks close higher after a volatile week",
    "What the new tax rules mean for you",
    "Celebrity chef opens a second restaurant",
    "How to plan a budget holiday",
];

/// The page of article `n`, farm or twin, and the wire story it copies.
fn page(a: &Article, n: usize, farm: bool) -> (String, Story) {
    let date = format!("2023-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
    let first = format!("NAIROBI (AP) — {}", a.paragraphs[0]);
    let body: String = std::iter::once(&first)
        .chain(&a.paragraphs[1..])
        .map(|p| format!("<p>{}</p>", esc(p)))
        .collect();
    let article = format!(
        "<article><h1>{t}</h1><div class=\"byline\">By Sara Lind, Associated Press</div>\
         <time datetime=\"{date}T09:00:00Z\">{date}</time>{body}\
         <p><em>Copyright The Associated Press. All rights reserved.</em></p></article>",
        t = esc(&a.title)
    );
    let html = if farm {
        let slides: String = HEADLINES
            .iter()
            .chain(&HEADLINES[..3])
            .map(|h| format!("<div class=\"swiper-slide\"><a href=\"/p/{n}\">{h}</a></div>"))
            .collect();
        let reactions: String = ["😍", "😮", "😢", "👏"]
            .iter()
            .enumerate()
            .map(|(i, e)| format!("<div class=\"rx\">{e} ({})</div>", 7 + 31 * i + n))
            .collect();
        format!(
            "<!doctype html><html><head><title>{t} | Prime Coin Herald</title>\
             <link rel=\"canonical\" href=\"https://dailyflash365.xyz/{n}\"></head><body>\
             <header><a href=\"/\">Prime Coin Herald</a><nav><a href=\"/\">Home</a> \
             <a href=\"/crypto\">Crypto</a> <a href=\"/markets\">Markets</a></nav></header>\
             <section><h3>Trending now</h3><div class=\"swiper-wrapper\">{slides}</div></section>\
             <main>{article}<div class=\"reactions\"><p>What do you think?</p>{reactions}</div>\
             <section><h3>Promoted stories</h3><div><a href=\"https://ads.example/1\">Doctors \
             stunned by this simple morning trick</a></div><div><a href=\"https://ads.example/2\">\
             Retirees are switching to this savings plan</a></div></section></main>\
             <footer>© 2023 Prime Coin Herald. All rights reserved.</footer></body></html>",
            t = esc(&a.title)
        )
    } else {
        format!(
            "<!doctype html><html><head><title>{t} | Valley Gazette</title>\
             <link rel=\"canonical\" href=\"https://www.valleygazette.com/world/{n}\"></head>\
             <body><header><a href=\"/\">Valley Gazette</a><nav><a href=\"/\">Home</a> \
             <a href=\"/local\">Local</a> <a href=\"/world\">World</a></nav></header>\
             <main>{article}</main><footer>© 2023 Valley Gazette. Contact the newsroom.</footer>\
             </body></html>",
            t = esc(&a.title)
        )
    };
    let story = Story {
        id: format!("ap-{}", a.id),
        agency: "AP".into(),
        published: date,
        title: a.title.clone(),
        text: std::iter::once(first)
            .chain(a.paragraphs[1..].iter().cloned())
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    (html, story)
}

/// A model fitted on `train` and thresholded on `dev` (corpus and real pages), as
/// `chaff train-verdict` does.
fn model(train: &[Row], dev: &train::SplitRows) -> VerdictModel {
    let m = train::fit(train).unwrap();
    let t = train::dev_thresholds(&m, dev, |_| true);
    VerdictModel {
        format: FORMAT,
        model: m,
        threshold: t.indexed,
        threshold_no_index: Some(t.no_index),
        manifest: serde_json::json!({}),
        metrics: serde_json::json!({}),
    }
}

#[test]
fn a_handful_of_decided_pages_of_a_new_layout_lift_its_scores() {
    let work = tempfile::tempdir().unwrap();
    let all = articles(DECIDED + 2 * HELD_OUT);
    assert_eq!(
        all.len(),
        DECIDED + 2 * HELD_OUT,
        "too few Dragnet gold texts"
    );
    let (decided, held) = all.split_at(DECIDED);

    let labels = work.path().join("moderated.jsonl");
    let lines: Vec<String> = decided
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let farm = n % 2 == 0;
            let (html, story) = page(a, n, farm);
            serde_json::to_string(&PageLabel {
                id: format!("moderated:test-{}", a.id),
                url: format!("https://x.example/{}", a.id),
                html,
                farm,
                decided_by: Some("test".into()),
                note: None,
                wire: Some(story),
            })
            .unwrap()
        })
        .collect();
    std::fs::write(&labels, lines.join("\n")).unwrap();

    let mut opts = Options {
        datasets: chaff::datasets::root(),
        limit: Some(LIMIT),
        workdir: work.path().to_path_buf(),
        dump: None,
        rows: None,
        labelled: None,
        labelled_weight: chaff::verdict::train::LABELS_ONCE,
    };
    let extractor = Extractor::embedded().unwrap();
    let train_rows = split_rows(&extractor, &opts, Split::Train).unwrap();
    let mut dev = split_rows(&extractor, &opts, Split::Dev).unwrap();
    let base = model(&train_rows.corpus, &dev);
    opts.labelled = Some(labels);
    let decided_train = moderated_rows(&extractor, &opts, Split::Train).unwrap();
    let decided_dev = moderated_rows(&extractor, &opts, Split::Dev).unwrap();
    assert_eq!(
        decided_train.len() + decided_dev.len(),
        DECIDED,
        "every decided page in train or dev"
    );
    assert!(decided_train.iter().all(|r| r.moderated && r.judgeable));
    // As `chaff score --index` sees them: each decided page matches the story it copies.
    let wire_match = chaff::verdict::features::names()
        .iter()
        .position(|n| n == "wire_match")
        .unwrap();
    assert!(
        decided_train.iter().all(|r| r.values[wire_match] > 0.9),
        "a decided page trained without its wire match"
    );
    let mut with_labels = train_rows.corpus.clone();
    with_labels.extend(decided_train);
    dev.corpus.extend(decided_dev);
    let labelled = model(&with_labels, &dev);

    // Held-out pages of the layout, scored through the one library call, with an index of
    // the stories they copy.
    let index_path = work.path().join("wire.db");
    let pages: Vec<(bool, String, Story)> = held
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let farm = n % 2 == 0;
            let (html, story) = page(a, 100 + n, farm);
            (farm, html, story)
        })
        .collect();
    let mut index = WireIndex::create_or_open(&index_path).unwrap();
    index
        .add_many(&pages.iter().map(|p| p.2.clone()).collect::<Vec<_>>())
        .unwrap();
    drop(index);
    let scores = |m: VerdictModel| -> Vec<(bool, f32, bool)> {
        let s = Scorer::new(
            Extractor::embedded().unwrap(),
            m,
            Some(WireIndex::open_read_only(&index_path).unwrap()),
        );
        pages
            .iter()
            .map(|(farm, html, _)| {
                let v = s.score(html, None).unwrap().verdict;
                (*farm, v.score, v.flagged)
            })
            .collect()
    };
    eprintln!(
        "thresholds with an index: {:.3} without the decisions, {:.3} with them",
        base.threshold, labelled.threshold
    );
    let before = scores(base);
    let after = scores(labelled);
    let mean = |s: &[(bool, f32, bool)], farm: bool| {
        let v: Vec<f32> = s.iter().filter(|x| x.0 == farm).map(|x| x.1).collect();
        v.iter().sum::<f32>() / v.len() as f32
    };
    let flagged =
        |s: &[(bool, f32, bool)], farm: bool| s.iter().filter(|x| x.0 == farm && x.2).count();
    eprintln!(
        "farms: mean score {:.3} -> {:.3}, flagged {} -> {}; twins: mean {:.3} -> {:.3}, flagged {} -> {}",
        mean(&before, true),
        mean(&after, true),
        flagged(&before, true),
        flagged(&after, true),
        mean(&before, false),
        mean(&after, false),
        flagged(&before, false),
        flagged(&after, false),
    );
    assert!(
        mean(&after, true) >= mean(&before, true) + 0.2,
        "the decided pages did not lift the layout's farms: {before:?} -> {after:?}"
    );
    assert!(
        flagged(&after, true) > flagged(&before, true),
        "{before:?} -> {after:?}"
    );
    assert_eq!(flagged(&after, false), 0, "twins flagged: {after:?}");
}
