//! The page-level corpus generator: wraps real article bodies in scraper-farm chrome, and
//! builds the legitimate pages a farm detector must leave alone.
//!
//! Real farm pages are rare in public datasets and never labelled, so the page verdict learns
//! from pages generated here: a real article (taken at run time from `../shared/datasets`,
//! never committed) becomes a wire story, a farm copies it under a fake site name with stale
//! link lists, widgets and a re-stamped date; a legitimate outlet runs it with byline, date and
//! credit. Template families are split into a training set and a test set of different
//! shapes (see `templates`), so that measured recall is recall on layouts the model never saw.
//!
//! Everything is driven by one seeded [`Rng`]: the same article and seed give the same page.

pub mod chrome;
pub mod dates;
pub mod mutations;
pub mod rng;
pub mod templates;

pub use rng::Rng;
pub use templates::{Kind, TemplateSet};

use chrome::Chrome;
use dates::Stamp;

/// An article to wrap: a title and its paragraphs, and the wire agency and dateline city when
/// the source names them.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub agency: Option<String>,
    pub dateline: Option<String>,
}

/// The wire story a generated page copies or syndicates: a story as the wire index takes it
/// (`../shared/seeds/wire-original.jsonl` is one in JSON).
pub use crate::wire::Story as WireStory;

/// One generated page and its truth.
#[derive(Debug, Clone)]
pub struct GeneratedPage {
    pub html: String,
    pub farm: bool,
    pub kind: Kind,
    pub template: String,
    /// The wire story behind the page (farms and syndication), to put in a wire index.
    pub wire: Option<WireStory>,
    /// The article paragraphs as printed on the page (empty for portals).
    pub body: Vec<String>,
    /// The date the page declares, `YYYY-MM-DD`, when it prints one.
    pub declared: Option<String>,
    /// When a crawler fetched it, unix seconds: what "17 hours ago" counts from.
    pub fetched: i64,
}

/// What a template lays out.
pub struct Parts {
    pub chrome: &'static Chrome,
    pub site: String,
    pub title: String,
    pub body: Vec<String>,
    /// The date as printed.
    pub date: String,
    /// The machine-readable date (`<time datetime>`, meta), legitimate pages only.
    pub iso: Option<String>,
    pub byline: Option<String>,
    pub credit: Option<String>,
    pub widgets: Vec<String>,
    pub lists: Vec<(String, Vec<String>)>,
    pub breadcrumb: Vec<String>,
    pub stray: Option<String>,
    pub comments: Vec<(String, String)>,
    /// `<link rel=canonical>`: a farm's is often on a domain that has nothing to do with
    /// the name it shows.
    pub canonical: Option<String>,
}

/// Days of 2019-01-01 and 2024-12-31: wire stories are published in between.
fn wire_window() -> (i64, i64) {
    (
        dates::days_from_civil(2019, 1, 1),
        dates::days_from_civil(2024, 12, 31),
    )
}

/// Generate one page of a kind from a template of a set. `headlines` is the pool of stale
/// headlines for link lists (titles of other articles); empty means the built-in pool.
pub fn generate(
    article: &Article,
    kind: Kind,
    set: TemplateSet,
    headlines: &[String],
    seed: u64,
) -> GeneratedPage {
    let mut rng = Rng::new(seed);
    let templates = templates::of(set, kind);
    let template = templates[rng.below(templates.len())];
    let builtin: Vec<String>;
    let pool: &[String] = if headlines.len() >= 12 {
        headlines
    } else {
        builtin = chrome::HEADLINES.iter().map(|s| s.to_string()).collect();
        &builtin
    };
    let mut parts_rng = rng.fork();
    let Drawn {
        parts,
        wire,
        declared,
        fetched,
    } = match kind {
        Kind::Farm => farm_parts(article, set, pool, &mut parts_rng),
        Kind::Syndication => syndication_parts(article, pool, &mut parts_rng),
        Kind::Blog => blog_parts(article, set, pool, &mut parts_rng),
        Kind::Portal => portal_parts(pool, &mut parts_rng),
    };
    let mut layout_rng = rng.fork();
    let html = (template.render)(&parts, &mut layout_rng);
    GeneratedPage {
        html,
        farm: kind == Kind::Farm,
        kind,
        template: template.name.to_string(),
        wire,
        body: parts.body,
        declared,
        fetched: fetched.minutes() * 60,
    }
}

/// What a kind of page draws before a template lays it out.
struct Drawn {
    parts: Parts,
    wire: Option<WireStory>,
    declared: Option<String>,
    /// When the page is fetched: a few hours after it was stamped.
    fetched: Stamp,
}

