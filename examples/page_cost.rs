//! Time per byte of every page, to find the pages extraction is slowest on (a superlinear
//! step shows as a page far above the rest): decode and extract each page, best of 3, then
//! list the pages of most time per byte and of most time.
//!
//!     cargo run --release --example page_cost -- ../shared/datasets/wcxb-dev/html/*.html.gz
//!
//! Times are wall clock: on a loaded machine, compare pages within one run only, and count
//! instructions (callgrind) for before/after.

use anyhow::Context;
use std::time::Instant;

/// How many pages each list shows.
const SHOWN: usize = 25;

struct Cost {
    seconds: f64,
    bytes: usize,
    path: String,
}

impl Cost {
    fn ns_per_byte(&self) -> f64 {
        self.seconds * 1e9 / self.bytes.max(1) as f64
    }

    fn print(&self) {
        println!(
            "{:8.2} ns/B {:8.1} ms {:9} B  {}",
            self.ns_per_byte(),
            self.seconds * 1e3,
            self.bytes,
            self.path
        );
    }
}

fn main() -> anyhow::Result<()> {
    let extractor = chaff::extract::Extractor::embedded()?;
    // A page that cannot be read is named on stderr and the others are still measured.
    let costs: Vec<Cost> = std::env::args()
        .skip(1)
        .filter_map(|path| {
            measure(&extractor, path)
                .map_err(|e| eprintln!("{e:#}"))
                .ok()
        })
        .collect();
    report(costs);
    Ok(())
}

fn measure(extractor: &chaff::extract::Extractor, path: String) -> anyhow::Result<Cost> {
    let raw = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
    let bytes =
        chaff::decode::gunzip_if_gzip(&raw).with_context(|| format!("gunzipping {path}"))?;
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let html = chaff::decode::decode(&bytes).with_context(|| format!("decoding {path}"))?;
        std::hint::black_box(extractor.extract(&html).text.len());
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(Cost {
        seconds: best,
        bytes: bytes.len(),
        path,
    })
}

fn report(mut costs: Vec<Cost>) {
    let seconds: f64 = costs.iter().map(|c| c.seconds).sum();
    let bytes: usize = costs.iter().map(|c| c.bytes).sum();
    println!(
        "{} pages, {bytes} bytes in {seconds:.3} s: {:.1} ns/B",
        costs.len(),
        seconds * 1e9 / bytes.max(1) as f64
    );
    println!("-- most time per byte");
    costs.sort_by(|a, b| b.ns_per_byte().total_cmp(&a.ns_per_byte()));
    costs.iter().take(SHOWN).for_each(Cost::print);
    println!("-- most time");
    costs.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
    costs.iter().take(SHOWN).for_each(Cost::print);
}
