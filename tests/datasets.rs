//! Importers on the real datasets (`../shared/datasets` or `$CHAFF_DATASETS`): a few pages
//! each, so the suite stays quick. Without the data these tests fail, like `quality.rs`: a
//! suite that passes because it tested nothing would say what is not so. The full-set
//! reports that used to be ignored tests here are `cargo bench --bench datasets`.

use chaff::datasets::{self, Sample, Split};

/// The datasets folder must be there: fail, naming where it was looked for.
fn require_data() {
    if let Err(e) = datasets::require_root() {
        panic!("{e} (is ../shared/datasets present, or CHAFF_DATASETS set?)");
    }
}

fn load(name: &str, split: Split, n: usize) -> Vec<Sample> {
    let loaded = datasets::load_first(name, split, n).unwrap();
    assert!(
        loaded.skipped.is_empty(),
        "{name}: skipped {:?}",
        loaded.skipped
    );
    assert_eq!(
        loaded.samples.len() + loaded.empty.len(),
        n,
        "{name}:{split}"
    );
    loaded.samples
}

/// Share of blocks labelled body; every block of these sets must carry a label.
fn body_share(samples: &[Sample]) -> f64 {
    for s in samples {
        assert!(
            s.page.blocks.iter().all(|b| b.gold.is_some()),
            "{}: block without gold",
            s.id
        );
    }
    chaff::eval::body_share(samples)
}

/// The best any block classifier could do, on pages that all have a gold text.
fn oracle_f1(samples: &[Sample]) -> f64 {
    assert!(samples.iter().all(|s| s.gold_text.is_some()));
    chaff::eval::oracle_f1(samples).expect("pages with gold text")
}

#[test]
fn l3s_gn1_spans_give_a_plausible_body_share() {
    require_data();
    let samples = load("l3s-gn1", Split::Test, 8);
    let share = body_share(&samples);
    // News pages: the article is a minority of blocks, but never absent.
    assert!((0.03..0.6).contains(&share), "body share {share}");
    for s in &samples {
        assert!(s.block_labelled());
        assert!(
            s.page.blocks.iter().any(|b| b.gold == Some(true)),
            "{}",
            s.id
        );
        assert!(
            s.page.blocks.iter().any(|b| b.gold == Some(false)),
            "{}",
            s.id
        );
    }
}

#[test]
fn googletrends_leaves_give_a_plausible_body_share() {
    require_data();
    let samples = load("googletrends", Split::Dev, 6);
    let share = body_share(&samples);
    assert!((0.03..0.6).contains(&share), "body share {share}");
    assert!(samples.iter().all(|s| s.id.starts_with("gt_")));
}

#[test]
fn dragnet_alignment_reproduces_the_gold_text() {
    require_data();
    let samples = load("dragnet", Split::Test, 20);
    let f1 = oracle_f1(&samples);
    assert!(f1 >= 0.9, "oracle token F1 of aligned blocks {f1:.3}");
    let share = body_share(&samples);
    assert!((0.02..0.6).contains(&share), "body share {share}");
}

#[test]
fn gold_text_sets_align_well() {
    require_data();
    for (name, split) in [
        ("cleaneval", Split::Train),
        ("cleanportaleval", Split::Test),
        ("wcxb", Split::Dev),
        ("readability", Split::Test),
    ] {
        let samples = load(name, split, 6);
        // Gold may be empty (CleanPortalEval's index pages hold no article), but not all.
        assert!(samples.iter().all(|s| s.gold_text.is_some()));
        assert!(
            samples
                .iter()
                .any(|s| s.gold_text.as_ref().is_some_and(|t| !t.is_empty()))
        );
        let f1 = oracle_f1(&samples);
        assert!(f1 >= 0.8, "{name}: oracle token F1 {f1:.3}");
    }
}

#[test]
fn wcxb_keeps_its_page_type_and_test_fifth() {
    require_data();
    let test = datasets::ids("wcxb", Split::Test).unwrap();
    assert!(test.iter().all(|id| id.parse::<u64>().unwrap() % 5 == 0));
    let samples = load("wcxb", Split::Train, 3);
    assert!(samples.iter().all(|s| s.page_type.is_some()));
}

#[test]
fn test_ids_never_appear_in_train_or_dev() {
    require_data();
    for name in datasets::DATASETS {
        let test = datasets::ids(name, Split::Test).unwrap();
        let train = datasets::ids(name, Split::Train).unwrap();
        let dev = datasets::ids(name, Split::Dev).unwrap();
        let all = datasets::ids(name, Split::All).unwrap();
        assert!(!test.is_empty(), "{name}: empty test split");
        for id in train.iter().chain(&dev) {
            assert!(
                !test.contains(id),
                "{name}: test page {id} also in train/dev"
            );
        }
        for id in &train {
            assert!(!dev.contains(id), "{name}: dev page {id} also in train");
        }
        assert_eq!(all.len(), test.len() + train.len() + dev.len(), "{name}");
    }
    // The published sizes.
    assert_eq!(datasets::ids("l3s-gn1", Split::Test).unwrap().len(), 62);
    assert_eq!(
        datasets::ids("googletrends", Split::Test).unwrap().len(),
        100
    );
    // test.txt lists 415 ids (the README says 414), training.txt 966.
    assert_eq!(datasets::ids("dragnet", Split::Test).unwrap().len(), 415);
}

