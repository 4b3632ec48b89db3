//! chaff's tokenizer against html5ever's, token for token, on generated HTML: the pieces
//! where the two could part (the raw-text states, comments, DOCTYPEs, character references,
//! NUL, CR, CDATA) thrown together at random.

use chaff::segment::tokenizer::tokenize;
use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::{Cell, RefCell};

/// Records tokens (adjacent characters merged, parse errors dropped) and switches the
/// tokenizer's state after the start tags the tree builder switches it for; CDATA is a
/// section inside `<svg>` and `<math>`, as in foreign content.
#[derive(Default)]
struct Recorder {
    tokens: RefCell<Vec<Token>>,
    foreign: Cell<i32>,
}

impl TokenSink for Recorder {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut tokens = self.tokens.borrow_mut();
        let mut result = TokenSinkResult::Continue;
        match token {
            Token::ParseError(_) => return result,
            Token::CharacterTokens(t) => {
                if let Some(Token::CharacterTokens(last)) = tokens.last_mut() {
                    last.push_tendril(&t);
                    return result;
                }
                tokens.push(Token::CharacterTokens(t));
                return result;
            }
            Token::TagToken(ref tag) => {
                let name = &*tag.name;
                let foreign = matches!(name, "svg" | "math");
                match tag.kind {
                    TagKind::StartTag => {
                        if foreign {
                            self.foreign.set(self.foreign.get() + 1);
                        }
                        result = match name {
                            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                                TokenSinkResult::RawData(RawKind::Rawtext)
                            }
                            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                            "plaintext" => TokenSinkResult::Plaintext,
                            _ => TokenSinkResult::Continue,
                        };
                    }
                    TagKind::EndTag if foreign => self.foreign.set(self.foreign.get() - 1),
                    TagKind::EndTag => {}
                }
            }
            _ => {}
        }
        tokens.push(token);
        result
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
    }
}

fn ours(html: &str) -> Vec<Token> {
    let sink = Recorder::default();
    tokenize(html, &sink);
    sink.tokens.into_inner()
}

fn theirs(html: &str) -> Vec<Token> {
    let tokenizer = Tokenizer::new(Recorder::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while tokenizer.feed(&input) != TokenizerResult::Done {}
    tokenizer.end();
    tokenizer.sink.tokens.into_inner()
}

/// Pieces of markup, each a place where tokenizers disagree when one is wrong.
const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "/",
    "!",
    "?",
    "-",
    "--",
    "=",
    "\"",
    "'",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x0C",
    "\0",
    "a",
    "B",
    "x",
    "é",
    "日本",
    "div",
    "p",
    "DIV",
    "script",
    "SCRIPT",
    "style",
    "title",
    "textarea",
    "plaintext",
    "xmp",
    "noscript",
    "svg",
    "math",
    "<div",
    "<p>",
    "</p>",
    "<a href=",
    "<img src=x alt='",
    "<br/>",
    "</div>",
    "<script>",
    "</script>",
    "</script ",
    "<style>",
    "</style>",
    "<title>",
    "</title>",
    "<textarea>",
    "</textarea>",
    "<svg>",
    "</svg>",
    "<math>",
    "<![CDATA[",
    "]]>",
    "]",
    "]]",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<!--->",
    "<!-",
    "<!---",
    "<!DOCTYPE",
    "<!doctype html>",
    " PUBLIC ",
    " SYSTEM ",
    "\"-//W3C//DTD HTML 4.01//EN\"",
    "'about:legacy-compat'",
    "html",
    "<?xml",
    "&",
    "&amp;",
    "&amp",
    "&AMP;",
    "&notin;",
    "&noti",
    "&not",
    "&notit;",
    "&lt",
    "&lt;",
    "&gt;x",
    "&quot;",
    "&quot",
    "&nbsp;",
    "&nbsp",
    "&#",
    "&#x",
    "&#65;",
    "&#x41;",
    "&#X4a",
    "&#128;",
    "&#x9F;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&#99999999999;",
    "&#65",
    "&xyz;",
    "&;",
    "&a",
    "&Aacute",
    "&aacute;=",
    "x=1",
    "y='2'",
    "z=\"3\"",
    "=4",
    "class=a class=b",
    "<scriPt>",
    "<!--<script>",
    "</SCRIPT>",
    "<a",
];

/// A small, seeded generator (xorshift), so a failure names a reproducible case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn same_tokens_as_html5ever_on_generated_html() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut differ = Vec::new();
    for case in 0..30_000 {
        let pieces = 1 + rng.below(40);
        let html: String = (0..pieces)
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        let (a, b) = (ours(&html), theirs(&html));
        if a != b {
            differ.push(format!(
                "case {case}: {html:?}\n ours:   {a:?}\n theirs: {b:?}"
            ));
        }
    }
    // The shortest few cases that differ, to read.
    differ.sort_by_key(String::len);
    let n = differ.len();
    differ.truncate(4);
    assert!(n == 0, "{n} of 30,000 differ:\n{}", differ.join("\n"));
}

#[test]
fn same_tokens_as_html5ever_on_a_page() {
    let html = "<!DOCTYPE html><html><head><title>A &amp; B</title>\
        <script>if (a < b && c) { x = '<!--<script>'; }</script>\
        <style>p > a { color: red }</style></head>\
        <body class=\"x\" data-y='1' z=2 disabled><p>One &copy 2024 &#8212; two<br/>\
        <textarea>a <b> &lt;</textarea><svg><![CDATA[x < y]]></svg>\
        <!-- a -- comment --></p></body></html>";
    assert_eq!(ours(html), theirs(html));
}
