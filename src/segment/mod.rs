//! HTML → `Page`, in one walk over the document tree.
//!
//! Blocks are cut the way boilerpipe cuts them: text accumulates across inline elements
//! (`a`, `span`, `b`...) and a block ends at every block-level element boundary. The walk is
//! iterative, so a page nested ten thousand deep cannot overflow the stack. Head facts
//! (title, meta, JSON-LD, canonical) are gathered in the same walk so that later stages never
//! parse the page again. The tree itself is [`tree`]: html5ever into a flat arena.

pub mod tokenizer;
pub mod tree;

use crate::page::{Block, Container, Page, TagPath, count_words};
use foldhash::HashMap;
use html5ever::{LocalName, local_name};
use std::sync::Arc;
pub use tree::Element;
use tree::{Data, Document, Edge};

/// Which text of a page is article body, as an annotated sample marks it: called for every
/// element on the walk; `Some(label)` marks the text below that element (the innermost
/// marking wins). Importers of labelled datasets supply this; plain extraction passes none.
pub type Annotator<'a> = &'a dyn Fn(&Element) -> Option<bool>;

/// Segment an HTML document into blocks.
pub fn segment(html: &str) -> Page {
    segment_annotated(html, None)
}

/// Segment, and set `Block::gold` from an annotator: a block is body when most of its
/// characters sit under elements the annotator marks `Some(true)`.
pub fn segment_annotated(html: &str, annotator: Option<Annotator>) -> Page {
    let page = walk(html, annotator);
    // Some sites (Discourse forums, some SPAs) serve their whole text to crawlers inside
    // `<noscript>`, which a scripting browser, and html5ever, treat as raw text. When the
    // visible page is nearly empty, read it again with the noscript wrappers removed.
    if page.words() < NOSCRIPT_FALLBACK_WORDS && contains_ignore_case(html, "<noscript") {
        let unwrapped = strip_noscript_tags(html);
        let second = walk(&unwrapped, annotator);
        if second.words() > page.words() {
            return second;
        }
    }
    page
}

/// Below this many words, a page is worth a second look inside its `<noscript>`.
const NOSCRIPT_FALLBACK_WORDS: usize = 50;

fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Remove `<noscript ...>` and `</noscript>` tags, keeping what they wrap.
fn strip_noscript_tags(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while let Some(off) = lower[i..].find("noscript") {
        let at = i + off;
        let tag_start = if lower[..at].ends_with("</") {
            at - 2
        } else if lower[..at].ends_with('<') {
            at - 1
        } else {
            out.push_str(&html[i..at + 8]);
            i = at + 8;
            continue;
        };
        out.push_str(&html[i..tag_start]);
        i = lower[at..].find('>').map_or(html.len(), |e| at + e + 1);
    }
    out.push_str(&html[i..]);
    out
}

fn walk(html: &str, annotator: Option<Annotator>) -> Page {
    let doc = Document::parse(html);
    let mut w = Walker {
        annotator,
        page: Page::default(),
        stack: Vec::new(),
        buf: Buffer::default(),
        skip_depth: None,
        in_title: false,
        in_ld_json: false,
        time_text: None,
        prop_text: None,
        last_heading: None,
        offset: 0,
        interned: Interned::default(),
        open_tokens: OpenTokens::default(),
    };
    doc.walk(|edge| match edge {
        Edge::Open(node) => w.open(node),
        Edge::Close(node) => w.close(node),
    });
    w.flush();
    // The title arrives in pieces with the source's line breaks; the page model promises it
    // collapsed, like every other text in it, so no reader has to tidy it again.
    if let Some(t) = &mut w.page.title {
        *t = collapse(t);
    }
    w.page
}

/// Strings every block of a page repeats, made once per page: tag names, and the tokens of
/// each distinct class value (the same few classes recur on hundreds of elements). The maps
/// hash with foldhash, seeded per process: SipHash was a twentieth of extraction time, and
/// the keys come from the page, so they must not be predictable.
#[derive(Default)]
struct Interned {
    tags: HashMap<LocalName, Arc<str>>,
    classes: HashMap<Box<str>, Arc<[Arc<str>]>>,
    tokens: HashMap<Box<str>, Arc<str>>,
}

impl Interned {
    fn tag(&mut self, name: &LocalName) -> Arc<str> {
        self.tags
            .entry(name.clone())
            .or_insert_with(|| Arc::from(&**name))
            .clone()
    }

    fn token(&mut self, t: &str) -> Arc<str> {
        if let Some(a) = self.tokens.get(t) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(t);
        self.tokens.insert(t.into(), a.clone());
        a
    }

    /// Tokens of one `class` value, as [`tokens_of`] gives them, made once per distinct value.
    fn class_tokens(&mut self, value: &str) -> Arc<[Arc<str>]> {
        if let Some(t) = self.classes.get(value) {
            return t.clone();
        }
        let t = self.tokens_of(value);
        self.classes.insert(value.into(), t.clone());
        t
    }

