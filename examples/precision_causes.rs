//! Where the extra words sit: for every dev page of the named sets, the words the model keeps
//! that the gold leaves out, by where they are (before the gold article, after it, between
//! its paragraphs), by what kind of block holds them, and by which decision let them in
//! (the weights: probability over the threshold; the sequence pass: under it but kept).
//!
//!     cargo run --release --example precision_causes -- dragnet:dev wcxb:dev googletrends:dev
//!
//! `--model FILE` reads another model; `--pages N` lists the N pages of most extra words.

use chaff::datasets::{self, Split};
use chaff::extract::{Decision, Extractor, decide_watched};
use chaff::page::Page;
use std::collections::BTreeMap;

/// A block of fewer words than this is "short" (a subhead, a label, a card's headline).
const SHORT: usize = 10;

#[derive(Default)]
struct Tally {
    words: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, key: String, w: usize) {
        *self.words.entry(key).or_default() += w;
    }
    fn print(&self, title: &str, unit: &str, total: usize) {
        println!("{title}");
        for (k, w) in &self.words {
            println!(
                "  {k:<44} {w:>8} {unit} {:5.1}%",
                100.0 * *w as f64 / total.max(1) as f64
            );
        }
    }
}

fn kind(page: &Page, i: usize) -> &'static str {
    let b = &page.blocks[i];
    if b.heading > 0 {
        "heading"
    } else if b.link_density() >= 0.5 {
        "link-dense"
    } else if b.words < SHORT {
        "short"
    } else {
        "sentence-like"
    }
}

