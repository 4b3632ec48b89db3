//! `chaff train`: learn a block model from the labelled datasets named in a manifest.

use crate::features::Steps;
use crate::train::{Manifest, load_sets};
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
  chaff train --out /tmp/no-region.json --without main-region   measure what a step adds
  chaff train --retune models/default.json --out /tmp/r.json --without reply-form
                                   the same for a decision tuned after the passes
  chaff train --retune models/default.json --out /tmp/r.json --only reply-form
                                   tune one decision, the rest as the model has them
  chaff train --retune models/default.json --out /tmp/r.json --tune-on dev+train
                                   tune the decisions on the dev and training pages"))]
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
    /// main-region, declared, feeds, sequence, main-run, stamps; and the decisions tuned after the
    /// passes (also with --retune): tail, page-share, reply-form, short-gap.
    #[arg(long, value_delimiter = ',', value_name = "STEP")]
    pub without: Vec<String>,
    /// Re-tune the decisions of this model file (threshold, sequence strength, region
    /// margin) on the manifest's dev sets, without refitting its passes; write it to --out.
    #[arg(long, value_name = "MODEL")]
    pub retune: Option<PathBuf>,
    /// With --retune: tune only this decision (tail, page-share, reply-form, short-gap), the threshold
    /// and every other decision kept as the model has them.
    #[arg(
        long,
        value_name = "DECISION",
        requires = "retune",
        conflicts_with = "without"
    )]
    pub only: Option<String>,
    /// With --retune: the pages to tune on, `dev` (the manifest's [[dev]] sets) or
    /// `dev+train` (its [[dev]] and [[train]] sets pooled; the passes stay as fitted).
    #[arg(long, value_name = "PAGES", default_value = "dev", requires = "retune")]
    pub tune_on: crate::train::TuneOn,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.manifest)
        .with_context(|| format!("reading manifest {}", args.manifest.display()))?;
    let mut manifest = Manifest::parse(&text, &args.manifest)?;
    let (decisions, steps): (Vec<&str>, Vec<&str>) = args
        .without
        .iter()
        .map(String::as_str)
        .partition(|w| crate::train::DECISIONS.iter().any(|d| d.name == *w));
    if args.retune.is_some() && !steps.is_empty() {
        anyhow::bail!(
            "--retune keeps the passes as they are; switching off step {:?} needs a refit \
             (drop --retune)",
            steps[0]
        );
    }
    switch_off(&mut manifest.options.steps, &steps)?;
    let say = |m: &str| {
        if std::io::stderr().is_terminal() || std::env::var_os("CHAFF_VERBOSE").is_some() {
            eprintln!("chaff train: {m}");
        }
    };
    let start = Instant::now();
    if let Some(path) = &args.retune {
        let mut model = crate::model::BlockModel::load(path)?;
        let dev = load_sets(&manifest.dev, &say)?;
        let more = load_sets(manifest.extra_tuning_sets(args.tune_on), &say)?;
        match &args.only {
            Some(name) => {
                if !crate::train::tune_one_decision(&mut model, &dev, &more, name, &say) {
                    anyhow::bail!(
                        "unknown decision {name:?}: choose from tail, page-share, reply-form, short-gap"
                    );
                }
            }
            None => crate::train::tune_decisions_without(&mut model, &dev, &more, &decisions, &say),
        }
        return saved(&model, &args.out, start);
    }
    let train = load_sets(&manifest.train, &say)?;
    let dev = load_sets(&manifest.dev, &say)?;
    let record = serde_json::json!({
        "manifest": manifest,
        "train_pages": train.len(),
        "dev_pages": dev.len(),
    });
    let mut model = crate::train::train(&train, &dev, &manifest.options, record, &say)?;
    if !decisions.is_empty() {
        crate::train::tune_decisions_without(&mut model, &dev, &[], &decisions, &say);
    }
    saved(&model, &args.out, start)
}

fn saved(
    model: &crate::model::BlockModel,
    out: &std::path::Path,
    start: Instant,
) -> anyhow::Result<ExitCode> {
    model.save(out)?;
    println!(
        "wrote {} in {:.0}s; dev metrics:",
        out.display(),
        start.elapsed().as_secs_f64()
    );
    println!("{}", serde_json::to_string_pretty(&model.metrics)?);
    Ok(ExitCode::SUCCESS)
}

fn switch_off(steps: &mut Steps, without: &[&str]) -> anyhow::Result<()> {
    for w in without {
        match *w {
            "neighbours" => steps.neighbours = false,
            "containers" => steps.containers = false,
            "second-pass" => steps.second_pass = false,
            "main-region" => steps.main_region = false,
            "declared" => steps.declared = false,
            "feeds" => steps.feeds = false,
            "sequence" => steps.sequence = false,
            "main-run" => steps.main_run = false,
            "stamps" => steps.stamps = false,
            other => anyhow::bail!(
                "unknown step {other:?}: choose from neighbours, containers, second-pass, \
                 main-region, declared, feeds, sequence, main-run, stamps (or the decisions tail, \
                 page-share, reply-form)"
            ),
        }
    }
    Ok(())
}