    /// Tokens of one attribute value, as [`tokens_of`] gives them, interned as they are
    /// found. An ASCII word (most are) is cut by bytes into a reused buffer, with no string
    /// made for a token seen before; others take [`tokens_of`]. [`tokens_of`] keeps each
    /// token's first appearance, and so does this, word by word.
    fn tokens_of(&mut self, value: &str) -> Arc<[Arc<str>]> {
        let mut all: Vec<Arc<str>> = Vec::new();
        let push = |all: &mut Vec<Arc<str>>, t: Arc<str>| {
            if !all.iter().any(|x| Arc::ptr_eq(x, &t)) {
                all.push(t);
            }
        };
        let mut buf = String::new();
        for word in value.split_whitespace() {
            if !word.is_ascii() {
                let mut own = Vec::new();
                tokens_of(word, &mut own);
                for t in &own {
                    let t = self.token(t);
                    push(&mut all, t);
                }
                continue;
            }
            let b = word.as_bytes();
            buf.clear();
            buf.push_str(word);
            buf.make_ascii_lowercase();
            let lower = self.token(&buf);
            push(&mut all, lower);
            // Parts: runs of letters and digits, cut before an upper-case letter that
            // follows a lower-case one.
            let mut start = None;
            for (i, &c) in b.iter().enumerate() {
                let alnum = c.is_ascii_alphanumeric();
                let boundary =
                    !alnum || (c.is_ascii_uppercase() && i > 0 && b[i - 1].is_ascii_lowercase());
                if boundary && let Some(s) = start.take() {
                    let t = self.token(&buf[s..i]);
                    push(&mut all, t);
                }
                if alnum && start.is_none() {
                    start = Some(i);
                }
            }
            if let Some(s) = start {
                let t = self.token(&buf[s..]);
                push(&mut all, t);
            }
        }
        all.into()
    }
}

/// Elements whose boundaries end a block.
fn is_block_level(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "option"
    )
}

/// Elements whose content is never page text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "textarea"
            | "head"
            | "video"
            | "audio"
    )
}

/// A visible `<textarea>` a reader can type in (not `readonly` or `disabled`, which pages
/// use to show code or a licence): the box of a reply or comment form. Called outside
/// hidden and skipped elements only.
fn is_reply_form(el: &Element) -> bool {
    el.name() == "textarea"
        && !is_hidden(el)
        && el.attr("readonly").is_none()
        && el.attr("disabled").is_none()
}

/// Hidden by markup: `hidden`, `aria-hidden`-free inline styles that hide. (We do not run
/// CSS, so classes like `.hidden` are left to the model's class-token features.)
fn is_hidden(el: &Element) -> bool {
    // React's streaming server rendering parks finished content in `<div hidden id="S:0">`
    // and reveals it with a script: hidden in the markup, the article to the reader.
    if el.attr_named(&local_name!("hidden")).is_some()
        && !el.id().is_some_and(|id| id.starts_with("S:"))
    {
        return true;
    }
    if el
        .attr_named(&local_name!("type"))
        .is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
    {
        return true;
    }
    el.attr_named(&local_name!("style")).is_some_and(|s| {
        contains_squeezed(s, "display:none") || contains_squeezed(s, "visibility:hidden")
    })
}

/// Does `hay`, with its whitespace removed and lower-cased, contain `needle` (lower-case ASCII,
/// no whitespace)? Without building the squeezed copy: every styled element asks.
fn contains_squeezed(hay: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    let squeezed = || {
        hay.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
    };
    // A match starts at each squeezed char equal to the needle's first; the needle is ASCII,
    // so a non-ASCII char never matches one of its bytes.
    let mut from = squeezed();
    loop {
        let mut rest = from.clone();
        match rest.next() {
            None => return false,
            Some(c) if c as u32 == u32::from(needle[0]) => {
                let mut tail = rest.clone();
                if needle[1..]
                    .iter()
                    .all(|&b| tail.next().is_some_and(|c| c as u32 == u32::from(b)))
                {
                    return true;
                }
            }
            Some(_) => {}
        }
        from = rest;
    }
}

/// Split class and id values into lower-case tokens: the whole value, its parts on
/// non-alphanumerics, and camelCase parts, so that `articleBody`, `article-body` and
/// `article_body` all yield `article` and `body`.
pub fn tokens_of(value: &str, out: &mut Vec<String>) {
    for word in value.split_whitespace() {
        let lower = word.to_lowercase();
        push_unique(out, &lower);
        let mut part = String::new();
        let mut prev_lower = false;
        for c in word.chars() {
            let boundary = !c.is_alphanumeric() || (c.is_uppercase() && prev_lower);
            if boundary && !part.is_empty() {
                push_unique(out, &part);
                part.clear();
            }
            if c.is_alphanumeric() {
                part.extend(c.to_lowercase());
            }
            prev_lower = c.is_lowercase();
        }
        if !part.is_empty() && part != lower {
            push_unique(out, &part);
        }
    }
}

fn push_unique(out: &mut Vec<String>, s: &str) {
    if !s.is_empty() && !out.iter().any(|t| t == s) {
        out.push(s.to_string());
    }
}

