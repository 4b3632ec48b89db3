//! Words, as every stage of chaff counts them: Unicode word segments (UAX #29) that hold at
//! least one alphanumeric character.
//!
//! One definition keeps features, metrics and fingerprints aligned. Segmenting is also one of
//! the largest costs of extraction (it runs over every text node), and most of the web's text
//! is ASCII, where UAX #29 reduces to a handful of rules. So ASCII text takes a byte scanner
//! that yields exactly the segments `unicode_words` would (a test checks this on random
//! strings), and any other text takes `unicode_segmentation`.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWords};

/// The words of a text.
pub fn words(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(AsciiWords { text, at: 0 })
    } else {
        Words::Mixed(MixedWords {
            rest: text,
            run: Run::Ascii(AsciiWords { text: "", at: 0 }),
        })
    }
}

/// How many words a text has.
pub fn count_words(text: &str) -> usize {
    words(text).count()
}

/// Iterator of [`words`].
pub enum Words<'a> {
    Ascii(AsciiWords<'a>),
    Mixed(MixedWords<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(w) => w.next(),
            Words::Mixed(w) => w.next(),
        }
    }
}

/// Words of a text that is not all ASCII: most such text is English with a curly quote, a
/// dash or a non-breaking space here and there, and segmenting all of it by the Unicode
/// tables cost four times the ASCII scanner. So the text is cut into runs, each ASCII run
/// goes to [`AsciiWords`] and each run around non-ASCII characters to `unicode_words`.
///
/// A cut is made only after an ASCII whitespace byte that an ASCII byte follows. UAX #29
/// always breaks there (no rule joins whitespace to what follows, except WB3d between two
/// spaces and WB3 between CR and LF, whose segments hold no word; WB4 would attach a
/// following Extend or Format character, which is never ASCII), so the runs' words are the
/// whole text's words (a test checks this on random mixed strings).
pub struct MixedWords<'a> {
    rest: &'a str,
    run: Run<'a>,
}

enum Run<'a> {
    Ascii(AsciiWords<'a>),
    Unicode(UnicodeWords<'a>),
}

impl<'a> MixedWords<'a> {
    /// The next run of `rest`, or `None` at its end.
    fn next_run(&mut self) -> Option<Run<'a>> {
        let b = self.rest.as_bytes();
        if b.is_empty() {
            return None;
        }
        let cut_after =
            |j: usize| b[j].is_ascii_whitespace() && b.get(j + 1).is_none_or(u8::is_ascii);
        let Some(first) = b.iter().position(|c| !c.is_ascii()) else {
            let text = std::mem::take(&mut self.rest);
            return Some(Run::Ascii(AsciiWords { text, at: 0 }));
        };
        // The ASCII run ends after the last cut before the first non-ASCII byte.
        if let Some(j) = (0..first).rev().find(|&j| cut_after(j)) {
            let (text, rest) = self.rest.split_at(j + 1);
            self.rest = rest;
            return Some(Run::Ascii(AsciiWords { text, at: 0 }));
        }
        // A run that holds non-ASCII characters ends at the first cut after them (the cut
        // needs an ASCII byte next, so it falls after the last of a cluster of them).
        let end = (first..b.len())
            .find(|&j| cut_after(j))
            .map_or(b.len(), |j| j + 1);
        let (text, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(Run::Unicode(text.unicode_words()))
    }
}

impl<'a> Iterator for MixedWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let w = match &mut self.run {
                Run::Ascii(w) => w.next(),
                Run::Unicode(w) => w.next(),
            };
            if w.is_some() {
                return w;
            }
            self.run = self.next_run()?;
        }
    }
}

/// The UAX #29 word classes that ASCII characters fall in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_` (ExtendNumLet): joins with letters, digits and itself.
    Underscore,
    /// `:` (MidLetter): joins two letters.
    MidLetter,
    /// `.` and `'` (MidNumLet): join two letters or two digits.
    MidNumLet,
    /// `,` and `;` (MidNum): join two digits.
    MidNum,
    Other,
}

fn class(b: u8) -> Class {
    CLASSES[usize::from(b)]
}

/// [`class`] of every byte, looked up rather than matched: the scanner asks it of every
/// byte of the page's text, and the chain of range compares, made twice for most bytes,
/// was half the scanner's instructions (40.7 M of 60 Dragnet pages' 764 M; 20.9 M now).
static CLASSES: [Class; 256] = {
    let mut t = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b'_' => Class::Underscore,
            b':' => Class::MidLetter,
            b'.' | b'\'' => Class::MidNumLet,
            b',' | b';' => Class::MidNum,
            _ => Class::Other,
        };
        b += 1;
    }
    t
};

