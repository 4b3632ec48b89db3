//! Generated pages as JSON Lines, for tools that read pages from outside chaff
//! (`bench/dates/compare.py` runs htmldate on them beside `chaff facts`).
//!
//! `cargo run --release --example farm_pages -- N OUT.jsonl`: for the first N test pages of
//! each dataset of the page model's corpus with an article worth copying, one page of each
//! kind the generator makes (farm, syndication, original, blog), each in a layout family
//! taken in turn, one JSON object a line: `url` (null), `html`, `fetched` (instant), and the
//! generator's truth: `template` (`family/kind`), `farm`, `declared` (the date it printed,
//! when it printed one).

use chaff::farmgen::{self, FAMILIES, Kind};
use chaff::verdict::corpus::{self, Split};
use std::io::Write;

fn instant(unix: i64) -> String {
    let (y, m, d) = chaff::calendar::civil_from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, out] = args.as_slice() else {
        anyhow::bail!("usage: farm_pages N OUT.jsonl");
    };
    let n: usize = n.parse()?;
    let extractor = chaff::extract::Extractor::embedded()?;
    let pages = corpus::real_pages(&chaff::datasets::root(), Split::Test, Some(n))?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(out)?);
    let kinds = [Kind::Farm, Kind::Syndication, Kind::Original, Kind::Blog];
    let mut written = 0;
    for (i, p) in pages.iter().enumerate() {
        let x = extractor.extract(&p.html);
        let Some(article) = corpus::article_of(x.title.as_deref(), &x.text) else {
            continue;
        };
        for (k, kind) in kinds.iter().enumerate() {
            let seed = i * kinds.len() + k;
            let family = &FAMILIES[seed % FAMILIES.len()];
            let g = farmgen::generate(&article, *kind, family, &[], seed as u64);
            let line = serde_json::json!({
                "url": null,
                "html": g.html,
                "fetched": instant(g.fetched),
                "template": format!("{}/{}", g.family, kind.name()),
                "farm": g.farm,
                "declared": g.declared,
            });
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
            written += 1;
        }
    }
    eprintln!(
        "farm_pages: {written} pages from {} real pages",
        pages.len()
    );
    Ok(())
}
