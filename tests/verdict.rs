//! The page verdict end to end: the seed page, the hand-written pages, and the rule that a
//! wire match alone does not flag a page.

mod common;

use chaff::extract::Extractor;
use chaff::fingerprint::Clusters;
use chaff::verdict::{Inspection, Verdict, VerdictModel};
use chaff::wire::{Story, WireIndex};
use common::seeds;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn index_of(jsonl: &Path, dir: &Path) -> WireIndex {
    let mut ix = WireIndex::create_or_open(dir.join("wire.db")).unwrap();
    let stories: Vec<Story> = std::fs::read_to_string(jsonl)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Story::from_json(l).unwrap())
        .collect();
    ix.add_many(&stories).unwrap();
    ix
}

fn judge(html_path: &Path, index: Option<&WireIndex>) -> (Verdict, Inspection) {
    let extractor = Extractor::embedded().unwrap();
    let model = VerdictModel::embedded().unwrap();
    let html = std::fs::read_to_string(html_path).unwrap();
    let i = Inspection::of(&extractor, index, &html, None).unwrap();
    let mut clusters = Clusters::default();
    let c = i
        .fingerprint
        .clone()
        .map(|fp| clusters.add("page", "site", None, fp));
    (model.judge(&i.evidence(c.as_ref())), i)
}

fn codes(v: &Verdict) -> Vec<&str> {
    v.reasons.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn the_seed_page_is_flagged_as_a_copy_of_the_ap_story_with_its_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index_of(&seeds().join("wire-original.jsonl"), dir.path());
    let (v, _) = judge(&seeds().join("seed-page.html"), Some(&ix));
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

#[test]
fn hand_written_pages_are_judged_as_their_manifest_says() {
    let pages = root().join("training-data/pages");
    let dir = tempfile::tempdir().unwrap();
    let ix = index_of(&pages.join("wire.jsonl"), dir.path());
    for line in std::fs::read_to_string(pages.join("manifest.jsonl"))
        .unwrap()
        .lines()
    {
        let e: Entry = serde_json::from_str(line).unwrap();
        let (v, _) = judge(&pages.join(&e.file), Some(&ix));
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
    let (v, _) = judge(&pages.join("syndication-harbor-dredge.html"), Some(&ix));
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