fn joins(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Digit | Class::Underscore)
}

/// UAX #29 word segments of ASCII text that hold a letter or digit.
pub struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let mut i = self.at;
        loop {
            while i < b.len() && !joins(class(b[i])) {
                i += 1;
            }
            if i >= b.len() {
                self.at = i;
                return None;
            }
            let start = i;
            // Each byte's class is found once: `c` is the class of `b[i]`, the segment's
            // last byte so far.
            let mut c = class(b[i]);
            let mut alnum = c != Class::Underscore;
            loop {
                let Some(&next) = b.get(i + 1) else {
                    i += 1;
                    break;
                };
                let n = class(next);
                if joins(n) {
                    alnum |= n != Class::Underscore;
                    c = n;
                    i += 1;
                    continue;
                }
                // A middle character joins only between two of the right kind (WB6, WB7,
                // WB11, WB12).
                let after = b.get(i + 2).map_or(Class::Other, |&x| class(x));
                let bridged = match n {
                    Class::MidLetter => c == Class::Letter && after == Class::Letter,
                    Class::MidNumLet => {
                        (c == Class::Letter && after == Class::Letter)
                            || (c == Class::Digit && after == Class::Digit)
                    }
                    Class::MidNum => c == Class::Digit && after == Class::Digit,
                    _ => false,
                };
                if bridged {
                    // A bridged segment holds a letter or digit (`after`).
                    alnum = true;
                    c = after;
                    i += 2;
                    continue;
                }
                i += 1;
                break;
            }
            if alnum {
                self.at = i;
                return Some(&self.text[start..i]);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn unicode(text: &str) -> Vec<&str> {
        text.unicode_words().collect()
    }

    #[test]
    fn ascii_words_are_the_unicode_words() {
        for text in [
            "Current:Home > Contact",
            "Date:2025-04-25 20:25:14",
            "don't stop, e.g. at 3.14 or 1,000,000; a_b __ _x x_ a:1 1:a a.1 1.a",
            "BEIRUT (AP) - talks began. (Reuters) -",
            "veryGood! (136)   '' '.' ..a.. ::b:: ,,1,, 'tis",
            "",
            "   ",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), unicode(text), "{text:?}");
        }
        // Random strings over the characters whose rules differ.
        same_words_on_random_strings("aZ09_:.',;  -!\"\n", 0x9e37_79b9_7f4a_7c15, 20_000);
    }

    /// `count` random strings of up to 23 characters of `alphabet` (xorshift from `state`)
    /// have the words `unicode_words` gives them.
    fn same_words_on_random_strings(alphabet: &str, state: u64, count: usize) {
        for s in random_strings(alphabet, state, count) {
            assert_eq!(words(&s).collect::<Vec<_>>(), unicode(&s), "{s:?}");
        }
    }

    /// `count` random strings of up to 23 characters of `alphabet`, by xorshift from `state`
    /// (so the same on every run).
    pub(crate) fn random_strings(alphabet: &str, mut state: u64, count: usize) -> Vec<String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        (0..count)
            .map(|_| {
                let mut s = String::new();
                for _ in 0..(state % 24) {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    s.push(alphabet[(state % alphabet.len() as u64) as usize]);
                }
                s
            })
            .collect()
    }

    #[test]
    fn mixed_text_cut_into_runs_has_the_unicode_words() {
        for text in [
            "Zoë's café, 北京 — ok",
            "“Quoted,” he said\u{a0}— then left. don’t stop",
            " \u{301}a b\u{345} c\r\n\u{200d}d 🇫🇷 e \u{200b}f",
            "a\u{a0}b  c",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), unicode(text), "{text:?}");
        }
        // Random strings over ASCII whitespace, the ASCII classes and non-ASCII characters
        // of the classes that join or attach (letters, Extend, Format, ZWJ, MidNumLet,
        // regional indicators, ideographs, no-break space).
        same_words_on_random_strings(
            "aZ09_:.',; \n\r\t-é\u{301}\u{345}\u{200b}\u{200d}\u{2019}\u{a0}\u{3000}🇫北カ👍",
            0x2545_f491_4f6c_dd1d,
            50_000,
        );
    }

    #[test]
    fn other_text_is_segmented_by_unicode_rules() {
        assert_eq!(
            count_words("Zoë's café, 北京 — ok"),
            unicode("Zoë's café, 北京 — ok").len()
        );
    }
}
