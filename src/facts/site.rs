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
/// name cannot be held against the host.
///
/// A name declared on purpose (`og:site_name`, `application-name`, JSON-LD `publisher`)
/// is the site's word. A name taken from the `<title>`'s site part or a logo's `alt` is a
/// guess that is as often a section ("Health"), a tagline ("Free Shipping*") or a label
/// ("Home Page", "logo - header") as a name; it is held against the host only when the
/// page prints it again in its copyright line, or the title and the logo agree on it,
/// as sites (farms included) do with their own name.
pub fn compare(page: &Page, site: &Found, host: &str) -> Option<bool> {
    if same_brand(&site.value, host) {
        return Some(true);
    }
    let deliberate = matches!(site.source, Source::Meta(_) | Source::JsonLd(_));
    (deliberate || corroborated(page, &site.value)).then_some(false)
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

/// Whether the site name and the host share a brand.
pub fn same_brand(site: &str, host: &str) -> bool {
    let words = name_words(site);
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
    // A name written as the host ("CNN.com", "Le Monde.fr") or holding it whole.
    if host_squashed.contains(&squashed) {
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
            || glued(label, &words)
            || glued(label, &content)
    })
}

/// Lower-case alphanumeric words of a name, diacritics folded (hosts are written in
/// ASCII: `Libération` is `liberation.fr`); `PCMag` stays one word, `Docker-Hub` is two.
fn name_words(site: &str) -> Vec<String> {
    site.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().chars().map(fold).collect())
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
    let mut out = Vec::new();
    for l in labels {
        let squashed: String = l.chars().filter(|c| c.is_alphanumeric()).collect();
        out.push((squashed.to_lowercase(), GENERIC_LABELS.contains(&l)));
        if l.contains('-') {
            for part in l.split('-').filter(|p| !p.is_empty()) {
                out.push((part.to_lowercase(), GENERIC_LABELS.contains(&part)));
            }
        }
    }
    out
}

/// Whether `label` is the name's words glued in order, some skipped, each piece a whole
/// word, a prefix of at least [`MIN_PREFIX`] letters, or the initials of two or more words
/// in a row: `clevelandart` (Cleveland Museum of Art), `latimes` (Los Angeles Times),
/// `dw` (Deutsche Welle), `natgeo` (National Geographic). At least two pieces, or the
/// initials of the whole name, so that one short prefix alone is no brand.
fn glued(label: &str, words: &[String]) -> bool {
    let label: Vec<char> = label.chars().collect();
    let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    // reach[i][j]: label[..i] is covered by pieces taken from words[..j]; the value is the
    // number of pieces (the fewest that reach there), None when unreachable.
    let (n, m) = (label.len(), words.len());
    let mut reach = vec![vec![None::<usize>; m + 1]; n + 1];
    reach[0][0] = Some(0);
    for j in 0..m {
        for i in 0..=n {
            let Some(pieces) = reach[i][j] else { continue };
            // Skip word j.
            let next = &mut reach[i][j + 1];
            *next = Some(next.map_or(pieces, |p| p.min(pieces)));
            // Word j, whole or cut to a prefix.
            let w = &words[j];
            let mut k = 0;
            while k < w.len() && i + k < n && label[i + k] == w[k] {
                k += 1;
                if k == w.len() || k >= MIN_PREFIX {
                    let slot = &mut reach[i + k][j + 1];
                    *slot = Some(slot.map_or(pieces + 1, |p| p.min(pieces + 1)));
                }
            }
            // Initials of words j, j+1, ... (two or more).
            let mut e = j;
            while e < m && i + (e - j) < n && label[i + (e - j)] == words[e][0] {
                e += 1;
                if e - j >= 2 {
                    let slot = &mut reach[i + (e - j)][e];
                    *slot = Some(slot.map_or(pieces + 1, |p| p.min(pieces + 1)));
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
            compare(&farm, &guessed("SecurePath Capital"), "news24.example"),
            Some(false)
        );
        // A section name in the title, printed nowhere as the site's: not a mismatch.
        let real = page("Storm | Health", "© 2024 National Geographic Partners");
        assert_eq!(
            compare(&real, &guessed("Health"), "nationalgeographic.com"),
            None
        );
        let declared = Found {
            value: "Health".to_string(),
            source: Source::Meta("og:site_name".to_string()),
        };
        assert_eq!(
            compare(&real, &declared, "nationalgeographic.com"),
            Some(false)
        );
        assert_eq!(
            compare(
                &real,
                &guessed("National Geographic"),
                "nationalgeographic.com"
            ),
            Some(true)
        );
    }
}
