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
        Words::Unicode(text.unicode_words())
    }
}

/// How many words a text has.
pub fn count_words(text: &str) -> usize {
    words(text).count()
}

/// Iterator of [`words`].
pub enum Words<'a> {
    Ascii(AsciiWords<'a>),
    Unicode(UnicodeWords<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(w) => w.next(),
            Words::Unicode(w) => w.next(),
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
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Underscore,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

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
        loop {
            while self.at < b.len() && !joins(class(b[self.at])) {
                self.at += 1;
            }
            if self.at >= b.len() {
                return None;
            }
            let start = self.at;
            let mut alnum = false;
            let mut i = start;
            loop {
                let c = class(b[i]);
                alnum |= c != Class::Underscore;
                let Some(&next) = b.get(i + 1) else {
                    i += 1;
                    break;
                };
                let n = class(next);
                if joins(n) {
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
                    i += 2;
                    continue;
                }
                i += 1;
                break;
            }
            self.at = i;
            if alnum {
                return Some(&self.text[start..i]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
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
        let alphabet = b"aZ09_:.',;  -!\"\n";
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push(alphabet[(state % alphabet.len() as u64) as usize] as char);
            }
            assert_eq!(words(&s).collect::<Vec<_>>(), unicode(&s), "{s:?}");
        }
    }

    #[test]
    fn other_text_is_segmented_by_unicode_rules() {
        assert_eq!(
            count_words("Zoë's café, 北京 — ok"),
            unicode("Zoë's café, 北京 — ok").len()
        );
    }
}
