//! What [`chaff::extract::drop_after_reply_form`] finds on the dev pages: per set, the pages
//! with a visible textarea, those with one after the main run of the labels, and the words
//! the decision before it keeps after that run (not gold / gold) by probability, which the
//! step would drop unless the thread guard holds; then one line per such page.
//!
//!     cargo run --release --example reply_forms -- dragnet:dev wcxb:dev [--model FILE]

use chaff::datasets::{self, Split};
use chaff::extract::{Extractor, THREAD_SHARE, decide};
use chaff::features::main_run;

/// Probability bins of the table: under 0.5, 0.5–0.7, 0.7–0.9, at least 0.9.
fn bin(p: f32) -> usize {
    [0.5, 0.7, 0.9].iter().take_while(|b| p >= **b).count()
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut model = None;
    if let Some(pos) = args.iter().position(|a| a == "--model") {
        args.remove(pos);
        model = Some(args.remove(pos));
    }
    let e = Extractor::from_file_or_embedded(model.as_deref())?;
    // The decision without the step: what it would be handed.
    let mut m = e.model.clone();
    m.reply_form_cut = 0.0;
    for spec in &args {
        let (name, split) = datasets::parse_spec(spec, Split::Dev)?;
        let loaded = datasets::load(&name, split)?;
        let (mut with_form, mut after_run, mut all_extra) = (0, 0, 0usize);
        let mut bins = [(0usize, 0usize); 4];
        let mut rows = Vec::new();
        for s in &loaded.samples {
            let page = &s.page;
            let probs = e.probabilities(page);
            let labels = decide(&m, page, &probs);
            for (b, _) in page.blocks.iter().zip(&labels).filter(|(_, l)| **l) {
                if b.gold != Some(true) {
                    all_extra += b.words;
                }
            }
            if page.reply_forms.is_empty() {
                continue;
            }
            with_form += 1;
            let kept_at: Vec<f32> = labels.iter().map(|l| f32::from(u8::from(*l))).collect();
            let Some((rs, re)) = main_run(page, &kept_at) else {
                continue;
            };
            let Some(&f) = page.reply_forms.iter().find(|&&f| f > re) else {
                continue;
            };
            after_run += 1;
            let (mut x, mut g) = (0, 0);
            for (i, b) in page.blocks.iter().enumerate().skip(re + 1) {
                if !labels[i] {
                    continue;
                }
                let slot = &mut bins[bin(probs[i])];
                if b.gold == Some(true) {
                    slot.1 += b.words;
                    g += b.words;
                } else {
                    slot.0 += b.words;
                    x += b.words;
                }
            }
            let share = (x + g) as f32 / page.words_where(&labels).max(1) as f32;
            if x + g > 0 {
                rows.push(format!(
                    "  {} run {rs}..{re}, form at {f}, {} blocks: kept after the run {x} not gold, {g} gold, share {share:.2}{}",
                    s.id,
                    page.blocks.len(),
                    if share > THREAD_SHARE { " (thread: kept)" } else { "" }
                ));
            }
        }
        println!(
            "== {spec}: {} pages, {with_form} with a reply form, {after_run} with one after the run; \
             the set keeps {all_extra} words not gold",
            loaded.samples.len()
        );
        println!(
            "  kept after the run (not gold, gold) by probability <0.5, 0.5-0.7, 0.7-0.9, >=0.9: {bins:?}"
        );
        for r in rows {
            println!("{r}");
        }
    }
    Ok(())
}