/// `base` followed by those of `more` it lacks, in order; `base` itself when that adds none.
/// Every token is interned ([`Interned::token`]), so equal tokens are the same allocation
/// and a pointer comparison decides.
fn union(base: &Arc<[Arc<str>]>, more: &[Arc<str>]) -> Arc<[Arc<str>]> {
    let has = |list: &[Arc<str>], t: &Arc<str>| list.iter().any(|x| Arc::ptr_eq(x, t));
    if more.iter().all(|t| has(base, t)) {
        return base.clone();
    }
    let mut all: Vec<Arc<str>> = base.to_vec();
    for t in more {
        if !has(&all, t) {
            all.push(t.clone());
        }
    }
    all.into()
}

/// The class and id tokens of all open elements, each once, in the order they first
/// appeared from the root down: what a block below the innermost element holds. Kept once
/// per walk, with a count of the open elements carrying each token, instead of a list per
/// element: copying the parent's list whenever an element added a token was 8% of the walk
/// on pages whose deep layouts pile up dozens of ancestor tokens. An element's additions
/// are the tail of the list, so closing it truncates back to where it began.
#[derive(Default)]
struct OpenTokens {
    list: Vec<Arc<str>>,
    /// Open elements carrying each token, by the address of its interned allocation.
    count: HashMap<*const u8, u32>,
}

impl OpenTokens {
    /// An element opens with these tokens (each once); returns the list's length before.
    fn open(&mut self, tokens: &[Arc<str>]) -> usize {
        let before = self.list.len();
        for t in tokens {
            let n = self.count.entry(t.as_ptr()).or_insert(0);
            if *n == 0 {
                self.list.push(t.clone());
            }
            *n += 1;
        }
        before
    }

    /// The element that opened with `tokens` and got `before` from [`OpenTokens::open`] closes.
    fn close(&mut self, tokens: &[Arc<str>], before: usize) {
        for t in tokens {
            if let Some(n) = self.count.get_mut(&t.as_ptr()) {
                *n -= 1;
            }
        }
        self.list.truncate(before);
    }
}

/// One open element on the walk.
struct Frame {
    /// Tag names from the root to this element.
    path: TagPath,
    /// Class and id tokens of this element alone.
    tokens: Arc<[Arc<str>]>,
    /// Length of the walk's [`OpenTokens`] list before this element opened.
    tokens_before: usize,
    /// Length of that list with this element's tokens in.
    tokens_len: usize,
    /// That list as a block holds it, made the first time a block below this element needs
    /// it (or shared from the parent when this element adds no token).
    all_tokens: Option<Arc<[Arc<str>]>>,
    /// Container id, assigned the first time a block is flushed below this element.
    container: Option<usize>,
    /// The annotator's label of this element, or else of the nearest ancestor that has one:
    /// inherited on the way down so that text nodes need not search the stack.
    label: Option<bool>,
    /// This element or an ancestor is an `<a>`.
    in_link: bool,
    /// This element or an ancestor is the article body by the page's microdata.
    in_microdata_body: bool,
    /// The innermost microdata item this element belongs to is an article (its own
    /// `itemscope` if it has one, else its parent's).
    in_article_item: bool,
    block_level: bool,
    /// Heading level of this element or its nearest heading ancestor, 0 for none.
    heading: u8,
}

/// Text collected since the last block boundary.
#[derive(Default)]
struct Buffer {
    text: String,
    words: usize,
    linked_words: usize,
    links: usize,
    body_chars: usize,
    labelled_chars: usize,
    /// Words of the text inside the page's microdata article body.
    microdata_words: usize,
    /// Class and id tokens of the inline elements opened in this block (`Block::inline_tokens`).
    inline_tokens: Vec<Arc<str>>,
    /// A `<br>` was the last thing seen: a second one ends the block.
    after_br: bool,
}

struct Walker<'a> {
    annotator: Option<Annotator<'a>>,
    page: Page,
    stack: Vec<Frame>,
    buf: Buffer,
    /// Depth of the stack at the skipped element we are inside, if any.
    skip_depth: Option<usize>,
    in_title: bool,
    in_ld_json: bool,
    /// Index in `page.times` of the open `<time>` element that has no `datetime`, whose
    /// text is being collected.
    time_text: Option<usize>,
    /// Index in `page.times` of the open microdata date element that has no `content` or
    /// `datetime` (`<span itemprop="datePublished">May 3, 2012</span>`), whose text is its
    /// value, and the depth of the stack while it is open.
    prop_text: Option<(usize, usize)>,
    last_heading: Option<usize>,
    offset: usize,
    interned: Interned,
    open_tokens: OpenTokens,
}

