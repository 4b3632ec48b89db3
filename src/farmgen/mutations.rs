//! What a farm does to the copy itself: cut the last paragraphs, pad it with its own intro
//! or outro, strip or keep the dateline. Containment (how much of the wire story is on the
//! page) must survive all of these, so the corpus has all of them.

use super::chrome::CITIES;
use super::rng::Rng;

/// Wire agencies and how their datelines read.
pub const AGENCIES: &[&str] = &["AP", "Reuters", "AFP"];

/// `BEIRUT (AP) — ` / `LONDON (Reuters) - `: the agencies' own dateline forms.
pub fn dateline(city: &str, agency: &str) -> String {
    match agency {
        "AP" => format!("{city} (AP) — "),
        _ => format!("{city} ({agency}) - "),
    }
}

/// Does this paragraph already open with a wire dateline?
pub fn has_dateline(p: &str) -> bool {
    let head: String = p.chars().take(60).collect();
    AGENCIES.iter().any(|a| head.contains(&format!("({a})")))
}

/// Remove a leading `CITY (AGENCY) — ` from a paragraph.
pub fn strip_dateline(p: &str) -> String {
    for a in AGENCIES {
        let mark = format!("({a})");
        if let Some(at) = p.find(&mark)
            && at < 50
        {
            let rest = &p[at + mark.len()..];
            let rest = rest.trim_start_matches([' ', '—', '-', '–', ':']);
            return rest.to_string();
        }
    }
    p.to_string()
}

/// The paragraphs with the first one's dateline cut off: how a page that is not the
/// agency's own prints a wire story's opening.
pub fn without_dateline(paragraphs: &[String]) -> Vec<String> {
    let mut body = paragraphs.to_vec();
    if let Some(first) = body.first_mut() {
        *first = strip_dateline(first);
    }
    body
}

/// Give the wire text a dateline when it has none.
pub fn with_dateline(paragraphs: &[String], agency: &str, rng: &mut Rng) -> Vec<String> {
    let mut out = paragraphs.to_vec();
    if let Some(first) = out.first_mut()
        && !has_dateline(first)
    {
        let city = rng.word(CITIES);
        *first = format!("{}{}", dateline(city, agency), first);
    }
    out
}

const INTROS: &[&str] = &[
    "Here is the latest news, collected for our readers from around the world.",
    "Our editors bring you this important story that everyone is talking about today.",
    "Breaking: the following report has just been released and is updated regularly.",
    "Los lectores nos piden esta noticia, que compartimos a continuación con todos ustedes.",
    "Berikut berita terbaru yang kami rangkum untuk para pembaca setia kami hari ini.",
];
const OUTROS: &[&str] = &[
    "Stay tuned to our site for more updates on this developing story and other news.",
    "Disclaimer: this article is for information only and does not constitute investment advice.",
    "If you like this article, please share it with your friends and follow us for more.",
    "Die Redaktion übernimmt keine Haftung für die Richtigkeit der Angaben in diesem Beitrag.",
    "本文内容仅供参考，不构成任何投资建议，转载请注明出处。",
];

/// A farm's copy of the wire paragraphs: now and then cut short, its dateline stripped, an
/// intro or outro of the farm's own added.
pub fn farm_copy(wire: &[String], rng: &mut Rng) -> Vec<String> {
    let mut body = wire.to_vec();
    if body.len() > 4 && rng.chance(0.35) {
        // Cut at most a quarter: a farm that drops half the story is rare, and containment
        // is the fact that has to carry the truncated copies.
        let cut = 1 + rng.below((body.len() / 4).max(1));
        body.truncate(body.len() - cut);
    }
    if rng.chance(0.3)
        && let Some(first) = body.first_mut()
    {
        *first = strip_dateline(first);
    }
    if rng.chance(0.25) {
        body.insert(0, rng.pick(INTROS).to_string());
    }
    if rng.chance(0.25) {
        body.push(rng.pick(OUTROS).to_string());
    }
    body
}

/// Lines an outlet adds to a wire story it runs: an editor's note, a local contact, a
/// contributor line.
const OUTLET_LINES: &[&str] = &[
    "This story has been updated with additional details from local officials.",
    "Editor's note: this article was first published by our wire partner and has been edited for length.",
    "Readers with information on this story can contact our newsroom by email or phone.",
    "Staff writers in our regional office contributed additional reporting to this article.",
];

