//! The page-level corpus generator: wraps real article bodies in scraper-farm chrome, and
//! builds the legitimate pages a farm detector must leave alone.
//!
//! Real farm pages are rare in public datasets and never labelled, so the page verdict learns
//! from pages generated here: a real article (taken at run time from `../shared/datasets`,
//! never committed) becomes a wire story; a farm copies it under a fake site name, re-stamped,
//! unsigned and uncredited; a legitimate outlet runs it with byline, date and credit; its
//! publisher's original is dated with the story; blogs and portals copy nothing.
//!
//! Pages are composed from randomised parts (`compose`) in layout families (`families`):
//! every kind of page in every family, from the same distributions of markup and chrome, so
//! that leave-one-family-out measures the model on layouts, languages, date formats and
//! widget styles it never saw, and no markup tells a farm from a legitimate page.
//!
//! Everything is driven by one seeded [`Rng`]: the same article and seed give the same page.

pub mod chrome;
pub mod compose;
pub mod dates;
pub mod families;
pub mod mutations;
pub mod rng;
pub mod transplant;

pub use families::{FAMILIES, Family};
pub use rng::Rng;

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

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A scraper farm's copy of a wire story.
    Farm,
    /// A legitimate outlet running a wire story with byline, date and credit.
    Syndication,
    /// The story's own publisher: the story itself, dated with it (its body is the story).
    Original,
    /// An original post with share widgets and comments, no wire copy.
    Blog,
    /// A link-heavy front or listing page with no article.
    Portal,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Farm,
        Kind::Syndication,
        Kind::Original,
        Kind::Blog,
        Kind::Portal,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Farm => "farm",
            Kind::Syndication => "syndication",
            Kind::Original => "original",
            Kind::Blog => "blog",
            Kind::Portal => "portal",
        }
    }
}

/// One generated page and its truth.
#[derive(Debug, Clone)]
pub struct GeneratedPage {
    pub html: String,
    pub farm: bool,
    pub kind: Kind,
    /// The family it was laid out in.
    pub family: &'static str,
    /// The wire story behind the page (farms, syndication, originals), to put in a wire index.
    pub wire: Option<WireStory>,
    /// The article paragraphs as printed on the page (empty for portals).
    pub body: Vec<String>,
    /// The date the page declares, `YYYY-MM-DD`, when it prints one.
    pub declared: Option<String>,
    /// When a crawler fetched it, unix seconds: what "17 hours ago" counts from.
    pub fetched: i64,
    /// What the generator gave the page, as words (`undated`, `gap:412`, `byline:role`,
    /// `cut:2`...): to read a miss against what the page showed (`train-verdict --rows`).
    pub traits: String,
    /// A farm with no sign but its copy and its date ([`Draw::plain_farm`]): only an index
    /// can tell it from the story's publisher, so reports count it apart.
    pub plain_farm: bool,
}

