//! The seed case: the facts `../shared/seeds/README.md` names for `seed-page.html`, with the
//! 12 paragraphs of `seed-page.body.txt` labelled as body by hand (as extraction should).

use chaff::facts::{self, days_since_epoch};
use chaff::patterns::Agency;
use chaff::segment::segment;
use std::path::PathBuf;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

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
    assert!(date.source.starts_with("text:"), "{}", date.source);
    assert!(date.raw.contains("Date:2025-04-25"));
    // The gap the verdict will report against the wire story (2024-01-27).
    let wire = days_since_epoch("2024-01-27T12:00:00Z").unwrap();
    assert_eq!(date.days - wire, 454);
}

#[test]
fn seed_page_titles_site_and_byline() {
    let f = seed_facts();
    let title = f.title.as_ref().unwrap();
    assert_eq!(title.source, "h1");
    assert!(title.value.starts_with("Iraq and US begin formal talks"));
    let site = f.site_name.as_ref().unwrap();
    assert_eq!(site.value, "SecurePath Capital");
    assert_eq!(site.source, "title_suffix");
    assert_eq!((f.canonical.as_deref(), f.host.as_deref()), (None, None));
    assert!(f.missing_byline && f.byline.is_none());
}

#[test]
fn seed_page_breadcrumb_is_unrelated() {
    let f = seed_facts();
    let b = f.breadcrumb.as_ref().expect("breadcrumb");
    assert_eq!(b.items, ["Home", "Contact"]);
    assert!(b.unrelated && f.breadcrumb_unrelated);
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
