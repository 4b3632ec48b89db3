//! HTML → segmentation → article text, with the embedded block model.
#![no_main]
use chaff::extract::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "warm.rs"]
mod warm;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fn run(data: &[u8]) {
    let extractor = EXTRACTOR.get_or_init(|| Extractor::embedded().expect("embedded model loads"));
    let html = String::from_utf8_lossy(data);
    let x = extractor.extract(&html);
    // Every label belongs to a block, and the text is made of body blocks only.
    assert_eq!(x.labels.len(), x.page.blocks.len());
}

fuzz_target!(init: run(warm::PAGE.as_bytes()), |data: &[u8]| run(data));
