//! The page verdict end to end: the seed page, the hand-written pages, and the rule that a
//! wire match alone does not flag a page.

mod common;

use chaff::verdict::{CrossSite, Inspection, Scorer, Verdict, VerdictModel};
use chaff::wire::{Story, WireIndex};
use common::seeds;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn index_of(jsonl: &Path, dir: &Path) -> WireIndex {
    let path = dir.join("wire.db");
    fill(jsonl, &path);
    WireIndex::open_read_only(&path).unwrap()
}

fn fill(jsonl: &Path, path: &Path) {
    let mut ix = WireIndex::create_or_open(path).unwrap();
    let stories: Vec<Story> = std::fs::read_to_string(jsonl)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Story::from_json(l).unwrap())
        .collect();
    ix.add_many(&stories).unwrap();
}

/// A page judged by the embedded models as the first page of a batch.
fn judge(html_path: &Path, index: Option<WireIndex>) -> (Verdict, Inspection) {
    let scorer = Scorer::embedded(index).unwrap();
    let html = std::fs::read_to_string(html_path).unwrap();
    let i = scorer.inspect(&html, None).unwrap();
    let s = scorer.judge_in(&mut CrossSite::default(), "page", None, i);
    (s.verdict, s.inspection)
}

fn codes(v: &Verdict) -> Vec<&str> {
    v.reasons.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn the_seed_page_is_flagged_as_a_copy_of_the_ap_story_with_its_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index_of(&seeds().join("wire-original.jsonl"), dir.path());
    let (v, _) = judge(&seeds().join("seed-page.html"), Some(ix));
    assert!(v.flagged, "{v:#?}");
    let m = v.wire_match.as_ref().expect("a wire match");
    assert_eq!(m.id, "ap-20240127-iraq-us-coalition-talks");
    assert!(m.containment >= 0.95, "{m:?}");
    let codes = codes(&v);
    for want in [
        "wire_match",
        "restamped_date",
        "engagement_widget",
        "stale_link_lists",
    ] {
        assert!(codes.contains(&want), "{want} missing in {codes:?}");
    }
    let wire = v.reasons.iter().find(|r| r.code == "wire_match").unwrap();
    assert!(
        wire.message.contains("ap-20240127-iraq-us-coalition-talks") && wire.message.contains("AP"),
        "{}",
        wire.message
    );
}

#[test]
fn without_an_index_the_seed_page_still_scores_as_a_farm_copy() {
    let (v, _) = judge(&seeds().join("seed-page.html"), None);
    assert!(v.wire_match.is_none());
    assert!(v.flagged, "score {} {:?}", v.score, codes(&v));
}

#[derive(serde::Deserialize)]
struct Entry {
    file: String,
    farm: bool,
}

/// Hand-written farms the page model does not catch yet, each with why. The test fails as
/// soon as one is caught, so the list cannot outlive the miss; every other page must be
/// judged as its manifest says.
const KNOWN_MISSES: &[(&str, &str)] = &[(
    "farm-wind-farm-de.html",
    "no wire match, no dateline, no agency: chrome alone does not flag a page; the same gap \
     as the missed no-index recall target of issue 8 (0.62 of 0.70)",
)];

#[test]
fn hand_written_pages_are_judged_as_their_manifest_says() {
    let pages = root().join("training-data/pages");
    let dir = tempfile::tempdir().unwrap();
    let _ = index_of(&pages.join("wire.jsonl"), dir.path());
    for line in std::fs::read_to_string(pages.join("manifest.jsonl"))
        .unwrap()
        .lines()
    {
        let e: Entry = serde_json::from_str(line).unwrap();
        let ix = WireIndex::open_read_only(dir.path().join("wire.db")).unwrap();
        let (v, _) = judge(&pages.join(&e.file), Some(ix));
        if let Some((_, why)) = KNOWN_MISSES.iter().find(|(f, _)| *f == e.file) {
            assert!(e.farm, "{}: only farms can be known misses", e.file);
            assert!(
                !v.flagged,
                "{} is caught now (score {}): take it off KNOWN_MISSES ({why})",
                e.file, v.score
            );
            continue;
        }
        assert_eq!(
            v.flagged,
            e.farm,
            "{}: score {} {:?}",
            e.file,
            v.score,
            codes(&v)
        );
    }
}

#[test]
fn a_wire_match_alone_does_not_flag_a_page() {
    let pages = root().join("training-data/pages");
    let dir = tempfile::tempdir().unwrap();
    let ix = index_of(&pages.join("wire.jsonl"), dir.path());
    let (v, _) = judge(&pages.join("syndication-harbor-dredge.html"), Some(ix));
    let m = v.wire_match.as_ref().expect("the syndicated story matches");
    assert!(m.containment > 0.9, "{m:?}");
    assert!(!v.flagged, "score {} {:?}", v.score, v.reasons);
}

