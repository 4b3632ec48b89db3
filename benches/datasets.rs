//! Full-set reports on the labelled datasets (`../shared/datasets` or `$CHAFF_DATASETS`):
//! what the importers and the gold alignment give on every page, for the README and for
//! finding the pages that fail. Reports, not tests: they print figures and assert nothing.
//!
//! ```text
//! cargo bench --bench datasets -- oracle           # per set: pages, body share, oracle F1, load time
//! cargo bench --bench datasets -- splits           # train / dev / test sizes per set
//! cargo bench --bench datasets -- worst [SET]      # the 25 pages the alignment serves worst (default wcxb)
//! cargo bench --bench datasets -- spans            # alignment against human block labels
//! ```
//!
//! "Oracle F1" labels each block from the gold text (the best any block classifier could do
//! on chaff's segmentation) and scores that text by token F1 against the gold.

use chaff::datasets::{self, Split};
use chaff::eval::{Prf, body_share, oracle_f1, token_prf};
use std::process::ExitCode;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; the report is the first other word.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Err(e) = datasets::require_root() {
        eprintln!("datasets: {e}");
        return ExitCode::from(2);
    }
    let result = match args.first().map(String::as_str) {
        Some("oracle") | None => oracle(),
        Some("splits") => splits(),
        Some("worst") => worst(args.get(1).map_or("wcxb", String::as_str)),
        Some("spans") => spans(),
        Some(other) => {
            Err(format!("no report {other:?}: oracle, splits, worst [SET], spans").into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("datasets: {e}");
            ExitCode::from(2)
        }
    }
}

type Result = std::result::Result<(), Box<dyn std::error::Error>>;

fn oracle() -> Result {
    for name in datasets::DATASETS {
        let t = std::time::Instant::now();
        let loaded = datasets::load(name, Split::All)?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{name:16} pages {:5} empty {:3} skipped {:3} body share {:.3} oracle F1 {} load {secs:.1}s",
            loaded.samples.len(),
            loaded.empty.len(),
            loaded.skipped.len(),
            body_share(&loaded.samples),
            oracle_f1(&loaded.samples).map_or("  –  ".to_string(), |f| format!("{f:.3}")),
        );
        for s in loaded.skipped.iter().take(3) {
            println!("   skipped {}: {}", s.path.display(), s.reason);
        }
    }
    Ok(())
}

fn splits() -> Result {
    for name in datasets::DATASETS {
        let n = |s| datasets::ids(name, s).map(|ids| ids.len());
        println!(
            "{name:16} train {:5} dev {:4} test {:4}",
            n(Split::Train)?,
            n(Split::Dev)?,
            n(Split::Test)?
        );
    }
    Ok(())
}

fn worst(name: &str) -> Result {
    let loaded = datasets::load(name, Split::All)?;
    let mut rows: Vec<(Prf, String)> = loaded
        .samples
        .iter()
        .map(|s| {
            let p = token_prf(&datasets::gold_blocks_text(&s.page), &s.reference_text());
            (p, format!("{} {:?}", s.id, s.page_type))
        })
        .collect();
    rows.sort_by(|a, b| a.0.f1.total_cmp(&b.0.f1));
    for (p, id) in rows.iter().take(25) {
        println!("{id} F {:.3} P {:.3} R {:.3}", p.f1, p.precision, p.recall);
    }
    Ok(())
}

/// Drop the human block labels of the block-labelled sets, align the labelled blocks' text
/// back, and compare block by block: how far text alignment agrees with people.
fn spans() -> Result {
    for name in ["l3s-gn1", "googletrends"] {
        let loaded = datasets::load(name, Split::All)?;
        let (mut agree, mut tp, mut fp, mut fneg, mut all) = (0, 0, 0, 0, 0);
        for s in &loaded.samples {
            let text = datasets::gold_blocks_text(&s.page);
            let mut page = s.page.clone();
            datasets::gold::align(&mut page, &text);
            for (a, b) in page.blocks.iter().zip(&s.page.blocks) {
                all += 1;
                agree += usize::from(a.gold == b.gold);
                match (a.gold == Some(true), b.gold == Some(true)) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fneg += 1,
                    _ => {}
                }
            }
        }
        let p = Prf::from_counts(tp, fp, fneg);
        println!(
            "{name}: blocks {all}, agreement {:.4}, aligned-vs-human body P {:.3} R {:.3} F1 {:.3}",
            agree as f64 / all.max(1) as f64,
            p.precision,
            p.recall,
            p.f1
        );
    }
    Ok(())
}
