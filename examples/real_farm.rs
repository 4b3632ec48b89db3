//! Farm copies in real page layouts, scored by the embedded models: a held-out measure no
//! template can fit (issue 8; method and figures in bench/VERDICT.md).
//!
//! `cargo run --release --example real_farm -- [LIMIT] > report.json`: the page model's real
//! TEST-split pages (`verdict::corpus`, at most LIMIT per dataset), cut as training cuts
//! them: *donors* lend their article as a wire story, *hosts* are the real pages. Each host
//! on which chaff finds a declared date becomes a farm copy (`farmgen::transplant`: its
//! article paragraphs replaced by one donor's, its chrome, date line and byline kept), and
//! that donor's story goes in the wire index dated 2-18 months before the host's own date
//! (so the copy is a re-stamp by the date it prints, which is not rewritten). Every host,
//! untouched, is a negative with its own body indexed and dated as it declares (the
//! "own body indexed" legitimate twin). Copies and hosts are judged in one batch per
//! regime, in a fixed shuffled order, with the index and with none, each at the model's
//! threshold for that regime. Misses are grouped by cause, first that applies:
//! `date_not_found` (the copy has no declared date), `not_matched` (with the index: no wire
//! match), `no_evidence` (the model did not judge the page), `under_threshold`.

use chaff::farmgen::{Rng, transplant};
use chaff::verdict::corpus::{self, Split};
use chaff::verdict::features::Regime;
use chaff::verdict::{CrossSite, Inspection, Scorer, Verdict};
use chaff::wire::{Story, WireIndex};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

fn hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

fn iso(days: i64) -> String {
    let (y, m, d) = chaff::calendar::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A page to judge: a copy or an untouched host.
struct Judged {
    source: String,
    dataset: &'static str,
    copy: bool,
    inspection: Inspection,
}

#[derive(Default, Serialize)]
struct Regimes {
    flagged: usize,
    misses: BTreeMap<&'static str, usize>,
    negatives_flagged: usize,
    recall: f64,
    precision: f64,
    negatives_fpr: f64,
}

#[derive(Default, Serialize)]
struct Figures {
    hosts: usize,
    hosts_dated: usize,
    /// Dated hosts whose body is not in `<p>` elements (`transplant::MIN_COVERAGE`).
    refused: usize,
    /// Dated hosts left without a donor story (more hosts than donors).
    no_story: usize,
    copies: usize,
    indexed: Regimes,
    no_index: Regimes,
}

fn cause(v: &Verdict, i: &Inspection, regime: Regime) -> &'static str {
    if i.facts.declared_date.is_none() {
        "date_not_found"
    } else if regime == Regime::Indexed && i.wire.is_none() {
        "not_matched"
    } else if v
        .reasons
        .iter()
        .any(|r| r.code == "no_evidence" || r.code == "no_article")
    {
        "no_evidence"
    } else {
        "under_threshold"
    }
}

fn finish(r: &mut Regimes, copies: usize, negatives: usize) {
    let f = r.flagged as f64;
    r.recall = f / copies.max(1) as f64;
    r.precision = if r.flagged + r.negatives_flagged == 0 {
        1.0
    } else {
        f / (r.flagged + r.negatives_flagged) as f64
    };
    r.negatives_fpr = r.negatives_flagged as f64 / negatives.max(1) as f64;
}

