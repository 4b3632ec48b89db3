//! Page layouts: each template lays out the same `Parts` (title, body, date, widgets, lists...)
//! in its own markup.
//!
//! Training and test families differ in shape, not only in words:
//! - train farms: `farm-twocol` (the seed page's layout: `div.left`/`div.right`, `ul` lists,
//!   breadcrumb and info bar above the body), `farm-stacked` (one column, lists stacked under
//!   the article), `farm-table` (an old table layout with a `td` sidebar);
//! - test farms: `farm-html5` (`header`/`main`/`article`/`aside`, lists as bare `div > a`),
//!   `farm-threecol` (left and right sidebars, numbered "1. headline" items in `ol`),
//!   `farm-cards` (headline cards in a grid of `div.card`, widgets in a toolbar above the body),
//!   `farm-magazine` (a blog-engine theme: `entry-*` classes, sidebar `aside.widget` lists with
//!   dates, share counts under the article; written after the facts were last changed, as a
//!   check on a shape nobody tuned anything to);
//! - negatives have train (`*-classic`) and test (`*-modern`) layouts the same way.

use super::Parts;
use super::chrome::{esc, slug};
use super::rng::Rng;
use std::fmt::Write;

/// Which family a template belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateSet {
    Train,
    Test,
}

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A scraper farm's copy of a wire story.
    Farm,
    /// A legitimate outlet running a wire story with byline, date and credit.
    Syndication,
    /// An original post with share widgets and comments, no wire copy.
    Blog,
    /// A link-heavy front or listing page with no article.
    Portal,
}

/// One layout.
pub struct Template {
    pub name: &'static str,
    pub set: TemplateSet,
    pub kind: Kind,
    pub render: fn(&Parts, &mut Rng) -> String,
}

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "farm-twocol",
        set: TemplateSet::Train,
        kind: Kind::Farm,
        render: farm_twocol,
    },
    Template {
        name: "farm-stacked",
        set: TemplateSet::Train,
        kind: Kind::Farm,
        render: farm_stacked,
    },
    Template {
        name: "farm-table",
        set: TemplateSet::Train,
        kind: Kind::Farm,
        render: farm_table,
    },
    Template {
        name: "farm-html5",
        set: TemplateSet::Test,
        kind: Kind::Farm,
        render: farm_html5,
    },
    Template {
        name: "farm-threecol",
        set: TemplateSet::Test,
        kind: Kind::Farm,
        render: farm_threecol,
    },
    Template {
        name: "farm-cards",
        set: TemplateSet::Test,
        kind: Kind::Farm,
        render: farm_cards,
    },
    Template {
        name: "farm-magazine",
        set: TemplateSet::Test,
        kind: Kind::Farm,
        render: farm_magazine,
    },
    Template {
        name: "syndication-classic",
        set: TemplateSet::Train,
        kind: Kind::Syndication,
        render: synd_classic,
    },
    Template {
        name: "syndication-modern",
        set: TemplateSet::Test,
        kind: Kind::Syndication,
        render: synd_modern,
    },
    Template {
        name: "blog-classic",
        set: TemplateSet::Train,
        kind: Kind::Blog,
        render: blog_classic,
    },
    Template {
        name: "blog-modern",
        set: TemplateSet::Test,
        kind: Kind::Blog,
        render: blog_modern,
    },
    Template {
        name: "portal-classic",
        set: TemplateSet::Train,
        kind: Kind::Portal,
        render: portal_classic,
    },
    Template {
        name: "portal-modern",
        set: TemplateSet::Test,
        kind: Kind::Portal,
        render: portal_modern,
    },
];

/// The templates of one set and kind.
pub fn of(set: TemplateSet, kind: Kind) -> Vec<&'static Template> {
    TEMPLATES
        .iter()
        .filter(|t| t.set == set && t.kind == kind)
        .collect()
}