impl Drawn {
    /// A page that declares the day it was stamped, fetched within the day.
    fn dated(parts: Parts, wire: Option<WireStory>, stamp: Stamp, rng: &mut Rng) -> Drawn {
        Drawn {
            parts,
            wire,
            declared: Some(stamp.iso_date()),
            fetched: stamp.plus_minutes(rng.range(30, 23 * 60)),
        }
    }
}

/// The article as a wire story: give it an agency and a dateline when it has none.
///
/// The story depends on the article alone (its own seed), not on the page being generated:
/// a farm copy and a legitimate syndication of one article copy the same wire story, as
/// they would in the world.
fn wire_story(article: &Article) -> (WireStory, Vec<String>, Stamp) {
    let mut seed_text = article.title.clone();
    seed_text.push_str(article.paragraphs.first().map_or("", |p| p.as_str()));
    let rng = &mut Rng::new(xxhash_rust::xxh3::xxh3_64(seed_text.as_bytes()));
    let agency = article
        .agency
        .clone()
        .unwrap_or_else(|| rng.pick(mutations::AGENCIES).to_string());
    let paragraphs = match &article.dateline {
        Some(city)
            if !article
                .paragraphs
                .first()
                .is_some_and(|p| mutations::has_dateline(p)) =>
        {
            let mut p = article.paragraphs.clone();
            if let Some(first) = p.first_mut() {
                *first = format!("{}{}", mutations::dateline(city, &agency), first);
            }
            p
        }
        _ => mutations::with_dateline(&article.paragraphs, &agency, rng),
    };
    let (from, to) = wire_window();
    let published = Stamp::between(rng, from, to);
    let (y, m, d) = published.ymd();
    let id = format!(
        "{}-{y:04}{m:02}{d:02}-{}-{:04x}",
        agency.to_lowercase(),
        chrome::slug(&article.title)
            .trim_matches('-')
            .chars()
            .take(40)
            .collect::<String>(),
        rng.below(0x10000)
    );
    let story = WireStory {
        id,
        agency: agency.clone(),
        published: published.rfc3339(),
        title: article.title.clone(),
        text: paragraphs.join("\n\n"),
    };
    (story, paragraphs, published)
}

/// `n` headlines from the pool, sometimes with one repeated (farms' lists often are).
fn headline_list(pool: &[String], n: usize, rng: &mut Rng) -> Vec<String> {
    let mut items: Vec<String> = (0..n).map(|_| rng.pick(pool).clone()).collect();
    if n > 3 && rng.chance(0.5) {
        let dup = items[rng.below(n)].clone();
        for _ in 0..1 + rng.below(2) {
            let at = rng.below(items.len());
            items[at] = dup.clone();
        }
    }
    items
}

fn farm_parts(article: &Article, set: TemplateSet, pool: &[String], rng: &mut Rng) -> Drawn {
    let (story, wire_paragraphs, published) = wire_story(article);
    let body = mutations::farm_copy(&wire_paragraphs, rng);
    let (chromes, formats, widget_styles) = match set {
        TemplateSet::Train => (chrome::TRAIN, dates::TRAIN, chrome::WIDGETS_TRAIN),
        TemplateSet::Test => (chrome::TEST, dates::TEST, chrome::WIDGETS_TEST),
    };
    let ch: &'static Chrome = chromes[rng.below(chromes.len())];
    // Re-stamped: the day the farm scraped the story, weeks to years after the wire date;
    // now and then the same week, so the date gap cannot carry the verdict alone.
    let gap = if rng.chance(0.15) {
        rng.range(0, 3)
    } else {
        rng.range(20, 900)
    };
    let stamp = published.plus_days(gap);
    let fetched = stamp.plus_minutes(rng.range(30, 23 * 60));
    let format = *rng.pick(formats);
    let date = dates::format(stamp, format, fetched, rng);
    let declared = (format != dates::DateFormat::Relative).then(|| stamp.iso_date());
    // Each piece of chrome is drawn on its own, often absent: farms vary, and a model that
    // sees every farm with every sign learns the sign a template happens to show best
    // instead of what each is worth.
    let widgets = (0..if rng.chance(0.65) {
        1 + rng.below(2)
    } else {
        0
    })
        .map(|_| {
            let style = rng.pick(widget_styles);
            chrome::widget(style, rng)
        })
        .collect();
    let mut lists = Vec::new();
    let n_lists = if rng.chance(0.2) { 0 } else { 1 + rng.below(3) };
    for _ in 0..n_lists {
        let name = rng.pick(ch.list_names).to_string();
        let n = 5 + rng.below(6);
        lists.push((name, headline_list(pool, n, rng)));
    }
    if !lists.is_empty() && rng.chance(0.25) {
        let again = lists[rng.below(lists.len())].clone();
        lists.push(again);
    }
    let last = if rng.chance(0.55) {
        rng.pick(ch.odd_sections).to_string()
    } else {
        ch.nav[1 + rng.below(ch.nav.len() - 1)].to_string()
    };
    let parts = Parts {
        chrome: ch,
        site: chrome::site_name(rng),
        title: article.title.clone(),
        body,
        date,
        iso: None,
        byline: rng.chance(0.35).then(|| {
            if rng.chance(0.5) {
                format!("By {}", chrome::person(rng))
            } else {
                rng.word(&["admin", "Editor", "By News Desk", "Staff Reporter"])
                    .to_string()
            }
        }),
        credit: None,
        widgets,
        lists,
        breadcrumb: vec![ch.nav[0].to_string(), last],
        stray: (rng.chance(0.5) && !ch.stray.is_empty()).then(|| rng.pick(ch.stray).to_string()),
        comments: Vec::new(),
        canonical: rng.chance(0.5).then(|| {
            format!(
                "https://{}/news/{}.html",
                chrome::throwaway_host(rng),
                chrome::slug(&article.title)
            )
        }),
    };
    let parts = if set == TemplateSet::Train && rng.chance(LEAN_FARMS) {
        lean(parts, rng)
    } else {
        parts
    };
    Drawn {
        parts,
        wire: Some(story),
        declared,
        fetched,
    }
}

