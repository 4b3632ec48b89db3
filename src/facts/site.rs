//! Does the name a site gives itself belong to the host it is served from?
//!
//! A farm shows a made-up name ("SecurePath Capital") on a host that has nothing to do with
//! it. A real site's name and host share a brand, but rarely as the same string: "PCMag UK"
//! on uk.pcmag.com, "Docker Documentation" on docs.docker.com, "Cleveland Museum of Art" on
//! clevelandart.org, "Los Angeles Times" on latimes.com, "Deutsche Welle" on dw.com. So the
//! comparison is by brand: the host's labels (public suffix left out) against the name's
//! words, whole, glued together, cut to a prefix, or as initials.

use super::{Found, Source};
use crate::page::Page;
use regex::Regex;
use std::sync::LazyLock;

/// Host labels that name a service or a language version, not a brand: a name that shares
/// only these with the host shares no brand with it ("Daily News" on news.farm.example).
const GENERIC_LABELS: &[&str] = &[
    "www", "m", "mobile", "amp", "en", "de", "fr", "es", "uk", "us", "news", "blog", "blogs",
    "docs", "doc", "help", "support", "shop", "store", "web", "home", "static", "cdn", "edition",
    "online", "media",
];

/// Second-level labels under a country code that belong to the suffix (`bbc.co.uk`,
/// `abc.net.au`), not to the brand.
const SUFFIX_SECOND_LEVELS: &[&str] = &[
    "co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go", "gob", "nic",
];

/// Words of a name too common to carry a brand alone.
const STOP_WORDS: &[&str] = &[
    "the", "of", "and", "a", "an", "for", "on", "in", "at", "to", "by", "la", "le", "les", "el",
    "los", "las", "der", "die", "das", "de", "du", "des", "di", "il",
];

/// Shortest word of a name that shares a brand by standing inside a host label
/// (`citadel` in `citadelbanking`, `pike` in `pikenursery`).
const MIN_WORD_IN_LABEL: usize = 4;

/// Shortest prefix of a name's word that may stand for it in a glued host label
/// (`clevelandart`: `cleveland` + `art`; `natgeo`: `nat` + `geo`).
const MIN_PREFIX: usize = 3;

/// How a page's site name compares with its host: `Some(true)` when they share a brand,
/// `Some(false)` when they do not and the name is one the page stands by, `None` when the
/// name cannot be held against the host ([`judgeable`]). `author` is the page's byline.
///
/// A name declared on purpose (`og:site_name`, `application-name`, JSON-LD `publisher`)
/// is the site's word. A name taken from the `<title>`'s site part or a logo's `alt` is a
/// guess that is as often a section ("Health"), a tagline ("Free Shipping*") or a label
/// ("Home Page", "logo - header") as a name; it is held against the host only when the
/// page prints it again in its copyright line, or the title and the logo agree on it,
/// as sites (farms included) do with their own name.
pub fn compare(page: &Page, site: &Found, host: &str, author: Option<&str>) -> Option<bool> {
    if same_brand(&site.value, host) {
        return Some(true);
    }
    if !judgeable(page, &site.value, host, author) {
        return None;
    }
    // JSON-LD's `publisher` names the organisation that publishes, which is as often the
    // site's owner as the site ("Wikimedia Foundation, Inc." on wikipedia.org): like a
    // guess, it is held against the host only when the page prints it as its own.
    let deliberate = matches!(site.source, Source::Meta(_));
    (deliberate || corroborated(page, &site.value)).then_some(false)
}

