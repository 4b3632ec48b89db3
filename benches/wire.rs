//! Wire index at archive scale: add throughput, look-up latency and index size for N
//! generated stories.
//!
//! ```text
//! cargo bench --bench wire                          # 20 000 stories, quick
//! cargo bench --bench wire -- --stories 1000000     # the archive figure in bench/WIRE.md
//! ```
//!
//! Options: `--stories N`, `--lookups N` (per kind, default 1000), `--batch N` (stories per
//! transaction, default 50 000, as `chaff wire add`), `--index PATH` (default: a temporary file, removed after),
//! `--keep` (keep the index file).
//!
//! Stories are generated, reproducibly from their number: 300–900 words from a 40 000-word
//! made-up vocabulary drawn with Zipf frequencies (s = 1.05, like English word counts), so
//! common words recur and unrelated stories share the odd 5-word shingle as real ones do.
//! Look-ups are of three kinds: an exact copy of a stored story, a farm copy (the story's
//! first 60% of words, padded with 25% of its length in words of the page's own), and an
//! unrelated text that should match nothing.

use chaff::wire::{Story, WireIndex};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0xd1b5_4a32_d192_ed03 | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Generator {
    vocab: Vec<String>,
    cdf: Vec<f64>,
}

const AGENCIES: [&str; 3] = ["AP", "Reuters", "AFP"];

impl Generator {
    fn new() -> Generator {
        const SYL: [&str; 24] = [
            "ka", "lo", "mi", "ten", "ra", "vos", "ul", "bre", "sa", "dor", "pi", "en", "gat",
            "mu", "ri", "fe", "on", "zu", "la", "ster", "qui", "ho", "nem", "tra",
        ];
        let n = 40_000;
        let vocab = (0..n)
            .map(|i| {
                let mut w = String::new();
                let mut r = i + 1;
                while r > 0 {
                    w.push_str(SYL[r % SYL.len()]);
                    r /= SYL.len();
                }
                w
            })
            .collect();
        let weights: Vec<f64> = (1..=n).map(|r| 1.0 / (r as f64).powf(1.05)).collect();
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        let cdf = weights
            .iter()
            .map(|w| {
                acc += w / total;
                acc
            })
            .collect();
        Generator { vocab, cdf }
    }

    fn words(&self, rng: &mut Rng, n: usize) -> Vec<&str> {
        (0..n)
            .map(|_| {
                let u = rng.unit();
                let i = self
                    .cdf
                    .partition_point(|&c| c < u)
                    .min(self.vocab.len() - 1);
                self.vocab[i].as_str()
            })
            .collect()
    }

    /// Paragraphs of 30–80 words, sentences of 8–25.
    fn prose(&self, rng: &mut Rng, words: &[&str]) -> String {
        let mut out = String::with_capacity(words.len() * 8);
        let (mut in_sentence, mut in_para) = (0, 0);
        let mut sentence_len = 8 + rng.below(18);
        let mut para_len = 30 + rng.below(51);
        for w in words {
            if in_sentence == 0 {
                let mut c = w.chars();
                out.extend(c.next().map(|f| f.to_ascii_uppercase()));
                out.push_str(c.as_str());
            } else {
                out.push_str(w);
            }
            in_sentence += 1;
            in_para += 1;
            if in_sentence >= sentence_len {
                out.push('.');
                in_sentence = 0;
                sentence_len = 8 + rng.below(18);
                if in_para >= para_len {
                    out.push_str("\n\n");
                    in_para = 0;
                    para_len = 30 + rng.below(51);
                    continue;
                }
            } else if rng.below(10) == 0 {
                out.push(',');
            }
            out.push(' ');
        }
        out.trim_end().to_string()
    }

    fn story_words(&self, n: u64) -> Vec<&str> {
        let mut rng = Rng::new(n);
        let len = 300 + rng.below(601) as usize;
        self.words(&mut rng, len)
    }

    fn agency(n: u64) -> &'static str {
        AGENCIES[(n % 3) as usize]
    }

    /// The id of `story(n)`, without generating its text.
    fn story_id(n: u64) -> String {
        format!("gen-{}-{n:07}", Self::agency(n).to_lowercase())
    }

    fn story(&self, n: u64) -> Story {
        let words = self.story_words(n);
        let mut rng = Rng::new(n ^ 0x5555);
        let day = rng.below(3650);
        let (y, m, d) = (2015 + day / 365, 1 + (day % 365) / 31 % 12, 1 + day % 28);
        Story {
            id: Self::story_id(n),
            agency: Self::agency(n).into(),
            published: format!("{y}-{m:02}-{d:02}T12:00:00Z"),
            title: self.prose(&mut rng, &words[..10]),
            text: self.prose(&mut rng, &words),
        }
    }
}

struct Opts {
    stories: u64,
    lookups: usize,
    batch: usize,
    index: Option<PathBuf>,
    keep: bool,
}

fn opts() -> Opts {
    let mut o = Opts {
        stories: 20_000,
        lookups: 1000,
        batch: 50_000,
        index: None,
        keep: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--stories" => o.stories = val().parse().expect("--stories N"),
            "--lookups" => o.lookups = val().parse().expect("--lookups N"),
            "--batch" => o.batch = val().parse().expect("--batch N"),
            "--index" => o.index = Some(val().into()),
            "--keep" => o.keep = true,
            "--bench" => {} // cargo bench passes it
            other => panic!("unknown option {other}"),
        }
    }
    o
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