impl Walker<'_> {
    fn open(&mut self, node: &Data) {
        match node {
            Data::Element(el) => self.open_element(el),
            Data::Text(t) => self.text(t),
            _ => {}
        }
    }

    fn close(&mut self, node: &Data) {
        let Data::Element(el) = node else { return };
        if self.skip_depth == Some(self.stack.len()) {
            self.skip_depth = None;
        }
        let tag = el.name();
        if tag == "title" {
            self.in_title = false;
        }
        if tag == "script" {
            self.in_ld_json = false;
        }
        if tag == "time"
            && let Some(at) = self.time_text.take()
            && let Some(t) = self.page.times.get_mut(at)
        {
            *t = collapse(t);
        }
        if let Some((at, depth)) = self.prop_text
            && depth == self.stack.len()
        {
            self.prop_text = None;
            if let Some(v) = self.page.times.get_mut(at) {
                *v = collapse(v);
            }
        }
        if self.stack.last().is_some_and(|f| f.block_level) {
            self.flush();
        }
        if let Some(f) = self.stack.pop() {
            self.open_tokens.close(&f.tokens, f.tokens_before);
        }
    }

    fn open_element(&mut self, el: &Element) {
        let tag = el.name();
        self.head_fact(el);
        let block_level = is_block_level(tag);
        if block_level {
            self.flush();
        }
        let class = el
            .attr_named(&local_name!("class"))
            .map(|v| self.interned.class_tokens(v));
        let id = el
            .attr_named(&local_name!("id"))
            .map(|v| self.interned.tokens_of(v));
        let tokens = match (class, id) {
            (Some(c), Some(i)) => union(&c, &i),
            (Some(t), None) | (None, Some(t)) => t,
            (None, None) => Arc::from([]),
        };
        let inline = (!block_level && !tokens.is_empty()).then(|| tokens.clone());
        let parent = self.stack.last();
        let label = self
            .annotator
            .and_then(|a| a(el))
            .or(parent.and_then(|f| f.label));
        let in_link = tag == "a" || parent.is_some_and(|f| f.in_link);
        let (in_microdata_body, in_article_item) = microdata(el, parent);
        let parent_cache = parent.and_then(|p| p.all_tokens.clone());
        let tokens_before = self.open_tokens.open(&tokens);
        let tokens_len = self.open_tokens.list.len();
        let all_tokens = if tokens_len == tokens_before {
            parent_cache
        } else {
            None
        };
        let path = parent
            .map_or_else(TagPath::default, |p| p.path.clone())
            .child(self.interned.tag(&el.name.local));
        let heading = heading_level(tag)
            .or(parent.map(|p| p.heading))
            .unwrap_or(0);
        self.stack.push(Frame {
            path,
            tokens,
            tokens_before,
            tokens_len,
            all_tokens,
            container: None,
            label,
            in_link,
            in_microdata_body,
            in_article_item,
            block_level,
            heading,
        });
        if self.skip_depth.is_none() && is_reply_form(el) {
            // The pending text (a "Comment" label) joins the form's side.
            self.page.reply_forms.push(self.page.blocks.len());
        }
        if self.skip_depth.is_none() && (is_skipped(tag) || is_hidden(el)) {
            self.skip_depth = Some(self.stack.len());
        }
        if tag == "title" && self.page.title.is_none() {
            self.in_title = true;
        }
        if tag == "script"
            && el
                .attr_named(&local_name!("type"))
                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
        {
            self.in_ld_json = true;
            self.page.json_ld.push(String::new());
        }
        if self.skip_depth.is_some() {
            return;
        }
        for t in inline.iter().flat_map(|t| t.iter()) {
            if !self.buf.inline_tokens.contains(t) {
                self.buf.inline_tokens.push(t.clone());
            }
        }
        match tag {
            "br" => {
                if self.buf.after_br {
                    self.flush();
                } else {
                    self.buf.text.push('\n');
                    self.buf.after_br = true;
                }
            }
            "a" if el.attr_named(&local_name!("href")).is_some() => self.buf.links += 1,
            _ => {}
        }
    }

    /// Dates that markup states on elements other than `<meta>` and `<time>`:
    /// schema.org microdata (`<span itemprop="datePublished" content="2012-11-06">`, as
    /// WordPress, Drupal and news themes write it) joins the meta pairs under its property,
    /// as `<meta itemprop>` does; the hAtom microformat's `published` with a `title` (`<abbr
    /// class="published" title="2012-10-29T08:00:00-04:00">8:00 AM</abbr>`, Blogger's
    /// templates and many blogs of its time) is the pre-HTML5 `<time datetime>` and joins
    /// the times.
    fn date_markup(&mut self, el: &Element) {
        let tag = el.name();
        if tag == "meta" {
            return;
        }
        if let Some(prop) = el.attr_named(&local_name!("itemprop"))
            && prop.to_ascii_lowercase().starts_with("date")
        {
            let key = prop.trim().to_lowercase();
            match el
                .attr_named(&local_name!("content"))
                .or_else(|| el.attr_named(&local_name!("datetime")))
            {
                Some(v) => self.page.meta.push((key, collapse(v).to_string())),
                // Without a value attribute the element's text is the value (`<div
                // class="d-none" itemprop="datePublished">2011-02-12 01:30:35</div>`, as
                // Q&A and forum templates write it): collected until it closes, one at a
                // time, as the text of a `<time>` is, and kept with the times, below the
                // meta pairs: Stack Exchange writes one per answer and comment, while the
                // question's own date is a `<time itemprop="dateCreated" datetime>` (read
                // over them on WCXB's annotated pages, 2026-12-02). The element is pushed
                // on the stack after this, hence the depth one deeper. Inside a comment it
                // is the comment's date, not the page's.
                None if self.prop_text.is_none() && !self.in_comment() => {
                    self.prop_text = Some((self.page.times.len(), self.stack.len() + 1));
                    self.page.times.push(String::new());
                }
                None => {}
            }
        }
        if tag != "time"
            && el.classes().any(|c| c == "published")
            && let Some(t) = el.attr_named(&local_name!("title"))
        {
            self.page.times.push(t.trim().to_string());
        }
    }

    /// Whether an open element is named as a comment (`comment`, `comments`, or a glued
    /// name that ends so: `js-comment`, `usercomment`).
    fn in_comment(&self) -> bool {
        self.stack
            .iter()
            .flat_map(|f| f.tokens.iter())
            .any(|t| t.ends_with("comment") || t.ends_with("comments"))
    }

    /// Facts of the page head, wherever in the document they appear.
    fn head_fact(&mut self, el: &Element) {
        self.date_markup(el);
        match el.name() {
            "html" => {
                if let Some(l) = el.attr_named(&local_name!("lang")) {
                    self.page.lang = Some(l.trim().to_lowercase());
                }
            }
            "meta" => {
                let key = el
                    .attr_named(&local_name!("property"))
                    .or_else(|| el.attr_named(&local_name!("name")))
                    .or_else(|| el.attr_named(&local_name!("itemprop")))
                    .or_else(|| el.attr_named(&local_name!("http-equiv")));
                if let (Some(k), Some(v)) = (key, el.attr_named(&local_name!("content"))) {
                    self.page
                        .meta
                        .push((k.trim().to_lowercase(), collapse(v).to_string()));
                }
            }
            "link" => {
                let rel = el.attr_named(&local_name!("rel")).unwrap_or("");
                if rel
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                    && self.page.canonical.is_none()
                {
                    self.page.canonical = el
                        .attr_named(&local_name!("href"))
                        .map(|h| h.trim().to_string());
                }
            }
            "time" => match el.attr_named(&local_name!("datetime")) {
                Some(d) => self.page.times.push(d.trim().to_string()),
                // Its text is its date: kept in the same list, in document order, so that
                // the first `<time>` of the page comes first whichever way it is written.
                None if self.time_text.is_none() => {
                    self.time_text = Some(self.page.times.len());
                    self.page.times.push(String::new());
                }
                None => {}
            },
            "img" => {
                let alt = el.attr_named(&local_name!("alt")).unwrap_or("").trim();
                if alt.is_empty() {
                    return;
                }
                // A token of a value holds "logo" exactly when the value does, in any case
                // (tokens are its lower-cased words and their parts, and no character but
                // ASCII lower-cases to ASCII letters): no need to cut a long `src` into them.
                let logo_here = [local_name!("class"), local_name!("id"), local_name!("src")]
                    .iter()
                    .filter_map(|a| el.attr_named(a))
                    .any(|v| contains_ignore_case(v, "logo"));
                let logo_above = self.stack.iter().rev().take(4).any(|f| {
                    f.tokens
                        .iter()
                        .any(|t| t.contains("logo") || t.contains("brand"))
                });
                if logo_here || logo_above {
                    self.page.logo_alts.push(collapse(alt));
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.in_title {
            let title = self.page.title.get_or_insert_with(String::new);
            title.push_str(t);
            return;
        }
        if self.in_ld_json {
            if let Some(last) = self.page.json_ld.last_mut() {
                last.push_str(t);
            }
            return;
        }
        if self.skip_depth.is_some() {
            return;
        }
        if let Some(time) = self.time_text.and_then(|at| self.page.times.get_mut(at)) {
            time.push_str(t);
        }
        if let Some(v) = self
            .prop_text
            .and_then(|(at, _)| self.page.times.get_mut(at))
        {
            v.push_str(t);
        }
        let Some(&Frame {
            in_link,
            label,
            in_microdata_body,
            ..
        }) = self.stack.last()
        else {
            return;
        };
        let words = count_words(t);
        if words > 0 {
            self.buf.after_br = false;
        }
        self.buf.text.push_str(t);
        self.buf.words += words;
        if in_link {
            self.buf.linked_words += words;
        }
        if in_microdata_body {
            self.buf.microdata_words += words;
        }
        if self.annotator.is_some() {
            let chars = t.chars().filter(|c| !c.is_whitespace()).count();
            self.buf.labelled_chars += chars;
            if label == Some(true) {
                self.buf.body_chars += chars;
            }
        }
    }

    /// End the current block: emit it if it holds any word.
    fn flush(&mut self) {
        if self.buf.words == 0 {
            self.buf.text.clear();
            self.buf = Buffer {
                text: std::mem::take(&mut self.buf.text),
                ..Buffer::default()
            };
            return;
        }
        let buf = std::mem::take(&mut self.buf);
        let text = collapse(&buf.text);
        // Keep the buffer's allocation for the next block.
        self.buf.text = buf.text;
        self.buf.text.clear();
        let index = self.page.blocks.len();
        let containers = self.containers_for_block(index, buf.words, buf.linked_words);
        let tokens = self.block_tokens();
        let top = self.stack.last();
        let block = Block {
            char_offset: self.offset,
            words: buf.words,
            linked_words: buf.linked_words,
            links: buf.links,
            tag_path: top.map(|f| f.path.clone()).unwrap_or_default(),
            tokens,
            inline_tokens: buf.inline_tokens,
            heading: top.map_or(0, |f| f.heading),
            prev_heading: self.last_heading,
            containers,
            gold: self
                .annotator
                .map(|_| buf.labelled_chars > 0 && buf.body_chars * 2 > buf.labelled_chars),
            text,
        };
        self.offset += block.text.len() + 1;
        if block.heading > 0 {
            self.last_heading = Some(index);
        }
        if buf.microdata_words * 2 > buf.words {
            self.page.microdata_body.push(index);
        }
        self.page.blocks.push(block);
    }

    /// The tokens a block flushed now holds: the innermost open element's list, made once.
    fn block_tokens(&mut self) -> Arc<[Arc<str>]> {
        let Some(top) = self.stack.last_mut() else {
            return Arc::from([]);
        };
        top.all_tokens
            .get_or_insert_with(|| self.open_tokens.list[..top.tokens_len].into())
            .clone()
    }

    /// Give every non-inline element on the stack a container id and add this block to
    /// their counts; returns the ids from the outside in.
    fn containers_for_block(&mut self, index: usize, words: usize, linked: usize) -> Vec<usize> {
        let paragraph = words >= 10 && linked * 2 < words;
        // One allocation a block: the open elements bound the ids (growing from empty cost
        // three reallocations a block on an article's usual depth).
        let mut ids = Vec::with_capacity(self.stack.len());
        let mut parent = None;
        for frame in self.stack.iter_mut() {
            if !frame.block_level {
                continue;
            }
            let id = *frame.container.get_or_insert_with(|| {
                self.page.containers.push(Container {
                    tag: frame.path.last().unwrap_or("").to_string(),
                    parent,
                    depth: ids.len(),
                    tokens: frame.tokens.to_vec(),
                    first_block: index,
                    ..Container::default()
                });
                self.page.containers.len() - 1
            });
            let c = &mut self.page.containers[id];
            c.words += words;
            c.linked_words += linked;
            c.blocks += 1;
            c.paragraphs += usize::from(paragraph);
            c.last_block = index;
            ids.push(id);
            parent = Some(id);
        }
        ids
    }
}

/// Where an element stands in the page's microdata (schema.org): whether it is, or is
/// inside, the article body (`itemprop="articleBody"`, or `itemprop="text"` of an item
/// that is an article), and whether the item it belongs to is an article. `text` counts only
/// on an article item because comments and reviews carry a `text` of their own.
fn microdata(el: &Element, parent: Option<&Frame>) -> (bool, bool) {
    let parent_article = parent.is_some_and(|f| f.in_article_item);
    let props = el.attr_named(&local_name!("itemprop")).unwrap_or("");
    let has_prop = |name: &str| {
        props
            .split_ascii_whitespace()
            .any(|p| p.eq_ignore_ascii_case(name))
    };
    let body = parent.is_some_and(|f| f.in_microdata_body)
        || has_prop("articleBody")
        || (parent_article && has_prop("text"));
    let article_item = if el.attr_named(&local_name!("itemscope")).is_some() {
        el.attr_named(&local_name!("itemtype"))
            .is_some_and(is_article_type)
    } else {
        parent_article
    };
    (body, article_item)
}

/// A schema.org type that is a kind of article: `Article` and its subtypes
/// (`NewsArticle`, `ReportageNewsArticle`, `TechArticle`...) and `BlogPosting`.
fn is_article_type(itemtype: &str) -> bool {
    itemtype.split_ascii_whitespace().any(|t| {
        let name = t.rsplit(['/', '#']).next().unwrap_or(t);
        name.ends_with("Article") || name.ends_with("Posting")
    })
}

fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Collapse runs of whitespace (`char::is_whitespace`, as `split_whitespace` splits) to one
/// space and trim.
///
/// Every block's text goes through here. Bytes are scanned rather than characters decoded
/// (ASCII is most of the web's text, and only a byte at or above 0x80 is decoded), and
/// words that one plain space already separates are copied as one run instead of a copy a
/// word (60 Dragnet pages: 15.9 M instructions with `split_whitespace`, 8.7 M now).
pub fn collapse(s: &str) -> String {
    let b = s.as_bytes();
    let n = b.len();
    // Whether the character at `i` (a character boundary) is whitespace, and its length.
    let step = |i: usize| -> (bool, usize) {
        let c = b[i];
        if c < 0x80 {
            (c <= b' ' && (c == b' ' || (b'\t'..=b'\r').contains(&c)), 1)
        } else {
            let ch = s[i..].chars().next().unwrap_or_default();
            (ch.is_whitespace(), ch.len_utf8())
        }
    };
    let mut out = String::with_capacity(n);
    let mut i = 0;
    loop {
        while i < n {
            let (ws, len) = step(i);
            if !ws {
                break;
            }
            i += len;
        }
        if i >= n {
            return out;
        }
        // A run of words with single spaces between them, kept as it is.
        let start = i;
        loop {
            while i < n {
                let (ws, len) = step(i);
                if ws {
                    break;
                }
                i += len;
            }
            if i + 1 < n && b[i] == b' ' && !step(i + 1).0 {
                i += 1;
                continue;
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_is_split_whitespace_joined_by_spaces() {
        let reference = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        // ASCII whitespace with U+000B (whitespace to `char`, not to `u8`), U+001F (not
        // whitespace), non-ASCII whitespace of two and three bytes, and letters of one to
        // four bytes.
        let alphabet = " \t\n\r\u{b}\u{c}\u{1f}\u{85}\u{a0}\u{2028}\u{3000}\u{202f}ab.é北🇫";
        for s in crate::words::tests::random_strings(alphabet, 0x9e37_79b9_7f4a_7c15, 50_000) {
            assert_eq!(collapse(&s), reference(&s), "{s:?}");
        }
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
        <title> Storm hits   coast | Daily Bugle </title>
        <meta property="og:site_name" content="Daily Bugle">
        <link rel="canonical" href="https://bugle.example/storm">
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-27"}</script>
        <style>p { color: red }</style></head>
        <body><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
        <article class="articleBody"><h1>Storm hits coast</h1>
        <p>The storm <a href="/x">reached</a> the coast on <b>Tuesday</b> night, officials said.</p>
        <script>var x = "not text";</script><!-- a comment -->
        <div style="display: none">hidden text</div>
        <p>Line one<br>still one<br><br>Line two</p><time datetime="2024-01-27T10:00">Jan 27</time>
        </article></body></html>"#;

    #[test]
    fn blocks_follow_block_boundaries_and_skip_non_text() {
        let page = segment(PAGE);
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Home",
                "World",
                "Storm hits coast",
                "The storm reached the coast on Tuesday night, officials said.",
                "Line one still one",
                "Line two",
                "Jan 27"
            ]
        );
        assert_eq!(
            page.title.as_deref(),
            Some("Storm hits coast | Daily Bugle")
        );
        assert_eq!(page.meta_value("og:site_name"), Some("Daily Bugle"));
        assert_eq!(
            page.canonical.as_deref(),
            Some("https://bugle.example/storm")
        );
        assert!(page.json_ld[0].contains("datePublished"));
        assert_eq!(page.times, ["2024-01-27T10:00"]);
        assert_eq!(page.lang.as_deref(), Some("en"));
    }

    #[test]
    fn microdata_and_hatom_dates_outside_meta_and_time_are_kept() {
        let page = segment(
            r#"<h1>Storm</h1><span itemprop="datePublished" content="2012-11-06T17:00">Nov 6</span>
            <span itemprop="author" content="Jane Doe">Jane</span>
            <abbr class="published" title="2012-10-29T08:00:00-04:00">8:00 AM</abbr>
            <abbr class="initialism" title="Associated Press">AP</abbr>"#,
        );
        assert_eq!(page.meta_value("datepublished"), Some("2012-11-06T17:00"));
        assert_eq!(page.meta_value("author"), None, "only dates");
        assert_eq!(page.times, ["2012-10-29T08:00:00-04:00"]);
    }

    #[test]
    fn microdata_date_without_a_value_attribute_is_its_text() {
        let page = segment(
            r#"<h1>Question</h1><div class="d-none" itemprop="datePublished"> 2011-02-12
            <b>01:30</b> </div><p>Body text <span itemprop="dateModified">May 3, 2012</span>
            and more words after it.</p><div itemprop="dateCreated"></div>
            <ul class="comments"><li><div itemprop="dateCreated">2016-03-17</div></li></ul>"#,
        );
        assert_eq!(
            page.times,
            ["2011-02-12 01:30", "May 3, 2012", ""],
            "in document order; an empty element gives none, a comment's is not the page's"
        );
        assert_eq!(
            page.meta_value("datepublished"),
            None,
            "below the meta pairs"
        );
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.contains(&"2011-02-12 01:30"),
            "still a block: {texts:?}"
        );
    }

    #[test]
    fn blocks_keep_links_path_tokens_and_headings() {
        let page = segment(PAGE);
        let home = &page.blocks[0];
        assert_eq!(home.linked_words, 1);
        assert_eq!(home.links, 1);
        assert!(home.inside("nav") && home.tag() == "li");
        assert!(home.tokens.iter().any(|t| &**t == "nav"));
        let para = &page.blocks[3];
        assert_eq!((para.words, para.linked_words), (10, 1));
        assert!(
            para.tokens.iter().any(|t| &**t == "article")
                && para.tokens.iter().any(|t| &**t == "body")
        );
        assert_eq!(page.blocks[2].heading, 1);
        assert_eq!(para.prev_heading, Some(2));
        // The article container holds the heading, both paragraphs and the time line.
        let article = page
            .containers
            .iter()
            .position(|c| c.tag == "article")
            .unwrap();
        assert!(para.containers.contains(&article));
        assert_eq!(page.containers[article].blocks, 5);
        assert_eq!(page.containers[article].paragraphs, 1);
    }

    #[test]
    fn annotator_sets_gold_by_majority_of_characters() {
        let html = r#"<body><p><span class="gold">most of this text is body</span> x</p><p>none here</p></body>"#;
        let ann = |el: &Element| el.attr_named(&local_name!("class")).map(|c| c == "gold");
        let page = segment_annotated(html, Some(&ann));
        assert_eq!(page.blocks[0].gold, Some(true));
        assert_eq!(page.blocks[1].gold, Some(false));
    }

    #[test]
    fn hidden_is_skipped_but_react_streamed_content_is_read() {
        let html = r#"<body><div hidden>menu text</div><div hidden id="S:0"><p>The streamed article.</p></div></body>"#;
        let texts: Vec<String> = segment(html).blocks.into_iter().map(|b| b.text).collect();
        assert_eq!(texts, ["The streamed article."]);
    }

    #[test]
    fn visible_editable_textareas_are_recorded_where_they_sit() {
        let html = r#"<body><p>The article's only paragraph.</p>
            <form><input type=search name=q><p>Leave a reply</p><textarea name=c>draft</textarea></form>
            <div hidden><textarea></textarea></div><textarea readonly>code</textarea>
            <p>First comment.</p><form><textarea style="display:none"></textarea><textarea></textarea></form></body>"#;
        let page = segment(html);
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The article's only paragraph.",
                "Leave a reply",
                "First comment."
            ]
        );
        assert_eq!(page.reply_forms, [2, 3], "hidden and readonly ones are not");
        assert!(
            segment("<body><input type=text><p>x y</p></body>")
                .reply_forms
                .is_empty()
        );
    }

    #[test]
    fn text_served_only_in_noscript_is_read() {
        let html = format!(
            "<body><div id=app></div><NOSCRIPT data-path=/t/1><p>{}</p></noscript></body>",
            "The forum post explains the upgrade problem in detail. ".repeat(10)
        );
        let page = segment(&html);
        assert_eq!(page.blocks.len(), 1);
        assert!(page.blocks[0].text.starts_with("The forum post"));
        // A page with enough visible text ignores its noscript fallbacks.
        let visible = format!(
            "<p>{}</p><noscript><p>Enable JavaScript</p></noscript>",
            "word ".repeat(80)
        );
        assert!(
            segment(&visible)
                .blocks
                .iter()
                .all(|b| !b.text.contains("JavaScript"))
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>deep text</p>", "<div>".repeat(20_000));
        let page = segment(&html);
        assert_eq!(page.blocks.last().unwrap().text, "deep text");
    }

    #[test]
    fn hiding_styles_are_found_through_whitespace_and_case() {
        assert!(contains_squeezed(
            "color:red; DISPLAY : None",
            "display:none"
        ));
        assert!(contains_squeezed(
            "visibility:\n hidden",
            "visibility:hidden"
        ));
        assert!(contains_squeezed("ddisplay:none", "display:none"));
        assert!(!contains_squeezed("display:block; none", "display:none"));
        assert!(!contains_squeezed("display:non", "display:none"));
        assert!(!contains_squeezed("", "display:none"));
    }

    /// The walk's interned tokens of a value, cut by bytes, are [`tokens_of`]'s, on values
    /// made of repeated, camel-cased, dashed, digit-led and non-ASCII words.
    #[test]
    fn interned_tokens_of_words_are_tokens_of_the_value() {
        let pieces = [
            "post",
            "Post",
            "post-content",
            "articleBody",
            "ARTICLE",
            "body",
            "px-4",
            "mt_2",
            "Σίσυφος",
            "ÜberSicht",
            "a",
            "b-b",
            "--",
            "x1Y2",
            "İstanbul",
            "logoTop",
        ];
        let seps = [" ", "  ", "\t", "\n", "\u{a0}", "\u{3000}"];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut interned = Interned::default();
        for _ in 0..5000 {
            let mut v = String::new();
            for _ in 0..next(8) {
                v.push_str(seps[next(seps.len())]);
                v.push_str(pieces[next(pieces.len())]);
                if next(3) == 0 {
                    v.push_str(pieces[next(pieces.len())]);
                }
            }
            let mut want = Vec::new();
            tokens_of(&v, &mut want);
            for got in [interned.tokens_of(&v), interned.class_tokens(&v)] {
                let got: Vec<String> = got.iter().map(|t| t.to_string()).collect();
                assert_eq!(got, want, "{v:?}");
            }
        }
    }

    #[test]
    fn inline_elements_lend_their_tokens_apart_from_the_block_tokens() {
        let page = segment(
            r#"<div class="meta"><span class="author vcard"><a class="url">Jane Doe</a></span> · <span>7 min read</span></div><p>Plain <b>text</b>.</p>"#,
        );
        let meta = &page.blocks[0];
        let inline: Vec<&str> = meta.inline_tokens.iter().map(|t| &**t).collect();
        assert_eq!(inline, ["author", "vcard", "url"]);
        let tokens: Vec<&str> = meta.tokens.iter().map(|t| &**t).collect();
        assert_eq!(tokens, ["meta"]);
        assert!(page.blocks[1].inline_tokens.is_empty());
    }

    #[test]
    fn class_tokens_split_camel_and_dashes() {
        let mut t = Vec::new();
        tokens_of("articleBody post-content", &mut t);
        for want in [
            "articlebody",
            "article",
            "body",
            "post-content",
            "post",
            "content",
        ] {
            assert!(t.contains(&want.to_string()), "{want} in {t:?}");
        }
    }
}
