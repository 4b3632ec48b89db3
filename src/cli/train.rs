//! `chaff train`: learn a block model from the labelled datasets named in a manifest.

use crate::datasets::{self, Split};
use crate::features::Steps;
use crate::train::{Labelled, Manifest, SetRef};
use anyhow::Context;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
#[command(after_help = super::help("\
Inputs: the manifest and the datasets it names (../shared/datasets or $CHAFF_DATASETS).
Output: the model file at --out; progress and the dev metrics on stderr.

The manifest (TOML) names the dataset splits to train on ([[train]]) and to tune the
threshold on ([[dev]]), and the options; see training-data/manifest.toml. Test splits are
refused: they are for `chaff eval`.

The same manifest and data always give the same model. The model file records the feature
names, the training manifest and the dev metrics it reached.

Examples:
  chaff train --out models/default.json
  chaff train --out /tmp/no-region.json --without main-region   measure what a step adds"))]
pub struct Args {
    /// Where to write the model (JSON).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// The training manifest.
    #[arg(
        long,
        value_name = "PATH",
        default_value = "training-data/manifest.toml"
    )]
    pub manifest: PathBuf,
    /// Switch off steps of the model, comma-separated: neighbours, containers, second-pass,
    /// main-region.
    #[arg(long, value_delimiter = ',', value_name = "STEP")]
    pub without: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.manifest)
        .with_context(|| format!("reading manifest {}", args.manifest.display()))?;
    let mut manifest = Manifest::parse(&text, &args.manifest)?;
    switch_off(&mut manifest.options.steps, &args.without)?;
    let say = |m: &str| {
        if std::io::stderr().is_terminal() || std::env::var_os("CHAFF_VERBOSE").is_some() {
            eprintln!("chaff train: {m}");
        }
    };
    let start = Instant::now();
    let train = load_sets(&manifest.train, &say)?;
    let dev = load_sets(&manifest.dev, &say)?;
    let record = serde_json::json!({
        "manifest": manifest,
        "train_pages": train.len(),
        "dev_pages": dev.len(),
    });
    let model = crate::train::train(&train, &dev, &manifest.options, record, &say)?;
    model.save(&args.out)?;
    println!(
        "wrote {} in {:.0}s; dev metrics:",
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    println!("{}", serde_json::to_string_pretty(&model.metrics)?);
    Ok(ExitCode::SUCCESS)
}

fn switch_off(steps: &mut Steps, without: &[String]) -> anyhow::Result<()> {
    for w in without {
        match w.as_str() {
            "neighbours" => steps.neighbours = false,
            "containers" => steps.containers = false,
            "second-pass" => steps.second_pass = false,
            "main-region" => steps.main_region = false,
            other => anyhow::bail!(
                "unknown step {other:?}: choose from neighbours, containers, second-pass, main-region"
            ),
        }
    }
    Ok(())
}

fn load_sets(sets: &[SetRef], say: &dyn Fn(&str)) -> anyhow::Result<Vec<Labelled>> {
    let mut out = Vec::new();
    for set in sets {
        let split: Split = set.split.parse()?;
        let loaded = datasets::load(&set.dataset, split)
            .with_context(|| format!("loading {}:{}", set.dataset, set.split))?;
        say(&format!(
            "{}:{}: {} pages ({} skipped)",
            set.dataset,
            set.split,
            loaded.samples.len(),
            loaded.skipped.len()
        ));
        for s in &loaded.skipped {
            say(&format!("  skipped {}: {}", s.path.display(), s.reason));
        }
        out.extend(loaded.samples.into_iter().map(|s| Labelled {
            dataset: s.dataset,
            page: s.page,
        }));
    }
    Ok(out)
}