#[test]
fn unknown_names_are_clear_errors() {
    let err = datasets::load("no-such-set", Split::Test)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no-such-set") && err.contains("dragnet"),
        "{err}"
    );
    let err = "final".parse::<Split>().unwrap_err().to_string();
    assert!(err.contains("final"), "{err}");
    assert_eq!(
        datasets::parse_spec("dragnet:dev", Split::Test).unwrap(),
        ("dragnet".to_string(), Split::Dev)
    );
    assert_eq!(
        datasets::parse_spec("wcxb", Split::Test).unwrap(),
        ("wcxb".to_string(), Split::Test)
    );
}

/// The example of training-data/README.md: body_text and labels give the same gold.
const HARBOUR: &str = "<html><head><title>Harbour reopens | Example News</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/local\">Local</a></nav><article><h1>Harbour reopens after storm repairs</h1><p>The harbour reopened on Tuesday after a week of repairs to the sea wall.</p><p>Fishing boats were the first to leave, the harbour master said.</p></article><aside><h2>Most read</h2><ul><li><a href=\"/a\">Council sets budget</a></li></ul></aside></body></html>";

#[test]
fn jsonl_files_load_by_split_and_report_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.jsonl");
    let lines = [
        serde_json::json!({"id": "harbour-1", "url": "https://news.example.org/harbour-reopens",
            "html": HARBOUR, "split": "train",
            "body_text": "Harbour reopens after storm repairs\n\nThe harbour reopened on Tuesday after a week of repairs to the sea wall.\n\nFishing boats were the first to leave, the harbour master said."}),
        serde_json::json!({"id": "harbour-2", "html": HARBOUR, "split": "train",
            "labels": [false, true, true, true, false, false]}),
        serde_json::json!({"id": "harbour-3", "html": HARBOUR, "split": "test",
            "labels": [false, true, true, true, false, false]}),
        serde_json::json!({"id": "harbour-4", "html": HARBOUR, "split": "train",
            "labels": [false, true]}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n\n")).collect();
    std::fs::write(&path, text + "{not json\n").unwrap();
    let name = path.to_str().unwrap();
    let train = datasets::load(name, Split::Train).unwrap();
    assert_eq!(train.samples.len(), 2);
    let gold = |s: &Sample| {
        s.page
            .blocks
            .iter()
            .map(|b| b.gold.unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        gold(&train.samples[0]),
        [false, true, true, true, false, false]
    );
    assert_eq!(gold(&train.samples[0]), gold(&train.samples[1]));
    assert!(!train.samples[0].block_labelled() && train.samples[1].block_labelled());
    // The bad lines are reported with their line numbers, whatever split was asked for.
    assert_eq!(train.skipped.len(), 2);
    assert!(
        train.skipped[0].reason.contains("line 7") && train.skipped[0].reason.contains("2 labels")
    );
    assert!(train.skipped[1].reason.contains("line 9"));
    let test = datasets::load(&format!("{name}:test"), Split::Train);
    assert!(test.is_err(), "the split goes in the spec, not the name");
    let (n, s) = datasets::parse_spec(&format!("{name}:test"), Split::Train).unwrap();
    let test = datasets::load(&n, s).unwrap();
    assert_eq!(test.samples.len(), 1);
    assert_eq!(test.samples[0].id, "harbour-3");
}

#[test]
fn eval_command_scores_a_jsonl_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.jsonl");
    let line = serde_json::json!({"id": "harbour", "html": HARBOUR, "split": "test",
        "labels": [false, true, true, true, false, false]});
    let empty = serde_json::json!({"id": "script-only", "split": "test",
        "html": "<html><body><script>render()</script></body></html>",
        "body_text": "An article that only a browser would see."});
    std::fs::write(&path, format!("{line}\n{empty}\n")).unwrap();
    let spec = format!("{}:test", path.display());
    let out = assert_cmd::Command::cargo_bin("chaff")
        .unwrap()
        .args(["eval", "--json", "--pages", "--dataset", &spec])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    let report = &lines[0];
    // Per-page lines follow, pages without text blocks last; the script-only page found nothing.
    assert_eq!(lines[1]["id"], "harbour");
    assert_eq!(lines[2]["id"], "script-only");
    assert_eq!(lines[2]["token"]["f1"], 0.0);
    assert_eq!(report["split"], "test");
    // The script-only page is scored (as nothing found), not dropped.
    assert_eq!(report["pages"], 2);
    for key in ["token", "shingle", "blocks"] {
        for m in ["precision", "recall", "f1"] {
            let v = report[key][m].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&v), "{key}.{m} = {v}");
        }
    }
    assert!(report["token"]["f1"].as_f64().unwrap() <= 0.5 + 1e-9);
    // A plain run prints the table.
    let table = assert_cmd::Command::cargo_bin("chaff")
        .unwrap()
        .args(["eval", "--dataset", &spec])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(table).unwrap();
    assert!(
        table.contains("tok F1") && table.contains("pages.jsonl:test"),
        "{table}"
    );
}

