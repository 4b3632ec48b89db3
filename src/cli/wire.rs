//! `chaff wire`: build and inspect the wire index.

use crate::feeds::{At, FeedReader, Location};
use crate::wire::{Added, PageStoryHints, Story, WireIndex};
use clap::Subcommand;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(
    long_about = "Manage the wire index: the reference archive of wire stories that `chaff score --index` \
                  compares page bodies against. The index is one SQLite file holding, per story, its id, \
                  agency, publication date, title and fingerprints (never the text)."
)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add wire stories to an index, creating it if needed.
    #[command(long_about = ADD_HELP, after_help = super::help("\
Output: one summary line on standard output (`3 added, 0 already present, 1 error (wire.db)`,
or JSON with --json); each bad line or input on stderr as FILE:LINE: why.

Examples:
  chaff wire add --index wire.db ../shared/seeds/wire-original.jsonl
  zcat feed.jsonl.gz | chaff wire add --index wire.db -
  chaff wire add --index wire.db --agency AP --published 2024-01-27 story.html"))]
    Add(AddArgs),
    /// Print what an index holds: stories, agencies, date range, file size.
    #[command(after_help = super::help("\
Input: an index made by `chaff wire add` (a missing file is an error, never created).
Output: a table on standard output, or one JSON object with --json.

Example:
  chaff wire stats --index wire.db"))]
    Stats(StatsArgs),
    /// Look plain-text article bodies up: which wire story does each hold, and how much of it?
    #[command(long_about = LOOKUP_HELP, after_help = super::help("\
Output: one JSON object per input on standard output: {source, match}.

Examples:
  chaff wire lookup --index wire.db body.txt
  chaff extract page.html | chaff wire lookup --index wire.db -"))]
    Lookup(LookupArgs),
}

const LOOKUP_HELP: &str = "Look plain-text article bodies up in an index.