/// What a page lays out.
pub struct Parts {
    pub chrome: &'static Chrome,
    pub site: String,
    pub title: String,
    pub body: Vec<String>,
    /// The date as printed (empty: the page prints none).
    pub date: String,
    /// The page's stamp, machine-readable (`2025-04-25T20:25:00Z`).
    pub iso: Option<String>,
    /// Whether the CMS also writes the stamp into the head (meta, JSON-LD) and `<time datetime>`.
    pub meta_date: bool,
    /// Whether the head names the site (`og:site_name`).
    pub meta_site: bool,
    pub byline: Option<String>,
    pub credit: Option<String>,
    pub widgets: Vec<String>,
    pub lists: Vec<(String, Vec<String>)>,
    pub breadcrumb: Vec<String>,
    pub stray: Option<String>,
    /// `8 min read`.
    pub read_time: Option<String>,
    /// Topic links under the menu (the first words of other headlines).
    pub topics: Vec<String>,
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

/// Generate one page of a kind in a family. `headlines` is the pool of stale headlines for
/// link lists (titles of other articles); fewer than 12 means the built-in pool.
pub fn generate(
    article: &Article,
    kind: Kind,
    family: &'static Family,
    headlines: &[String],
    seed: u64,
) -> GeneratedPage {
    let mut rng = Rng::new(seed);
    let builtin: Vec<String>;
    let pool: &[String] = if headlines.len() >= 12 {
        headlines
    } else {
        builtin = chrome::HEADLINES.iter().map(|s| s.to_string()).collect();
        &builtin
    };
    let mut parts_rng = rng.fork();
    let draw = Draw {
        family,
        chrome: parts_rng.pick::<&Chrome>(family.chromes),
        pool,
    };
    let Drawn {
        parts,
        wire,
        declared,
        fetched,
        plain_farm,
    } = match kind {
        Kind::Farm => draw.farm(article, &mut parts_rng),
        Kind::Syndication => draw.syndication(article, &mut parts_rng),
        Kind::Original => draw.original(article, &mut parts_rng),
        Kind::Blog => draw.blog(article, &mut parts_rng),
        Kind::Portal => draw.portal(&mut parts_rng),
    };
    let mut layout_rng = rng.fork();
    let style = compose::Style::draw(family.skeleton, &mut layout_rng);
    let html = compose::render(family.skeleton, &parts, &style, &mut layout_rng);
    let traits = traits(&parts, wire.as_ref(), declared.as_deref(), plain_farm);
    GeneratedPage {
        traits,
        html,
        farm: kind == Kind::Farm,
        kind,
        family: family.name,
        wire,
        body: parts.body,
        declared,
        fetched: fetched.minutes() * 60,
        plain_farm,
    }
}

/// The traits of a page, read back from its parts: what a reader of a miss wants to know
/// the generator gave it (date and gap to the story, dateline, credit, byline, counters,
/// lists and repeats, breadcrumb, canonical host, what the copy cut from the story or added),
/// and first whether it was drawn plain.
fn traits(
    parts: &Parts,
    wire: Option<&WireStory>,
    declared: Option<&str>,
    plain_farm: bool,
) -> String {
    let mut t: Vec<String> = Vec::new();
    if plain_farm {
        t.push("plain".into());
    }
    match (declared, wire) {
        (None, _) => t.push("undated".into()),
        (Some(d), Some(w)) => {
            if let (Some(a), Some(b)) = (
                crate::calendar::days_of(d),
                crate::calendar::days_of(&w.published),
            ) {
                t.push(format!("gap:{}", a - b));
            }
        }
        _ => {}
    }
    if parts
        .body
        .iter()
        .take(2)
        .any(|p| mutations::has_dateline(p))
    {
        t.push("dateline".into());
    }
    if parts.credit.is_some() {
        t.push("credit".into());
    }
    t.push(match &parts.byline {
        None => "byline:none".into(),
        Some(b) if ROLE_BYLINES.contains(&b.as_str()) => "byline:role".into(),
        Some(_) => "byline:person".into(),
    });
    // A counter is a widget with a number in it (`Views: 120`, `Like (4)`), as the generator
    // writes them; the facts' own test for it is not used here, so that a trait says what
    // was drawn, not what the facts would read.
    let counters = parts
        .widgets
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    if counters > 0 {
        t.push(format!("counters:{counters}"));
    }
    if !parts.lists.is_empty() {
        t.push(format!("lists:{}", parts.lists.len()));
        let twice = |items: &[String]| {
            items
                .iter()
                .enumerate()
                .any(|(i, a)| items[..i].contains(a))
        };
        let lists_twice = parts
            .lists
            .iter()
            .enumerate()
            .any(|(i, l)| parts.lists[..i].contains(l));
        if lists_twice || parts.lists.iter().any(|(_, items)| twice(items)) {
            t.push("repeats".into());
        }
    }
    if let Some(last) = parts.breadcrumb.last() {
        t.push(if parts.chrome.odd_sections.contains(&last.as_str()) {
            "crumb:odd".into()
        } else {
            "crumb:section".into()
        });
    }
    let brand = chrome::slug(&parts.site).replace('-', "");
    t.push(match &parts.canonical {
        None => "canonical:none".into(),
        Some(c) if c.contains(&brand) => "canonical:own".into(),
        Some(_) => "canonical:other".into(),
    });
    if let Some(w) = wire {
        let story: Vec<String> = w
            .text
            .split("\n\n")
            .map(mutations::strip_dateline)
            .collect();
        let printed: Vec<String> = parts
            .body
            .iter()
            .map(|p| mutations::strip_dateline(p))
            .collect();
        let cut = story.iter().filter(|p| !printed.contains(p)).count();
        let added = printed.iter().filter(|p| !story.contains(p)).count();
        if cut > 0 {
            t.push(format!("cut:{cut}"));
        }
        if added > 0 {
            t.push(format!("added:{added}"));
        }
    }
    t.join(" ")
}

/// What a kind of page draws before it is laid out.
struct Drawn {
    parts: Parts,
    wire: Option<WireStory>,
    declared: Option<String>,
    /// When the page is fetched: a few hours after it was stamped.
    fetched: Stamp,
    /// A farm drawn by [`Draw::plain_farm`]: named in the page's traits, so that a report
    /// can count these copies, which only an index can tell from an original, apart.
    plain_farm: bool,
}

/// Roles printed where a byline goes: nobody signed the page.
const ROLE_BYLINES: &[&str] = &[
    "Staff Writer",
    "admin",
    "News Desk",
    "Editorial Team",
    "Staff Reporter",
    "Web Desk",
    "Redaksi",
    "Editor",
];

/// Share buttons without counters: legitimate and farm pages alike have them.
const SHARE: &[&str] = &["Share", "Tweet", "Email", "Print", "WhatsApp"];

/// The parts every kind draws alike, in one family and chrome language.
struct Draw<'a> {
    family: &'static Family,
    chrome: &'static Chrome,
    pool: &'a [String],
}

