//! `chaff train-verdict`: train the page model on generated and real pages, write it, and
//! print what it reached leave-one-family-out and on real pages.

use crate::verdict::train::{Options, train};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = super::help("\
Inputs: real pages from the datasets folder; farm pages and their wire stories are generated
from them at run time in six layout families. Fits one model per held-out family and one on
every family; writes the last to --out (JSON, with its column names and orientations) and
prints the report on standard output (JSON): leave-one-family-out figures per family, their
mean and worst, and the written model's rates on real test pages.

Examples:
  chaff train-verdict --out models/verdict.json > bench/verdict-train-report.json
  chaff train-verdict --out /tmp/quick.json --limit 40     a quick run"))]
pub struct Args {
    /// Datasets folder (default: $CHAFF_DATASETS, else ../shared/datasets).
    #[arg(long, value_name = "DIR")]
    datasets: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "models/verdict.json", value_name = "PATH")]
    out: PathBuf,
    /// A block model file instead of the embedded default (the page model must be trained
    /// on the extraction it will run with).
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    /// At most N real pages per dataset and split (for a quick run).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Also write the generated pages and their wire stories under DIR/train|dev|test.
    #[arg(long, value_name = "DIR")]
    dump: Option<PathBuf>,
    /// Also write every row the model was trained and measured on (split, source, label,
    /// score, named values) as JSON Lines to PATH.
    #[arg(long, value_name = "PATH")]
    rows: Option<PathBuf>,
    /// Also train on pages moderators decided: the file `chaff queue export --labels` writes
    /// (confirmed pages are farms, dismissed ones are not).
    #[arg(long, value_name = "FILE")]
    labelled: Option<PathBuf>,
    /// With --labelled: what each decided page counts for in the fit, in generated pages
    /// (default: once, like every other page; see README "Decisions are labels").
    #[arg(long, value_name = "W", default_value_t = crate::verdict::train::LABELS_ONCE, value_parser = weight)]
    labelled_weight: f32,
}

/// A row weight: a finite number, at least 0.
fn weight(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(w) if w.is_finite() && w >= 0.0 => Ok(w),
        _ => Err(format!("{s:?} is not a weight (a number, at least 0)")),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let datasets = args.datasets.unwrap_or_else(crate::datasets::root);
    let workdir = tempfile_dir()?;
    let extractor = super::extract::load_extractor(args.model.as_deref())?;
    let (model, report) = train(
        &extractor,
        &Options {
            datasets,
            limit: args.limit,
            workdir: workdir.clone(),
            dump: args.dump,
            rows: args.rows,
            labelled: args.labelled,
            labelled_weight: args.labelled_weight,
        },
    )?;
    let _ = std::fs::remove_dir_all(&workdir);
    model.save(&args.out)?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    eprintln!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("chaff-verdict-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
