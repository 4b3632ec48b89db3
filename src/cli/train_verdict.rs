//! `chaff train-verdict`: train the page model on generated and real pages, write it, and
//! print what it reached leave-one-family-out and on real pages.

use crate::verdict::train::{Options, train};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "\
Builds the corpus from the datasets (train, dev and test splits of dragnet, l3s-gn1,
googletrends and wcxb), fits one model per held-out layout family and one on every
family, writes the last to --out and prints the report (JSON) on standard output:
  chaff train-verdict --out models/verdict.json > bench/verdict-train-report.json")]
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
