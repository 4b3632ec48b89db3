//! An HTML tokenizer of chaff's own, feeding html5ever's tree builder the tokens html5ever's
//! own tokenizer would (WHATWG HTML § 13.2.5), faster: text runs, tag names, attribute names
//! and values are found with `memchr` and handed on as slices of one shared buffer, where
//! html5ever's tokenizer walks the input a character at a time through a queue of buffers
//! and copies every name and value a character at a time.
//!
//! The tree rules stay html5ever's: the tree builder switches this tokenizer's state after
//! `<script>`, `<style>`, `<title>`, `<textarea>`, `<plaintext>` and the rest
//! ([`TokenSinkResult::RawData`], [`TokenSinkResult::Plaintext`]), and answers whether
//! `<![CDATA[` opens a CDATA section (in SVG and MathML) or a bogus comment.
//!
//! States implemented, by the spec's names: data; RCDATA, RAWTEXT, script data (with the
//! escaped and double-escaped script states), PLAINTEXT, each with its less-than sign, end
//! tag open and end tag name states; tag open, end tag open, tag name; before/after
//! attribute name, attribute name, before attribute value, the three attribute value states,
//! after attribute value (quoted), self-closing start tag; markup declaration open; the
//! comment states (only where a comment ends matters: its text is handed on but never read),
//! bogus comment; the DOCTYPE states; CDATA section; character references (named ones from
//! markup5ever's table, numeric ones with the C1 replacements), with the attribute-value
//! legacy rule. Newlines are normalised once up front (CR LF and CR to LF, as the input
//! stream preprocessing does). Parse errors are not reported: the tree builder ignores them.

use super::tree::MAX_ATTRIBUTES;
use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{Attribute, LocalName, QualName, ns};

/// What the tokenizer reads between markup, as the tree builder set it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Text {
    Data,
    Rcdata,
    Rawtext,
    Script,
    Plaintext,
}

/// `html` with every CR LF and every lone CR made LF, as the HTML input stream is
/// preprocessed: one pass from CR to CR (two `str::replace` passes were 2% of extraction).
fn newlines(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for at in memchr::memchr_iter(b'\r', b) {
        out.push_str(&html[from..at]);
        out.push('\n');
        from = if b.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
    }
    out.push_str(&html[from..]);
    out
}

/// Tokenize a whole document into `sink`, then send it the end of file.
pub fn tokenize<S: TokenSink>(html: &str, sink: &S) {
    let normalised;
    let html = if memchr::memchr(b'\r', html.as_bytes()).is_some() {
        normalised = newlines(html);
        &normalised[..]
    } else {
        html
    };
    let mut t = Tokenizer {
        src: StrTendril::from_slice(html),
        b: html.as_bytes(),
        s: html,
        pos: 0,
        sink,
        text: Text::Data,
        last_start: None,
    };
    t.run();
    t.emit(Token::EOFToken);
    sink.end();
}

struct Tokenizer<'a, S> {
    /// The whole input, shared: text and values are sub-tendrils of it (no copy).
    src: StrTendril,
    b: &'a [u8],
    s: &'a str,
    pos: usize,
    sink: &'a S,
    text: Text,
    /// Name of the last start tag emitted: what an appropriate end tag must match.
    last_start: Option<LocalName>,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// A tag being built.
struct TagBuf {
    kind: TagKind,
    name: LocalName,
    self_closing: bool,
    attrs: Vec<Attribute>,
    had_duplicate_attributes: bool,
}