fn main() -> anyhow::Result<()> {
    let limit: Option<usize> = std::env::args().nth(1).map(|a| a.parse()).transpose()?;
    let scorer = Scorer::embedded(None)?;
    let pages = corpus::real_pages(&chaff::datasets::root(), Split::Test, limit)?;
    let inspected: Vec<Inspection> = pages
        .par_iter()
        .map(|p| scorer.inspect(&p.html, None))
        .collect::<Result<_, _>>()?;

    // Donor stories, in a fixed shuffled order.
    let mut donors: Vec<(u64, usize, chaff::farmgen::Article)> = pages
        .iter()
        .zip(&inspected)
        .enumerate()
        .filter(|(_, (p, _))| corpus::is_donor(&p.source))
        .filter_map(|(k, (p, i))| {
            corpus::article_of(i.extraction.title.as_deref(), &i.extraction.text)
                .map(|a| (hash(&format!("story:{}", p.source)), k, a))
        })
        .collect();
    donors.sort_by_key(|d| d.0);
    let mut hosts: Vec<usize> = (0..pages.len())
        .filter(|&k| !corpus::is_donor(&pages[k].source))
        .collect();
    hosts.sort_by_key(|&k| hash(&format!("host:{}", pages[k].source)));

    let mut figures: BTreeMap<&'static str, Figures> = BTreeMap::new();
    let mut stories: Vec<Story> = Vec::new();
    let mut copies: Vec<(usize, String)> = Vec::new();
    let mut next_donor = donors.iter();
    for &k in &hosts {
        let (p, i) = (&pages[k], &inspected[k]);
        let f = figures.entry(p.dataset).or_default();
        f.hosts += 1;
        // The twin: the untouched page, its own body indexed and dated as it declares.
        if !i.extraction.text.trim().is_empty() {
            stories.push(Story {
                id: format!("own-{}", p.source),
                agency: "AP".into(),
                published: i
                    .facts
                    .declared_date
                    .as_ref()
                    .map_or("2008-06-01".into(), |d| d.date.clone()),
                title: i.extraction.title.clone().unwrap_or_default(),
                text: i.extraction.text.clone(),
            });
        }
        let Some(date) = &i.facts.declared_date else {
            continue;
        };
        f.hosts_dated += 1;
        // Only a host that takes a transplant uses up a donor.
        let Some(host) = transplant::Host::find(&p.html, &i.extraction.text) else {
            f.refused += 1;
            continue;
        };
        let Some((_, d, article)) = next_donor.next() else {
            f.no_story += 1;
            continue;
        };
        let t = host
            .with_story(&article.paragraphs)
            .expect("a donor article has paragraphs");
        let mut rng = Rng::new(hash(&p.source));
        let gap = transplant::restamp_gap(&mut rng);
        stories.push(Story {
            id: format!("story-{}", pages[*d].source),
            agency: "AP".into(),
            published: iso(date.days - gap),
            title: article.title.clone(),
            text: article.paragraphs.join("\n\n"),
        });
        f.copies += 1;
        copies.push((k, t.html));
    }

    let mut judged: Vec<Judged> = copies
        .par_iter()
        .map(|(k, html)| {
            Ok(Judged {
                source: format!("{}#copy", pages[*k].source),
                dataset: pages[*k].dataset,
                copy: true,
                inspection: scorer.inspect(html, None)?,
            })
        })
        .collect::<Result<_, chaff::verdict::VerdictError>>()?;
    judged.extend(hosts.iter().map(|&k| Judged {
        source: pages[k].source.clone(),
        dataset: pages[k].dataset,
        copy: false,
        inspection: inspected[k].clone(),
    }));
    judged.sort_by_key(|j| hash(&j.source));

    let dir = std::env::temp_dir().join(format!("chaff-real-farm-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("wire.sqlite");
    let mut index = WireIndex::create_or_open(&path)?;
    let added = index.add_many(&stories)?;
    let refused_stories = added.iter().filter(|a| a.is_err()).count();

    let mut misses_out = Vec::new();
    for regime in [Regime::Indexed, Regime::NoIndex] {
        let mut batch = CrossSite::default();
        for j in &judged {
            let mut i = j.inspection.clone();
            if regime == Regime::Indexed {
                i.match_in(&index)?;
            }
            let cluster = batch.add(&j.source, None, &i);
            let v = scorer.judge(&i, cluster.as_ref());
            let f = figures.get_mut(j.dataset).expect("every dataset has hosts");
            let r = match regime {
                Regime::Indexed => &mut f.indexed,
                Regime::NoIndex => &mut f.no_index,
            };
            match (j.copy, v.flagged) {
                (true, true) => r.flagged += 1,
                (true, false) => {
                    let c = cause(&v, &i, regime);
                    *r.misses.entry(c).or_default() += 1;
                    if regime == Regime::Indexed {
                        misses_out.push(serde_json::json!({
                            "source": j.source, "cause": c, "score": v.score,
                            "declared": i.facts.declared_date.as_ref().map(|d| d.date.clone()),
                            "containment": i.wire.as_ref().map(|w| w.wire.containment),
                            "reasons": v.reasons.iter().map(|r| (r.code.clone(), r.weight)).collect::<Vec<_>>(),
                        }));
                    }
                }
                (false, true) => r.negatives_flagged += 1,
                (false, false) => {}
            }
        }
    }
    drop(index);
    let _ = std::fs::remove_dir_all(&dir);

    let mut total = Figures::default();
    for f in figures.values_mut() {
        finish(&mut f.indexed, f.copies, f.hosts);
        finish(&mut f.no_index, f.copies, f.hosts);
        total.hosts += f.hosts;
        total.hosts_dated += f.hosts_dated;
        total.refused += f.refused;
        total.no_story += f.no_story;
        total.copies += f.copies;
        for (t, r) in [
            (&mut total.indexed, &f.indexed),
            (&mut total.no_index, &f.no_index),
        ] {
            t.flagged += r.flagged;
            t.negatives_flagged += r.negatives_flagged;
            for (c, n) in &r.misses {
                *t.misses.entry(c).or_default() += n;
            }
        }
    }
    finish(&mut total.indexed, total.copies, total.hosts);
    finish(&mut total.no_index, total.copies, total.hosts);
    eprintln!(
        "{:<14} {:>6} {:>6} {:>6} {:>10} {:>10} {:>10} {:>10}",
        "dataset", "hosts", "dated", "copies", "recall_ix", "prec_ix", "recall_no", "prec_no"
    );
    for (name, f) in figures.iter().chain([(&"all", &total)]) {
        eprintln!(
            "{:<14} {:>6} {:>6} {:>6} {:>10.3} {:>10.3} {:>10.3} {:>10.3}",
            name,
            f.hosts,
            f.hosts_dated,
            f.copies,
            f.indexed.recall,
            f.indexed.precision,
            f.no_index.recall,
            f.no_index.precision
        );
    }
    let report = serde_json::json!({
        "thresholds": {
            "indexed": scorer.model().threshold_for(Regime::Indexed),
            "no_index": scorer.model().threshold_for(Regime::NoIndex),
        },
        "stories_not_indexed": refused_stories,
        "all": total,
        "datasets": figures,
        "misses_indexed": misses_out,
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