impl Draw<'_> {
    /// Print a stamp in one of the family's date formats.
    fn date(&self, stamp: Stamp, fetched: Stamp, rng: &mut Rng) -> String {
        let format = *rng.pick(self.family.dates);
        dates::format(stamp, format, fetched, rng)
    }

    /// Lists of headlines: `lists` of them, with `repeat` the chance that one headline
    /// repeats inside a list.
    fn lists(&self, lists: usize, repeat: f64, rng: &mut Rng) -> Vec<(String, Vec<String>)> {
        (0..lists)
            .map(|_| {
                let name = rng.pick(self.chrome.list_names).to_string();
                let n = 5 + rng.below(8);
                let mut items: Vec<String> = (0..n).map(|_| rng.pick(self.pool).clone()).collect();
                if rng.chance(repeat) {
                    let dup = items[rng.below(n)].clone();
                    for _ in 0..1 + rng.below(2) {
                        let at = rng.below(items.len());
                        items[at] = dup.clone();
                    }
                }
                (name, items)
            })
            .collect()
    }

    fn counters(&self, n: usize, rng: &mut Rng) -> Vec<String> {
        (0..n)
            .map(|_| chrome::widget(rng.word(self.family.widgets), rng))
            .collect()
    }

    fn share_buttons(&self, rng: &mut Rng) -> Vec<String> {
        (0..2 + rng.below(3))
            .map(|_| rng.pick(SHARE).to_string())
            .collect()
    }

    fn topics(&self, rng: &mut Rng) -> Vec<String> {
        (0..14)
            .map(|_| {
                let h = rng.pick(self.pool);
                h.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
            })
            .collect()
    }

    fn read_time(&self, rng: &mut Rng) -> Option<String> {
        rng.chance(0.25)
            .then(|| format!("{} min read", 2 + rng.below(12)))
    }

    /// A breadcrumb into a news section of the site's menu (every menu starts with the home
    /// page and ends with a contact or about page).
    fn news_breadcrumb(&self, rng: &mut Rng) -> Vec<String> {
        let nav = self.chrome.nav;
        vec![
            nav[0].to_string(),
            nav[1 + rng.below(nav.len() - 2)].to_string(),
        ]
    }

    /// A legitimate outlet's canonical URL, on a host named like the outlet.
    fn own_canonical(site: &str, title: &str) -> String {
        format!(
            "https://www.{}.com/{}/",
            chrome::slug(site).replace('-', ""),
            chrome::slug(title)
        )
    }

    fn farm(&self, article: &Article, rng: &mut Rng) -> Drawn {
        let (story, wire_paragraphs, published) = wire_story(article);
        let body = mutations::farm_copy(&wire_paragraphs, rng);
        // Re-stamped: the day the farm scraped the story, weeks to years after the wire date;
        // now and then the same week, so the date gap cannot carry the verdict alone; and now
        // and then no date at all.
        let gap = if rng.chance(0.12) {
            rng.range(0, 3)
        } else {
            rng.range(20, 900)
        };
        let stamp = published.plus_days(gap);
        if gap >= 20 && rng.chance(FARMS_PLAIN) {
            return self.plain_farm(article, story, body, stamp, rng);
        }
        let fetched = stamp.plus_minutes(rng.range(30, 23 * 60));
        let undated = rng.chance(FARMS_UNDATED);
        let site = chrome::site_name(rng);
        // Each sign is drawn on its own and often absent: a model that sees every farm with
        // every sign learns whichever a layout shows best instead of what each is worth.
        let mut widgets = if rng.chance(FARM_COUNTERS) {
            self.counters(1 + rng.below(2), rng)
        } else {
            Vec::new()
        };
        if rng.chance(0.3) {
            widgets.extend(self.share_buttons(rng));
        }
        let n_lists = if rng.chance(0.15) {
            0
        } else {
            1 + rng.below(5)
        };
        let mut lists = self.lists(n_lists, 0.5, rng);
        if !lists.is_empty() && rng.chance(0.25) {
            let again = lists[rng.below(lists.len())].clone();
            lists.push(again);
        }
        let ch = self.chrome;
        let breadcrumb = if rng.chance(0.75) {
            let last = if rng.chance(0.55) {
                rng.pick(ch.odd_sections).to_string()
            } else {
                ch.nav[1 + rng.below(ch.nav.len() - 1)].to_string()
            };
            vec![ch.nav[0].to_string(), last]
        } else {
            Vec::new()
        };
        let byline = if rng.chance(0.45) {
            None
        } else if rng.chance(0.55) {
            Some(rng.word(ROLE_BYLINES).to_string())
        } else {
            Some(format!("By {}", chrome::person(rng)))
        };
        let canonical = if rng.chance(0.5) {
            Some(format!(
                "https://{}/news/{}.html",
                chrome::throwaway_host(rng),
                chrome::slug(&article.title)
            ))
        } else if rng.chance(0.4) {
            Some(Self::own_canonical(&site, &article.title))
        } else {
            None
        };
        let parts = Parts {
            chrome: ch,
            title: article.title.clone(),
            body,
            date: if undated {
                String::new()
            } else {
                self.date(stamp, fetched, rng)
            },
            iso: (!undated).then(|| stamp.rfc3339()),
            meta_date: !undated && rng.chance(0.25),
            meta_site: rng.chance(0.5),
            byline,
            credit: None,
            widgets,
            lists,
            breadcrumb,
            stray: (rng.chance(0.4) && !ch.stray.is_empty())
                .then(|| rng.pick(ch.stray).to_string()),
            read_time: self.read_time(rng),
            topics: self.topics(rng),
            comments: Vec::new(),
            canonical,
            site,
        };
        Drawn {
            parts,
            wire: Some(story),
            declared: (!undated).then(|| stamp.iso_date()),
            fetched,
            plain_farm: false,
        }
    }

    /// A farm copy on a page that wears an ordinary outlet's chrome (its share buttons, lists
    /// and breadcrumb, a site name that fits its host, a person's byline): only the copy and
    /// its re-stamp tell it from the story's own publisher. Farms drawn sign by sign almost
    /// never lack every sign at once (about 0.2% did), so the page model learnt that a
    /// re-stamped copy is a farm when chrome says so too, and copies on real CMS layouts,
    /// which carry their host's ordinary chrome, scored under the threshold.
    fn plain_farm(
        &self,
        article: &Article,
        story: WireStory,
        body: Vec<String>,
        stamp: Stamp,
        rng: &mut Rng,
    ) -> Drawn {
        let mut parts = self.legit_parts(chrome::outlet_name(rng), &article.title, body, rng);
        parts.byline = Some(format!("By {}", chrome::person(rng)));
        Drawn {
            plain_farm: true,
            ..self.dated(parts, Some(story), stamp, rng)
        }
    }

    /// The chrome a legitimate page of the family wears: share buttons and now and then a
    /// counter, lists of other headlines, a breadcrumb into a news section.
    fn legit_parts(&self, site: String, title: &str, body: Vec<String>, rng: &mut Rng) -> Parts {
        let mut widgets = if rng.chance(0.5) {
            self.share_buttons(rng)
        } else {
            Vec::new()
        };
        if rng.chance(LEGIT_COUNTERS) {
            widgets.extend(self.counters(1, rng));
        }
        let n_lists = if rng.chance(0.3) { 0 } else { 1 + rng.below(4) };
        let ch = self.chrome;
        Parts {
            chrome: ch,
            title: title.to_string(),
            body,
            date: String::new(),
            iso: None,
            meta_date: rng.chance(0.75),
            meta_site: rng.chance(0.7),
            byline: None,
            credit: None,
            widgets,
            lists: self.lists(n_lists, 0.1, rng),
            breadcrumb: if rng.chance(0.5) {
                self.news_breadcrumb(rng)
            } else {
                Vec::new()
            },
            stray: (rng.chance(0.1) && !ch.stray.is_empty())
                .then(|| rng.pick(ch.stray).to_string()),
            read_time: self.read_time(rng),
            topics: self.topics(rng),
            comments: Vec::new(),
            canonical: if rng.chance(LEGIT_HOSTED_ELSEWHERE) {
                Some(format!(
                    "https://{}/{}/",
                    chrome::parent_host(rng),
                    chrome::slug(title)
                ))
            } else {
                rng.chance(0.6).then(|| Self::own_canonical(&site, title))
            },
            site,
        }
    }

    /// A legitimate page stamped `stamp`: printed and machine-readable dates.
    fn dated(
        &self,
        mut parts: Parts,
        wire: Option<WireStory>,
        stamp: Stamp,
        rng: &mut Rng,
    ) -> Drawn {
        let fetched = stamp.plus_minutes(rng.range(30, 23 * 60));
        parts.date = self.date(stamp, fetched, rng);
        parts.iso = Some(stamp.rfc3339());
        Drawn {
            parts,
            wire,
            declared: Some(stamp.iso_date()),
            fetched,
            plain_farm: false,
        }
    }

    fn syndication(&self, article: &Article, rng: &mut Rng) -> Drawn {
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
        let body = mutations::outlet_copy(&wire_paragraphs, rng);
        let mut parts = self.legit_parts(chrome::outlet_name(rng), &article.title, body, rng);
        // Outlets drop the credit line or print a plain byline now and then; the page stays
        // legitimate (dated with the story), and the model must not need both marks.
        parts.byline = Some(if rng.chance(0.2) {
            format!("By {reporter}")
        } else {
            byline
        });
        parts.credit = (!rng.chance(0.25)).then_some(credit);
        self.dated(parts, Some(story), stamp, rng)
    }

    /// The story on its own publisher's page: the same day, signed by a person (now and then
    /// by a desk), no agency credit (it is the source), the dateline kept or dropped.
    fn original(&self, article: &Article, rng: &mut Rng) -> Drawn {
        let (story, wire_paragraphs, published) = wire_story(article);
        let body: Vec<String> = if rng.chance(0.5) {
            mutations::without_dateline(&wire_paragraphs)
        } else {
            wire_paragraphs
        };
        let mut parts = self.legit_parts(chrome::outlet_name(rng), &article.title, body, rng);
        // A story that opens with the agency's dateline is the agency's own: its own page is
        // on the agency's site. (An outlet's page with an agency dateline and no credit is
        // what a farm's copy looks like; as a negative it taught the model that an
        // uncredited dateline in the story's news cycle is a publisher's.)
        if parts
            .body
            .first()
            .is_some_and(|p| mutations::has_dateline(p))
        {
            let (site, host) = agency_site(&story.agency);
            parts.site = site.to_string();
            parts.canonical = Some(format!(
                "https://www.{host}/article/{}",
                chrome::slug(&article.title)
            ));
        }
        parts.byline = Some(if rng.chance(0.9) {
            format!("By {}", chrome::person(rng))
        } else {
            rng.word(ROLE_BYLINES).to_string()
        });
        // The index holds the page's own body (the publisher's feed), dated as it is.
        let own = WireStory {
            id: format!("{}-original", story.id),
            text: parts.body.join("\n\n"),
            ..story
        };
        self.dated(parts, Some(own), published, rng)
    }

    fn blog(&self, article: &Article, rng: &mut Rng) -> Drawn {
        let (from, to) = wire_window();
        let stamp = Stamp::between(rng, from, to);
        let author = chrome::person(rng);
        let body = mutations::without_dateline(&article.paragraphs);
        let site = format!("{}'s notebook", author.split(' ').next().unwrap_or("My"));
        let mut parts = self.legit_parts(site, &article.title, body, rng);
        parts.byline = Some(if rng.chance(0.5) {
            format!("Posted by {author}")
        } else {
            author.clone()
        });
        parts.widgets.extend(self.counters(rng.below(3), rng));
        parts.comments = (0..rng.below(5))
            .map(|_| (chrome::person(rng), rng.pick(COMMENTS).to_string()))
            .collect();
        self.dated(parts, None, stamp, rng)
    }

    fn portal(&self, rng: &mut Rng) -> Drawn {
        let (from, to) = wire_window();
        let stamp = Stamp::between(rng, from, to);
        let mut parts = self.legit_parts(chrome::outlet_name(rng), "Front page", Vec::new(), rng);
        parts.lists = self.lists(3 + rng.below(4), 0.05, rng);
        self.dated(parts, None, stamp, rng)
    }
}