#[test]
fn a_page_model_of_other_features_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.json");
    let mut m = VerdictModel::embedded().unwrap();
    m.model.names[0] = "feature_of_another_build".into();
    m.save(&path).unwrap();
    let err = VerdictModel::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("other features") && err.contains("v.json"),
        "{err}"
    );
}

/// A bare page of ours: an article with no byline, no date, no chrome at all.
const BARE_PAGE: &str = r#"<html><head><title>Town fair</title></head><body><h1>Town fair opens</h1>
<p>The town fair opened on Saturday with rides, food stands and a parade through the old market square, and the organisers counted more visitors than last year.</p>
<p>Stalls sold cheese, honey and bread from farms in the valley, and the brass band played until the evening, when the lanterns were lit along the river.</p>
<p>The fair runs until next Sunday; the parade will be repeated on the last day, weather permitting, the council said in a notice on its door.</p>
</body></html>"#;

#[test]
fn a_page_with_no_sign_of_a_farm_is_not_flagged_however_bare() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bare.html");
    std::fs::write(&path, BARE_PAGE).unwrap();
    let (v, i) = judge(&path, None);
    assert!(
        i.facts.missing_byline && i.facts.body_words > 50,
        "{:?}",
        i.facts
    );
    assert!(!v.flagged, "{v:#?}");
    assert_eq!(v.score, 0.0);
    assert_eq!(codes(&v), ["no_evidence"]);
}

/// Paragraphs of a copied story, enough of a body to be judged.
fn story_paragraphs() -> String {
    (0..6)
        .map(|i| format!("<p>BEIRUT (AP) — Paragraph {i} of the copied story says what the officials decided on Tuesday, who voted for the plan and what it will cost the region over the next years.</p>"))
        .collect()
}

#[test]
fn bad_pages_get_a_verdict_or_no_article_with_a_reason_never_a_panic() {
    let scorer = Scorer::embedded(None).unwrap();
    let body = story_paragraphs();
    let chrome = r#"<div class="tools"><a>veryGood! (136)</a></div>"#;
    let pages = [
        ("empty", String::new()),
        (
            "not html",
            "\u{0}\u{1}%PDF-1.4 binary junk \u{fffd}".to_string(),
        ),
        (
            "no body",
            "<html><head><title>Only a title</title></head><body></body></html>".to_string(),
        ),
        (
            "no title",
            format!("<html><body>{body}{chrome}</body></html>"),
        ),
        (
            "no date",
            format!(
                "<html><head><title>T</title></head><body><h1>T</h1>{body}{chrome}</body></html>"
            ),
        ),
        (
            "a date in the future",
            format!(
                "<html><head><title>T</title><meta property=\"article:published_time\" content=\"2999-01-01T00:00:00Z\"></head><body><h1>T</h1><p>Date: 2999-01-01</p>{body}{chrome}</body></html>"
            ),
        ),
        (
            "a date before 1995",
            format!(
                "<html><head><title>T</title><meta property=\"article:published_time\" content=\"1970-01-01T00:00:00Z\"></head><body><h1>T</h1><p>Date: 1901-05-03</p>{body}{chrome}</body></html>"
            ),
        ),
        ("deep nesting", format!("{}{body}", "<div>".repeat(5000))),
    ];
    for (what, html) in pages {
        let s = scorer.score(&html, None).unwrap();
        let v = &s.verdict;
        assert!(
            v.score.is_finite() && (0.0..=1.0).contains(&v.score),
            "{what}: {v:?}"
        );
        assert!(
            !v.reasons.is_empty(),
            "{what}: a verdict with no reason: {v:?}"
        );
        for r in &v.reasons {
            assert!(!r.code.is_empty() && !r.message.is_empty(), "{what}: {r:?}");
        }
        if s.inspection.facts.body_words < 50 {
            assert_eq!(v.reasons[0].code, "no_article", "{what}: {v:?}");
            assert!(!v.flagged, "{what}");
        }
    }
}

