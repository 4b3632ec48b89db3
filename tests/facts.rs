//! The seed case: the facts `../shared/seeds/README.md` names for `seed-page.html`, with the
//! 12 paragraphs of `seed-page.body.txt` labelled as body by hand (as extraction should).

mod common;

use chaff::facts::{self, days_since_epoch};
use chaff::patterns::Agency;
use chaff::segment::segment;
use common::seeds;

fn seed_facts() -> facts::PageFacts {
    let html = std::fs::read_to_string(seeds().join("seed-page.html")).expect("seed page");
    let body_txt = std::fs::read_to_string(seeds().join("seed-page.body.txt")).expect("body");
    let lines: Vec<&str> = body_txt
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 12);
    let page = segment(&html);
    let body: Vec<bool> = page
        .blocks
        .iter()
        .map(|b| lines.contains(&b.text.as_str()))
        .collect();
    assert_eq!(
        body.iter().filter(|&&b| b).count(),
        12,
        "every body line is a block"
    );
    facts::gather(&page, &body)
}

#[test]
fn seed_page_wire_dateline_and_restamped_date() {
    let f = seed_facts();
    let d = f.dateline.as_ref().expect("dateline");
    assert_eq!((d.agency, d.place.as_str()), (Agency::Ap, "BEIRUT"));
    assert_eq!(f.wire_agencies, [Agency::Ap]);
    assert!(!f.agency_site && !f.licensee_site);

    let date = f.declared_date.as_ref().expect("declared date");
    assert_eq!(date.date, "2025-04-25");
    assert!(
        matches!(date.source, facts::Source::Block(_)),
        "{:?}",
        date.source
    );
    assert!(date.raw.contains("Date:2025-04-25"));
    // The gap the verdict will report against the wire story (2024-01-27).
    let wire = days_since_epoch("2024-01-27T12:00:00Z").unwrap();
    assert_eq!(date.days - wire, 454);
    assert_eq!(f.days_after("2024-01-27T12:00:00Z"), Some(454));
}

#[test]
fn seed_page_titles_site_and_byline() {
    let f = seed_facts();
    let title = f.title.as_ref().unwrap();
    assert_eq!(title.source, facts::Source::H1);
    assert!(title.value.starts_with("Iraq and US begin formal talks"));
    let site = f.site_name.as_ref().unwrap();
    assert_eq!(site.value, "SecurePath Capital");
    assert_eq!(site.source, facts::Source::TitleSuffix);
    assert_eq!((f.canonical.as_deref(), f.host.as_deref()), (None, None));
    assert!(f.missing_byline && f.byline.is_none());
}

#[test]
fn seed_page_breadcrumb_is_unrelated() {
    let f = seed_facts();
    let b = f.breadcrumb.as_ref().expect("breadcrumb");
    assert_eq!(b.items, ["Home", "Contact"]);
    assert!(b.unrelated && b.ends_in_site_page && f.breadcrumb_unrelated);
}

#[test]
fn seed_page_widget_and_link_lists() {
    let f = seed_facts();
    assert_eq!(f.widgets, ["veryGood! (136)"]);
    assert_eq!((f.widget_blocks, f.counter_widgets), (1, 1));

    let named: Vec<(&str, &str)> = f
        .link_lists
        .iter()
        .filter_map(|l| Some((l.heading.as_deref()?, l.kind.as_deref()?)))
        .collect();
    assert_eq!(
        named,
        [
            ("Related", "related"),
            ("Ranking", "ranking"),
            ("Recommendation", "recommendation")
        ]
    );
    assert_eq!(f.named_link_lists, 3);
    // The three named lists (10 + 8 + 8 items) and the top navigation (4).
    assert_eq!(f.link_lists.len(), 4);
    assert_eq!(f.link_list_blocks, 30);

    assert_eq!(f.repeated_headlines.len(), 1);
    let r = &f.repeated_headlines[0];
    assert!(r.text.starts_with("Jimmy Buffett: 10 of his best songs"));
    assert_eq!(r.count, 3);

    assert!(f.boilerplate_share > 0.4, "{}", f.boilerplate_share);
    assert_eq!(f.page_words - f.body_words, {
        let share = f.boilerplate_share as f64;
        (share * f.page_words as f64).round() as usize
    });
}