/// Share of training farms that wear no chrome at all.
///
/// The facts recognise chrome by what they have seen; a farm of a new shape shows them little
/// of it. A model trained only on farms whose chrome the facts all see leans on the chrome
/// and lets a verbatim copy re-stamped a year later pass when its sidebar is unrecognised.
/// Lean farms teach it what the copy alone is worth. The test family is left as it is.
const LEAN_FARMS: f64 = 0.25;

/// A farm stripped to the copy: no widgets, lists, breadcrumb or stray chrome, and a
/// made-up reporter's byline.
fn lean(parts: Parts, rng: &mut Rng) -> Parts {
    Parts {
        widgets: Vec::new(),
        lists: Vec::new(),
        breadcrumb: Vec::new(),
        stray: None,
        byline: Some(format!("By {}", chrome::person(rng))),
        ..parts
    }
}

fn syndication_parts(article: &Article, pool: &[String], rng: &mut Rng) -> Drawn {
    let (story, wire_paragraphs, published) = wire_story(article);
    let stamp = published.plus_days(rng.range(0, 1));
    let reporter = chrome::person(rng);
    let (byline, credit) = match story.agency.as_str() {
        "AP" => (
            format!("By {reporter}, Associated Press"),
            format!(
                "Copyright {} The Associated Press. All rights reserved.",
                stamp.ymd().0
            ),
        ),
        "Reuters" => (
            format!("By {reporter} | Reuters"),
            format!(
                "Reporting by {reporter}; Editing by {}",
                chrome::person(rng)
            ),
        ),
        _ => (
            format!("{reporter}, AFP"),
            "© Agence France-Presse".to_string(),
        ),
    };
    let mut lists = Vec::new();
    if rng.chance(0.5) {
        let name = rng.pick(chrome::NEWS.list_names).to_string();
        let n = 3 + rng.below(4);
        lists.push((name, (0..n).map(|_| rng.pick(pool).clone()).collect()));
    }
    let widgets = if rng.chance(0.6) {
        let mut w: Vec<String> = ["Share", "Tweet", "Email"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if rng.chance(0.3) {
            w.push(format!("{} comments", rng.below(200)));
        }
        w
    } else {
        Vec::new()
    };
    let parts = Parts {
        chrome: &chrome::NEWS,
        site: chrome::outlet_name(rng),
        title: article.title.clone(),
        body: wire_paragraphs,
        date: dates::format(stamp, dates::DateFormat::LongEnglish, stamp, rng),
        iso: Some(stamp.rfc3339()),
        // Outlets drop the credit line or print a staff-style byline now and then; the page
        // stays legitimate (dated with the story), and the model must not need both marks.
        byline: if rng.chance(0.2) {
            Some(format!("By {reporter}"))
        } else {
            Some(byline)
        },
        credit: (!rng.chance(0.25)).then_some(credit),
        widgets,
        lists,
        breadcrumb: if rng.chance(0.6) {
            vec![
                "Home".into(),
                rng.pick(&["World", "Business", "U.S.", "Politics"])
                    .to_string(),
            ]
        } else {
            Vec::new()
        },
        stray: None,
        comments: Vec::new(),
        canonical: None,
    };
    let mut parts = parts;
    if rng.chance(0.6) {
        parts.canonical = Some(format!(
            "https://www.{}.com/{}/",
            chrome::slug(&parts.site).replace('-', ""),
            chrome::slug(&parts.title)
        ));
    }
    Drawn::dated(parts, Some(story), stamp, rng)
}

const COMMENTS: &[&str] = &[
    "Great write-up, thanks for sharing!",
    "I had the same experience last year.",
    "Could you post a follow-up on this?",
    "Not sure I agree with the second point, but interesting.",
    "Bookmarked. Very helpful.",
];

fn blog_parts(article: &Article, set: TemplateSet, pool: &[String], rng: &mut Rng) -> Drawn {
    let (from, to) = wire_window();
    let stamp = Stamp::between(rng, from, to);
    let author = chrome::person(rng);
    let widget_styles = match set {
        TemplateSet::Train => &["Like ({n})", "{n} comments", "Share"][..],
        TemplateSet::Test => &["veryGood! ({n})", "{n} views", "Tweet"][..],
    };
    let widgets = (0..1 + rng.below(3))
        .map(|_| {
            let style = *rng.pick(widget_styles);
            chrome::widget(style, rng)
        })
        .collect();
    let mut lists = vec![(
        "Recent posts".to_string(),
        (0..3 + rng.below(4))
            .map(|_| rng.pick(pool).clone())
            .collect(),
    )];
    if rng.chance(0.6) {
        lists.push((
            "Archives".to_string(),
            (0..4 + rng.below(6))
                .map(|i| {
                    let (y, m, _) = stamp.plus_days(-30 * i as i64).ymd();
                    format!("{y}-{m:02} ({})", 1 + rng.below(9))
                })
                .collect(),
        ));
    }
    let comments = (0..rng.below(5))
        .map(|_| (chrome::person(rng), rng.pick(COMMENTS).to_string()))
        .collect();
    let body: Vec<String> = article
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                mutations::strip_dateline(p)
            } else {
                p.clone()
            }
        })
        .collect();
    let parts = Parts {
        chrome: &chrome::NEWS,
        site: format!("{}'s notebook", author.split(' ').next().unwrap_or("My")),
        title: article.title.clone(),
        body,
        date: dates::format(stamp, dates::DateFormat::LongEnglish, stamp, rng),
        iso: Some(stamp.rfc3339()),
        byline: Some(format!("Posted by {author}")),
        credit: None,
        widgets,
        lists,
        breadcrumb: Vec::new(),
        stray: None,
        comments,
        canonical: None,
    };
    Drawn::dated(parts, None, stamp, rng)
}