/// Whether a name that shares no brand with the host may be held against it. It may not
/// when it names no site, or names something other than the site's brand:
/// - no name at all: fewer than two letters, or a template's unfilled placeholder
///   (`{$plugin.site_name}`, `{{ site }}`);
/// - a word every site calls a page by ("Home", "Blog", "Docs", "Start");
/// - a section of the site: the name is a segment of the page's own URL path (Wired's
///   "Danger Room" at `wired.com/dangerroom/`, "Nutrition" at `cdc.gov/nutrition/`);
/// - the author's own name: a personal site is named after its author ("danah boyd" on
///   zephoria.org), which says nothing of the host;
/// - a site on a hosting platform (`someone.wordpress.com`): its subdomain is a handle
///   chosen at sign-up, its name whatever the user likes.
fn judgeable(page: &Page, name: &str, host: &str, author: Option<&str>) -> bool {
    let words = name_words(name, Fold::Plain);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || words.is_empty() || name.contains(['{', '}', '$']) || name.contains("%%") {
        return false;
    }
    if words
        .iter()
        .all(|w| GENERIC_LABELS.contains(&w.as_str()) || PAGE_WORDS.contains(&w.as_str()))
    {
        return false;
    }
    let squashed: String = words.concat();
    if let Some(url) = super::title::canonical(page)
        && url_sections(&url).any(|seg| {
            seg == squashed
                || glued(&seg, &words, MIN_PREFIX)
                || words[0].chars().count() >= MIN_WORD_IN_LABEL && seg == words[0]
        })
    {
        return false;
    }
    // A description, not a name: brands are a few words, taglines and page titles more
    // ("Information by Electrical Professionals for Electrical Professionals").
    if words.len() > MAX_NAME_WORDS {
        return false;
    }
    // A person's own site: named "Colin Watson's blog", or served from the author's name
    // (`ashvardanian.com` by Ash Vardanian), or named for the author.
    if POSSESSIVE_SITE.is_match(name) {
        return false;
    }
    if let Some(a) = author {
        let labels = brand_labels(host);
        for fold in [Fold::Plain, Fold::German] {
            let author_words = name_words(a, fold);
            let a: String = author_words.concat();
            if !a.is_empty() && (a == squashed || labels.iter().any(|(l, _)| *l == a)) {
                return false;
            }
            // Named after its author's first name ("Matt on ML.NET" by Matt Eland).
            if author_words.len() >= 2
                && author_words[0].chars().count() >= MIN_PREFIX
                && words.contains(&author_words[0])
            {
                return false;
            }
        }
    }
    let platform = HOSTING_PLATFORMS
        .iter()
        .any(|p| host == *p || host.strip_suffix(p).is_some_and(|h| h.ends_with('.')));
    // A blog or forum on its own subdomain of an organisation's host is named for its
    // topic (`blog.tmcnet.com`: "VoIP & Gadgets Blog"), as on a hosting platform.
    let service = host
        .split('.')
        .next()
        .is_some_and(|l| SERVICE_SUBDOMAINS.contains(&l))
        && host.split('.').count() >= 3;
    !platform && !service
}

/// Most words a site's name has; a longer "name" is a tagline or a title.
const MAX_NAME_WORDS: usize = 5;

/// Subdomains that hold a blog, forum or community inside another site.
const SERVICE_SUBDOMAINS: &[&str] = &["blog", "blogs", "forum", "forums", "community"];

/// "Colin Watson's blog", "RogerBW's Blog", "Ash’s Notes": a site that is a person's.
static POSSESSIVE_SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\S.*['’]s\s+(?:blog|weblog|site|journal|notes|homepage|page)\s*$")
        .expect("possessive site pattern compiles")
});

/// Words a site calls one of its pages by, besides [`GENERIC_LABELS`]: as a site name,
/// they name the page, not the site.
const PAGE_WORDS: &[&str] = &["homepage", "start", "startseite", "index", "main", "page"];

/// Hosting platforms whose subdomains (or paths) are their users' sites.
const HOSTING_PLATFORMS: &[&str] = &[
    "wordpress.com",
    "blogspot.com",
    "typepad.com",
    "livejournal.com",
    "tumblr.com",
    "posterous.com",
    "substack.com",
    "medium.com",
    "github.io",
    "wixsite.com",
    "weebly.com",
    "tapatalk.com",
    "pixnet.net",
];

/// The segments of a URL's path, squashed like a host label (`/danger-room/` is
/// `dangerroom`), diacritics folded.
fn url_sections(url: &str) -> impl Iterator<Item = String> + '_ {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .map(|seg| name_words(seg, Fold::Plain).concat())
        .filter(|seg| seg.chars().count() >= 2)
}