Each INPUT is a text file holding one article body (`-` for standard input). For each, one JSON
object is printed: `source`, and `match`, which is null or the wire story the body holds most of:
`id`, `agency`, `similarity` (estimated Jaccard resemblance of the two bodies' 5-word shingles),
`containment` (estimated share of the story found in the body), `published`, `title`,
`body_in_story` (share of the body found in the story) and `exact` (normalised texts equal).";

const ADD_HELP: &str = "Add wire stories to an index, creating the index file if it does not exist.

Each INPUT is a JSON Lines file (`-` for standard input, `.gz` files are decompressed) with one
story per line:

  {\"id\": \"ap-20240127-...\", \"agency\": \"AP\", \"published\": \"2024-01-27T12:00:00Z\",
   \"title\": \"...\", \"text\": \"BEIRUT (AP) — ...\"}

`id`, `agency`, `published` (YYYY-MM-DD, optionally followed by a time) and `text` are required;
`title` may be empty. Adding a story whose id, or whose normalised text, is already in the index
changes nothing: running the same add twice is safe.

A bad line is reported as FILE:LINE and skipped; the others are added: exit 1 when some line
or input failed.

An INPUT may also be an IPTC ninjs item (`.json`: one item or an array of items; ninjs items
may also be lines of a JSON Lines file) or a NewsML-G2 document (`.xml`: a newsItem, or a
newsMessage of several). Each item gives a story: id from `uri` / `@guid`, agency from the
provider or the copyright holder, publication date from the first-created time, title from the
headline, text from the body (plain text, else the paragraphs of its HTML). A file that is not
text is one error naming it.

An INPUT may also be an HTML page of a wire story (`.html`, `.htm`, or any file starting with `<`):
its article text is extracted with the embedded block model and added as a story whose id is the
page's canonical URL (else og:url, else the file name), agency the one named by the wire dateline
opening the body (`BEIRUT (AP) —`) unless --agency is given, publication date the first date in
its meta tags or <time> elements unless --published is given, title the article's title.";

#[derive(clap::Args)]
struct AddArgs {
    /// Index file (created if missing; its directory must exist).
    #[arg(long, value_name = "PATH")]
    index: PathBuf,
    /// Stories per transaction: larger is faster, and a failure loses at most this many.
    #[arg(long, default_value_t = 50_000, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
    /// Agency of the stories given as HTML pages (default: from the wire dateline in the body).
    #[arg(long, value_name = "NAME")]
    agency: Option<String>,
    /// Publication date of the stories given as HTML pages (default: from the page's meta
    /// tags or <time> elements).
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
    /// JSON Lines files of wire stories, or HTML pages of wire stories (`-` = standard input).
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct LookupArgs {
    /// Index file.
    #[arg(long, value_name = "PATH")]
    index: PathBuf,
    /// Text files, one article body each (`-` = standard input).
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct StatsArgs {
    /// Index file.
    #[arg(long, value_name = "PATH")]
    index: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Add(a) => add(a),
        Command::Stats(a) => stats(a),
        Command::Lookup(a) => lookup(a),
    }
}

#[derive(Default, serde::Serialize)]
struct Summary {
    added: u64,
    already_present: u64,
    errors: u64,
}

fn add(args: AddArgs) -> anyhow::Result<ExitCode> {
    super::preflight::writable_file(&args.index, "wire index")?;
    let mut index = WireIndex::create_or_open(&args.index)?;
    let progress = Progress::new();
    let mut summary = Summary::default();
    let hints = PageStoryHints {
        agency: args.agency.clone(),
        published: args.published.clone(),
    };
    let mut feeds = FeedReader::new(hints);
    let mut pending = Pending::default();
    for input in &args.inputs {
        let name = input.display().to_string();
        let items = match feeds.open(input) {
            Ok(items) => items,
            Err(e) => {
                eprintln!("{name}: {e}");
                summary.errors += 1;
                continue;
            }
        };
        for item in items {
            match item.story {
                Ok(story) => pending.push(&name, item.at, story),
                Err(e) => {
                    eprintln!("{}: {e}", Location(&name, item.at));
                    summary.errors += 1;
                }
            }
            if pending.stories.len() >= args.batch as usize {
                pending.flush(&mut index, &mut summary)?;
                progress.show(&summary);
            }
        }
    }
    pending.flush(&mut index, &mut summary)?;
    progress.finish();
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!(
            "{} added, {} already present, {} errors ({})",
            summary.added,
            summary.already_present,
            summary.errors,
            args.index.display()
        );
    }
    Ok(if summary.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Stories waiting for the next transaction, with where they came from.
#[derive(Default)]
struct Pending {
    stories: Vec<Story>,
    /// Input name and place in it of each story.
    origins: Vec<(std::rc::Rc<str>, At)>,
}

impl Pending {
    fn push(&mut self, name: &str, at: At, story: Story) {
        let name = match self.origins.last() {
            Some((n, _)) if &**n == name => n.clone(),
            _ => name.into(),
        };
        self.origins.push((name, at));
        self.stories.push(story);
    }

    /// Add the waiting stories in one transaction and count the outcomes.
    fn flush(&mut self, index: &mut WireIndex, summary: &mut Summary) -> anyhow::Result<()> {
        if self.stories.is_empty() {
            return Ok(());
        }
        let outcomes = index.add_many(&self.stories)?;
        for ((name, at), outcome) in self.origins.iter().zip(outcomes) {
            match outcome {
                Ok(Added::Added) => summary.added += 1,
                Ok(Added::AlreadyPresent(_)) => summary.already_present += 1,
                Err(e) => {
                    eprintln!("{}: {e}", Location(name, *at));
                    summary.errors += 1;
                }
            }
        }
        self.stories.clear();
        self.origins.clear();
        Ok(())
    }
}

/// A count of stories on a terminal's stderr; nothing when stderr is not a terminal.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new() -> Progress {
        Progress(std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                    .expect("static template"),
            );
            bar
        }))
    }

    fn show(&self, s: &Summary) {
        // Counts at the last transaction.
        if let Some(bar) = &self.0 {
            bar.set_message(format!(
                "{} added, {} already present, {} errors",
                s.added, s.already_present, s.errors
            ));
            bar.tick();
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let index = WireIndex::open_read_only(&args.index)?;
    let s = index.stats()?;
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("index      {}", s.path.display());
    println!("stories    {}", s.stories);
    println!("agencies   {}", s.agencies.len());
    for a in &s.agencies {
        println!(
            "  {:<10} {:>10}  {} .. {}",
            a.agency,
            a.stories,
            a.first_published.as_deref().unwrap_or("-"),
            a.last_published.as_deref().unwrap_or("-")
        );
    }
    println!(
        "published  {} .. {}",
        s.first_published.as_deref().unwrap_or("-"),
        s.last_published.as_deref().unwrap_or("-")
    );
    println!(
        "file size  {} ({} bytes)",
        human_bytes(s.file_bytes),
        s.file_bytes
    );
    Ok(ExitCode::SUCCESS)
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

fn lookup(args: LookupArgs) -> anyhow::Result<ExitCode> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        source: &'a str,
        #[serde(rename = "match")]
        found: Option<crate::wire::Match>,
    }
    let index = WireIndex::open_read_only(&args.index)?;
    let mut failed = false;
    for input in &args.inputs {
        let source = input.display().to_string();
        let text = if input.as_os_str() == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map(|_| s)
        } else {
            std::fs::read_to_string(input)
        };
        match text {
            Ok(text) => {
                let found = index.lookup(&text)?;
                println!(
                    "{}",
                    serde_json::to_string(&Line {
                        source: &source,
                        found
                    })?
                );
            }
            Err(e) => {
                eprintln!("{source}: cannot read: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