fn portal_parts(pool: &[String], rng: &mut Rng) -> Drawn {
    let (from, to) = wire_window();
    let stamp = Stamp::between(rng, from, to);
    let sections = [
        "World", "Business", "Sports", "Culture", "Science", "Opinion",
    ];
    let lists = (0..3 + rng.below(3))
        .map(|i| {
            let n = 5 + rng.below(8);
            (
                sections[i % sections.len()].to_string(),
                (0..n).map(|_| rng.pick(pool).clone()).collect(),
            )
        })
        .collect();
    let parts = Parts {
        chrome: &chrome::NEWS,
        site: chrome::outlet_name(rng),
        title: "Front page".to_string(),
        body: Vec::new(),
        date: dates::format(stamp, dates::DateFormat::LongEnglish, stamp, rng),
        iso: Some(stamp.rfc3339()),
        byline: None,
        credit: None,
        widgets: Vec::new(),
        lists,
        breadcrumb: Vec::new(),
        stray: None,
        comments: Vec::new(),
        canonical: None,
    };
    Drawn::dated(parts, None, stamp, rng)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn article() -> Article {
        Article {
            title: "Harbor authority approves plan to dredge the old shipping channel".into(),
            paragraphs: (0..8)
                .map(|i| {
                    format!(
                        "Paragraph {i} of the story explains in plain words what the harbor authority decided on Tuesday, who voted for it and what the dredging of channel number {i} will cost the city over the next years."
                    )
                })
                .collect(),
            agency: None,
            dateline: None,
        }
    }

    #[test]
    fn same_seed_same_page_other_seed_other_page() {
        let a = article();
        for kind in [Kind::Farm, Kind::Syndication, Kind::Blog, Kind::Portal] {
            let p1 = generate(&a, kind, TemplateSet::Train, &[], 42);
            let p2 = generate(&a, kind, TemplateSet::Train, &[], 42);
            assert_eq!(p1.html, p2.html);
            assert_eq!(p1.wire, p2.wire);
        }
        let differ = (0..10).any(|s| {
            generate(&a, Kind::Farm, TemplateSet::Train, &[], s).html
                != generate(&a, Kind::Farm, TemplateSet::Train, &[], s + 100).html
        });
        assert!(differ);
    }

    #[test]
    fn train_and_test_templates_are_disjoint_and_every_set_has_every_kind() {
        let a = article();
        for kind in [Kind::Farm, Kind::Syndication, Kind::Blog, Kind::Portal] {
            let train: std::collections::HashSet<String> = (0..40)
                .map(|s| generate(&a, kind, TemplateSet::Train, &[], s).template)
                .collect();
            let test: std::collections::HashSet<String> = (0..40)
                .map(|s| generate(&a, kind, TemplateSet::Test, &[], s).template)
                .collect();
            assert!(!train.is_empty() && !test.is_empty());
            assert!(train.is_disjoint(&test), "{kind:?}: {train:?} vs {test:?}");
        }
        // Every farm template is reachable.
        let farms: std::collections::HashSet<String> = (0..60)
            .flat_map(|s| {
                [TemplateSet::Train, TemplateSet::Test]
                    .map(|set| generate(&a, Kind::Farm, set, &[], s).template)
            })
            .collect();
        let farm_templates = templates::TEMPLATES
            .iter()
            .filter(|t| t.kind == Kind::Farm)
            .count();
        assert_eq!(farms.len(), farm_templates, "{farms:?}");
    }

    #[test]
    fn a_farm_page_keeps_the_copy_recoverable_as_blocks() {
        let a = article();
        for set in [TemplateSet::Train, TemplateSet::Test] {
            for seed in 0..30 {
                let g = generate(&a, Kind::Farm, set, &[], seed);
                assert!(g.farm);
                let wire = g.wire.as_ref().expect("a farm copies a wire story");
                assert!(
                    wire.text.contains("(AP)")
                        || wire.text.contains("(Reuters)")
                        || wire.text.contains("(AFP)")
                );
                let page = segment(&g.html);
                let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
                for p in &g.body {
                    assert!(
                        texts.contains(&p.as_str()),
                        "{} seed {seed}: paragraph not a block: {p}",
                        g.template
                    );
                }
                // Most of the wire story is on the page.
                let kept = a
                    .paragraphs
                    .iter()
                    .filter(|p| g.html.contains(p.as_str()))
                    .count();
                assert!(
                    kept * 4 >= a.paragraphs.len() * 3,
                    "{} kept {kept}",
                    g.template
                );
            }
        }
    }

    #[test]
    fn syndication_carries_a_byline_the_dateline_and_the_wire_date() {
        let mut credited = 0;
        for seed in 0..20 {
            let g = generate(&article(), Kind::Syndication, TemplateSet::Train, &[], seed);
            assert!(!g.farm);
            let wire = g.wire.unwrap();
            let declared = crate::calendar::days_of(g.declared.as_deref().unwrap()).unwrap();
            let published = crate::calendar::days_of(&wire.published).unwrap();
            assert!((0..=1).contains(&(declared - published)), "seed {seed}");
            assert!(g.html.contains("By ") || g.html.contains(", AFP"));
            assert!(
                ["(AP)", "(Reuters)", "(AFP)"]
                    .iter()
                    .any(|d| g.html.contains(d))
            );
            if ["Associated Press", "Reuters", "AFP"]
                .iter()
                .any(|a| g.html.contains(&format!("{a}</")) || g.html.contains(&format!("{a}.")))
            {
                credited += 1;
            }
        }
        // Most outlets credit the agency; some drop the line.
        assert!(credited >= 10, "{credited}");
    }

    #[test]
    fn farm_and_syndication_of_one_article_copy_the_same_wire_story() {
        let a = article();
        let farm = generate(&a, Kind::Farm, TemplateSet::Train, &[], 1);
        let synd = generate(&a, Kind::Syndication, TemplateSet::Test, &[], 2);
        assert_eq!(farm.wire, synd.wire);
    }

    #[test]
    fn blogs_and_portals_copy_no_wire_story() {
        let a = article();
        for kind in [Kind::Blog, Kind::Portal] {
            for set in [TemplateSet::Train, TemplateSet::Test] {
                let g = generate(&a, kind, set, &[], 3);
                assert!(!g.farm && g.wire.is_none());
            }
        }
        assert!(
            generate(&a, Kind::Portal, TemplateSet::Test, &[], 3)
                .body
                .is_empty()
        );
    }
}