#[test]
fn a_dated_page_copying_a_story_of_the_future_or_the_distant_past_is_judged() {
    // Dates that make no sense against the story's still give a finite score and readable
    // reasons: a gap of a thousand years is a span, not an overflow.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wire.db");
    let story = chaff::wire::Story {
        id: "ap-1".into(),
        agency: "AP".into(),
        published: "2024-01-27T12:00:00Z".into(),
        title: "T".into(),
        text: (0..6)
            .map(|i| format!("BEIRUT (AP) — Paragraph {i} of the copied story says what the officials decided on Tuesday, who voted for the plan and what it will cost the region over the next years."))
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    WireIndex::create_or_open(&path)
        .unwrap()
        .add_many(&[story])
        .unwrap();
    let scorer = Scorer::embedded(Some(WireIndex::open_read_only(&path).unwrap())).unwrap();
    for date in [
        "2999-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
        "1990-06-01T00:00:00Z",
    ] {
        let html = format!(
            "<html><head><title>T</title><meta property=\"article:published_time\" content=\"{date}\"></head><body><h1>T</h1>{}</body></html>",
            story_paragraphs()
        );
        let s = scorer.score(&html, None).unwrap();
        assert!(s.verdict.score.is_finite(), "{date}: {:?}", s.verdict);
        assert!(s.verdict.wire_match.is_some(), "{date}: {:?}", s.verdict);
        assert!(!s.verdict.reasons.is_empty(), "{date}");
    }
}

#[test]
fn a_page_model_with_a_weight_against_its_orientation_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.json");
    let mut m = VerdictModel::embedded().unwrap();
    let at = chaff::verdict::features::COLUMNS
        .iter()
        .position(|c| c.name == "agency_credit")
        .unwrap();
    m.model.weights[at] = 2.5;
    m.save(&path).unwrap();
    let err = VerdictModel::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("agency_credit") && err.contains("v.json"),
        "{err}"
    );
    // And one whose recorded orientations are not this build's.
    let mut m = VerdictModel::embedded().unwrap();
    m.model.signs[at] = chaff::model::Sign::NonNegative;
    m.model.weights[at] = 0.0;
    m.save(&path).unwrap();
    let err = VerdictModel::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("orientations") && err.contains("v.json"),
        "{err}"
    );
}

#[test]
fn a_page_model_file_keeps_a_threshold_per_regime_and_an_older_one_serves_both() {
    use chaff::verdict::features::Regime;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.json");
    let mut m = VerdictModel::embedded().unwrap();
    m.threshold = 0.81;
    m.threshold_no_index = Some(0.42);
    m.save(&path).unwrap();
    let back = VerdictModel::load(&path).unwrap();
    assert_eq!(back.threshold_for(Regime::Indexed), 0.81);
    assert_eq!(back.threshold_for(Regime::NoIndex), 0.42);
    // A file written before the second threshold: its one threshold serves both regimes.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json.as_object_mut().unwrap().remove("threshold_no_index");
    std::fs::write(&path, json.to_string()).unwrap();
    let older = VerdictModel::load(&path).unwrap();
    assert_eq!(older.threshold_no_index, None);
    assert_eq!(older.threshold_for(Regime::NoIndex), 0.81);
}

/// Two thresholds just under and just over a score strictly between 0 and 1.
fn around(score: f32) -> (f32, f32) {
    assert!(score > 0.0 && score < 1.0, "score {score}");
    let d = score.min(1.0 - score) / 2.0;
    (score - d, score + d)
}

/// The seed page scored with and without an index, by models whose two thresholds sit on
/// either side of its score: each regime is flagged from its own.
#[test]
fn the_scorer_flags_from_the_threshold_of_the_regime_it_runs_in() {
    use chaff::verdict::features::Regime;
    let html = std::fs::read_to_string(seeds().join("seed-page.html")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wire.db");
    fill(&seeds().join("wire-original.jsonl"), &path);
    let scorer = |threshold: f32, no_index: f32, index: bool| {
        let mut m = VerdictModel::embedded().unwrap();
        m.threshold = threshold;
        m.threshold_no_index = Some(no_index);
        let index = index.then(|| WireIndex::open_read_only(&path).unwrap());
        Scorer::new(chaff::extract::Extractor::embedded().unwrap(), m, index)
    };
    for (index, regime) in [(false, Regime::NoIndex), (true, Regime::Indexed)] {
        let s = scorer(0.5, 0.5, index).score(&html, None).unwrap();
        assert_eq!(s.inspection.regime, regime);
        let (below, above) = around(s.verdict.score);
        // The regime's own threshold decides; the other one is not read.
        let (own_below, own_above) = if index {
            ((below, above), (above, below))
        } else {
            ((above, below), (below, above))
        };
        for ((threshold, no_index), flagged) in [(own_below, true), (own_above, false)] {
            let v = scorer(threshold, no_index, index)
                .score(&html, None)
                .unwrap()
                .verdict;
            assert_eq!(v.flagged, flagged, "{regime:?}: {v:?}");
        }
    }
}