fn main() {
    let o = opts();
    let tty = std::io::stderr().is_terminal();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = o
        .index
        .clone()
        .unwrap_or_else(|| dir.path().join("wire.db"));
    if path.exists() {
        panic!("{} exists: give a new path", path.display());
    }
    let g = Generator::new();

    // Fingerprinting alone, for scale (one thread).
    let sample: Vec<Story> = (0..2000).map(|n| g.story(n)).collect();
    let t = Instant::now();
    for s in &sample {
        std::hint::black_box(chaff::fingerprint::Fingerprint::of(&s.text));
    }
    let fp_rate = sample.len() as f64 / t.elapsed().as_secs_f64();
    let mean_words = sample
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .sum::<usize>()
        / sample.len();
    drop(sample);

    let mut index = WireIndex::create_or_open(&path).expect("create index");
    let started = Instant::now();
    let mut gen_time = Duration::ZERO;
    let mut last_tenth = Duration::ZERO;
    let mut last_tenth_stories = 0u64;
    let tenth_start = o.stories - o.stories / 10;
    let mut n = 0u64;
    while n < o.stories {
        let end = (n + o.batch as u64).min(o.stories);
        let t = Instant::now();
        let batch: Vec<Story> = (n..end).map(|i| g.story(i)).collect();
        gen_time += t.elapsed();
        let t = Instant::now();
        let out = index.add_many(&batch).expect("add");
        if end > tenth_start {
            last_tenth += t.elapsed();
            last_tenth_stories += end - n;
        }
        assert!(
            out.iter()
                .all(|r| matches!(r, Ok(chaff::wire::Added::Added)))
        );
        n = end;
        if tty {
            eprint!(
                "\r{n} stories, {:.0}/s   ",
                n as f64 / (started.elapsed() - gen_time).as_secs_f64()
            );
        }
    }
    let add_time = started.elapsed() - gen_time;
    if tty {
        eprintln!();
    }
    drop(index);
    let stats = WireIndex::open(&path).unwrap().stats().unwrap();
    assert_eq!(stats.stories, o.stories);

    // Re-open for look-ups, as `chaff score` would.
    let index = WireIndex::open_read_only(&path).expect("reopen");
    let mut rng = Rng::new(42);
    let kinds = [
        "exact copy",
        "farm copy (60% + 25% padding)",
        "unrelated text",
    ];
    let mut rows = Vec::new();
    for (k, kind) in kinds.iter().enumerate() {
        let mut times = Vec::with_capacity(o.lookups);
        let mut right = 0;
        let mut containment = 0.0;
        for q in 0..o.lookups {
            let n = rng.below(o.stories);
            let (text, want) = match k {
                0 => {
                    let s = g.story(n);
                    (s.text, Some(s.id))
                }
                1 => {
                    let w = g.story_words(n);
                    let mut pad_rng = Rng::new(1 << 40 | q as u64);
                    let pad = g.words(&mut pad_rng, w.len() / 4);
                    let mut page = w[..w.len() * 6 / 10].to_vec();
                    page.extend(pad);
                    (g.prose(&mut pad_rng, &page), Some(Generator::story_id(n)))
                }
                _ => {
                    let mut r = Rng::new(1 << 41 | q as u64);
                    let w = g.words(&mut r, 600);
                    (g.prose(&mut r, &w), None)
                }
            };
            let t = Instant::now();
            let m = index.lookup(&text).expect("lookup");
            times.push(t.elapsed());
            if m.as_ref().map(|m| m.wire.id.clone()) == want {
                right += 1;
            }
            if let Some(m) = &m {
                containment += m.wire.containment as f64;
            }
        }
        times.sort();
        let mean = times.iter().sum::<Duration>().as_secs_f64() * 1e3 / times.len() as f64;
        rows.push(format!(
            "| {kind} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {}/{} | {} |",
            o.lookups,
            mean,
            pct(&times, 0.5),
            pct(&times, 0.99),
            times.last().unwrap().as_secs_f64() * 1e3,
            right,
            o.lookups,
            if k == 2 {
                "-".to_string()
            } else {
                format!("{:.3}", containment / right.max(1) as f64)
            },
        ));
    }

    let mb = stats.file_bytes as f64 / 1e6;
    println!("## Wire index: {} generated stories\n", o.stories);
    println!(
        "`cargo bench --bench wire -- --stories {} --lookups {}` ({} stories per transaction)\n",
        o.stories, o.lookups, o.batch
    );
    println!("| figure | value |\n|---|---|");
    println!("| stories (mean words) | {} ({mean_words}) |", o.stories);
    println!(
        "| add, whole run | {:.1} s, {:.0} stories/s |",
        add_time.as_secs_f64(),
        o.stories as f64 / add_time.as_secs_f64()
    );
    println!(
        "| add, last batches (≥ the last 10%) | {:.0} stories/s |",
        last_tenth_stories as f64 / last_tenth.as_secs_f64()
    );
    println!("| fingerprint alone (1 thread) | {fp_rate:.0} stories/s |");
    println!(
        "| index file | {mb:.0} MB ({:.0} bytes/story) |",
        stats.file_bytes as f64 / o.stories as f64
    );
    println!("\n| look-up | n | mean ms | p50 ms | p99 ms | max ms | right | mean containment |");
    println!("|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
    println!("\n\"right\": the generated story's own id for copies, no match for unrelated text.");
    if o.keep {
        std::mem::forget(dir);
        eprintln!("index kept at {}", path.display());
    } else if o.index.is_some() {
        let _ = std::fs::remove_file(&path);
    }
}
