//! Pages composed from randomised parts: one renderer for every kind of page, so that the
//! markup says nothing about whether a page is a farm.
//!
//! A family (`families`) fixes the layout skeleton (two columns, a table, HTML5 sections,
//! cards, a portal's three columns...); everything else is drawn per page by a [`Style`]:
//! the class vocabulary (plain words, BEM, prefixed, or hashed like CSS-in-JS builds), the
//! wrappers' tags, the order and separators of the meta line (byline, date, views, reading
//! time, stray labels), where the date stands and how it is marked up (`<time>` with or
//! without `datetime`, a label, under the body), how link lists are built (`ul`, numbered
//! `ol`, bare `div > a`, cards with dates) and where they go, where widgets go, and how much
//! header and footer chrome surrounds the article. Farms and legitimate pages of a family
//! draw from the same distributions, so that what tells them apart is what a farm does (a
//! re-stamped copy, no credit, nobody signing), not the generator's markup.

use super::Parts;
use super::chrome::{esc, slug};
use super::rng::Rng;
use std::fmt::Write;

/// The layout skeleton of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skeleton {
    /// Main column and a sidebar of `div`s (the seed page's shape).
    TwoColumn,
    /// One column; lists under the article.
    Stacked,
    /// An old table layout with a `td` sidebar.
    Table,
    /// `header` / `main` / `article` / `aside` / `footer`.
    Semantic,
    /// The article, then headline cards in a grid.
    Cards,
    /// Three columns: section lists left and right of the article.
    Portal,
}

/// How class names are spelled on a page.
#[derive(Debug, Clone, Copy)]
enum Naming {
    /// `content`, `sidebar`: one of several plain words per role.
    Plain,
    /// `c-article__body`.
    Bem,
    /// `td-post-content`, `jeg_sidebar`: a theme prefix.
    Prefixed(&'static str),
    /// `css-1q2w3e`: hashed per build, meaningless.
    Hashed,
}

/// Plain words for each role (the first is the role's name in the other namings).
const ROLES: &[(&str, &[&str])] = &[
    (
        "header",
        &["header", "top", "masthead", "site-header", "banner"],
    ),
    ("logo", &["logo", "brand", "site-title", "sitename"]),
    ("nav", &["nav", "menu", "navbar", "main-menu", "topnav"]),
    (
        "crumb",
        &["breadcrumb", "crumbs", "position", "location", "path"],
    ),
    (
        "article",
        &["article", "post", "entry", "story", "news-detail"],
    ),
    ("title", &["title", "headline", "entry-title", "post-title"]),
    (
        "meta",
        &["meta", "info", "byline", "post-meta", "article-info", "sub"],
    ),
    (
        "body",
        &[
            "content",
            "article-body",
            "post-body",
            "entry-content",
            "txt",
            "story-text",
        ],
    ),
    ("tools", &["share", "digg", "toolbar", "actions", "social"]),
    (
        "side",
        &["sidebar", "side", "right", "aside", "widget-area"],
    ),
    (
        "list",
        &[
            "related", "list-box", "widget", "sidebox", "module", "block",
        ],
    ),
    ("item", &["item", "entry", "row", "link", "li"]),
    ("footer", &["footer", "bottom", "site-footer", "copyright"]),
    ("main", &["main", "wrap", "container", "left", "primary"]),
];

const PREFIXES: &[&str] = &["td", "jeg", "tie", "mvp", "elementor", "gh", "pf"];

/// Per-page choices of markup, drawn once.
pub struct Style {
    naming: Naming,
    seed: u64,
    /// Index into each role's plain words.
    pick: Vec<usize>,
    /// `div` or `section` for generic wrappers.
    wrapper: &'static str,
    /// How list items are marked up.
    lists: ListMarkup,
    /// Meta-line separator.
    sep: &'static str,
    /// Where the date stands.
    date_at: DateAt,
    /// How the date is marked up.
    date_markup: DateMarkup,
    /// Where the widgets go.
    widgets_at: WidgetsAt,
    /// Footer links, columns of links, an about blurb and a newsletter line, and a bar of
    /// topic links under the menu: chrome as heavy as real pages' (the first generator's
    /// pages were more compact than real ones, which taught the model that boilerplate is
    /// a sign of legitimacy).
    footer_links: usize,
    footer_columns: usize,
    about: usize,
    newsletter: bool,
    topics: usize,
    /// List items carry a line of text under the headline.
    teasers: bool,
    /// An "Advertisement" label between paragraphs.
    ad_break: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum ListMarkup {
    Ul,
    Numbered,
    DivLinks,
    Cards,
}

#[derive(Clone, Copy, PartialEq)]
enum DateAt {
    MetaLine,
    AboveTitle,
    UnderBody,
}

#[derive(Clone, Copy, PartialEq)]
enum DateMarkup {
    Labelled,
    TimeNoAttribute,
    TimeWithAttribute,
    Bare,
}

#[derive(Clone, Copy, PartialEq)]
enum WidgetsAt {
    AboveBody,
    UnderBody,
    MetaLine,
}

impl Style {
    /// Draw a page's style. `skeleton` leans some choices (cards lay lists out as cards).
    pub fn draw(skeleton: Skeleton, rng: &mut Rng) -> Style {
        let naming = match rng.below(4) {
            0 => Naming::Plain,
            1 => Naming::Bem,
            2 => Naming::Prefixed(rng.word(PREFIXES)),
            _ => Naming::Hashed,
        };
        let lists = match skeleton {
            Skeleton::Cards => ListMarkup::Cards,
            Skeleton::Portal if rng.chance(0.5) => ListMarkup::Numbered,
            _ => *rng.pick(&[
                ListMarkup::Ul,
                ListMarkup::Ul,
                ListMarkup::Numbered,
                ListMarkup::DivLinks,
            ]),
        };
        Style {
            naming,
            seed: rng.next_u64(),
            pick: ROLES.iter().map(|(_, w)| rng.below(w.len())).collect(),
            wrapper: rng.word(&["div", "div", "section"]),
            lists,
            sep: rng.word(&[" | ", " · ", " / ", " ", " - "]),
            date_at: *rng.pick(&[
                DateAt::MetaLine,
                DateAt::MetaLine,
                DateAt::MetaLine,
                DateAt::AboveTitle,
                DateAt::UnderBody,
            ]),
            date_markup: *rng.pick(&[
                DateMarkup::Labelled,
                DateMarkup::TimeNoAttribute,
                DateMarkup::TimeWithAttribute,
                DateMarkup::Bare,
            ]),
            widgets_at: *rng.pick(&[
                WidgetsAt::AboveBody,
                WidgetsAt::UnderBody,
                WidgetsAt::MetaLine,
            ]),
            footer_links: 3 + rng.below(6),
            footer_columns: rng.below(4),
            about: rng.below(4),
            newsletter: rng.chance(0.4),
            topics: if rng.chance(0.5) {
                4 + rng.below(10)
            } else {
                0
            },
            teasers: rng.chance(0.35),
            ad_break: rng.chance(0.3).then(|| 1 + rng.below(3)),
        }
    }