/// Whether a guessed site name is printed again: in a copyright line, or both in the
/// `<title>` and a logo's `alt`.
fn corroborated(page: &Page, name: &str) -> bool {
    let name = name.trim().to_lowercase();
    if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return false;
    }
    let title = page.title.as_deref().unwrap_or("").to_lowercase();
    let in_logo = page
        .logo_alts
        .iter()
        .any(|a| a.to_lowercase().contains(&name));
    if in_logo && title.contains(&name) {
        return true;
    }
    page.blocks.iter().any(|b| {
        let t = b.text.to_lowercase();
        b.words <= COPYRIGHT_LINE_WORDS
            && (t.contains('©') || t.contains("copyright") || t.contains("(c)"))
            && t.contains(&name)
    })
}

/// Longest block read as a copyright line.
const COPYRIGHT_LINE_WORDS: usize = 40;

/// Whether the site name and the host share a brand, its letters folded either way
/// (`Süddeutsche` is `suddeutsche` or, as German hosts write it, `sueddeutsche`).
pub fn same_brand(site: &str, host: &str) -> bool {
    acronym_of_label(site, host)
        || [Fold::Plain, Fold::German]
            .into_iter()
            .any(|fold| brand_shared(&name_words(site, fold), host))
}

fn brand_shared(words: &[String], host: &str) -> bool {
    let squashed: String = words.concat();
    if squashed.is_empty() {
        return false;
    }
    let labels = brand_labels(host);
    let host_squashed: String = host
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    // A name written as the host ("CNN.com", "Le Monde.fr") or holding it whole
    // ("https://www.fr.de").
    if host_squashed.contains(&squashed)
        || host_squashed.chars().count() >= MIN_HOST_IN_NAME && squashed.contains(&host_squashed)
    {
        return true;
    }
    let strong: Vec<&String> = words
        .iter()
        .filter(|w| w.chars().count() >= 2 && !STOP_WORDS.contains(&w.as_str()))
        .collect();
    // Initials skip the small words: `nar` is the National Association of Realtors.
    let content: Vec<String> = words
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    labels.iter().any(|(label, generic)| {
        let label_chars = label.chars().count();
        if *generic || label_chars < 2 {
            return false;
        }
        // The label inside the name ("dailybugle" in "The Daily Bugle"), a word of the name
        // ("pcmag" for "PCMag UK"), or the name's words glued, cut or abbreviated.
        (label_chars >= 3 && squashed.contains(label.as_str()))
            || strong.iter().any(|w| {
                *w == label || w.chars().count() >= MIN_WORD_IN_LABEL && label.contains(w.as_str())
            })
            || glued(label, words, MIN_PREFIX)
            || glued(label, &content, MIN_PREFIX)
            || label_chars >= MIN_ABBREVIATION && glued(label, &content, 1)
            || without_service_word(label).is_some_and(|rest| {
                rest.chars().count() >= MIN_ABBREVIATION
                    && (initials(rest, &content) || compound_abbreviation(rest, &content))
            })
            || compound_abbreviation(label, &content)
            || starts_with_brand(label, words, &strong)
            || strong.iter().any(|w| {
                // An inflected word's stem: "Hummeln" in `aktion-hummelschutz`.
                let stem: String = w
                    .chars()
                    .take(w.chars().count().saturating_sub(1))
                    .collect();
                stem.chars().count() >= MIN_STEM && label.contains(&stem)
            })
    }) || abbreviates_host(&strong, host)
}

/// Shortest stem of a name's word (the word without its last letter) read inside a host
/// label.
const MIN_STEM: usize = 5;

/// Whether a host label opens with the name's brand and adds a word of its own
/// (`uforocks`: UFO Digital Marketing Agency, `dwtstour`: Dancing With The Stars): the
/// name's first word of three letters or more, or the initials of three or more of its
/// words in a row from the first; or is the initials of the name's first words
/// (`ga`: General-Anzeiger Bonn).
fn starts_with_brand(label: &str, words: &[String], strong: &[&String]) -> bool {
    if strong
        .first()
        .is_some_and(|w| w.chars().count() >= MIN_PREFIX && label.starts_with(w.as_str()))
    {
        return true;
    }
    let lead: String = words.iter().filter_map(|w| w.chars().next()).collect();
    let n = label.chars().count();
    let opening = lead
        .chars()
        .zip(label.chars())
        .take_while(|(a, b)| a == b)
        .count();
    opening >= 3 || opening == n && n >= 2
}

