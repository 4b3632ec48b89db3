//! Short gold paragraphs inside the article's run (issue 9, item 5): for every dev page of
//! the named sets, the gold words the embedded decision misses in blocks of at most N words,
//! how many of them sit in a gap between two kept blocks, and what
//! `extract::keep_short_between` would bring back at each length: gold words gained, extra
//! (not gold) words brought in, and the mean per-page word F1 (the training objective).
//!
//!     cargo run --release --example short_gaps -- dragnet:dev wcxb:dev googletrends:dev l3s-gn1:dev
//!
//! `--model=FILE` reads another model (its own `short_gap_words` is set to 0 first).

use chaff::datasets::{self, Split};
use chaff::extract::{Extractor, decide};
use chaff::train::word_prf;

/// The lengths measured, as `train` tunes them (0 = off).
const LENGTHS: &[usize] = &[0, 4, 6, 8, 10, 12];

fn main() -> anyhow::Result<()> {
    let (flags, args): (Vec<String>, Vec<String>) = std::env::args()
        .skip(1)
        .partition(|a| a.starts_with("--model="));
    let model = flags.last().map(|f| f["--model=".len()..].to_string());
    let mut e = Extractor::from_file_or_embedded(model.as_deref())?;
    e.model.short_gap_words = 0;
    let mut pooled = vec![(0f64, 0usize); LENGTHS.len()];
    for spec in &args {
        let (name, split) = datasets::parse_spec(spec, Split::Dev)?;
        let loaded = datasets::load(&name, split)?;
        let (mut missed, mut missed_short, mut gold_total) = (0usize, 0usize, 0usize);
        // Missed short gold words between the first and the last kept block (inside the
        // run), and of those, in a gap of at most SHORT_GAP_BLOCKS dropped blocks.
        let (mut inside_run, mut in_small_gap) = (0usize, 0usize);
        let mut rows = vec![(0usize, 0usize, 0f64); LENGTHS.len()];
        for s in &loaded.samples {
            let page = &s.page;
            let probs = e.probabilities(page);
            let base = decide(&e.model, page, &probs);
            let kept: Vec<usize> = (0..base.len()).filter(|&i| base[i]).collect();
            for w in kept.windows(2) {
                let gap = w[0] + 1..w[1];
                for i in gap.clone() {
                    let b = &page.blocks[i];
                    if b.gold == Some(true) && b.words <= 8 {
                        inside_run += b.words;
                        if gap.len() <= chaff::extract::SHORT_GAP_BLOCKS {
                            in_small_gap += b.words;
                        }
                    }
                }
            }
            for (b, l) in page.blocks.iter().zip(&base) {
                if b.gold == Some(true) {
                    gold_total += b.words;
                    if !l {
                        missed += b.words;
                        if b.words <= 8 {
                            missed_short += b.words;
                        }
                    }
                }
            }
            for (r, &n) in rows.iter_mut().zip(LENGTHS) {
                let mut m = e.model.clone();
                m.short_gap_words = n;
                let labels = decide(&m, page, &probs);
                for ((b, was), now) in page.blocks.iter().zip(&base).zip(&labels) {
                    if *now && !*was {
                        if b.gold == Some(true) {
                            r.0 += b.words;
                        } else {
                            r.1 += b.words;
                        }
                    }
                }
                r.2 += word_prf(page, &labels).2 as f64;
            }
        }
        let pages = loaded.samples.len();
        println!(
            "{name}: {pages} pages, gold words {gold_total}, missed {missed}, of them in blocks of <= 8 words {missed_short}, \
             {inside_run} inside the run, {in_small_gap} in gaps of <= {} blocks",
            chaff::extract::SHORT_GAP_BLOCKS
        );
        for ((r, &n), p) in rows.iter().zip(LENGTHS).zip(pooled.iter_mut()) {
            println!(
                "  length {n:>2}: gold gained {:>6}  extra brought in {:>6}  F1 {:.4}",
                r.0,
                r.1,
                r.2 / pages.max(1) as f64
            );
            p.0 += r.2;
            p.1 += pages;
        }
    }
    for (p, &n) in pooled.iter().zip(LENGTHS) {
        println!(
            "pooled length {n:>2}: F1 {:.4} over {} pages",
            p.0 / p.1.max(1) as f64,
            p.1
        );
    }
    Ok(())
}