/// The 621 L3S-GN1 news pages (2008), body = the annotators' "full text" spans. They are
/// legitimate outlets, about 42 with an AP dateline and 23 with a Reuters one (the
/// dataset's README): the wire marks must be found there, and the farm-only facts must not.
#[test]
fn real_news_pages_wire_marks_and_no_farm_breadcrumbs() {
    let dir = chaff::datasets::root().join("l3s-gn1/annotated");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (set CHAFF_DATASETS)", dir.display()));
    let annotate = |el: &chaff::segment::Element| {
        let class = el.attr("class")?;
        class
            .contains("x-nc-sel")
            .then(|| class.contains("x-nc-sel2"))
    };
    let (mut pages, mut ap, mut reuters, mut dated, mut site_page, mut crashes) =
        (0, 0, 0, 0, 0, 0);
    for entry in entries {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let Ok(html) = chaff::decode::decode(&bytes) else {
            crashes += 1;
            continue;
        };
        let page = chaff::segment::segment_annotated(&html, Some(&annotate));
        let body: Vec<bool> = page.blocks.iter().map(|b| b.gold == Some(true)).collect();
        let f = facts::gather(&page, &body);
        pages += 1;
        match f.dateline.map(|d| d.agency) {
            Some(Agency::Ap) => ap += 1,
            Some(Agency::Reuters) => reuters += 1,
            _ => {}
        }
        dated += usize::from(f.declared_date.is_some());
        site_page += usize::from(f.breadcrumb.is_some_and(|b| b.ends_in_site_page));
    }
    eprintln!(
        "L3S-GN1: {pages} pages, AP {ap}, Reuters {reuters}, dated {dated}, site-page crumbs {site_page}"
    );
    assert_eq!((pages, crashes), (621, 0));
    // Measured 41 and 23 when written.
    assert!(ap >= 40, "AP datelines {ap}");
    assert!(reuters >= 22, "Reuters datelines {reuters}");
    // Measured 468 (75%); these pages carry no meta dates, only printed ones.
    assert!(dated >= 450, "dated {dated}");
    assert_eq!(site_page, 0);
}

/// Every real page of the datasets once (the unannotated copy), as (dataset, path).
fn real_pages() -> Vec<(&'static str, std::path::PathBuf)> {
    let root = chaff::datasets::root();
    let mut out = Vec::new();
    let sets: [(&str, &str, &str); 8] = [
        ("l3s-gn1", "l3s-gn1/original", ""),
        (
            "googletrends",
            "boilernet-datasets/datasets/googletrends/raw_html",
            "",
        ),
        ("dragnet", "dragnet/HTML", ""),
        ("cleaneval", "cleaneval/cleaneval-final/input", ""),
        ("cleanportaleval", "cleanportaleval/input", ""),
        (
            "readability",
            "readability/test/test-pages",
            "source.html.gz",
        ),
        ("trafilatura-eval", "trafilatura-eval/tests/eval", ""),
        ("wcxb", "wcxb-dev/html", ""),
    ];
    for (name, dir, inner) in sets {
        let dir = root.join(dir);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (set CHAFF_DATASETS)", dir.display()));
        let mut paths: Vec<_> = entries
            .map(|e| e.unwrap().path())
            .map(|p| if inner.is_empty() { p } else { p.join(inner) })
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        out.extend(paths.into_iter().map(|p| (name, p)));
    }
    out
}

/// Real sites are who they say they are: where a real page gives both a site name and a
/// canonical host, the share called a mismatch ("PCMag UK" on uk.pcmag.com and "Cleveland
/// Museum of Art" on clevelandart.org once were). The issue's target is 2%; measured
/// 1.97% of 3,146 (3.35% of 3,161 before compound abbreviations, acronyms, brands glued to
/// a word of the host's, JSON-LD publishers held as guesses, and personal sites, blog
/// subdomains and taglines counted as names that cannot be judged; 5.83% of 3,210 before
/// archived hosts, umlaut spellings, abbreviations and the first unjudgeable names; 15.4%
/// before brand matching). Most of the rest are a parent company's or network's name
/// ("InfoWorld" on computerworld.com, "MDN Web Docs" on developer.mozilla.org), people's
/// names the page does not give as its byline, and a subsite's or section's own name. The
/// gate holds the target.
#[test]
fn real_sites_names_match_their_hosts() {
    let pages = real_pages();
    assert!(pages.len() > 4000, "{} real pages", pages.len());
    let (mut compared, mut mismatched) = (0, Vec::new());
    for (name, path) in &pages {
        let Ok(html) = chaff::decode::decode(&std::fs::read(path).unwrap()) else {
            continue;
        };
        let page = segment(&html);
        let f = facts::gather(&page, &[]);
        match f.site_matches_host {
            Some(true) => compared += 1,
            Some(false) => {
                compared += 1;
                let site = f.site_name.map(|s| s.value).unwrap_or_default();
                mismatched.push(format!(
                    "{name}: {site:?} on {:?}",
                    f.host.unwrap_or_default()
                ));
            }
            None => {}
        }
    }
    let share = mismatched.len() as f64 / compared as f64;
    eprintln!(
        "site against host: {} of {compared} real pages called a mismatch ({:.2}%)",
        mismatched.len(),
        share * 100.0
    );
    for m in &mismatched {
        eprintln!("  {m}");
    }
    assert!(compared >= 1000, "only {compared} pages name both");
    // Measured 1.97%: the gate is the target, a few pages above it.
    const TARGET: f64 = 0.02;
    assert!(share <= TARGET, "{:.2}% mismatched", share * 100.0);
}