#[test]
fn a_missing_dataset_folder_is_named_in_the_error() {
    let out = assert_cmd::Command::cargo_bin("chaff")
        .unwrap()
        .env("CHAFF_DATASETS", "/nonexistent/chaff-datasets")
        .args(["eval", "--dataset", "dragnet"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("/nonexistent/chaff-datasets") && err.contains("CHAFF_DATASETS"),
        "{err}"
    );
}

/// The segmentation of every dataset page (all splits, gold labels included), written as one
/// line per page: dataset, id, then a hash per block of everything the page model holds about
/// it (text, counts, tag path, tokens, heading, containers and their counts, gold). Run it on
/// two builds and compare, to show a change to parsing or segmentation keeps the blocks:
///
/// ```sh
/// CHAFF_SEGMENT_DIGEST=/tmp/before.tsv cargo test --release --test datasets -- --ignored segmentation_digest
/// # ... change the code ...
/// CHAFF_SEGMENT_DIGEST=/tmp/after.tsv CHAFF_SEGMENT_BASELINE=/tmp/before.tsv \
///     cargo test --release --test datasets -- --ignored --nocapture segmentation_digest
/// ```
///
/// With a baseline it prints each page whose segmentation differs (first differing block) and
/// the share of pages that are identical.
#[test]
#[ignore]
fn segmentation_digest() {
    use std::collections::HashMap;
    use std::hash::{Hash, Hasher};
    use std::io::Write;
    require_data();
    let out_path =
        std::env::var("CHAFF_SEGMENT_DIGEST").unwrap_or("/tmp/chaff-segment-digest.tsv".into());
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path).unwrap());
    let mut lines = Vec::new();
    for name in datasets::DATASETS {
        let loaded = datasets::load(name, Split::All).unwrap();
        for s in loaded.samples.iter().chain(&loaded.empty) {
            let page = &s.page;
            let block_hash = |i: usize| {
                let b = &page.blocks[i];
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (&b.text, b.words, b.linked_words, b.links, b.heading).hash(&mut h);
                (
                    &b.tag_path,
                    &b.tokens,
                    b.prev_heading,
                    b.char_offset,
                    b.gold,
                )
                    .hash(&mut h);
                for &k in &b.containers {
                    let c = &page.containers[k];
                    (
                        &c.tag,
                        c.parent,
                        c.depth,
                        &c.tokens,
                        c.words,
                        c.linked_words,
                    )
                        .hash(&mut h);
                    (c.blocks, c.paragraphs, c.first_block, c.last_block).hash(&mut h);
                }
                format!("{:016x}", h.finish())
            };
            let mut head = std::collections::hash_map::DefaultHasher::new();
            (&page.title, &page.lang, &page.meta, &page.json_ld).hash(&mut head);
            (&page.canonical, &page.times, &page.logo_alts).hash(&mut head);
            let mut line = format!("{name}\t{}\t{:016x}", s.id, head.finish());
            for i in 0..page.blocks.len() {
                line.push('\t');
                line.push_str(&block_hash(i));
            }
            writeln!(out, "{line}").unwrap();
            lines.push((format!("{name}\t{}", s.id), line, s.page.clone()));
        }
    }
    out.flush().unwrap();
    let Ok(baseline) = std::env::var("CHAFF_SEGMENT_BASELINE") else {
        eprintln!("wrote {} pages to {out_path}", lines.len());
        return;
    };
    let before: HashMap<String, String> = std::fs::read_to_string(&baseline)
        .unwrap()
        .lines()
        .map(|l| {
            let key = l.splitn(3, '\t').take(2).collect::<Vec<_>>().join("\t");
            (key, l.to_string())
        })
        .collect();
    let mut same = 0;
    for (key, line, page) in &lines {
        let Some(old) = before.get(key) else {
            eprintln!("{key}: not in the baseline");
            continue;
        };
        if old == line {
            same += 1;
            continue;
        }
        let (o, n): (Vec<&str>, Vec<&str>) =
            (old.split('\t').collect(), line.split('\t').collect());
        let first = (2..o.len().max(n.len()))
            .find(|&i| o.get(i) != n.get(i))
            .unwrap();
        let what = match first {
            2 => "head facts".to_string(),
            i => {
                let b = page.blocks.get(i - 3);
                format!(
                    "block {} of {} (was {}): {:?}",
                    i - 3,
                    n.len() - 3,
                    o.len() - 3,
                    b.map(|b| b.text.chars().take(80).collect::<String>())
                )
            }
        };
        eprintln!("{key}: differs at {what}");
    }
    eprintln!(
        "{same} of {} pages segment identically ({:.2}%)",
        lines.len(),
        100.0 * same as f64 / lines.len().max(1) as f64
    );
}