impl<S: TokenSink> Tokenizer<'_, S> {
    /// Send a token whose answer can only be "continue" (all but start tags).
    fn emit(&self, token: Token) {
        let _ = self.sink.process_token(token, 0);
    }

    /// Text `start..end` of the input as characters (the data and raw states).
    fn chars(&self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        if self.text == Text::Data {
            // NUL is its own token in the data state; elsewhere it is U+FFFD.
            let mut at = start;
            while let Some(off) = memchr::memchr(0, &self.b[at..end]) {
                let nul = at + off;
                if nul > at {
                    self.emit(Token::CharacterTokens(self.sub(at, nul)));
                }
                self.emit(Token::NullCharacterToken);
                at = nul + 1;
            }
            if at < end {
                self.emit(Token::CharacterTokens(self.sub(at, end)));
            }
        } else {
            self.emit(Token::CharacterTokens(self.text_of(start, end)));
        }
    }

    fn sub(&self, start: usize, end: usize) -> StrTendril {
        if start == end {
            return StrTendril::new();
        }
        self.src.subtendril(start as u32, (end - start) as u32)
    }

    /// `start..end` with NUL replaced by U+FFFD.
    fn text_of(&self, start: usize, end: usize) -> StrTendril {
        let slice = &self.s[start..end];
        if memchr::memchr(0, slice.as_bytes()).is_none() {
            self.sub(start, end)
        } else {
            StrTendril::from_slice(&slice.replace('\0', "\u{fffd}"))
        }
    }

    fn run(&mut self) {
        while self.pos < self.b.len() {
            match self.text {
                Text::Data => self.data(),
                Text::Rcdata => self.raw(true),
                Text::Rawtext => self.raw(false),
                Text::Script => self.script(),
                Text::Plaintext => {
                    self.chars(self.pos, self.b.len());
                    self.pos = self.b.len();
                }
            }
        }
    }

    /// The data state: text and character references up to a `<`, then markup.
    fn data(&mut self) {
        let start = self.pos;
        match memchr::memchr2(b'<', b'&', &self.b[start..]) {
            None => {
                self.chars(start, self.b.len());
                self.pos = self.b.len();
            }
            Some(off) => {
                let at = start + off;
                self.chars(start, at);
                self.pos = at;
                if self.b[at] == b'&' {
                    self.char_ref_in_text();
                } else {
                    self.tag_open();
                }
            }
        }
    }

    /// At `&` in text (data or RCDATA).
    fn char_ref_in_text(&mut self) {
        let mut out = [0u8; 8];
        match char_ref(self.s, self.pos + 1, false) {
            Some((chars, end)) => {
                let mut s = String::new();
                for c in chars.into_iter().flatten() {
                    s.push_str(c.encode_utf8(&mut out));
                }
                self.emit(Token::CharacterTokens(StrTendril::from_slice(&s)));
                self.pos = end;
            }
            None => {
                self.emit(Token::CharacterTokens(StrTendril::from_slice("&")));
                self.pos += 1;
            }
        }
    }
}

/// Named references looked for before the table, with their characters.
const COMMON_REFERENCES: [(&[u8], char); 5] = [
    (b"amp;", '&'),
    (b"quot;", '"'),
    (b"nbsp;", '\u{a0}'),
    (b"lt;", '<'),
    (b"gt;", '>'),
];

/// A character reference in `s` starting at `at` (after the `&`): its characters and where
/// it ends, or `None` when it is no reference and the `&` stands for itself.
fn char_ref(s: &str, at: usize, in_attribute: bool) -> Option<([Option<char>; 2], usize)> {
    {
        let b = s.as_bytes();
        match b.get(at) {
            Some(b'#') => {
                let mut i = at + 1;
                let hex = matches!(b.get(i), Some(b'x' | b'X'));
                if hex {
                    i += 1;
                }
                let digits = i;
                let mut num: u32 = 0;
                let mut too_big = false;
                while let Some(d) = b
                    .get(i)
                    .and_then(|&c| (c as char).to_digit(if hex { 16 } else { 10 }))
                {
                    num = num.wrapping_mul(if hex { 16 } else { 10 });
                    if num > 0x10FFFF {
                        too_big = true;
                    }
                    num = num.wrapping_add(d);
                    i += 1;
                }
                if i == digits {
                    return None;
                }
                if b.get(i) == Some(&b';') {
                    i += 1;
                }
                Some(([Some(numeric_char(num, too_big)), None], i))
            }
            Some(c) if c.is_ascii_alphanumeric() => {
                // The references most pages write (`&amp;` in every other link) are answered
                // without the table, whose walk hashes each prefix: a name ending in `;`
                // is the longest match, as no name in the table continues past a `;`.
                for (name, c) in COMMON_REFERENCES {
                    if b[at..].starts_with(name) {
                        return Some(([Some(c), None], at + name.len()));
                    }
                }
                // The longest name in the table that the input starts with; the table holds
                // every prefix of every name (value 0 for a prefix alone), so the walk stops
                // at the first prefix it lacks.
                let mut best = None;
                let mut i = at;
                while i < b.len() {
                    // Names are ASCII; a non-ASCII byte ends every match.
                    if !b[i].is_ascii() {
                        break;
                    }
                    match NAMED_ENTITIES.get(&s[at..=i]) {
                        Some(&(c1, c2)) => {
                            if c1 != 0 {
                                best = Some((c1, c2, i + 1));
                            }
                            i += 1;
                        }
                        None => break,
                    }
                }
                let (c1, c2, end) = best?;
                let last = b[end - 1];
                if in_attribute
                    && last != b';'
                    && b.get(end)
                        .is_some_and(|&n| n == b'=' || n.is_ascii_alphanumeric())
                {
                    return None;
                }
                let c2 = (c2 != 0).then(|| char::from_u32(c2)).flatten();
                Some(([char::from_u32(c1), c2], end))
            }
            _ => None,
        }
    }
}

