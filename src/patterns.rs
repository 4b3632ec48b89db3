//! Text patterns that several stages look for: engagement widgets, wire datelines, the
//! opener of a byline.
//!
//! They live here, beside the page model and below everything else, so that the block
//! features and the page facts recognise the same widget the same way.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// Short engagement widgets: a label with a counter (`veryGood! (136)`, `Like (12)`,
/// `Comments (3)`, `👍 12`, `Share 4.1K`) or a bare action word (`Share`, `Tweet`, `Print`).
static WIDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            [\p{L}\p{So}!?.\s]{1,24}\s*[(\[]\s*\d[\d.,]*\s*[kKmM]?\s*[)\]]   # label (136)
          | (?:like|likes|share|shares|comments?|views?|votes?|reactions?|tweet|retweet|pin|email|print|reply|replies|love|wow|haha|sad|angry|good|bad|verygood|interesting|useful)!?\s*:?\s*\d[\d.,]*\s*[kKmM]?  # Like 12
          | \d[\d.,]*\s*[kKmM]?\s*(?:likes|shares|comments|views|votes|reactions|replies)  # 12 comments
          | (?:share|tweet|print|email|like|follow|subscribe|reply|comment|save|pin\s+it|share\s+this|share\s+on\s+\w+|view)!?
        )\s*$",
    )
    .expect("widget pattern compiles")
});

/// True when a block's text is an engagement widget rather than writing.
pub fn is_widget(text: &str) -> bool {
    text.len() <= 48 && WIDGET.is_match(text)
}

/// The wire services chaff knows. Datelines and credit lines name them in several ways
/// (`(AP)`, `Associated Press`, `Agence France-Presse`); everything downstream sees one name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Agency {
    #[serde(rename = "AP")]
    Ap,
    Reuters,
    #[serde(rename = "AFP")]
    Afp,
}

impl Agency {
    /// The short name used in output and in wire items' `agency` field.
    pub fn name(self) -> &'static str {
        match self {
            Agency::Ap => "AP",
            Agency::Reuters => "Reuters",
            Agency::Afp => "AFP",
        }
    }

    /// Read an agency's name as a wire item or a dateline writes it.
    pub fn from_name(name: &str) -> Option<Agency> {
        let n: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        match n.as_str() {
            "ap" | "associatedpress" | "theassociatedpress" => Some(Agency::Ap),
            "reuters" | "thomsonreuters" => Some(Agency::Reuters),
            "afp" | "agencefrancepresse" => Some(Agency::Afp),
            _ => None,
        }
    }
}

/// A wire dateline at the start of a paragraph: an optional place (`BAGHDAD`,
/// `JACKSON, Miss.`, `WASHINGTON, Jan 27`), the agency in parentheses, then a dash (em, en,
/// hyphen, the old AP `_`, or a `?` where an encoding lost the em dash), a colon, a capital
/// starting the story, or the end of the text (a dateline printed on a line of its own).
/// `(AP)` is matched case-sensitively so that ordinary parentheses do not pass for it.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^\s*(?P<place>[^()\n!?;]{0,60}?)\s*\(\s*(?P<agency>AP|Reuters|REUTERS|AFP|Associated Press|Agence France[- ]Presse|Thomson Reuters)\s*\)\s*(?:[—–\-_?]{1,2}|:|$|["“‘']?\p{Lu})"#,
    )
    .expect("dateline pattern compiles")
});

/// Small words a place name may hold in lower case (`Rio de Janeiro`, `Dar es Salaam`).
const PLACE_PARTICLES: &[&str] = &[
    "de", "del", "da", "do", "dos", "di", "du", "des", "la", "le", "las", "los", "el", "al", "es",
    "en", "of", "the", "van", "von", "am", "an", "der", "sur", "y",
];

/// A wire dateline found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub agency: Agency,
    /// The place before the agency, trimmed (`BEIRUT`), empty when the text starts `(AP) —`.
    pub place: String,
}

/// The wire dateline a paragraph opens with, if any: `BEIRUT (AP) —`, `WASHINGTON (Reuters) -`,
/// `PARIS, Jan 27 (AFP) -`, `(AP) —`. The place must read like a dateline (short, starting
/// with a capital letter), so a sentence that merely mentions "(AP)" later does not count.
pub fn wire_dateline(text: &str) -> Option<Dateline> {
    let caps = DATELINE.captures(text)?;
    let place = caps.name("place").map_or("", |m| m.as_str()).trim();
    let place = place.trim_end_matches([',', ' ', '.']).to_string();
    // Every word of a place is capitalised, a number (`Jan 27`), or a particle: a sentence
    // ("Officials told The Associated Press (AP) Tuesday") is not a place.
    let words: Vec<&str> = place.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let place_like = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || PLACE_PARTICLES.contains(w)
    });
    if !place_like || words.len() > 8 {
        return None;
    }
    let agency = Agency::from_name(&caps["agency"])?;
    Some(Dateline { agency, place })
}

