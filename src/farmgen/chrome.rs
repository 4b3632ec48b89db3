//! Chrome vocabularies: the words farms wrap around a copied story, in several languages.
//!
//! Each layout family (`families`) speaks two of these: English (set A or set B, with other
//! list names and labels), Spanish, Chinese, German, Indonesian, French. Farms and legitimate
//! pages of a family speak the same ones, so that a word says nothing of the label; held out
//! with its family, a language is one the model never saw.

use super::rng::Rng;

/// The words of one chrome language.
#[derive(Debug)]
pub struct Chrome {
    pub code: &'static str,
    pub nav: &'static [&'static str],
    /// Breadcrumb lead-in: `Current:`.
    pub here: &'static str,
    /// Stray labels near the title: `View`.
    pub stray: &'static [&'static str],
    /// Label before the date: `Date:`.
    pub date_label: &'static str,
    /// Names of lists of unrelated headlines.
    pub list_names: &'static [&'static str],
    /// Footer line after the site name.
    pub rights: &'static str,
    /// Last breadcrumb items that have nothing to do with an article.
    pub odd_sections: &'static [&'static str],
}

pub const EN_A: Chrome = Chrome {
    code: "en",
    nav: &["Home", "News", "Markets", "Finance", "Tech", "Contact"],
    here: "Current:",
    stray: &["View", "Source:", "Editor:"],
    date_label: "Date:",
    list_names: &["Related", "Ranking", "Recommendation", "Hot", "Latest"],
    rights: "All Rights Reserved",
    odd_sections: &["Contact", "About", "Privacy", "Home"],
};

pub const ES: Chrome = Chrome {
    code: "es",
    nav: &["Inicio", "Noticias", "Mercados", "Economía", "Contacto"],
    here: "Ubicación:",
    stray: &["Ver", "Fuente:"],
    date_label: "Fecha:",
    list_names: &["Relacionados", "Lo más leído", "Recomendados", "Destacados"],
    rights: "Todos los derechos reservados",
    odd_sections: &["Contacto", "Aviso legal", "Inicio"],
};

pub const ZH: Chrome = Chrome {
    code: "zh",
    nav: &["首页", "新闻", "财经", "科技", "联系我们"],
    here: "当前位置：",
    stray: &["浏览", "来源："],
    date_label: "时间：",
    list_names: &["相关阅读", "排行榜", "推荐阅读", "热门"],
    rights: "版权所有",
    odd_sections: &["联系我们", "关于我们", "首页"],
};

pub const EN_B: Chrome = Chrome {
    code: "en",
    nav: &[
        "Front page",
        "World",
        "Business",
        "Crypto",
        "Lifestyle",
        "About us",
    ],
    here: "You are here:",
    stray: &["Read", "Print", "Font size"],
    date_label: "Published:",
    list_names: &[
        "Trending",
        "You may also like",
        "Most read",
        "Popular",
        "Editor's picks",
    ],
    rights: "Copyright reserved",
    odd_sections: &["About us", "Advertise", "Sitemap"],
};

pub const DE: Chrome = Chrome {
    code: "de",
    nav: &[
        "Startseite",
        "Nachrichten",
        "Wirtschaft",
        "Börse",
        "Kontakt",
    ],
    here: "Sie sind hier:",
    stray: &["Ansicht", "Quelle:"],
    date_label: "Datum:",
    list_names: &[
        "Beliebt",
        "Meistgelesen",
        "Das könnte Sie interessieren",
        "Weitere Artikel",
    ],
    rights: "Alle Rechte vorbehalten",
    odd_sections: &["Kontakt", "Impressum", "Datenschutz"],
};

pub const ID: Chrome = Chrome {
    code: "id",
    nav: &["Beranda", "Berita", "Ekonomi", "Teknologi", "Kontak"],
    here: "Posisi:",
    stray: &["Lihat", "Sumber:"],
    date_label: "Tanggal:",
    list_names: &["Terpopuler", "Berita Terkait", "Rekomendasi", "Terbaru"],
    rights: "Hak cipta dilindungi",
    odd_sections: &["Kontak", "Tentang Kami", "Beranda"],
};

/// French: added to the test family in the second session, after the facts had last been
/// changed, as a check on chrome nobody tuned anything to.
pub const FR: Chrome = Chrome {
    code: "fr",
    nav: &[
        "Accueil",
        "Actualités",
        "Économie",
        "Bourse",
        "Nous contacter",
    ],
    here: "Vous êtes ici :",
    stray: &["Partager", "Imprimer"],
    date_label: "Publié le ",
    list_names: &[
        "À lire aussi",
        "Les plus lus",
        "Articles similaires",
        "Dernières nouvelles",
    ],
    rights: "Tous droits réservés",
    odd_sections: &["Mentions légales", "Nous contacter", "Plan du site"],
};

/// Fake site names: a finance/tech/news-sounding head and tail.
const SITE_HEADS: &[&str] = &[
    "SecurePath",
    "BlueOak",
    "Nimbus",
    "Vertex",
    "Golden Harbor",
    "Quantum",
    "Silverline",
    "Apex",
    "Northwind",
    "Crystal Bay",
    "Ironclad",
    "Summit",
    "Evergreen",
    "Brightway",
    "Pioneer",
    "Skyline",
    "Redwood",
    "Horizon",
    "Falcon",
    "Cobalt",
];
const SITE_TAILS: &[&str] = &[
    "Capital", "Finance", "Tech", "Daily", "Insight", "Wealth", "Invest", "Digital", "Post",
    "Times", "Hub", "Network", "Review", "Ledger", "Wire",
];