/// Whether a name written as one acronym ("CTM", "MASV") abbreviates a host label that
/// opens with its first letter (`calltrackingmetrics`, `massive`): its letters stand in
/// the label in order.
fn acronym_of_label(site: &str, host: &str) -> bool {
    let t = site.trim();
    let n = t.chars().count();
    if !(2..=MAX_ACRONYM).contains(&n) || !t.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let acronym: String = t.chars().flat_map(char::to_lowercase).map(fold).collect();
    brand_labels(host).iter().any(|(label, generic)| {
        let mut rest = label.chars();
        !generic
            && label.starts_with(acronym.chars().next().unwrap_or(' '))
            && acronym.chars().all(|c| rest.any(|l| l == c))
    })
}

/// Longest name read as an acronym.
const MAX_ACRONYM: usize = 5;

/// A host label with a service word glued before or after it (`dpconline`, `abiweb`,
/// `bdcnetwork`, `hvwonline`): the brand is the rest.
fn without_service_word(label: &str) -> Option<&str> {
    AFFIX_WORDS.iter().find_map(|w| {
        label
            .strip_suffix(w)
            .or_else(|| label.strip_prefix(w))
            .filter(|rest| !rest.is_empty())
    })
}

/// Service words glued to a brand in a host label.
const AFFIX_WORDS: &[&str] = &["online", "web", "network", "net", "news", "media", "info"];

/// Whether `label` is the initials of two or more words of the name in a row.
fn initials(label: &str, words: &[String]) -> bool {
    let label: Vec<char> = label.chars().collect();
    words
        .windows(label.len())
        .any(|run| run.len() >= 2 && run.iter().zip(&label).all(|(w, c)| w.starts_with(*c)))
}

/// Whether `label` abbreviates a name of compound words, as German and Dutch names are
/// abbreviated: its letters stand in the name in order, the first the name's initial and
/// the last in a later word, the rest anywhere inside the words (`dbjr`: Deutscher
/// BundesJugendRing, `bmz`: BundesMinisterium für wirtschaftliche Zusammenarbeit, `fdpbt`:
/// FDP BundesTagsfraktion). Three letters at least: fewer are anyone's initials.
fn compound_abbreviation(label: &str, words: &[String]) -> bool {
    let label: Vec<char> = label.chars().collect();
    if label.len() < MIN_ABBREVIATION {
        return false;
    }
    // The name's letters, each with the word it is in.
    let letters: Vec<(char, usize)> = words
        .iter()
        .enumerate()
        .flat_map(|(n, w)| w.chars().map(move |c| (c, n)))
        .collect();
    if letters.first().is_none_or(|&(c, _)| c != label[0]) {
        return false;
    }
    let mut at = 1;
    for &c in &label[1..] {
        // Leftmost: if the letters stand in the name in order at all, this finds them.
        let Some(k) = letters[at..].iter().position(|&(l, _)| l == c) else {
            return false;
        };
        at += k + 1;
    }
    letters[at - 1].1 > 0
}

/// Shortest host label read as an abbreviation of the name with pieces of any length
/// (`dtb`: Deutscher Turner-Bund, `ksta`: Kölner Stadt-Anzeiger, `bmz`: Bundesministerium
/// für wirtschaftliche Zusammenarbeit); two letters are too easily anyone's initials.
const MIN_ABBREVIATION: usize = 3;

/// Shortest host, squashed, that a name holding it whole is taken to name (`frde` in
/// `https://www.fr.de`).
const MIN_HOST_IN_NAME: usize = 4;

/// Whether a word of the name abbreviates a hyphenated host label, the other way round:
/// `dhz.net` on `deutsche-handwerks-zeitung.de`.
fn abbreviates_host(strong: &[&String], host: &str) -> bool {
    host.split('.').filter(|l| l.contains('-')).any(|l| {
        let parts: Vec<String> = l
            .split('-')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        strong
            .iter()
            .any(|w| w.chars().count() >= MIN_ABBREVIATION && glued(w, &parts, 1))
    })
}

/// How a name's letters are folded to the ASCII that hosts are written in.
#[derive(Debug, Clone, Copy)]
enum Fold {
    /// Diacritics dropped: `Libération` is `liberation`.
    Plain,
    /// German umlauts and ß spelled out first: `Süddeutsche` is `sueddeutsche`.
    German,
}

