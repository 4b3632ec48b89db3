//! Month names, by language, and how a printed word is read as a month.
//!
//! One table of the languages web pages are written in (the forms a calendar of each
//! language prints: nominative, and genitive where a date needs it, `25 апреля`,
//! `25 kwietnia`), not the words of the pages we test on. Abbreviations are not listed:
//! any prefix of at least three letters of a month's name reads as that month
//! (`Sept.`, `févr.`, `Dez`, `janv`), unless the prefix belongs to names of different
//! months in the languages that abbreviate (then it reads as none).

use std::collections::HashMap;
use std::sync::LazyLock;

/// A language's twelve months, January first; a slot may hold several forms, `|`-separated.
struct Language {
    /// ISO 639-1 code, for the reader of this table.
    #[allow(dead_code)]
    code: &'static str,
    months: [&'static str; 12],
    /// Whether its calendars abbreviate month names (`Jan`, `févr.`, `Okt.`): only these
    /// lend their prefixes to abbreviations.
    abbreviates: bool,
}

const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        months: [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        abbreviates: true,
    },
    Language {
        code: "de",
        months: [
            "januar|jänner",
            "februar|feber",
            "märz|maerz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        abbreviates: true,
    },
    Language {
        code: "fr",
        months: [
            "janvier",
            "février|fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août|aout",
            "septembre",
            "octobre",
            "novembre",
            "décembre|decembre",
        ],
        abbreviates: true,
    },
    Language {
        code: "es",
        months: [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre|setiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        abbreviates: true,
    },
    Language {
        code: "it",
        months: [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
        abbreviates: true,
    },
    Language {
        code: "pt",
        months: [
            "janeiro",
            "fevereiro",
            "março|marco",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        abbreviates: true,
    },
    Language {
        code: "nl",
        months: [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        abbreviates: true,
    },
    Language {
        code: "sv",
        months: [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        abbreviates: true,
    },
    Language {
        code: "da",
        months: [
            "januar",
            "februar",
            "marts",
            "april",
            "maj",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "december",
        ],
        abbreviates: true,
    },
    Language {
        code: "no",
        months: [
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ],
        abbreviates: true,
    },
    Language {
        code: "ro",
        months: [
            "ianuarie",
            "februarie",
            "martie",
            "aprilie",
            "mai",
            "iunie",
            "iulie",
            "august",
            "septembrie",
            "octombrie",
            "noiembrie",
            "decembrie",
        ],
        abbreviates: true,
    },
    Language {
        code: "id",
        months: [
            "januari",
            "februari",
            "maret",
            "april",
            "mei",
            "juni",
            "juli",
            "agustus",
            "september",
            "oktober",
            "november",
            "desember",
        ],
        abbreviates: true,
    },
    Language {
        code: "ms",
        months: [
            "januari",
            "februari",
            "mac",
            "april",
            "mei",
            "jun",
            "julai",
            "ogos",
            "september",
            "oktober",
            "november",
            "disember",
        ],
        abbreviates: false,
    },
    Language {
        code: "ca",
        months: [
            "gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre",
            "octubre", "novembre", "desembre",
        ],
        abbreviates: false,
    },
    Language {
        code: "fi",
        months: [
            "tammikuu|tammikuuta",
            "helmikuu|helmikuuta",
            "maaliskuu|maaliskuuta",
            "huhtikuu|huhtikuuta",
            "toukokuu|toukokuuta",
            "kesäkuu|kesäkuuta",
            "heinäkuu|heinäkuuta",
            "elokuu|elokuuta",
            "syyskuu|syyskuuta",
            "lokakuu|lokakuuta",
            "marraskuu|marraskuuta",
            "joulukuu|joulukuuta",
        ],
        abbreviates: false,
    },
    Language {
        code: "pl",
        months: [
            "styczeń|stycznia",
            "luty|lutego",
            "marzec|marca",
            "kwiecień|kwietnia",
            "maj|maja",
            "czerwiec|czerwca",
            "lipiec|lipca",
            "sierpień|sierpnia",
            "wrzesień|września",
            "październik|października",
            "listopad|listopada",
            "grudzień|grudnia",
        ],
        abbreviates: false,
    },
    Language {
        code: "cs",
        months: [
            "leden|ledna",
            "únor|února",
            "březen|března",
            "duben|dubna",
            "květen|května",
            "červen|června",
            "červenec|července",
            "srpen|srpna",
            "září",
            "říjen|října",
            "listopad|listopadu",
            "prosinec|prosince",
        ],
        abbreviates: false,
    },
    Language {
        code: "hu",
        months: [
            "január",
            "február",
            "március",
            "április",
            "május",
            "június",
            "július",
            "augusztus",
            "szeptember",
            "október",
            "november",
            "december",
        ],
        abbreviates: false,
    },
    Language {
        code: "tr",
        months: [
            "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül",
            "ekim", "kasım", "aralık",
        ],
        abbreviates: false,
    },
    Language {
        code: "ru",
        months: [
            "январь|января",
            "февраль|февраля",
            "март|марта",
            "апрель|апреля",
            "май|мая",
            "июнь|июня",
            "июль|июля",
            "август|августа",
            "сентябрь|сентября",
            "октябрь|октября",
            "ноябрь|ноября",
            "декабрь|декабря",
        ],
        abbreviates: false,
    },
    Language {
        code: "uk",
        months: [
            "січень|січня",
            "лютий|лютого",
            "березень|березня",
            "квітень|квітня",
            "травень|травня",
            "червень|червня",
            "липень|липня",
            "серпень|серпня",
            "вересень|вересня",
            "жовтень|жовтня",
            "листопад|листопада",
            "грудень|грудня",
        ],
        abbreviates: false,
    },
    Language {
        code: "el",
        months: [
            "ιανουάριος|ιανουαρίου",
            "φεβρουάριος|φεβρουαρίου",
            "μάρτιος|μαρτίου",
            "απρίλιος|απριλίου",
            "μάιος|μαΐου|μαίου",
            "ιούνιος|ιουνίου",
            "ιούλιος|ιουλίου",
            "αύγουστος|αυγούστου",
            "σεπτέμβριος|σεπτεμβρίου",
            "οκτώβριος|οκτωβρίου",
            "νοέμβριος|νοεμβρίου",
            "δεκέμβριος|δεκεμβρίου",
        ],
        abbreviates: false,
    },
];

/// Shortest prefix of a month's name that reads as an abbreviation.
const MIN_ABBREVIATION: usize = 3;

/// Every full form, and every unambiguous abbreviation, lower-case, to its month.
static TABLE: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut full: HashMap<String, u32> = HashMap::new();
    // A prefix maps to `Some(month)` while every name it starts agrees, `None` after not.
    let mut prefixes: HashMap<String, Option<u32>> = HashMap::new();
    for lang in LANGUAGES {
        for (i, forms) in lang.months.iter().enumerate() {
            let month = i as u32 + 1;
            for form in forms.split('|') {
                full.insert(form.to_string(), month);
                if !lang.abbreviates {
                    continue;
                }
                let chars: Vec<char> = form.chars().collect();
                for n in MIN_ABBREVIATION..chars.len() {
                    let p: String = chars[..n].iter().collect();
                    let slot = prefixes.entry(p).or_insert(Some(month));
                    if *slot != Some(month) {
                        *slot = None;
                    }
                }
            }
        }
    }
    for (p, m) in prefixes {
        if let Some(m) = m {
            full.entry(p).or_insert(m);
        }
    }
    full
});

/// The month a word names (`April`, `avr`, `Sept`, `апреля`), case-insensitive, without
/// a trailing dot.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    TABLE.get(&w).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_names_twelve_distinct_months() {
        for lang in LANGUAGES {
            for (i, forms) in lang.months.iter().enumerate() {
                for form in forms.split('|') {
                    assert_eq!(
                        month_number(form),
                        Some(i as u32 + 1),
                        "{}: {form}",
                        lang.code
                    );
                }
            }
        }
    }

    #[test]
    fn abbreviations_read_unless_ambiguous() {
        for (w, m) in [
            ("Jan", 1),
            ("Sept.", 9),
            ("févr.", 2),
            ("janv", 1),
            ("Dez", 12),
            ("okt", 10),
            ("Mar", 3),
            ("ago", 8),
            ("APR", 4),
            ("Апреля", 4),
            ("kwietnia", 4),
            ("Nisan", 4),
        ] {
            assert_eq!(month_number(w), Some(m), "{w}");
        }
        // Not months: too short, or words that only look like one.
        for w in ["ma", "ju", "monday", "storm", "marching"] {
            assert_eq!(month_number(w), None, "{w}");
        }
    }
}