/// Share of legitimate syndications cut short, and of those that add a line of their own.
///
/// Outlets trim wire stories to length and add notes; if the corpus's syndications were
/// always the whole story and nothing else, "the copy cut or added to its story" would be a
/// sure sign of a farm in the corpus and not on the web (as a mismatched site name was,
/// before legitimate pages got the web's share of it). The shares are a guess at the web's,
/// not fitted to any figure.
pub const OUTLET_TRIMS: f64 = 0.25;
pub const OUTLET_ADDS: f64 = 0.15;

/// A legitimate outlet's run of the wire paragraphs: now and then trimmed by a paragraph or
/// two, now and then with a line of its own at the end.
pub fn outlet_copy(wire: &[String], rng: &mut Rng) -> Vec<String> {
    let mut body = wire.to_vec();
    if body.len() > 4 && rng.chance(OUTLET_TRIMS) {
        let cut = 1 + rng.below((body.len() / 5).max(1));
        body.truncate(body.len() - cut);
    }
    if rng.chance(OUTLET_ADDS) {
        body.push(rng.pick(OUTLET_LINES).to_string());
    }
    body
}

/// Synonyms a spinner swaps in, both ways; words it has no synonym for are swapped for
/// another word of the same copy, which is what cheap spinners' output reads like to a
/// fingerprint (a changed word is a changed word).
const SYNONYMS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("says", "states"),
    ("big", "large"),
    ("began", "started"),
    ("begin", "start"),
    ("end", "finish"),
    ("talks", "discussions"),
    ("officials", "authorities"),
    ("country", "nation"),
    ("help", "assist"),
    ("show", "demonstrate"),
    ("also", "additionally"),
    ("people", "individuals"),
    ("about", "roughly"),
    ("after", "following"),
    ("before", "prior to"),
    ("many", "numerous"),
    ("government", "administration"),
    ("attack", "assault"),
    ("killed", "slain"),
];

/// A spun copy: each word swapped, with probability `share`, for a synonym (or another
/// word of the copy), as farms do to dodge copy detection. `share` 0.1 is "one word in
/// ten". Deterministic from `rng`.
pub fn spin(paragraphs: &[String], share: f64, rng: &mut Rng) -> Vec<String> {
    let pool: Vec<&str> = paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect();
    paragraphs
        .iter()
        .map(|p| {
            let words: Vec<String> = p
                .split_whitespace()
                .map(|w| {
                    if !rng.chance(share) || pool.len() < 2 {
                        return w.to_string();
                    }
                    let lower = w.to_lowercase();
                    let synonym = SYNONYMS.iter().find_map(|&(a, b)| {
                        (lower == a).then_some(b).or((lower == b).then_some(a))
                    });
                    match synonym {
                        Some(s) => s.to_string(),
                        None => {
                            let other = pool[rng.below(pool.len())];
                            if other == w {
                                format!("{w}s")
                            } else {
                                other.to_string()
                            }
                        }
                    }
                })
                .collect();
            words.join(" ")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_added_recognised_and_stripped() {
        assert!(has_dateline("BEIRUT (AP) — The United States"));
        assert_eq!(
            strip_dateline("BEIRUT (AP) — The United States"),
            "The United States"
        );
        assert_eq!(
            strip_dateline("LONDON (Reuters) - Shares fell"),
            "Shares fell"
        );
        let mut rng = Rng::new(1);
        let p = with_dateline(&["Shares fell.".to_string()], "Reuters", &mut rng);
        assert!(p[0].contains("(Reuters) - Shares fell."), "{}", p[0]);
    }

    #[test]
    fn spinning_changes_about_the_share_asked_and_is_deterministic() {
        let text: Vec<String> = (0..20)
            .map(|i| format!("Officials said on day {i} that the talks would begin after the vote in the country"))
            .collect();
        let a = spin(&text, 0.1, &mut Rng::new(7));
        assert_eq!(a, spin(&text, 0.1, &mut Rng::new(7)));
        let (mut words, mut changed) = (0, 0);
        for (x, y) in text.iter().zip(&a) {
            for (u, v) in x.split_whitespace().zip(y.split_whitespace()) {
                words += 1;
                changed += usize::from(u != v);
            }
        }
        let share = changed as f64 / words as f64;
        assert!((0.05..0.15).contains(&share), "{share}");
        assert_eq!(spin(&text, 0.0, &mut Rng::new(7)), text);
    }
}
