//! The tokenizing alone, chaff's tokenizer or html5ever's, into a sink that drops every
//! token: run it under callgrind to count the instructions each spends on the same pages.
//!
//!     valgrind --tool=callgrind target/release/examples/tokenize_cost ours PAGES...
//!     valgrind --tool=callgrind target/release/examples/tokenize_cost html5ever PAGES...

use anyhow::Context;
use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer};

/// Drops tokens; counts them so that neither tokenizer's work can be optimised away.
#[derive(Default)]
struct Drop(std::cell::Cell<usize>);

impl TokenSink for Drop {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.0.set(self.0.get() + 1);
        std::hint::black_box(token);
        TokenSinkResult::Continue
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let which = args.next().context("ours or html5ever, then pages")?;
    let mut pages = Vec::new();
    for path in args {
        let raw = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
        let bytes = chaff::decode::gunzip_if_gzip(&raw)?;
        pages.push(chaff::decode::decode(&bytes)?.to_string());
    }
    let mut tokens = 0;
    for html in &pages {
        let sink = Drop::default();
        match which.as_str() {
            "ours" => {
                chaff::segment::tokenizer::tokenize(html, &sink);
                tokens += sink.0.get();
            }
            "html5ever" => {
                let t = Tokenizer::new(sink, Default::default());
                let input = BufferQueue::default();
                input.push_back(StrTendril::from_slice(html));
                while t.feed(&input) != TokenizerResult::Done {}
                t.end();
                tokens += t.sink.0.get();
            }
            other => anyhow::bail!("{other}: expected ours or html5ever"),
        }
    }
    println!("{} pages, {tokens} tokens", pages.len());
    Ok(())
}
