//! Stamp lines around a block (step `stamps`, `features::STAMPS`): for every page of the
//! named sets, the words the embedded model keeps, by how many short date-stamped lines sit
//! within 6 blocks either side, gold against not gold. Where the thread and feed words
//! gather at 3+ and the gold words do not, the feature separates.
//!
//!     cargo run --release --example stamp_lines -- dragnet:train wcxb:train cleaneval:train
//!
//! `--model=FILE` reads another model.

use chaff::datasets::{self, Split};
use chaff::extract::{Extractor, decide};
use chaff::facts::dates::stamps_time;

const REACH: usize = 6;
const BUCKETS: usize = 6;

fn main() -> anyhow::Result<()> {
    let (flags, args): (Vec<String>, Vec<String>) = std::env::args()
        .skip(1)
        .partition(|a| a.starts_with("--model="));
    let model = flags.last().map(|f| f["--model=".len()..].to_string());
    let e = Extractor::from_file_or_embedded(model.as_deref())?;
    for spec in &args {
        let (name, split) = datasets::parse_spec(spec, Split::Dev)?;
        let loaded = datasets::load(&name, split)?;
        // [bucket][gold?] words, over kept blocks and over all blocks.
        let mut kept = [[0usize; 2]; BUCKETS];
        let mut all = [[0usize; 2]; BUCKETS];
        // Per page: gold words kept at 3+, for naming the pages that hold them.
        let mut by_page: Vec<(usize, String)> = Vec::new();
        for s in &loaded.samples {
            let page = &s.page;
            let probs = e.probabilities(page);
            let labels = decide(&e.model, page, &probs);
            let stamped: Vec<bool> = page
                .blocks
                .iter()
                .map(|b| b.words <= 25 && stamps_time(&b.text))
                .collect();
            let mut page_gold = 0;
            for (i, b) in page.blocks.iter().enumerate() {
                let Some(gold) = b.gold else { continue };
                let lo = i.saturating_sub(REACH);
                let hi = (i + REACH + 1).min(stamped.len());
                let n = stamped[lo..hi].iter().filter(|&&x| x).count() - usize::from(stamped[i]);
                let bucket = n.min(BUCKETS - 1);
                all[bucket][usize::from(gold)] += b.words;
                if labels[i] {
                    kept[bucket][usize::from(gold)] += b.words;
                    if gold && bucket >= 3 {
                        page_gold += b.words;
                    }
                }
            }
            by_page.push((page_gold, s.id.clone()));
        }
        println!(
            "{spec} ({} pages): stamp lines within {REACH} | kept gold / kept other | all gold / all other",
            loaded.samples.len()
        );
        by_page.sort_unstable_by(|a, b| b.cmp(a));
        let top: Vec<String> = by_page
            .iter()
            .take(8)
            .map(|(w, id)| format!("{id} {w}"))
            .collect();
        println!(
            "  pages holding most gold words kept at 3+: {}",
            top.join(", ")
        );
        for k in 0..BUCKETS {
            println!(
                "  {k}{} | {} / {} | {} / {}",
                if k == BUCKETS - 1 { "+" } else { "" },
                kept[k][1],
                kept[k][0],
                all[k][1],
                all[k][0]
            );
        }
    }
    Ok(())
}