impl<S: TokenSink> Tokenizer<'_, S> {
    /// At `<` in the data state.
    fn tag_open(&mut self) {
        let at = self.pos;
        match self.b.get(at + 1) {
            Some(b'!') => self.markup_declaration(at + 2),
            Some(b'/') => match self.b.get(at + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(TagKind::EndTag, at + 2),
                Some(b'>') => self.pos = at + 3,
                Some(_) => self.bogus_comment(at + 2),
                None => {
                    self.chars(at, at + 2);
                    self.pos = at + 2;
                }
            },
            Some(c) if c.is_ascii_alphabetic() => self.tag(TagKind::StartTag, at + 1),
            Some(b'?') => self.bogus_comment(at + 1),
            _ => {
                self.chars(at, at + 1);
                self.pos = at + 1;
            }
        }
    }

    /// From `at`, the bogus comment state: up to the next `>`.
    fn bogus_comment(&mut self, at: usize) {
        let end = memchr::memchr(b'>', &self.b[at..]).map_or(self.b.len(), |o| at + o);
        self.emit(Token::CommentToken(self.text_of(at, end)));
        self.pos = (end + 1).min(self.b.len());
    }

    /// After `<!`.
    fn markup_declaration(&mut self, at: usize) {
        let rest = &self.b[at..];
        if rest.starts_with(b"--") {
            self.comment(at + 2);
        } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            self.doctype(at + 7);
        } else if self
            .sink
            .adjusted_current_node_present_but_not_in_html_namespace()
            && rest.starts_with(b"[CDATA[")
        {
            let from = at + 7;
            let end = memchr::memmem::find(&self.b[from..], b"]]>").map(|o| from + o);
            let stop = end.unwrap_or(self.b.len());
            // The CDATA section states: NUL is its own token, and html5ever's tokenizer
            // hands on the text before each NUL and at the end even when empty (the tree
            // builder then appends an empty text node in foreign content): so do we.
            let mut at = from;
            while let Some(off) = memchr::memchr(0, &self.b[at..stop]) {
                self.emit(Token::CharacterTokens(self.sub(at, at + off)));
                self.emit(Token::NullCharacterToken);
                at += off + 1;
            }
            self.emit(Token::CharacterTokens(self.sub(at, stop)));
            self.pos = end.map_or(self.b.len(), |e| e + 3);
        } else {
            self.bogus_comment(at);
        }
    }

    /// After `<!--`: the comment states. Only where the comment ends changes the tree.
    fn comment(&mut self, at: usize) {
        let rest = &self.b[at..];
        // `<!-->` and `<!--->` are empty comments (abrupt closing).
        if rest.first() == Some(&b'>') {
            self.emit(Token::CommentToken(StrTendril::new()));
            self.pos = at + 1;
            return;
        }
        if rest.starts_with(b"->") {
            self.emit(Token::CommentToken(StrTendril::new()));
            self.pos = at + 2;
            return;
        }
        // Otherwise the first `-->` or `--!>` ends it (the comment end and comment end
        // bang states), or the end of the input.
        let mut i = at;
        let (end, after) = loop {
            match memchr::memmem::find(&self.b[i..], b"--") {
                None => break (at + eof_comment_end(&self.b[at..]), self.b.len()),
                Some(o) => {
                    let d = i + o;
                    let mut j = d + 2;
                    // More dashes stay in the comment end state.
                    while self.b.get(j) == Some(&b'-') {
                        j += 1;
                    }
                    match self.b.get(j) {
                        Some(b'>') => break (j - 2, j + 1),
                        Some(b'!') if self.b.get(j + 1) == Some(&b'>') => break (j - 2, j + 2),
                        None => break (at + eof_comment_end(&self.b[at..]), self.b.len()),
                        Some(b'!') if j + 1 == self.b.len() => break (j - 2, self.b.len()),
                        _ => i = j.max(d + 1),
                    }
                }
            }
        };
        self.emit(Token::CommentToken(self.text_of(at, end.max(at))));
        self.pos = after;
    }

    /// After `<!DOCTYPE`: the DOCTYPE states.
    fn doctype(&mut self, at: usize) {
        let b = self.b;
        let mut d = Doctype::default();
        let mut i = at;
        // DOCTYPE and before DOCTYPE name states.
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        match b.get(i) {
            None => {
                return self.doctype_done(d, true, i);
            }
            Some(b'>') => {
                return self.doctype_done(d, true, i + 1);
            }
            _ => {}
        }
        // DOCTYPE name state.
        let start = i;
        while i < b.len() && !is_ws(b[i]) && b[i] != b'>' {
            i += 1;
        }
        d.name = Some(StrTendril::from_slice(
            &self.s[start..i]
                .to_ascii_lowercase()
                .replace('\0', "\u{fffd}"),
        ));
        if i >= b.len() {
            return self.doctype_done(d, true, i);
        }
        if b[i] == b'>' {
            return self.doctype_done(d, false, i + 1);
        }
        // After DOCTYPE name state.
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return self.doctype_done(d, true, i);
        }
        if b[i] == b'>' {
            return self.doctype_done(d, false, i + 1);
        }
        let kw = &b[i..];
        let public = kw.len() >= 6 && kw[..6].eq_ignore_ascii_case(b"public");
        let system = kw.len() >= 6 && kw[..6].eq_ignore_ascii_case(b"system");
        if !public && !system {
            d.force_quirks = true;
            return self.bogus_doctype(d, i);
        }
        self.doctype_ids(d, i + 6, public);
    }

    /// After the PUBLIC or SYSTEM keyword.
    fn doctype_ids(&mut self, mut d: Doctype, mut i: usize, public: bool) {
        let b = self.b;
        // After DOCTYPE keyword and before DOCTYPE identifier states.
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        let mut is_public = public;
        loop {
            match b.get(i) {
                None => {
                    return self.doctype_done(d, true, b.len());
                }
                Some(&q @ (b'"' | b'\'')) => {
                    let from = i + 1;
                    // The identifier ends at its quote, or abruptly at `>`.
                    let stop = memchr::memchr2(q, b'>', &b[from..]).map_or(b.len(), |o| from + o);
                    let id = Some(StrTendril::from_slice(
                        &self.s[from..stop].replace('\0', "\u{fffd}"),
                    ));
                    if is_public {
                        d.public_id = id;
                    } else {
                        d.system_id = id;
                    }
                    if stop >= b.len() || b[stop] == b'>' {
                        return self.doctype_done(d, true, (stop + 1).min(b.len()));
                    }
                    i = stop + 1;
                    // After DOCTYPE identifier (and between the two identifiers).
                    while i < b.len() && is_ws(b[i]) {
                        i += 1;
                    }
                    match b.get(i) {
                        None => {
                            return self.doctype_done(d, true, b.len());
                        }
                        Some(b'>') => {
                            return self.doctype_done(d, false, i + 1);
                        }
                        Some(b'"' | b'\'') if is_public => {
                            is_public = false;
                            continue;
                        }
                        Some(_) => {
                            // After a system identifier, junk goes to the bogus DOCTYPE
                            // state without forcing quirks; after a public one it forces.
                            if is_public {
                                d.force_quirks = true;
                            }
                            return self.bogus_doctype(d, i);
                        }
                    }
                }
                Some(b'>') => {
                    return self.doctype_done(d, true, i + 1);
                }
                Some(_) => {
                    d.force_quirks = true;
                    return self.bogus_doctype(d, i);
                }
            }
        }
    }

    /// Emit the DOCTYPE (forcing quirks mode if `quirks`) and go on at `next`.
    fn doctype_done(&mut self, mut d: Doctype, quirks: bool, next: usize) {
        d.force_quirks |= quirks;
        self.emit(Token::DoctypeToken(d));
        self.pos = next.min(self.b.len());
    }

    fn bogus_doctype(&mut self, d: Doctype, i: usize) {
        let end = memchr::memchr(b'>', &self.b[i..]).map_or(self.b.len(), |o| i + o + 1);
        self.emit(Token::DoctypeToken(d));
        self.pos = end;
    }

    /// A tag whose name starts at `at`; emits it (or drops it at the end of input).
    fn tag(&mut self, kind: TagKind, at: usize) {
        let b = self.b;
        let mut i = at;
        while i < b.len() && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        self.tag_from(kind, at, i);
    }

    /// The tag whose name is `start..end`: its attributes, then emitted (or dropped at the
    /// end of input, as the tag states drop an unfinished tag).
    fn tag_from(&mut self, kind: TagKind, start: usize, end: usize) {
        let mut tag = TagBuf {
            kind,
            name: self.name(start, end),
            self_closing: false,
            attrs: Vec::new(),
            had_duplicate_attributes: false,
        };
        match self.attributes(&mut tag, end) {
            Some(after) => {
                self.pos = after;
                self.emit_tag(tag);
            }
            None => self.pos = self.b.len(),
        }
    }

    /// A tag or attribute name from `start..end`: ASCII lower-cased, NUL as U+FFFD.
    fn name(&self, start: usize, end: usize) -> LocalName {
        let raw = &self.s[start..end];
        if raw.bytes().any(|c| c.is_ascii_uppercase() || c == 0) {
            LocalName::from(&*raw.to_ascii_lowercase().replace('\0', "\u{fffd}"))
        } else {
            LocalName::from(raw)
        }
    }

    /// The attribute states, from `i` (just after the tag name) to the tag's `>`: returns
    /// the position after it, or `None` when the input ends inside the tag.
    ///
    /// Past [`MAX_ATTRIBUTES`] attributes (duplicates included) the rest are read through
    /// to the tag's end but not made: the duplicate check compares each name with the
    /// tag's earlier ones, so a million attributes were quadratic.
    fn attributes(&self, tag: &mut TagBuf, mut i: usize) -> Option<usize> {
        let b = self.b;
        let mut seen = 0usize;
        loop {
            // Before attribute name.
            while i < b.len() && is_ws(b[i]) {
                i += 1;
            }
            match *b.get(i)? {
                b'>' => return Some(i + 1),
                b'/' => {
                    // Self-closing start tag state.
                    match *b.get(i + 1)? {
                        b'>' => {
                            tag.self_closing = true;
                            return Some(i + 2);
                        }
                        _ => {
                            i += 1;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            // Attribute name: its first character may be `=`.
            let start = i;
            i += 1;
            while i < b.len() && !is_ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            seen += 1;
            let keep = seen <= MAX_ATTRIBUTES;
            let name = keep.then(|| self.name(start, i));
            // After attribute name.
            while i < b.len() && is_ws(b[i]) {
                i += 1;
            }
            let value = if b.get(i) == Some(&b'=') {
                i += 1;
                // Before attribute value.
                while i < b.len() && is_ws(b[i]) {
                    i += 1;
                }
                match *b.get(i)? {
                    q @ (b'"' | b'\'') => {
                        let from = i + 1;
                        let stop = memchr::memchr(q, &b[from..])? + from;
                        i = stop + 1;
                        // After attribute value (quoted): anything but whitespace, `/` or
                        // `>` starts the next attribute at once.
                        keep.then(|| self.value(from, stop))
                    }
                    b'>' => None,
                    _ => {
                        let from = i;
                        while i < b.len() && !is_ws(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        if i >= b.len() {
                            return None;
                        }
                        keep.then(|| self.value(from, i))
                    }
                }
            } else {
                None
            };
            let Some(name) = name else { continue };
            let value = value.unwrap_or_default();
            if tag.attrs.iter().any(|a| a.name.local == name) {
                tag.had_duplicate_attributes = true;
            } else {
                tag.attrs.push(Attribute {
                    name: QualName::new(None, ns!(), name),
                    value,
                });
            }
        }
    }

    /// An attribute value from `start..end`, character references decoded.
    fn value(&self, start: usize, end: usize) -> StrTendril {
        let slice = &self.b[start..end];
        if memchr::memchr2(b'&', 0, slice).is_none() {
            return self.sub(start, end);
        }
        let mut out = String::with_capacity(end - start);
        let mut i = start;
        while i < end {
            match memchr::memchr2(b'&', 0, &self.b[i..end]) {
                None => {
                    out.push_str(&self.s[i..end]);
                    break;
                }
                Some(o) => {
                    let at = i + o;
                    out.push_str(&self.s[i..at]);
                    if self.b[at] == 0 {
                        out.push('\u{fffd}');
                        i = at + 1;
                        continue;
                    }
                    // A reference cannot run past the value's end: look it up in the value
                    // alone.
                    match char_ref(&self.s[..end], at + 1, true) {
                        Some((chars, e)) => {
                            out.extend(chars.into_iter().flatten());
                            i = e;
                        }
                        None => {
                            out.push('&');
                            i = at + 1;
                        }
                    }
                }
            }
        }
        StrTendril::from_slice(&out)
    }

    fn emit_tag(&mut self, tag: TagBuf) {
        if tag.kind == TagKind::StartTag {
            self.last_start = Some(tag.name.clone());
        }
        let token = Token::TagToken(Tag {
            kind: tag.kind,
            name: tag.name,
            self_closing: tag.self_closing,
            attrs: tag.attrs,
            had_duplicate_attributes: tag.had_duplicate_attributes,
        });
        match self.sink.process_token(token, 0) {
            TokenSinkResult::RawData(RawKind::Rcdata) => self.text = Text::Rcdata,
            TokenSinkResult::RawData(RawKind::Rawtext) => self.text = Text::Rawtext,
            TokenSinkResult::RawData(RawKind::ScriptData) => self.text = Text::Script,
            TokenSinkResult::RawData(RawKind::ScriptDataEscaped(_)) => self.text = Text::Script,
            TokenSinkResult::Plaintext => self.text = Text::Plaintext,
            // A script ends with the data state; `<meta charset>` changes nothing here,
            // the text is already decoded.
            TokenSinkResult::Script(_) => self.text = Text::Data,
            TokenSinkResult::Continue | TokenSinkResult::EncodingIndicator(_) => {}
        }
    }

    /// Is there an appropriate end tag at `at` (a `<`): `</` the last start tag's name,
    /// then whitespace, `/` or `>`? Returns where the name ends.
    fn appropriate_end(&self, at: usize) -> Option<usize> {
        let b = self.b;
        if b.get(at + 1) != Some(&b'/') {
            return None;
        }
        let name = self.last_start.as_ref()?;
        let from = at + 2;
        let to = from + name.len();
        if to > b.len() || !b[from..to].eq_ignore_ascii_case(name.as_bytes()) {
            return None;
        }
        match b.get(to) {
            Some(&c) if is_ws(c) || c == b'/' || c == b'>' => Some(to),
            _ => None,
        }
    }

    /// At a `<` in raw text that began at `run`: when it opens an appropriate end tag,
    /// hand on the text before it, leave the raw state and emit the end tag.
    fn close_raw(&mut self, run: usize, at: usize) -> bool {
        let Some(name_end) = self.appropriate_end(at) else {
            return false;
        };
        self.chars(run, at);
        self.text = Text::Data;
        self.tag_from(TagKind::EndTag, at + 2, name_end);
        true
    }

    /// RCDATA (with character references) or RAWTEXT, up to an appropriate end tag.
    fn raw(&mut self, refs: bool) {
        let mut i = self.pos;
        let mut run = i;
        loop {
            let found = if refs {
                memchr::memchr2(b'<', b'&', &self.b[i..])
            } else {
                memchr::memchr(b'<', &self.b[i..])
            };
            let Some(o) = found else {
                self.chars(run, self.b.len());
                self.pos = self.b.len();
                return;
            };
            let at = i + o;
            if self.b[at] == b'&' {
                self.chars(run, at);
                self.pos = at;
                self.char_ref_in_text();
                i = self.pos;
                run = i;
                continue;
            }
            if self.close_raw(run, at) {
                return;
            }
            i = at + 1;
        }
    }

    /// Script data, with its escaped (`<!--`) and double-escaped (`<!--<script>`) states:
    /// only an appropriate `</script` outside the double-escaped state ends it.
    fn script(&mut self) {
        #[derive(PartialEq)]
        enum S {
            Normal,
            Escaped,
            Double,
        }
        let b = self.b;
        let start = self.pos;
        let mut i = start;
        let mut s = S::Normal;
        loop {
            let found = match s {
                S::Normal => memchr::memchr(b'<', &b[i..]),
                _ => memchr::memchr2(b'<', b'-', &b[i..]),
            };
            let Some(o) = found else {
                self.chars(start, b.len());
                self.pos = b.len();
                return;
            };
            let at = i + o;
            if b[at] == b'-' {
                // In the escaped states, `-->` goes back to script data.
                let mut j = at;
                while b.get(j) == Some(&b'-') {
                    j += 1;
                }
                if j - at >= 2 && b.get(j) == Some(&b'>') {
                    s = S::Normal;
                    i = j + 1;
                } else {
                    i = j;
                }
                continue;
            }
            match s {
                S::Normal => {
                    if b[at + 1..].starts_with(b"!--") {
                        // Script data escape start: the dashes of `<!--` may also be the
                        // first two of a `-->` that ends the escape at once.
                        s = S::Escaped;
                        i = at + 2;
                        continue;
                    }
                    if self.close_raw(start, at) {
                        return;
                    }
                    i = at + 1;
                }
                S::Escaped => {
                    if self.close_raw(start, at) {
                        return;
                    }
                    if starts_script_word(&b[at + 1..]) {
                        s = S::Double;
                        i = at + 7;
                    } else {
                        i = at + 1;
                    }
                }
                S::Double => {
                    if b.get(at + 1) == Some(&b'/') && starts_script_word(&b[at + 2..]) {
                        s = S::Escaped;
                        i = at + 8;
                    } else {
                        i = at + 1;
                    }
                }
            }
        }
    }
}

/// Where the text of a comment that runs to the end of the input ends: the dashes of a
/// comment end (dash) state still pending at the end are not its text.
fn eof_comment_end(text: &[u8]) -> usize {
    let mut end = text.len();
    for _ in 0..2 {
        if end > 0 && text[end - 1] == b'-' {
            end -= 1;
        }
    }
    end
}

/// `script` (any case) followed by whitespace, `/` or `>`: the double-escape start and end.
fn starts_script_word(b: &[u8]) -> bool {
    b.len() > 6
        && b[..6].eq_ignore_ascii_case(b"script")
        && (is_ws(b[6]) || b[6] == b'/' || b[6] == b'>')
}

/// The character a numeric reference stands for, with the spec's replacements.
fn numeric_char(num: u32, too_big: bool) -> char {
    match num {
        _ if too_big || num > 0x10FFFF => '\u{fffd}',
        0 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(num - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(num).unwrap_or('\u{fffd}')),
        n => char::from_u32(n).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::newlines;

    #[test]
    fn newlines_is_the_two_replaces_in_one_pass() {
        // Every string of up to 7 characters over CR, LF, 'a' and 'é'.
        let alphabet = ['\r', '\n', 'a', 'é'];
        let mut strings = vec![String::new()];
        let mut last = strings.clone();
        for _ in 0..7 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(last.iter().cloned());
        }
        assert_eq!(strings.len(), (0..=7).map(|n| 4usize.pow(n)).sum::<usize>());
        for s in &strings {
            assert_eq!(
                newlines(s),
                s.replace("\r\n", "\n").replace('\r', "\n"),
                "{s:?}"
            );
        }
    }
}