    /// The class name of a role on this page.
    fn class(&self, role: &str) -> String {
        let at = ROLES.iter().position(|(r, _)| *r == role).unwrap_or(0);
        let (name, words) = ROLES[at];
        match self.naming {
            Naming::Plain => words[self.pick[at] % words.len()].to_string(),
            Naming::Bem => format!("c-{}__{}", words[0], name),
            Naming::Prefixed(p) => format!("{p}-{}", words[self.pick[at] % words.len()]),
            Naming::Hashed => {
                let h = xxhash_rust::xxh3::xxh3_64_with_seed(name.as_bytes(), self.seed);
                format!("css-{:06x}", h & 0xff_ffff)
            }
        }
    }

    fn open(&self, role: &str) -> String {
        format!("<{} class=\"{}\">", self.wrapper, self.class(role))
    }

    fn close(&self) -> String {
        format!("</{}>\n", self.wrapper)
    }
}

/// Render a page's parts in a skeleton with a style.
pub fn render(skeleton: Skeleton, p: &Parts, style: &Style, rng: &mut Rng) -> String {
    let mut h = head(p, rng);
    h.push_str("<body>\n");
    let header = header(p, style, skeleton);
    let article = article(p, style);
    let (side, below) = split_lists(p, skeleton, rng);
    let side_html: String = side.iter().map(|l| list(l.0, l.1, style)).collect();
    let below_html: String = below.iter().map(|l| list(l.0, l.1, style)).collect();
    let footer = footer(p, style);
    match skeleton {
        Skeleton::TwoColumn => {
            let _ = write!(
                h,
                "{header}{}{article}{below_html}{}{}{side_html}{}{footer}",
                style.open("main"),
                style.close(),
                style.open("side"),
                style.close()
            );
        }
        Skeleton::Stacked | Skeleton::Cards => {
            let _ = write!(
                h,
                "{header}{}{article}{}{side_html}{below_html}{footer}",
                style.open("main"),
                style.close()
            );
        }
        Skeleton::Table => {
            let _ = write!(
                h,
                "<table width=\"980\" align=\"center\"><tr><td colspan=\"2\">{header}</td></tr>\n<tr><td class=\"{}\" valign=\"top\">{article}{below_html}</td>\n<td class=\"{}\" width=\"300\" valign=\"top\">{side_html}</td></tr>\n<tr><td colspan=\"2\">{footer}</td></tr></table>\n",
                style.class("main"),
                style.class("side")
            );
        }
        Skeleton::Semantic => {
            let _ = write!(
                h,
                "{header}<main class=\"{}\">{article}{below_html}<aside class=\"{}\">{side_html}</aside></main>\n{footer}",
                style.class("main"),
                style.class("side")
            );
        }
        Skeleton::Portal => {
            let half = side.len() / 2;
            let left: String = side[..half].iter().map(|l| list(l.0, l.1, style)).collect();
            let right: String = side[half..].iter().map(|l| list(l.0, l.1, style)).collect();
            let _ = write!(
                h,
                "{header}<div class=\"{}\"><div class=\"{}-l\">{left}</div><div class=\"{}\">{article}{below_html}</div><div class=\"{}-r\">{right}</div></div>\n{footer}",
                style.class("main"),
                style.class("side"),
                style.class("article"),
                style.class("side")
            );
        }
    }
    h.push_str("</body>\n</html>\n");
    h
}

type ListRef<'a> = (&'a str, &'a [String]);

/// Which lists go beside the article and which under it.
fn split_lists<'a>(
    p: &'a Parts,
    skeleton: Skeleton,
    rng: &mut Rng,
) -> (Vec<ListRef<'a>>, Vec<ListRef<'a>>) {
    let mut side = Vec::new();
    let mut below = Vec::new();
    for (name, items) in &p.lists {
        let l = (name.as_str(), items.as_slice());
        let beside = match skeleton {
            Skeleton::Stacked | Skeleton::Cards => rng.chance(0.2),
            _ => rng.chance(0.7),
        };
        if beside { side.push(l) } else { below.push(l) }
    }
    (side, below)
}

fn head(p: &Parts, rng: &mut Rng) -> String {
    let sep = rng.word(&[" - ", " | ", "_", " – ", " :: "]);
    let mut extra = String::new();
    if let Some(c) = &p.canonical {
        let _ = writeln!(extra, "<link rel=\"canonical\" href=\"{}\">", esc(c));
    }
    if let Some(site) = p.meta_site.then_some(&p.site) {
        let _ = writeln!(
            extra,
            "<meta property=\"og:site_name\" content=\"{}\">",
            esc(site)
        );
    }
    if let Some(iso) = p.meta_date.then_some(p.iso.as_ref()).flatten() {
        if rng.chance(0.5) {
            let _ = writeln!(
                extra,
                "<meta property=\"article:published_time\" content=\"{}\">",
                esc(iso)
            );
        } else {
            let author = p.byline.as_deref().unwrap_or("");
            let _ = writeln!(
                extra,
                "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":{},\"datePublished\":{},\"author\":{{\"name\":{}}}}}</script>",
                serde_json::Value::from(p.title.as_str()),
                serde_json::Value::from(iso.as_str()),
                serde_json::Value::from(author.trim_start_matches("By "))
            );
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}{sep}{}</title>\n{extra}</head>\n",
        p.chrome.code,
        esc(&p.title),
        esc(&p.site)
    )
}

fn header(p: &Parts, s: &Style, skeleton: Skeleton) -> String {
    let tag = if skeleton == Skeleton::Semantic {
        "header"
    } else {
        "div"
    };
    let mut h = format!("<{tag} class=\"{}\">", s.class("header"));
    let _ = write!(
        h,
        "<a href=\"/\" class=\"{}\"><img src=\"/static/logo.png\" alt=\"{}\"></a>",
        s.class("logo"),
        esc(&p.site)
    );
    let _ = write!(h, "<nav class=\"{}\"><ul>", s.class("nav"));
    for n in p.chrome.nav {
        let _ = write!(h, "<li><a href=\"/{}/\">{}</a></li>", slug(n), esc(n));
    }
    let _ = writeln!(h, "</ul></nav></{tag}>");
    if s.topics > 0 {
        let _ = write!(h, "{}", s.open("nav"));
        for t in p.topics.iter().take(s.topics) {
            let _ = write!(h, "<a href=\"/tag/{}\">{}</a> ", slug(t), esc(t));
        }
        h.push_str(&s.close());
    }
    if !p.breadcrumb.is_empty() {
        let sep = [" &gt; ", " / ", " » ", " › "][(s.seed % 4) as usize];
        let items: Vec<String> = p
            .breadcrumb
            .iter()
            .map(|b| format!("<a href=\"/{}/\">{}</a>", slug(b), esc(b)))
            .collect();
        let _ = writeln!(
            h,
            "{}{}{}{}",
            s.open("crumb"),
            esc(p.chrome.here),
            items.join(sep),
            s.close()
        );
    }
    h
}

/// The date as the page prints it.
fn date(p: &Parts, s: &Style) -> String {
    if p.date.is_empty() {
        return String::new();
    }
    match (s.date_markup, &p.iso) {
        (DateMarkup::Labelled, _) => format!(
            "<span class=\"date\">{}{}</span>",
            esc(p.chrome.date_label),
            esc(&p.date)
        ),
        (DateMarkup::TimeWithAttribute, Some(iso)) if p.meta_date => {
            format!("<time datetime=\"{}\">{}</time>", esc(iso), esc(&p.date))
        }
        (DateMarkup::TimeNoAttribute | DateMarkup::TimeWithAttribute, _) => {
            format!("<time>{}</time>", esc(&p.date))
        }
        (DateMarkup::Bare, _) => format!("<span>{}</span>", esc(&p.date)),
    }
}

fn widgets(p: &Parts, s: &Style) -> String {
    if p.widgets.is_empty() {
        return String::new();
    }
    // One element each, as share bars and counters are built: a widget is a block of its own.
    let mut w = format!("<ul class=\"{}\">", s.class("tools"));
    for t in &p.widgets {
        let _ = write!(w, "<li><a href=\"javascript:;\">{}</a></li>", esc(t));
    }
    w.push_str("</ul>\n");
    w
}

fn article(p: &Parts, s: &Style) -> String {
    let tag = "article";
    let mut a = format!("<{tag} class=\"{}\">\n", s.class("article"));
    if p.body.is_empty() {
        // A listing page: its lists are the page.
        let _ = writeln!(a, "<h1>{}</h1></{tag}>", esc(&p.title));
        return a;
    }
    let date = date(p, s);
    if s.date_at == DateAt::AboveTitle {
        let _ = writeln!(a, "<div class=\"{}\">{date}</div>", s.class("meta"));
    }
    let _ = writeln!(
        a,
        "<h1 class=\"{}\">{}</h1>",
        s.class("title"),
        esc(&p.title)
    );
    let mut meta: Vec<String> = Vec::new();
    if let Some(b) = &p.byline {
        meta.push(format!("<span class=\"author\">{}</span>", esc(b)));
    }
    if s.date_at == DateAt::MetaLine && !date.is_empty() {
        meta.push(date.clone());
    }
    if let Some(r) = &p.read_time {
        meta.push(format!("<span>{}</span>", esc(r)));
    }
    if let Some(st) = &p.stray {
        meta.push(format!("<span>{}</span>", esc(st)));
    }
    if s.widgets_at == WidgetsAt::MetaLine {
        for w in &p.widgets {
            meta.push(format!("<span>{}</span>", esc(w)));
        }
    }
    if !meta.is_empty() {
        let _ = writeln!(
            a,
            "<div class=\"{}\">{}</div>",
            s.class("meta"),
            meta.join(&esc(s.sep))
        );
    }
    if s.widgets_at == WidgetsAt::AboveBody {
        a.push_str(&widgets(p, s));
    }
    let _ = writeln!(a, "<div class=\"{}\">", s.class("body"));
    for (i, t) in p.body.iter().enumerate() {
        if s.ad_break == Some(i) {
            a.push_str("<div class=\"ad\">Advertisement</div>\n");
        }
        let _ = writeln!(a, "<p>{}</p>", esc(t));
    }
    if let Some(c) = &p.credit {
        let _ = writeln!(a, "<p class=\"credit\">{}</p>", esc(c));
    }
    a.push_str("</div>\n");
    if s.date_at == DateAt::UnderBody && !date.is_empty() {
        let _ = writeln!(a, "<div class=\"{}\">{date}</div>", s.class("meta"));
    }
    if s.widgets_at == WidgetsAt::UnderBody {
        a.push_str(&widgets(p, s));
    }
    if !p.comments.is_empty() {
        a.push_str("<div class=\"comments\"><h3>Comments</h3>\n");
        for (who, text) in &p.comments {
            let _ = writeln!(
                a,
                "<div class=\"comment\"><b>{}</b><p>{}</p></div>",
                esc(who),
                esc(text)
            );
        }
        a.push_str("</div>\n");
    }
    let _ = writeln!(a, "</{tag}>");
    a
}

fn list(name: &str, items: &[String], s: &Style) -> String {
    let mut l = format!("{}<h3>{}</h3>\n", s.open("list"), esc(name));
    if s.teasers {
        // Teaser cards: each headline with a line of its story (here: the next headline's
        // words, as good as any lede for the page's weight of chrome).
        for (i, h) in items.iter().enumerate() {
            let lede = &items[(i + 1) % items.len()];
            let _ = writeln!(
                l,
                "<div class=\"{}\"><a href=\"/n/{}\">{}</a><p>{}</p></div>",
                s.class("item"),
                slug(h),
                esc(h),
                esc(lede)
            );
        }
        l.push_str(&s.close());
        return l;
    }
    let item_class = s.class("item");
    match s.lists {
        ListMarkup::Ul | ListMarkup::Numbered => {
            let tag = if s.lists == ListMarkup::Ul {
                "ul"
            } else {
                "ol"
            };
            let _ = writeln!(l, "<{tag}>");
            for (i, h) in items.iter().enumerate() {
                let label = if s.lists == ListMarkup::Numbered {
                    format!("{}. {}", i + 1, esc(h))
                } else {
                    esc(h)
                };
                let _ = writeln!(
                    l,
                    "<li class=\"{item_class}\"><a href=\"/news/{}.html\">{label}</a></li>",
                    slug(h)
                );
            }
            let _ = writeln!(l, "</{tag}>");
        }
        ListMarkup::DivLinks => {
            for h in items {
                let _ = writeln!(
                    l,
                    "<div class=\"{item_class}\"><a href=\"/p/{}\">{}</a></div>",
                    slug(h),
                    esc(h)
                );
            }
        }
        ListMarkup::Cards => {
            for h in items {
                let _ = writeln!(
                    l,
                    "<div class=\"{item_class} card\"><a href=\"/a/{}\"><h4>{}</h4></a></div>",
                    slug(h),
                    esc(h)
                );
            }
        }
    }
    l.push_str(&s.close());
    l
}

/// Lines sites print in their footers.
const ABOUT: &[&str] = &[
    "{site} brings you the latest news, analysis and opinion from around the world, updated around the clock by our editors and contributors.",
    "The content on this site is provided for general information only. Reproduction in whole or in part without written permission is prohibited.",
    "We use cookies to improve your experience, to personalise content and ads and to analyse our traffic. By continuing to browse you agree to our use of cookies.",
    "For advertising enquiries, partnerships and press releases, please get in touch with our commercial team through the contact page.",
];

const FOOTER_LINKS: &[&str] = &[
    "About",
    "Contact",
    "Privacy",
    "Terms",
    "Advertise",
    "Careers",
    "Sitemap",
    "RSS",
    "Help",
];

fn footer(p: &Parts, s: &Style) -> String {
    let mut f = format!("<footer class=\"{}\">", s.class("footer"));
    f.push_str("<ul>");
    for l in FOOTER_LINKS.iter().take(s.footer_links) {
        let _ = write!(f, "<li><a href=\"/{}\">{}</a></li>", slug(l), l);
    }
    f.push_str("</ul>");
    for c in 0..s.footer_columns {
        let _ = write!(
            f,
            "<div class=\"{}-{c}\"><h4>{}</h4><ul>",
            s.class("footer"),
            esc(p.chrome.nav[c % p.chrome.nav.len()])
        );
        for n in p.chrome.nav.iter().chain(FOOTER_LINKS).skip(c).take(5) {
            let _ = write!(f, "<li><a href=\"/{}/\">{}</a></li>", slug(n), esc(n));
        }
        f.push_str("</ul></div>");
    }
    for sentence in ABOUT.iter().take(s.about) {
        let _ = write!(f, "<p>{}</p>", sentence.replace("{site}", &esc(&p.site)));
    }
    if s.newsletter {
        f.push_str("<p>Sign up for our newsletter to get the day's most important stories in your inbox every morning.</p>");
    }
    let _ = writeln!(
        f,
        "<p>Copyright &copy; {} {}</p></footer>",
        esc(&p.site),
        esc(p.chrome.rights)
    );
    f
}
