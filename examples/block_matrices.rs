//! Dump the matrices the block model's fit sees, for offline experiments with other column
//! shapes (binned features, splines) without a 20-minute `chaff train` per try.
//!
//!     cargo run --release --example block_matrices -- /tmp/prec-dump
//!
//! Reads `training-data/manifest.toml` and the embedded model's schema (its vocabulary is
//! what `chaff train` learns from that manifest). Writes, little-endian:
//! - `train1.f32`: first-pass rows of the training blocks the fit sees (gold set, kept by
//!   the ln(1 + words) resampling), `train2.f32`: their stacked second-pass columns, from
//!   out-of-fold first-pass probabilities as training computes them; `train_y.u8`,
//!   `train_page.u32`, `train_words.u32`;
//! - `dev1.f32`, `dev2.f32` (stacked columns from the embedded first pass, as extraction
//!   computes them), `dev_gold.u8` (0, 1, 2 = unlabelled), `dev_page.u32`, `dev_words.u32`,
//!   and the embedded model's final probabilities `dev_p.f32`;
//! - `dev_decided.u8`: the labels of the embedded model's whole decision
//!   ([`chaff::extract::decide`]: sequence pass, region, tail, lone article) with its
//!   threshold set to each of `decided_thresholds` in turn, the other decisions as
//!   embedded: one row of every dev block per threshold, so that a step after the decision
//!   can be tuned with the threshold offline;
//! - `meta.json`: column names of both passes, row counts, each dev and training page's
//!   dataset.

use anyhow::Context;
use chaff::extract::{Extractor, decide};
use chaff::features::PageCtx;
use chaff::model::FitOptions;
use chaff::train::{Manifest, keep_by_weight, load_sets, out_of_fold, rows_of};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Little-endian writer of one column file.
struct Out(std::io::BufWriter<std::fs::File>);

impl Out {
    fn new(dir: &Path, name: &str) -> anyhow::Result<Out> {
        Ok(Out(std::io::BufWriter::new(std::fs::File::create(
            dir.join(name),
        )?)))
    }
    fn f32s(&mut self, v: &[f32]) -> anyhow::Result<()> {
        for x in v {
            self.0.write_all(&x.to_le_bytes())?;
        }
        Ok(())
    }
    fn u32(&mut self, v: usize) -> anyhow::Result<()> {
        Ok(self.0.write_all(&(v as u32).to_le_bytes())?)
    }
    fn u8(&mut self, v: u8) -> anyhow::Result<()> {
        Ok(self.0.write_all(&[v])?)
    }
}

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .context("usage: block_matrices OUT_DIR")?,
    );
    std::fs::create_dir_all(&dir)?;
    let path = Path::new("training-data/manifest.toml");
    let manifest = Manifest::parse(&std::fs::read_to_string(path)?, path)?;
    let model = Extractor::embedded()?.model;
    let schema = &model.schema;
    let opts = &manifest.options;
    let say = |line: &str| eprintln!("{line}");
    let train = load_sets(&manifest.train, &say)?;
    let dev = load_sets(&manifest.dev, &say)?;
    let w1 = schema.width();

    eprintln!("first-pass rows");
    let rows = rows_of(schema, &train);
    eprintln!("out-of-fold first-pass probabilities");
    let fit = FitOptions {
        l2: opts.l2,
        max_iterations: opts.max_iterations,
    };
    let oof = out_of_fold(schema, &train, &rows, opts, fit)?;
    let (mut x1, mut x2) = (Out::new(&dir, "train1.f32")?, Out::new(&dir, "train2.f32")?);
    let (mut y, mut pg, mut wd) = (
        Out::new(&dir, "train_y.u8")?,
        Out::new(&dir, "train_page.u32")?,
        Out::new(&dir, "train_words.u32")?,
    );
    let mut n_train = 0;
    for (pi, ((l, r), p)) in train.iter().zip(&rows).zip(&oof).enumerate() {
        let r2 = schema.second_pass_rows(&PageCtx::new(&l.page), r, p);
        let w2 = r2.len() / l.page.blocks.len().max(1);
        for (bi, b) in l.page.blocks.iter().enumerate() {
            let Some(gold) = b.gold else { continue };
            if opts.weight_by_words && !keep_by_weight(b.words, pi, bi) {
                continue;
            }
            x1.f32s(&r[bi * w1..(bi + 1) * w1])?;
            x2.f32s(&r2[bi * w2 + w1..(bi + 1) * w2])?;
            y.u8(u8::from(gold))?;
            pg.u32(pi)?;
            wd.u32(b.words)?;
            n_train += 1;
        }
    }

    eprintln!("dev rows");
    let e = Extractor {
        model: model.clone(),
    };
    let (mut d1, mut d2, mut dp) = (
        Out::new(&dir, "dev1.f32")?,
        Out::new(&dir, "dev2.f32")?,
        Out::new(&dir, "dev_p.f32")?,
    );
    let (mut dg, mut dpg, mut dwd) = (
        Out::new(&dir, "dev_gold.u8")?,
        Out::new(&dir, "dev_page.u32")?,
        Out::new(&dir, "dev_words.u32")?,
    );
    let mut n_dev = 0;
    // The thresholds `train::tune_decisions` searches.
    let thresholds: Vec<f32> = chaff::train::thresholds().collect();
    let mut decided: Vec<Vec<u8>> = vec![Vec::new(); thresholds.len()];
    for (pi, l) in dev.iter().enumerate() {
        if l.page.blocks.is_empty() {
            continue;
        }
        let ctx = PageCtx::new(&l.page);
        let r = schema.rows(&ctx);
        let p1 = model.first.predict_rows(&r);
        let r2 = schema.second_pass_rows(&ctx, &r, &p1);
        let w2 = r2.len() / l.page.blocks.len();
        let p = e.probabilities(&l.page);
        dp.f32s(&p)?;
        for (t, out) in thresholds.iter().zip(&mut decided) {
            let mut at = model.clone();
            at.threshold = *t;
            out.extend(decide(&at, &l.page, &p).into_iter().map(u8::from));
        }
        for (bi, b) in l.page.blocks.iter().enumerate() {
            d1.f32s(&r[bi * w1..(bi + 1) * w1])?;
            d2.f32s(&r2[bi * w2 + w1..(bi + 1) * w2])?;
            dg.u8(b.gold.map_or(2, u8::from))?;
            dpg.u32(pi)?;
            dwd.u32(b.words)?;
            n_dev += 1;
        }
    }
    std::fs::write(dir.join("dev_decided.u8"), decided.concat())?;
    let names2 = schema.second_pass_names()[w1..].to_vec();
    let meta = serde_json::json!({
        "names1": schema.names(),
        "names2": names2,
        "n_train": n_train,
        "n_dev": n_dev,
        "dev_datasets": dev.iter().map(|l| l.dataset.clone()).collect::<Vec<_>>(),
        "train_datasets": train.iter().map(|l| l.dataset.clone()).collect::<Vec<_>>(),
        "decided_thresholds": thresholds,
        "threshold": model.threshold,
    });
    std::fs::write(dir.join("meta.json"), serde_json::to_string(&meta)?)?;
    eprintln!(
        "{n_train} training rows, {n_dev} dev rows in {}",
        dir.display()
    );
    Ok(())
}