pub fn site_name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(SITE_HEADS), rng.pick(SITE_TAILS))
}

/// A domain a farm runs on: unrelated to the name it shows.
pub fn throwaway_host(rng: &mut Rng) -> String {
    const PARTS: &[&str] = &[
        "news", "daily", "info", "hub", "24", "now", "post", "world", "top", "feed",
    ];
    const TLDS: &[&str] = &["top", "xyz", "online", "site", "info", "com"];
    format!(
        "{}{}{}.{}",
        rng.word(PARTS),
        rng.word(PARTS),
        rng.below(1000),
        rng.word(TLDS)
    )
}

/// A domain a legitimate site lives on that is not named like it: its parent group's, a
/// blog or forum platform's, a university's. Real pages do this (a blog on its company's
/// domain, a forum on its host's, a section's name as the site name): 1.7-3.7% of the real
/// dataset pages show a site name the host does not carry.
pub fn parent_host(rng: &mut Rng) -> String {
    const HOSTS: &[&str] = &[
        "meridianmedia.com",
        "blogs.hostboard.net",
        "forum.talkplatform.com",
        "lakesidegroup.com",
        "news.unitedpub.net",
        "sites.stateuniversity.edu",
        "pages.siteplatform.io",
        "community.boardhost.org",
    ];
    rng.word(HOSTS).to_string()
}

/// Real-sounding outlet names for legitimate syndication pages.
const OUTLETS: &[&str] = &[
    "The Riverside Gazette",
    "Lakeland Courier",
    "Valley Herald",
    "The Morning Ledger",
    "Harbor City Tribune",
    "Plainsview Journal",
    "The Capital Observer",
    "Northern Star-News",
    "Coastline Register",
    "Mesa Daily Record",
];

pub fn outlet_name(rng: &mut Rng) -> String {
    rng.pick(OUTLETS).to_string()
}

const FIRST: &[&str] = &[
    "Maria", "James", "Aisha", "Tom", "Elena", "David", "Yuki", "Samuel", "Laura", "Omar", "Grace",
    "Peter", "Nadia", "Chris", "Hannah",
];
const LAST: &[&str] = &[
    "Lopez",
    "Carter",
    "Rahman",
    "Keller",
    "Novak",
    "Okafor",
    "Sato",
    "Brennan",
    "Fischer",
    "Haddad",
    "Morgan",
    "Lindqvist",
    "Abara",
    "Whitfield",
];

pub fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

/// Dateline cities, for wire stories that come without one.
pub const CITIES: &[&str] = &[
    "BEIRUT",
    "WASHINGTON",
    "LONDON",
    "TOKYO",
    "NAIROBI",
    "BRUSSELS",
    "MEXICO CITY",
    "SYDNEY",
    "NEW DELHI",
    "BERLIN",
    "CAIRO",
    "SEOUL",
    "PARIS",
    "JOHANNESBURG",
    "SAO PAULO",
];

/// Made-up stale headlines, used when the caller gives no pool of real titles.
pub const HEADLINES: &[&str] = &[
    "City council approves new budget after lengthy debate",
    "Storm leaves thousands without power across the region",
    "Local team wins championship in overtime thriller",
    "Scientists discover new species of frog in rainforest",
    "Central bank holds interest rates steady for third month",
    "Airline announces new routes to three European cities",
    "Five things to know about the new tax rules",
    "Museum reopens after two-year renovation",
    "Tech giant unveils foldable phone at annual event",
    "Drought forces farmers to rethink crops",
    "Police investigate string of burglaries downtown",
    "Singer announces farewell tour dates",
    "Researchers warn of rising sea temperatures",
    "Electric car sales hit record high in first quarter",
    "School district to hire 200 new teachers",
    "Wildfire near mountain town is 60% contained",
    "Veteran actor dies at 88",
    "How to save money on your grocery bill",
    "Stock markets rally as inflation cools",
    "Mayor unveils plan to fix city potholes",
    "Olympic swimmer sets new world record",
    "Court blocks controversial mining project",
    "Hospital opens new cancer treatment wing",
    "Volunteers clean up beach after oil spill",
    "New study links sleep to heart health",
    "Bridge closure causes traffic chaos",
    "Startup raises $50 million to build delivery robots",
    "Film festival announces opening night picks",
    "Zoo welcomes rare baby rhino",
    "Lawmakers debate new housing bill",
];

/// Text of a widget with a counter.
pub fn widget(style: &str, rng: &mut Rng) -> String {
    let n = if rng.chance(0.2) {
        format!("{}.{}K", 1 + rng.below(9), rng.below(10))
    } else {
        (rng.below(400) + 1).to_string()
    };
    style.replace("{n}", &n)
}

/// Minimal HTML escaping for text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

/// A URL slug of a headline, cut to 60 characters like the seed page's links.
pub fn slug(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    out.truncate(60);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widgets_and_slugs() {
        let mut rng = Rng::new(1);
        let w = widget("veryGood! ({n})", &mut rng);
        assert!(w.starts_with("veryGood! (") && w.ends_with(')'), "{w}");
        assert_eq!(slug("Hello, World"), "hello--world");
        assert_eq!(esc("<a&\"b\">"), "&lt;a&amp;&quot;b&quot;&gt;");
    }
}