fn head(p: &Parts, title_sep: &str, extra: &str) -> String {
    let canonical = p
        .canonical
        .as_ref()
        .map(|c| format!("<link rel=\"canonical\" href=\"{}\">\n", esc(c)))
        .unwrap_or_default();
    let extra = format!("{canonical}{extra}");
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}{}{}</title>\n{}</head>\n",
        p.chrome.code,
        esc(&p.title),
        title_sep,
        esc(&p.site),
        extra
    );
    h
}

fn nav_ul(p: &Parts, class: &str) -> String {
    let mut s = format!("<ul class=\"{class}\">");
    for n in p.chrome.nav {
        let _ = write!(s, "<li><a href=\"/{}/\">{}</a></li>", slug(n), esc(n));
    }
    s.push_str("</ul>");
    s
}

fn paragraphs(p: &Parts) -> String {
    p.body
        .iter()
        .map(|t| format!("<p>{}</p>\n", esc(t)))
        .collect()
}

fn breadcrumb(p: &Parts, sep: &str) -> String {
    p.breadcrumb
        .iter()
        .map(|b| format!("<a href=\"/{}/\">{}</a>", slug(b), esc(b)))
        .collect::<Vec<_>>()
        .join(sep)
}

fn list_ul(name: &str, items: &[String], class: &str, tag: &str) -> String {
    let mut s = format!("<div class=\"{class}\"><h3>{}</h3><{tag}>\n", esc(name));
    for h in items {
        let _ = writeln!(
            s,
            "<li><a href=\"/news/{}.html\">{}</a></li>",
            slug(h),
            esc(h)
        );
    }
    let _ = writeln!(s, "</{tag}></div>");
    s
}

fn list_divs(name: &str, items: &[String]) -> String {
    let mut s = format!(
        "<section class=\"widget\"><div class=\"widget-title\">{}</div>\n",
        esc(name)
    );
    for h in items {
        let _ = writeln!(
            s,
            "<div class=\"item\"><a href=\"/p/{}\">{}</a></div>",
            slug(h),
            esc(h)
        );
    }
    s.push_str("</section>\n");
    s
}

fn widgets_spans(p: &Parts, class: &str) -> String {
    let mut s = format!("<div class=\"{class}\">");
    for w in &p.widgets {
        let _ = write!(s, "<a href=\"javascript:;\" class=\"w\">{}</a> ", esc(w));
    }
    s.push_str("</div>\n");
    s
}

fn footer(p: &Parts) -> String {
    format!(
        "<div class=\"footer\"><p>Copyright &copy; {} {}</p></div>\n",
        esc(&p.site),
        esc(p.chrome.rights)
    )
}

fn stray(p: &Parts) -> String {
    p.stray
        .as_ref()
        .map(|s| format!("<span class=\"view\">{}</span>\n", esc(s)))
        .unwrap_or_default()
}

fn date_line(p: &Parts) -> String {
    format!(
        "<span class=\"date\">{}{}</span>",
        esc(p.chrome.date_label),
        esc(&p.date)
    )
}

fn byline(p: &Parts) -> String {
    p.byline
        .as_ref()
        .map(|b| format!("<span class=\"author\">{}</span>\n", esc(b)))
        .unwrap_or_default()
}

// ---------------------------------------------------------------- train farms