/// Lower-case alphanumeric words of a name, diacritics folded (hosts are written in
/// ASCII: `Libération` is `liberation.fr`); `PCMag` stays one word, `Docker-Hub` is two.
fn name_words(site: &str, by: Fold) -> Vec<String> {
    site.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let spelled = match by {
                Fold::Plain => lower,
                Fold::German => lower
                    .replace('ä', "ae")
                    .replace('ö', "oe")
                    .replace('ü', "ue")
                    .replace('ß', "ss"),
            };
            spelled.chars().map(fold).collect()
        })
        .collect()
}

/// A Latin letter without its diacritic (`é` → `e`, `ü` → `u`, `ł` → `l`); others as
/// they are.
fn fold(c: char) -> char {
    const FOLDS: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("çćčĉ", 'c'),
        ("ďđ", 'd'),
        ("èéêëēėęě", 'e'),
        ("ğĝ", 'g'),
        ("ìíîïīį", 'i'),
        ("ł", 'l'),
        ("ñńňņ", 'n'),
        ("òóôõöøō", 'o'),
        ("řŕ", 'r'),
        ("śšşș", 's'),
        ("ťţț", 't'),
        ("ùúûüūůű", 'u'),
        ("ýÿ", 'y'),
        ("źżž", 'z'),
    ];
    FOLDS
        .iter()
        .find(|(from, _)| from.contains(c))
        .map_or(c, |&(_, to)| to)
}

/// The host's labels without its public suffix, each with whether it is generic; hyphens
/// dropped (`the-sun` is `thesun`).
fn brand_labels(host: &str) -> Vec<(String, bool)> {
    let mut labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() >= 2 {
        labels.pop();
    }
    if labels.len() >= 2
        && host.rsplit('.').next().is_some_and(|tld| tld.len() == 2)
        && SUFFIX_SECOND_LEVELS.contains(labels.last().unwrap_or(&""))
    {
        labels.pop();
    }
    // A hyphenated label is one brand glued (`the-sun`) or a brand and a service word
    // (`ln-online`, `mz-web`): both readings are kept.
    // The registrable label is the brand even when it is a service word elsewhere
    // (`amp.dev`, `news.com`).
    let registrable = labels.len().saturating_sub(1);
    let mut out = Vec::new();
    for (i, l) in labels.into_iter().enumerate() {
        let squashed: String = l.chars().filter(|c| c.is_alphanumeric()).collect();
        out.push((
            squashed.to_lowercase(),
            i != registrable && GENERIC_LABELS.contains(&l),
        ));
        if l.contains('-') {
            for part in l.split('-').filter(|p| !p.is_empty()) {
                out.push((part.to_lowercase(), GENERIC_LABELS.contains(&part)));
            }
        }
    }
    out
}