/// Share of farms that show counters (votes, views, likes: faked to look lively), and of
/// legitimate pages (real comment and share counts).
const FARM_COUNTERS: f64 = 0.65;
const LEGIT_COUNTERS: f64 = 0.3;

/// Share of legitimate pages whose canonical URL is on a host not named like the site (a
/// parent group's, a platform's): without them, a name that disagrees with its host was a
/// sure sign of a farm in the corpus (0 of 1,165 generated negatives, against 1.7% of real
/// training pages), the page model weighed it 1.89, and real pages carrying it were most of
/// the real pages flagged.
const LEGIT_HOSTED_ELSEWHERE: f64 = 0.04;

/// Share of re-stamped farms drawn plain ([`Draw::plain_farm`]): the copy and its date are
/// the only evidence, as on a scraper that reuses a real CMS theme.
const FARMS_PLAIN: f64 = 0.15;

/// Share of farms that print no date at all (many real ones do not; the issue's farms that
/// printed one in a form nobody read looked the same to the verdict).
const FARMS_UNDATED: f64 = 0.1;

/// An agency's own site: the name it shows and its host.
fn agency_site(agency: &str) -> (&'static str, &'static str) {
    match agency {
        "AP" => ("AP News", "apnews.com"),
        "Reuters" => ("Reuters", "reuters.com"),
        _ => ("AFP", "afp.com"),
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

const COMMENTS: &[&str] = &[
    "Great write-up, thanks for sharing!",
    "I had the same experience last year.",
    "Could you post a follow-up on this?",
    "Not sure I agree with the second point, but interesting.",
    "Bookmarked. Very helpful.",
];

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
        for family in FAMILIES {
            for kind in Kind::ALL {
                let p1 = generate(&a, kind, family, &[], 42);
                let p2 = generate(&a, kind, family, &[], 42);
                assert_eq!(p1.html, p2.html);
                assert_eq!(p1.wire, p2.wire);
                assert_eq!(p1.family, family.name);
            }
        }
        let differ = (0..10).any(|s| {
            generate(&a, Kind::Farm, &FAMILIES[0], &[], s).html
                != generate(&a, Kind::Farm, &FAMILIES[0], &[], s + 100).html
        });
        assert!(differ);
    }

    /// The page's shape: its sequence of tag names and class attributes, text left out.
    fn shape(html: &str) -> String {
        let tags = regex::Regex::new(r#"<([a-z0-9]+)(?: class="([^"]*)")?"#).unwrap();
        tags.captures_iter(html)
            .map(|c| format!("{}.{}", &c[1], c.get(2).map_or("", |m| m.as_str())))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_family_makes_many_shapes_and_farms_share_them_with_legitimate_pages() {
        let a = article();
        let class_attr = regex::Regex::new(r#"class="([^"]*)""#).unwrap();
        for family in FAMILIES {
            let farms: std::collections::HashSet<String> = (0..60)
                .map(|s| shape(&generate(&a, Kind::Farm, family, &[], s).html))
                .collect();
            assert!(farms.len() >= 55, "{}: {} shapes", family.name, farms.len());
            // Class vocabularies are drawn alike for every kind: a class seen on a farm is
            // seen on legitimate pages of the family too.
            let class_of = |html: &str| -> std::collections::HashSet<String> {
                class_attr
                    .captures_iter(html)
                    .map(|c| c[1].to_string())
                    .collect()
            };
            let farm_classes: std::collections::HashSet<String> = (0..200)
                .flat_map(|s| class_of(&generate(&a, Kind::Farm, family, &[], s).html))
                .collect();
            let legit_classes: std::collections::HashSet<String> = (0..200)
                .flat_map(|s| class_of(&generate(&a, Kind::Syndication, family, &[], s).html))
                .collect();
            let shared = farm_classes.intersection(&legit_classes).count();
            assert!(
                shared * 10 >= farm_classes.len() * 6,
                "{}: {shared} of {} farm classes on legitimate pages",
                family.name,
                farm_classes.len()
            );
        }
    }

    #[test]
    fn a_farm_page_keeps_the_copy_recoverable_as_blocks() {
        let a = article();
        for family in FAMILIES {
            for seed in 0..20 {
                let g = generate(&a, Kind::Farm, family, &[], seed);
                assert!(g.farm);
                let wire = g.wire.as_ref().expect("a farm copies a wire story");
                assert!(
                    ["(AP)", "(Reuters)", "(AFP)"]
                        .iter()
                        .any(|d| wire.text.contains(d))
                );
                let page = segment(&g.html);
                let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
                for p in &g.body {
                    assert!(
                        texts.contains(&p.as_str()),
                        "{} seed {seed}: paragraph not a block: {p}",
                        family.name
                    );
                }
                let kept = a
                    .paragraphs
                    .iter()
                    .filter(|p| g.html.contains(p.as_str()))
                    .count();
                assert!(
                    kept * 4 >= a.paragraphs.len() * 3,
                    "{} kept {kept}",
                    family.name
                );
            }
        }
    }

    #[test]
    fn legitimate_copies_are_dated_with_the_story() {
        let a = article();
        for family in FAMILIES {
            for kind in [Kind::Syndication, Kind::Original] {
                for seed in 0..10 {
                    let g = generate(&a, kind, family, &[], seed);
                    assert!(!g.farm);
                    let wire = g.wire.unwrap();
                    let declared =
                        crate::calendar::days_of(g.declared.as_deref().unwrap()).unwrap();
                    let published = crate::calendar::days_of(&wire.published).unwrap();
                    assert!(
                        (0..=1).contains(&(declared - published)),
                        "{kind:?} seed {seed}"
                    );
                }
            }
        }
    }

    #[test]
    fn farm_syndication_and_original_of_one_article_copy_one_story() {
        let a = article();
        let farm = generate(&a, Kind::Farm, &FAMILIES[0], &[], 1);
        let synd = generate(&a, Kind::Syndication, &FAMILIES[3], &[], 2);
        let orig = generate(&a, Kind::Original, &FAMILIES[4], &[], 3);
        assert_eq!(farm.wire, synd.wire);
        let (f, o) = (farm.wire.unwrap(), orig.wire.unwrap());
        assert_eq!(f.published, o.published);
        assert_ne!(f.id, o.id);
    }

    #[test]
    fn blogs_and_portals_copy_no_wire_story() {
        let a = article();
        for family in FAMILIES {
            for kind in [Kind::Blog, Kind::Portal] {
                let g = generate(&a, kind, family, &[], 3);
                assert!(!g.farm && g.wire.is_none());
            }
            assert!(generate(&a, Kind::Portal, family, &[], 3).body.is_empty());
        }
    }

    #[test]
    fn some_farms_are_plain_dated_weeks_later_and_signed_by_a_person() {
        let a = article();
        let (mut plain, mut all) = (0, 0);
        for family in FAMILIES {
            for seed in 0..60 {
                let g = generate(&a, Kind::Farm, family, &[], seed);
                all += 1;
                if !g.plain_farm {
                    continue;
                }
                plain += 1;
                assert!(g.farm);
                let t: Vec<&str> = g.traits.split_whitespace().collect();
                assert_eq!(t[0], "plain", "{}", g.traits);
                assert!(t.contains(&"byline:person"), "{}", g.traits);
                let gap: i64 = t
                    .iter()
                    .find_map(|x| x.strip_prefix("gap:"))
                    .expect("a plain farm is dated")
                    .parse()
                    .unwrap();
                assert!(gap >= 20, "{}", g.traits);
                assert!(
                    !t.iter().any(|x| x.starts_with("crumb:odd")),
                    "{}",
                    g.traits
                );
            }
        }
        // FARMS_PLAIN of the re-stamped farms: neither none nor most.
        assert!(plain * 20 > all && plain * 4 < all, "{plain} of {all}");
    }

    #[test]
    fn traits_say_what_the_generator_gave_the_page() {
        let a = article();
        let mut seen = std::collections::HashSet::new();
        for family in FAMILIES {
            for seed in 0..40 {
                let g = generate(&a, Kind::Farm, family, &[], seed);
                let t: Vec<&str> = g.traits.split_whitespace().collect();
                // A date and its gap to the story, or none, as the page was built.
                assert_eq!(t.contains(&"undated"), g.declared.is_none(), "{}", g.traits);
                assert!(
                    g.declared.is_none() || t.iter().any(|x| x.starts_with("gap:")),
                    "{}",
                    g.traits
                );
                assert!(t.iter().any(|x| x.starts_with("byline:")), "{}", g.traits);
                assert!(
                    !t.contains(&"credit"),
                    "a farm credits no agency: {}",
                    g.traits
                );
                seen.extend(t.iter().map(|x| x.split(':').next().unwrap().to_string()));
            }
            let g = generate(&a, Kind::Syndication, family, &[], 1);
            assert!(
                g.traits.contains("gap:0") || g.traits.contains("gap:1"),
                "{}",
                g.traits
            );
        }
        for trait_ in [
            "counters",
            "lists",
            "repeats",
            "crumb",
            "canonical",
            "cut",
            "added",
            "dateline",
        ] {
            assert!(seen.contains(trait_), "no farm of 240 got {trait_}");
        }
    }

    #[test]
    fn outlets_now_and_then_trim_a_story_or_add_a_line_but_keep_most_of_it() {
        let paragraphs = article().paragraphs;
        let (mut trimmed, mut added) = (0, 0);
        for seed in 0..400 {
            let body = mutations::outlet_copy(&paragraphs, &mut Rng::new(seed));
            let kept = body.iter().filter(|p| paragraphs.contains(p)).count();
            assert!(kept * 5 >= paragraphs.len() * 4, "seed {seed}: kept {kept}");
            assert_eq!(body[..kept], paragraphs[..kept]);
            trimmed += usize::from(kept < paragraphs.len());
            added += usize::from(body.len() > kept);
        }
        // About the shares asked (25% and 15% of 400), neither never nor always.
        assert!((60..140).contains(&trimmed), "{trimmed}");
        assert!((30..90).contains(&added), "{added}");
    }

    #[test]
    fn family_names_are_unique() {
        let mut names: Vec<&str> = FAMILIES.iter().map(|f| f.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FAMILIES.len());
        assert!(families::by_name("cards").is_some());
    }
}