fn farm_twocol(p: &Parts, rng: &mut Rng) -> String {
    let mut h = head(
        p,
        rng.word(&[" -", " - ", "_", " | "]),
        "<meta name=\"keywords\" content=\"news,finance\">\n",
    );
    let _ = write!(
        h,
        "<body>\n<div class=\"top\"><div class=\"logo\"><a href=\"/\"><img src=\"/static/logo.png\" alt=\"{}\"></a></div>\n{}</div>\n<div class=\"wrap\">\n<div class=\"left\">\n<div class=\"position\">{}{}</div>\n<div class=\"article\">\n<h1 class=\"title\">{}</h1>\n<div class=\"info\">{}{}{}</div>\n<div class=\"content\" id=\"content\">\n{}</div>\n{}</div>\n",
        esc(&p.site),
        nav_ul(p, "nav"),
        esc(p.chrome.here),
        breadcrumb(p, " &gt; "),
        esc(&p.title),
        stray(p),
        byline(p),
        date_line(p),
        paragraphs(p),
        widgets_spans(p, "digg"),
    );
    let split = p.lists.len().min(1);
    for (name, items) in &p.lists[..split] {
        h.push_str(&list_ul(name, items, "related", "ul"));
    }
    h.push_str("</div>\n<div class=\"right\">\n");
    for (name, items) in &p.lists[split..] {
        h.push_str(&list_ul(name, items, "ranking", "ul"));
    }
    h.push_str("</div>\n</div>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn farm_stacked(p: &Parts, rng: &mut Rng) -> String {
    let mut h = head(p, rng.word(&[" - ", "_"]), "");
    let _ = write!(
        h,
        "<body>\n<div id=\"header\"><h2 class=\"sitename\"><a href=\"/\">{}</a></h2>{}</div>\n<div id=\"main\">\n<p class=\"crumbs\">{}{}</p>\n<h1>{}</h1>\n<p class=\"meta\">{}{}{}</p>\n<div class=\"post-body\">\n{}</div>\n{}",
        esc(&p.site),
        nav_ul(p, "menu"),
        esc(p.chrome.here),
        breadcrumb(p, " / "),
        esc(&p.title),
        date_line(p),
        stray(p),
        byline(p),
        paragraphs(p),
        widgets_spans(p, "vote"),
    );
    for (name, items) in &p.lists {
        h.push_str(&list_ul(name, items, "list-box", "ul"));
    }
    h.push_str("</div>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn farm_table(p: &Parts, rng: &mut Rng) -> String {
    let mut h = head(p, rng.word(&[" - ", "--"]), "");
    let _ = write!(
        h,
        "<body>\n<table width=\"980\" align=\"center\"><tr><td colspan=\"2\" class=\"banner\"><b>{}</b> {}</td></tr>\n<tr><td class=\"main\" valign=\"top\">\n<div class=\"nav2\">{}{}</div>\n<h1>{}</h1>\n<div class=\"sub\">{} {}{}</div>\n<div class=\"txt\">\n{}</div>\n{}</td>\n<td class=\"side\" width=\"300\" valign=\"top\">\n",
        esc(&p.site),
        nav_ul(p, "topnav"),
        esc(p.chrome.here),
        breadcrumb(p, " » "),
        esc(&p.title),
        date_line(p),
        stray(p),
        byline(p),
        paragraphs(p),
        widgets_spans(p, "good"),
    );
    for (name, items) in &p.lists {
        h.push_str(&list_ul(name, items, "sidebox", "ul"));
    }
    h.push_str("</td></tr></table>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

// ---------------------------------------------------------------- test farms

fn farm_html5(p: &Parts, rng: &mut Rng) -> String {
    let mut h = head(
        p,
        rng.word(&[" | ", " – "]),
        "<meta name=\"viewport\" content=\"width=device-width\">\n",
    );
    let _ = write!(
        h,
        "<body>\n<header class=\"site-header\"><a class=\"brand\" href=\"/\">{}</a><nav>{}</nav></header>\n<main>\n<nav class=\"bc\">{}{}</nav>\n<article>\n<header><h1>{}</h1><p>{}{}</p></header>\n<section class=\"entry\">\n{}</section>\n<footer class=\"entry-foot\">{}</footer>\n</article>\n<aside>\n",
        esc(&p.site),
        nav_ul(p, "primary"),
        esc(p.chrome.here),
        breadcrumb(p, " › "),
        esc(&p.title),
        date_line(p),
        byline(p),
        paragraphs(p),
        widgets_spans(p, "reactions"),
    );
    for (name, items) in &p.lists {
        h.push_str(&list_divs(name, items));
    }
    h.push_str("</aside>\n</main>\n");
    let _ = write!(
        h,
        "<footer><small>© {} · {}</small></footer>\n</body>\n</html>\n",
        esc(&p.site),
        esc(p.chrome.rights)
    );
    h
}

fn numbered(name: &str, items: &[String]) -> String {
    let mut s = format!("<div class=\"rank\"><h4>{}</h4><ol>\n", esc(name));
    for (i, t) in items.iter().enumerate() {
        let _ = writeln!(
            s,
            "<li><span class=\"num\">{}.</span> <a href=\"/a/{}\">{}</a></li>",
            i + 1,
            slug(t),
            esc(t)
        );
    }
    s.push_str("</ol></div>\n");
    s
}

fn farm_threecol(p: &Parts, _rng: &mut Rng) -> String {
    let mut h = head(p, " - ", "");
    let _ = write!(
        h,
        "<body>\n<div class=\"hd\"><div class=\"logo\">{}</div>{}</div>\n<div class=\"cols\">\n<div class=\"col-l\">\n",
        esc(&p.site),
        nav_ul(p, "cats")
    );
    let half = p.lists.len() / 2;
    for (name, items) in &p.lists[..half] {
        h.push_str(&numbered(name, items));
    }
    let _ = write!(
        h,
        "</div>\n<div class=\"col-c\">\n<div class=\"loc\">{}{}</div>\n<h1>{}</h1>\n<div class=\"art-info\">{}{}{}</div>\n<div class=\"art-body\">\n{}</div>\n{}</div>\n<div class=\"col-r\">\n",
        esc(p.chrome.here),
        breadcrumb(p, " > "),
        esc(&p.title),
        date_line(p),
        stray(p),
        byline(p),
        paragraphs(p),
        widgets_spans(p, "like-bar"),
    );
    for (name, items) in &p.lists[half..] {
        h.push_str(&numbered(name, items));
    }
    h.push_str("</div>\n</div>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn farm_cards(p: &Parts, _rng: &mut Rng) -> String {
    let mut h = head(p, " :: ", "");
    let _ = write!(
        h,
        "<body>\n<div class=\"m-top\"><span class=\"m-logo\">{}</span></div>\n<div class=\"m-crumb\">{}{}</div>\n<div class=\"m-article\">\n<h1>{}</h1>\n{}<div class=\"m-time\">{}</div>\n{}<div class=\"m-text\">\n{}</div>\n</div>\n",
        esc(&p.site),
        esc(p.chrome.here),
        breadcrumb(p, " · "),
        esc(&p.title),
        widgets_spans(p, "m-tools"),
        date_line(p),
        byline(p),
        paragraphs(p),
    );
    for (name, items) in &p.lists {
        let _ = writeln!(
            h,
            "<div class=\"m-block\"><div class=\"m-head\">{}</div><div class=\"grid\">",
            esc(name)
        );
        for t in items {
            let _ = writeln!(
                h,
                "<div class=\"card\"><a href=\"/c/{}\"><img src=\"/t.jpg\" alt=\"\"><span>{}</span></a></div>",
                slug(t),
                esc(t)
            );
        }
        h.push_str("</div></div>\n");
    }
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn farm_magazine(p: &Parts, rng: &mut Rng) -> String {
    let mut h = head(p, " | ", "");
    let _ = write!(
        h,
        "<body class=\"single single-post\">\n<div id=\"page\" class=\"site\">\n<header id=\"masthead\"><p class=\"site-title\"><a href=\"/\" rel=\"home\">{}</a></p><nav class=\"main-navigation\">",
        esc(&p.site)
    );
    for n in p.chrome.nav {
        let _ = write!(h, "<a href=\"/{}/\">{}</a> ", slug(n), esc(n));
    }
    let _ = write!(
        h,
        "</nav></header>\n<div id=\"content\" class=\"site-content\">\n<div class=\"crumbs-bar\">{}{}</div>\n<main id=\"primary\"><article class=\"post type-post\">\n<header class=\"entry-header\"><h1 class=\"entry-title\">{}</h1>\n<div class=\"entry-meta\"><span class=\"posted-on\">{}{}</span> {}</div></header>\n<div class=\"entry-content\">\n{}</div>\n<footer class=\"entry-footer\">{}",
        esc(p.chrome.here),
        breadcrumb(p, " | "),
        esc(&p.title),
        esc(p.chrome.date_label),
        esc(&p.date),
        p.byline
            .as_ref()
            .map(|b| format!("<span class=\"byline\">{}</span>", esc(b)))
            .unwrap_or_default(),
        paragraphs(p),
        stray(p),
    );
    h.push_str("<div class=\"sharedaddy\">");
    for w in &p.widgets {
        let _ = write!(h, "<span class=\"share-count\">{}</span>", esc(w));
    }
    h.push_str(
        "</div></footer>\n</article></main>\n<div id=\"secondary\" class=\"widget-area\">\n",
    );
    for (name, items) in &p.lists {
        let _ = writeln!(
            h,
            "<aside class=\"widget\"><h2 class=\"widget-title\">{}</h2><ul>",
            esc(name)
        );
        for t in items {
            let _ = writeln!(
                h,
                "<li><a href=\"/{}/\">{}</a> <span class=\"post-date\">{}</span></li>",
                slug(t),
                esc(t),
                1 + rng.below(28)
            );
        }
        h.push_str("</ul></aside>\n");
    }
    let _ = write!(
        h,
        "</div>\n</div>\n<footer id=\"colophon\"><div class=\"site-info\">&copy; {} &mdash; {}</div></footer>\n</div>\n</body>\n</html>\n",
        esc(&p.site),
        esc(p.chrome.rights)
    );
    h
}

// ---------------------------------------------------------------- negatives

fn meta_news(p: &Parts) -> String {
    let mut m = format!(
        "<meta property=\"og:site_name\" content=\"{}\">\n<meta property=\"og:title\" content=\"{}\">\n",
        esc(&p.site),
        esc(&p.title)
    );
    if let Some(iso) = &p.iso {
        let _ = writeln!(
            m,
            "<meta property=\"article:published_time\" content=\"{}\">",
            esc(iso)
        );
    }
    if let Some(b) = &p.byline {
        let _ = writeln!(m, "<meta name=\"author\" content=\"{}\">", esc(b));
    }
    m
}

fn time_tag(p: &Parts) -> String {
    match &p.iso {
        Some(iso) => format!("<time datetime=\"{}\">{}</time>", esc(iso), esc(&p.date)),
        None => esc(&p.date),
    }
}

fn credit(p: &Parts) -> String {
    p.credit
        .as_ref()
        .map(|c| format!("<p class=\"credit\"><em>{}</em></p>\n", esc(c)))
        .unwrap_or_default()
}

fn synd_classic(p: &Parts, _rng: &mut Rng) -> String {
    let mut h = head(p, " - ", &meta_news(p));
    let _ = write!(
        h,
        "<body>\n<div id=\"masthead\"><a href=\"/\"><img class=\"logo\" src=\"/logo.gif\" alt=\"{}\"></a>{}</div>\n<div id=\"content\">\n<div class=\"breadcrumbs\">{}</div>\n<h1>{}</h1>\n<div class=\"byline\">{}</div>\n<div class=\"dateline\">{}</div>\n<div class=\"story\">\n{}{}</div>\n{}",
        esc(&p.site),
        nav_ul(p, "sections"),
        breadcrumb(p, " &gt; "),
        esc(&p.title),
        p.byline.as_deref().map(esc).unwrap_or_default(),
        time_tag(p),
        paragraphs(p),
        credit(p),
        widgets_spans(p, "share-tools"),
    );
    for (name, items) in &p.lists {
        h.push_str(&list_ul(name, items, "related-links", "ul"));
    }
    h.push_str("</div>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn synd_modern(p: &Parts, _rng: &mut Rng) -> String {
    let ld = format!(
        "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":{},\"datePublished\":{},\"author\":{{\"name\":{}}}}}</script>\n",
        serde_json::Value::String(p.title.clone()),
        serde_json::Value::String(p.iso.clone().unwrap_or_default()),
        serde_json::Value::String(p.byline.clone().unwrap_or_default()),
    );
    let mut h = head(p, " | ", &format!("{}{}", meta_news(p), ld));
    let _ = write!(
        h,
        "<body>\n<header><a href=\"/\" class=\"logo\">{}</a><nav>{}</nav></header>\n<main>\n<article>\n<nav class=\"crumb\">{}</nav>\n<h1>{}</h1>\n<address class=\"author\">{}</address> {}\n<div class=\"article-body\">\n{}{}</div>\n{}</article>\n",
        esc(&p.site),
        nav_ul(p, "nav"),
        breadcrumb(p, " / "),
        esc(&p.title),
        p.byline.as_deref().map(esc).unwrap_or_default(),
        time_tag(p),
        paragraphs(p),
        credit(p),
        widgets_spans(p, "social"),
    );
    for (name, items) in &p.lists {
        h.push_str(&list_divs(name, items));
    }
    h.push_str("</main>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn comments(p: &Parts) -> String {
    let mut s = String::from("<div id=\"comments\">\n");
    for (who, what) in &p.comments {
        let _ = writeln!(
            s,
            "<div class=\"comment\"><b>{}</b><p>{}</p></div>",
            esc(who),
            esc(what)
        );
    }
    s.push_str("</div>\n");
    s
}

fn blog_classic(p: &Parts, _rng: &mut Rng) -> String {
    let mut h = head(p, " | ", &meta_news(p));
    let _ = write!(
        h,
        "<body>\n<div id=\"blog-header\"><h2><a href=\"/\">{}</a></h2></div>\n<div id=\"wrapper\"><div id=\"post\">\n<h1 class=\"post-title\">{}</h1>\n<div class=\"post-meta\">{} · {}</div>\n<div class=\"entry-content\">\n{}</div>\n{}{}</div>\n<div id=\"sidebar\">\n",
        esc(&p.site),
        esc(&p.title),
        p.byline.as_deref().map(esc).unwrap_or_default(),
        time_tag(p),
        paragraphs(p),
        widgets_spans(p, "sharedaddy"),
        comments(p),
    );
    for (name, items) in &p.lists {
        h.push_str(&list_ul(name, items, "widget", "ul"));
    }
    h.push_str("</div></div>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn blog_modern(p: &Parts, _rng: &mut Rng) -> String {
    let mut h = head(p, " — ", &meta_news(p));
    let _ = write!(
        h,
        "<body>\n<header class=\"blog\"><a href=\"/\">{}</a></header>\n<main class=\"post\">\n<article>\n<h1>{}</h1>\n<p class=\"by\">{} {}</p>\n{}<section class=\"content\">\n{}</section>\n</article>\n<section class=\"discussion\">{}</section>\n<aside>\n",
        esc(&p.site),
        esc(&p.title),
        p.byline.as_deref().map(esc).unwrap_or_default(),
        time_tag(p),
        widgets_spans(p, "claps"),
        paragraphs(p),
        comments(p),
    );
    for (name, items) in &p.lists {
        h.push_str(&list_divs(name, items));
    }
    h.push_str("</aside>\n</main>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn portal_classic(p: &Parts, _rng: &mut Rng) -> String {
    let mut h = head(p, " - ", &meta_news(p));
    let _ = write!(
        h,
        "<body>\n<div id=\"top\"><h1 class=\"logo\">{}</h1>{}</div>\n<div id=\"sections\">\n",
        esc(&p.site),
        nav_ul(p, "nav")
    );
    for (name, items) in &p.lists {
        h.push_str(&list_ul(name, items, "section", "ul"));
    }
    h.push_str("</div>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}

fn portal_modern(p: &Parts, _rng: &mut Rng) -> String {
    let mut h = head(p, " · ", &meta_news(p));
    let _ = write!(
        h,
        "<body>\n<header><span class=\"brand\">{}</span><nav>{}</nav></header>\n<main class=\"front\">\n",
        esc(&p.site),
        nav_ul(p, "menu")
    );
    for (name, items) in &p.lists {
        let _ = writeln!(h, "<section><h2>{}</h2>", esc(name));
        for t in items {
            let _ = writeln!(
                h,
                "<div class=\"teaser\"><a href=\"/s/{}\"><h3>{}</h3></a><span class=\"time\">{}</span></div>",
                slug(t),
                esc(t),
                esc(&p.date)
            );
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n");
    h.push_str(&footer(p));
    h.push_str("</body>\n</html>\n");
    h
}