/// The words that open a byline, "By", "Posted by", "Written by", "Published by",
/// "Author:" and the same in the languages chaff reads month names of ("Von", "Par",
/// "Por", "Av", "Przez", "Autor:", "Auteur :"), after at most three marks (`— By`), with
/// the space after them. The one copy: the byline fact cuts the name after it, and the
/// date reader takes a date on a line it opens as the article's. Whether a name follows
/// is [`byline_name_at`]'s test.
pub static BYLINE_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\W{0,3}(?i:(?:posted|written|published)\s+by|by|von|par|por|av|przez|author:|autor:|auteur\s*:)\s+",
    )
    .expect("byline opener pattern compiles")
});

/// Where the name starts in a text that opens as a byline does, a capital letter after
/// [`BYLINE_OPENER`] ("By Jane Doe", not "by the river").
pub fn byline_name_at(text: &str) -> Option<usize> {
    let end = BYLINE_OPENER.find(text)?.end();
    text[end..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widgets_with_counters_and_bare_actions() {
        for w in [
            "veryGood! (136)",
            "Like (12)",
            "Comments (3)",
            "Share",
            "12 comments",
            "Views: 4.1K",
            "View",
        ] {
            assert!(is_widget(w), "{w}");
        }
        for t in [
            "The council met on Tuesday (3 members were absent).",
            "Share prices fell 3% in Tokyo",
            "Iraq and the US begin talks",
        ] {
            assert!(!is_widget(t), "{t}");
        }
    }

    #[test]
    fn datelines_name_the_agency_and_place() {
        let d = wire_dateline("BEIRUT (AP) — The United States and Iraq held talks.").unwrap();
        assert_eq!((d.agency, d.place.as_str()), (Agency::Ap, "BEIRUT"));
        let d = wire_dateline("WASHINGTON (Reuters) - The Fed held rates.").unwrap();
        assert_eq!(d.agency, Agency::Reuters);
        let d = wire_dateline("WASHINGTON, Jan 27 (Reuters) - The Fed held rates.").unwrap();
        assert_eq!(d.place, "WASHINGTON, Jan 27");
        let d = wire_dateline("PARIS (AFP) - France said on Monday...").unwrap();
        assert_eq!(d.agency, Agency::Afp);
        let d = wire_dateline("JACKSON, Miss. (AP) — A judge ruled...").unwrap();
        assert_eq!((d.agency, d.place.as_str()), (Agency::Ap, "JACKSON, Miss"));
        let d = wire_dateline("(AP) — Officials said.").unwrap();
        assert_eq!((d.agency, d.place.as_str()), (Agency::Ap, ""));
        // Forms seen on real syndicating pages: no dash, the old AP underscore, an em dash
        // lost to a bad encoding, several abbreviations, a dateline on a line of its own.
        for (t, place) in [
            (
                "WASHINGTON (AP) Congress is asking the department.",
                "WASHINGTON",
            ),
            ("ALBANY, N.Y. (AP) - A multi-state probe.", "ALBANY, N.Y"),
            (
                "GRANT TOWN, W.Va. (AP) - Relatives said.",
                "GRANT TOWN, W.Va",
            ),
            (
                "Fairfield (AP) _ Investigators looking into a fire.",
                "Fairfield",
            ),
            ("CAIRO (AFP) ? France will have no more contact.", "CAIRO"),
            (
                "RAMALLAH, West Bank, Dec. 5 (AP) ? Mahmoud Abbas",
                "RAMALLAH, West Bank, Dec. 5",
            ),
            ("SEATTLE Jan 14, 2008 (AP)", "SEATTLE Jan 14, 2008"),
            ("RIO de JANEIRO (Reuters) - Brazil", "RIO de JANEIRO"),
            ("(AP)", ""),
        ] {
            assert_eq!(
                wire_dateline(t).map(|d| d.place),
                Some(place.to_string()),
                "{t}"
            );
        }
        for t in [
            "The report (AP) said nothing new.",
            "He told the (Reuters) reporter - no.",
            "BEIRUT (ap) — lower case is not the wire.",
            "Officials met in Baghdad on Saturday.",
            "Officials told The Associated Press (AP) Tuesday that talks began.",
            "This service may include material from Agence France-Presse (AFP), APTN, Reuters",
        ] {
            assert_eq!(wire_dateline(t), None, "{t}");
        }
    }

    #[test]
    fn byline_openers_in_several_languages() {
        for (t, name) in [
            ("By Jane Doe", "Jane Doe"),
            ("Posted by Jane Doe on ", "Jane Doe on "),
            ("— By JANE DOE", "JANE DOE"),
            ("Author: Jane Doe", "Jane Doe"),
            ("Von Max Muster", "Max Muster"),
            ("Przez Jana Kowalska", "Jana Kowalska"),
        ] {
            assert_eq!(byline_name_at(t).map(|at| &t[at..]), Some(name), "{t}");
        }
        for t in [
            "Stand by me ",
            "by the river",
            "Bystander Jane",
            "Published on May 5",
        ] {
            assert_eq!(byline_name_at(t), None, "{t}");
        }
    }

    #[test]
    fn agency_names_normalise() {
        assert_eq!(Agency::from_name("Associated Press"), Some(Agency::Ap));
        assert_eq!(Agency::from_name("Agence France-Presse"), Some(Agency::Afp));
        assert_eq!(Agency::from_name("REUTERS"), Some(Agency::Reuters));
        assert_eq!(Agency::from_name("Bloomberg"), None);
        assert_eq!(serde_json::to_string(&Agency::Ap).unwrap(), "\"AP\"");
    }
}