/// Whether `label` is the name's words glued in order, some skipped, each piece a whole
/// word, a prefix of at least `min_prefix` letters, or the initials of two or more words
/// in a row: `clevelandart` (Cleveland Museum of Art), `latimes` (Los Angeles Times),
/// `dw` (Deutsche Welle), `natgeo` (National Geographic). At least two pieces, or the
/// initials of the whole name, so that one short prefix alone is no brand.
fn glued(label: &str, words: &[String], min_prefix: usize) -> bool {
    let label: Vec<char> = label.chars().collect();
    let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    // reach[i][j]: label[..i] is covered by pieces taken from words[..j]; the value is the
    // number of pieces (the most of any cover that reaches there, as at least two are
    // asked for), None when unreachable.
    let (n, m) = (label.len(), words.len());
    let mut reach = vec![vec![None::<usize>; m + 1]; n + 1];
    reach[0][0] = Some(0);
    for j in 0..m {
        for i in 0..=n {
            let Some(pieces) = reach[i][j] else { continue };
            // Skip word j.
            let next = &mut reach[i][j + 1];
            *next = Some(next.map_or(pieces, |p| p.max(pieces)));
            // Word j, whole or cut to a prefix.
            let w = &words[j];
            let mut k = 0;
            while k < w.len() && i + k < n && label[i + k] == w[k] {
                k += 1;
                if k == w.len() || k >= min_prefix {
                    let slot = &mut reach[i + k][j + 1];
                    *slot = Some(slot.map_or(pieces + 1, |p| p.max(pieces + 1)));
                }
            }
            // Initials of words j, j+1, ... (two or more).
            let mut e = j;
            while e < m && i + (e - j) < n && label[i + (e - j)] == words[e][0] {
                e += 1;
                if e - j >= 2 {
                    let slot = &mut reach[i + (e - j)][e];
                    *slot = Some(slot.map_or(pieces + 1, |p| p.max(pieces + 1)));
                }
            }
        }
    }
    let whole_initials = m >= 2 && n == m && (0..m).all(|j| label[j] == words[j][0]);
    reach[n][m].is_some_and(|p| p >= 2) || whole_initials
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_match_across_forms() {
        for (site, host) in [
            ("PCMag UK", "uk.pcmag.com"),
            ("Docker Documentation", "docs.docker.com"),
            ("Cleveland Museum of Art", "clevelandart.org"),
            ("Daily Bugle", "dailybugle.com"),
            ("BBC News", "bbc.co.uk"),
            ("Los Angeles Times", "latimes.com"),
            ("The New York Times", "nytimes.com"),
            ("Deutsche Welle", "dw.com"),
            ("Financial Times", "ft.com"),
            ("CNN.com", "cnn.com"),
            ("Le Monde.fr", "lemonde.fr"),
            ("The Guardian", "guardian.co.uk"),
            ("DER SPIEGEL", "spiegel.de"),
            ("National Geographic", "natgeo.com"),
            ("The Sun", "the-sun.co.uk"),
            ("ABC News", "abc.net.au"),
            ("My Cooking Blog", "mycookingblog.wordpress.com"),
            ("Citadel Credit Union", "citadelbanking.com"),
            ("National Association of REALTORS®", "nar.realtor"),
            ("Libération.fr", "next.liberation.fr"),
            ("LN - Lübecker Nachrichten", "ln-online.de"),
            ("Mitteldeutsche Zeitung", "mz-web.de"),
            // Umlauts as German hosts spell them, abbreviations of compound names.
            ("Süddeutsche.de", "sueddeutsche.de"),
            ("Übermedien", "uebermedien.de"),
            ("Deutscher Turner-Bund e.V.", "dtb.de"),
            ("Kölner Stadt-Anzeiger", "ksta.de"),
            ("dhz.net", "deutsche-handwerks-zeitung.de"),
            ("https://www.fr.de", "fr.de"),
            // Compound words abbreviated, a service word glued to the brand, a brand that
            // is a service word elsewhere.
            ("Deutscher Bundesjugendring", "dbjr.de"),
            ("FDP Bundestagsfraktion", "fdpbt.de"),
            ("SPD-Bundestagsfraktion", "spdfraktion.de"),
            ("Österreichischer Tennisverband", "oetv.at"),
            ("Digital Preservation Coalition", "dpconline.org"),
            ("American Business Insurance Services, Inc.", "abiweb.com"),
            ("The AMP Blog", "blog.amp.dev"),
            // An acronym, a brand with a word of the host's own, an inflected word, the
            // initials of the name's first words.
            ("CTM", "calltrackingmetrics.com"),
            ("UFO Digital Marketing Agency", "uforocks.com"),
            ("Dancing With The Stars", "dwtstour.com"),
            ("Hummeln", "aktion-hummelschutz.de"),
            ("General-Anzeiger Bonn", "ga.de"),
        ] {
            assert!(same_brand(site, host), "{site} on {host}");
        }
    }

    #[test]
    fn unrelated_names_do_not_match() {
        for (site, host) in [
            ("SecurePath Capital", "newsdaily24.com"),
            ("Daily News", "news.farm123.com"),
            ("Global Finance Hub", "seattletimes.com"),
            ("Daily Bugle", "seattletimes.com"),
            ("The Times", "example.com"),
            ("Market Watch Pro", "wp.example.org"),
            ("", "cnn.com"),
            ("Golden Harbor Capital", "newsdaily24.top"),
            ("Vertex Wire", "ghc.example"),
            // Letters in order, but no later word's initial among them; two letters.
            ("Wireless Hub", "wrls.example"),
            ("Kanton Bern", "be.ch"),
            ("Nova Daily", "ndx24.example"),
            ("CTM", "metricscall.example"),
            ("Hummeln", "hummer.example"),
        ] {
            assert!(!same_brand(site, host), "{site} on {host}");
        }
    }

    #[test]
    fn a_guessed_name_is_held_against_the_host_only_when_the_page_repeats_it() {
        let page = |title: &str, footer: &str| {
            crate::segment::segment(&format!(
                "<title>{title}</title><h1>Storm</h1><p>Body.</p><div>{footer}</div>"
            ))
        };
        let guessed = |v: &str| Found {
            value: v.to_string(),
            source: Source::TitleSuffix,
        };
        let farm = page(
            "Storm | SecurePath Capital",
            "Copyright © SecurePath Capital",
        );
        assert_eq!(
            compare(
                &farm,
                &guessed("SecurePath Capital"),
                "news24.example",
                None
            ),
            Some(false)
        );
        // A section name in the title, printed nowhere as the site's: not a mismatch.
        let real = page("Storm | Health", "© 2024 National Geographic Partners");
        assert_eq!(
            compare(&real, &guessed("Health"), "nationalgeographic.com", None),
            None
        );
        let declared = Found {
            value: "Health".to_string(),
            source: Source::Meta("og:site_name".to_string()),
        };
        assert_eq!(
            compare(&real, &declared, "nationalgeographic.com", None),
            Some(false)
        );
        assert_eq!(
            compare(
                &real,
                &guessed("National Geographic"),
                "nationalgeographic.com",
                None
            ),
            Some(true)
        );
    }

    #[test]
    fn names_that_cannot_be_judged_are_unknown_not_a_mismatch() {
        let declared = |v: &str| Found {
            value: v.to_string(),
            source: Source::Meta("og:site_name".to_string()),
        };
        let at = |url: &str| {
            crate::segment::segment(&format!(
                "<link rel=\"canonical\" href=\"{url}\"><h1>Storm</h1><p>Body.</p>"
            ))
        };
        let page = at("https://www.wired.com/dangerroom/2012/07/drones/");
        let judge = |name: &str, host: &str, author: Option<&str>| {
            compare(&page, &declared(name), host, author)
        };
        // A section of the site, in its own URL path.
        assert_eq!(judge("Danger Room", "wired.com", None), None);
        // No name, a page word, a placeholder.
        assert_eq!(judge("/", "kaspersky.com", None), None);
        assert_eq!(judge("Homepage", "example.com", None), None);
        assert_eq!(
            judge("{$plugin.tx_news.site_name}", "mpimet.mpg.de", None),
            None
        );
        // The author's own name, a user's site on a platform.
        assert_eq!(
            judge("danah boyd", "zephoria.org", Some("danah boyd")),
            None
        );
        assert_eq!(
            judge("Katastrophengebiet", "someone.wordpress.com", None),
            None
        );
        // A person's site by its name or its host; a blog on its company's subdomain; a
        // tagline for a name.
        assert_eq!(judge("Colin Watson's blog", "greenend.org.uk", None), None);
        assert_eq!(
            judge(
                "SoloWorkStudio",
                "cathyhorvathbuchanan.com",
                Some("Cathy Horvath Buchanan")
            ),
            None
        );
        assert_eq!(judge("VoIP & Gadgets Blog", "blog.tmcnet.com", None), None);
        assert_eq!(
            judge("Matt on ML.NET", "accessibleai.dev", Some("Matt Eland")),
            None
        );
        assert_eq!(
            judge(
                "Information by Electrical Professionals for Electrical Professionals",
                "mikeholt.com",
                None
            ),
            None
        );
        assert_eq!(
            judge("VoIP & Gadgets Blog", "tmcnet.com", None),
            Some(false)
        );
        // Still a mismatch: a farm's name on an unrelated host, even on the same page.
        assert_eq!(
            judge("SecurePath Capital", "newsdaily24.com", None),
            Some(false)
        );
        assert_eq!(
            judge("danah boyd", "zephoria.org", Some("Jane Doe")),
            Some(false)
        );
    }
}
