//! Scoring one page, as `chaff score` does: extraction, facts, wire look-up, verdict.
#![no_main]
use chaff::extract::Extractor;
use chaff::verdict::{Inspection, VerdictModel};
use chaff::wire::{Story, WireIndex};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

struct Setup {
    extractor: Extractor,
    verdicts: VerdictModel,
    index: WireIndex,
}

#[path = "warm.rs"]
mod warm;

static SETUP: OnceLock<Setup> = OnceLock::new();

/// A wire index holding one story, in a temporary folder, so that look-ups run for real.
fn setup() -> Setup {
    let dir = std::env::temp_dir().join(format!("chaff-fuzz-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let mut index = WireIndex::create_or_open(dir.join("wire.db")).expect("index opens");
    let story = Story {
        id: "fuzz-1".into(),
        agency: "AP".into(),
        published: "2024-01-27".into(),
        title: "Talks begin".into(),
        text: "BEIRUT (AP) — Officials from two countries began formal talks on Saturday about \
               the future of the coalition, a step that both sides said would take months, \
               while negotiators met in the capital and discussed the schedule for the next \
               round of meetings planned for the spring."
            .into(),
    };
    index
        .add(&story)
        .expect("index writes")
        .expect("story is valid");
    Setup {
        extractor: Extractor::embedded().expect("embedded model loads"),
        verdicts: VerdictModel::embedded().expect("embedded page model loads"),
        index,
    }
}

fn run(data: &[u8]) {
    let s = SETUP.get_or_init(setup);
    let html = String::from_utf8_lossy(data);
    let i = Inspection::of(&s.extractor, Some(&s.index), &html, Some(1_714_000_000))
        .expect("look-up in a healthy index works");
    let v = s.verdicts.judge(&i.evidence(None));
    assert!(
        (0.0..=1.0).contains(&v.score),
        "score {} out of range",
        v.score
    );
}

fuzz_target!(init: run(warm::PAGE.as_bytes()), |data: &[u8]| run(data));