/// trafilatura's benchmark has snippets, not gold blocks: each `without` snippet the output
/// holds is placed by the body block that holds it, against the blocks that hold the page's
/// `with` snippets (before the first, after the last, between).
fn snippets(e: &Extractor) -> anyhow::Result<()> {
    use chaff::datasets::trafilatura;
    use chaff::segment::collapse;
    let (pages, _) = trafilatura::pages(&datasets::require_root()?)?;
    let (mut where_, mut what) = (Tally::default(), Tally::default());
    let mut total = 0;
    for p in &pages {
        let Ok(html) = trafilatura::html(p) else {
            continue;
        };
        let x = e.extract(&html);
        let body: Vec<(usize, String)> = x
            .page
            .blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| x.labels[*i] && Some(*i) != x.title_block)
            .map(|(i, b)| (i, collapse(&b.text)))
            .collect();
        let block_of = |s: &str| {
            let s = collapse(s);
            body.iter().find(|(_, t)| t.contains(&s)).map(|(i, _)| *i)
        };
        let with: Vec<usize> = p.with.iter().filter_map(|s| block_of(s)).collect();
        let (first, last) = (with.iter().min().copied(), with.iter().max().copied());
        for s in &p.without {
            let Some(i) = block_of(s) else { continue };
            total += 1;
            let at = match (first, last) {
                (Some(f), _) if i < f => "before the article",
                (_, Some(l)) if i > l => "after the article",
                (Some(_), Some(_)) => "between its paragraphs",
                _ => "page with no `with` snippet kept",
            };
            where_.add(at.to_string(), 1);
            what.add(format!("{at}: {}", kind(&x.page, i)), 1);
        }
    }
    println!(
        "== trafilatura-eval: {} pages, {total} `without` snippets kept",
        pages.len()
    );
    where_.print("where they sit", "snippets", total);
    what.print("what holds them", "snippets", total);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut model = None;
    let mut list = 0usize;
    while let Some(pos) = args.iter().position(|a| a.starts_with("--")) {
        let flag = args.remove(pos);
        let value = args.remove(pos);
        match flag.as_str() {
            "--model" => model = Some(value),
            "--pages" => list = value.parse()?,
            other => anyhow::bail!("unknown flag {other}"),
        }
    }
    let e = match model {
        Some(p) => Extractor::from_file(std::path::Path::new(&p))?,
        None => Extractor::embedded()?,
    };
    let m = &e.model;
    for spec in &args {
        if spec == chaff::datasets::trafilatura::NAME {
            snippets(&e)?;
            continue;
        }
        let (name, split) = datasets::parse_spec(spec, Split::Dev)?;
        let loaded = datasets::load(&name, split)?;
        let (mut where_, mut what, mut who) =
            (Tally::default(), Tally::default(), Tally::default());
        let (mut fp_total, mut out_total) = (0usize, 0usize);
        let mut low_precision = 0usize;
        let mut worst: Vec<(usize, String)> = Vec::new();
        for s in &loaded.samples {
            let page = &s.page;
            let probs = e.probabilities(page);
            let thr: Vec<bool> = probs.iter().map(|p| *p >= m.threshold).collect();
            // The labels after each step of the extractor's own decision.
            let (mut seq, mut region, mut tail) = (Vec::new(), Vec::new(), Vec::new());
            let fin = decide_watched(m, page, &probs, |step, labels| match step {
                Decision::Sequence => {
                    seq = labels.to_vec();
                    region = seq.clone();
                }
                Decision::MainRegion => region = labels.to_vec(),
                Decision::Tail => tail = labels.to_vec(),
                Decision::ReplyForm
                | Decision::PageShare
                | Decision::ShortGap
                | Decision::LoneArticle => {}
            });
            let gold: Vec<bool> = page.blocks.iter().map(|b| b.gold == Some(true)).collect();
            let first = gold.iter().position(|g| *g);
            let last = gold.iter().rposition(|g| *g);
            let (mut fp, mut tp) = (0, 0);
            for (i, b) in page.blocks.iter().enumerate() {
                if !fin[i] {
                    continue;
                }
                if gold[i] {
                    tp += b.words;
                    continue;
                }
                fp += b.words;
                let at = match (first, last) {
                    (Some(f), _) if i < f => "before the article",
                    (_, Some(l)) if i > l => "after the article",
                    (Some(_), Some(_)) => "between its paragraphs",
                    _ => "page without gold body",
                };
                where_.add(at.to_string(), b.words);
                what.add(format!("{at}: {}", kind(page, i)), b.words);
                let by = if thr[i] {
                    "over the threshold (weights)"
                } else if seq[i] {
                    "under it, kept by the sequence pass"
                } else {
                    "kept by the lone-article rule"
                };
                who.add(by.to_string(), b.words);
            }
            // What the later steps removed: extra words (good) and gold words (cost).
            for (i, b) in page.blocks.iter().enumerate() {
                let step = if seq[i] && !region[i] {
                    "main region dropped"
                } else if region[i] && !tail[i] {
                    "tail dropped"
                } else if thr[i] && !seq[i] {
                    "sequence pass dropped"
                } else {
                    continue;
                };
                let g = if gold[i] {
                    "gold words (cost)"
                } else {
                    "extra words"
                };
                who.add(format!("{step}: {g}"), b.words);
            }
            fp_total += fp;
            out_total += fp + tp;
            if fp + tp > 0 && (tp as f64 / (fp + tp) as f64) < 0.9 {
                low_precision += 1;
            }
            worst.push((fp, s.id.clone()));
        }
        println!(
            "== {spec}: {} pages, {} output words, {} extra ({:.1}%), {} pages under 0.9 block-word precision",
            loaded.samples.len(),
            out_total,
            fp_total,
            100.0 * fp_total as f64 / out_total.max(1) as f64,
            low_precision
        );
        where_.print("where the extra words sit", "words", fp_total);
        what.print("what holds them", "words", fp_total);
        who.print("which decision (percent of extra words)", "words", fp_total);
        worst.sort_by(|a, b| b.cmp(a));
        for (fp, id) in worst.iter().take(list) {
            println!("  {fp:>6} extra  {id}");
        }
    }
    Ok(())
}
