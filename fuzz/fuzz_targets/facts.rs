//! Page facts (title, site, dates, byline, breadcrumb, datelines, widgets, link lists).
#![no_main]
use chaff::extract::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "warm.rs"]
mod warm;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fn run(data: &[u8]) {
    let extractor = EXTRACTOR.get_or_init(|| Extractor::embedded().expect("embedded model loads"));
    // The first 4 bytes, when there, give a fetch time that relative dates count back from.
    let (fetched, rest) = match data.split_first_chunk::<4>() {
        Some((t, rest)) => (Some(i64::from(u32::from_le_bytes(*t)) * 4), rest),
        None => (None, data),
    };
    let html = String::from_utf8_lossy(rest);
    let x = extractor.extract(&html);
    let facts = chaff::facts::gather_fetched(&x.page, &x.labels, fetched);
    if let Some(d) = &facts.declared_date {
        let _ = facts.days_after(&d.date);
    }
}

/// The warm-up page with a fetch time in front (four bytes), so relative dates count too.
fuzz_target!(
    init: run(&[&1_700_000_000u32.to_le_bytes()[..], warm::PAGE.as_bytes()].concat()),
    |data: &[u8]| run(data)
);
