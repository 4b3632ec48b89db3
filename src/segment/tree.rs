//! The lean document tree segmentation walks: chaff's tokenizer ([`super::tokenizer`])
//! feeding html5ever's tree builder (every HTML5 rule that changes text: implied end tags,
//! foster parenting, `<template>`, raw-text `<noscript>`), which writes into a flat arena of
//! nodes, with nothing else kept.
//!
//! Two guards keep the parse linear on hostile input:
//! - html5ever's scope checks walk the stack of open elements, so a page nested 100,000
//!   deep took quadratic time (12 s for 1.1 MB). An element the tree builder appends deeper
//!   than [`MAX_DEPTH`] is closed right after its start tag, so what follows lands beside it
//!   and the stack stays short (paragraphs, list items and headings excepted: the tree
//!   builder closes those itself). No text is lost, only nesting beyond the cap.
//! - the tokenizer ([`super::tokenizer`], as html5ever's did) compares every attribute name
//!   with the tag's earlier ones to drop duplicates, so a tag with a million attributes is
//!   quadratic too: past [`MAX_ATTRIBUTES`] it reads a tag's attributes through to its end
//!   without making them.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, LocalName, QualName, local_name};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

/// Deepest element the tree builder may nest; deeper ones are closed at once. Real pages
/// stay far below (the deepest dataset page nests under 100); the cap only bounds the cost
/// of html5ever's stack scans on hostile pages.
pub const MAX_DEPTH: u32 = 256;

/// Most attributes a tag keeps. Real tags carry a few dozen at most (data-* attributes
/// included); the cap only bounds the tokenizer's quadratic duplicate-name check (and the
/// tree builder's, when a repeated `<html>` or `<body>` adds its attributes).
pub const MAX_ATTRIBUTES: usize = 1024;

/// The arena reserves at most one node per this many bytes of page. Dataset pages hold a
/// `<` every 49 (Dragnet) to 144 (WCXB) bytes, so it never binds on them; it keeps a page of
/// `<`s that are text (one node) from reserving gigabytes: at most about 4.5 bytes of nodes
/// a byte of page.
const RESERVE_BYTES_PER_NODE: usize = 16;

/// The arena reserves `lts + lts / EXTRA_NODES_DIVISOR` nodes for `lts` `<`s, one and a
/// half a `<`: the texts between tags are nodes too, and the first 60 pages of Dragnet test
/// and of WCXB dev hold 0.66 to 1.47 nodes a `<` (median 1.19 and 1.13). One node a `<` made
/// most pages double the arena once, to twice that, copying every node; a half more is less
/// memory than the doubling.
const EXTRA_NODES_DIVISOR: usize = 2;

/// Index of a node in the arena.
pub type NodeId = u32;
const NONE: NodeId = NodeId::MAX;
const DOCUMENT: NodeId = 0;

/// An element: its name and attributes as the tokenizer gave them.
#[derive(Debug)]
pub struct Element {
    pub name: QualName,
    attrs: Vec<Attribute>,
}

impl Element {
    /// Local name, lower-case (`div`, `p`...).
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// Value of an attribute, by its interned name (`local_name!("class")`): names compare
    /// as atoms, one integer, where [`Element::attr`] decodes each name and compares bytes.
    /// The walk asks about ten names of every element.
    pub fn attr_named(&self, name: &LocalName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.local == *name)
            .map(|a| &*a.value)
    }

    /// Value of an attribute, by lower-case name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// The `id` attribute.
    pub fn id(&self) -> Option<&str> {
        self.attr_named(&local_name!("id"))
    }

    /// The names in the `class` attribute, in order.
    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.attr_named(&local_name!("class"))
            .unwrap_or("")
            .split_ascii_whitespace()
    }
}

/// What a node holds.
#[derive(Debug)]
pub enum Data {
    Document,
    Element(Element),
    Text(StrTendril),
    /// Comments, doctypes, processing instructions, template contents: never page text,
    /// but they keep their place in the tree (template contents hold their children).
    Other,
}

#[derive(Debug)]
struct Node {
    parent: NodeId,
    first_child: NodeId,
    last_child: NodeId,
    prev: NodeId,
    next: NodeId,
    /// Depth below the document when appended (an estimate once nodes move: only the depth
    /// guard reads it).
    depth: u32,
    data: Data,
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            depth: 0,
            data,
        }
    }
}

/// A parsed document.
#[derive(Debug)]
pub struct Document {
    nodes: Vec<Node>,
}

/// One step of a depth-first walk.
pub enum Edge<'a> {
    Open(&'a Data),
    Close(&'a Data),
}

impl Document {
    /// Parse a whole document.
    pub fn parse(html: &str) -> Document {
        // Every node but the document and the few implied elements comes from a `<` (an
        // element, a comment, a doctype) or lies between two of them (a text), and end tags
        // are `<`s too. Reserving up front spares the arena its doublings, each a copy of
        // every node so far (1.2% of a Dragnet page's instructions).
        let lts = memchr::memchr_iter(b'<', html.as_bytes()).count();
        let reserve = (lts + lts / EXTRA_NODES_DIVISOR).min(html.len() / RESERVE_BYTES_PER_NODE);
        let mut nodes = Vec::with_capacity(reserve + 4);
        nodes.push(Node::new(Data::Document));
        let sink = Sink {
            nodes: RefCell::new(nodes),
            deepest: Cell::new(0),
            deepest_parent: Cell::new(NONE),
        };
        let guard = DepthGuard {
            builder: TreeBuilder::new(sink, TreeBuilderOpts::default()),
            at_cap: Cell::new(NONE),
        };
        // chaff's tokenizer, html5ever's tree rules (see `tokenizer`): scripts and
        // `<meta charset>` do not pause it, the text is decoded and scripts are not run.
        super::tokenizer::tokenize(html, &guard);
        Document {
            nodes: guard.builder.sink.nodes.into_inner(),
        }
    }

    /// Every node below the document, depth first, each opened and closed, without
    /// recursion (a page nested ten thousand deep must not overflow the stack).
    pub fn walk(&self, mut visit: impl FnMut(Edge)) {
        let mut at = self.nodes[DOCUMENT as usize].first_child;
        while at != NONE {
            let node = &self.nodes[at as usize];
            visit(Edge::Open(&node.data));
            if node.first_child != NONE {
                at = node.first_child;
                continue;
            }
            // Close this node and every ancestor whose last child we just closed.
            let mut up = at;
            loop {
                let n = &self.nodes[up as usize];
                visit(Edge::Close(&n.data));
                if n.next != NONE {
                    at = n.next;
                    break;
                }
                up = n.parent;
                if up == DOCUMENT || up == NONE {
                    at = NONE;
                    break;
                }
            }
        }
    }
}

/// The tree builder's sink: appends into the arena.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// Deepest element appended since the depth guard last looked.
    deepest: Cell<u32>,
    /// The parent that element was appended to.
    deepest_parent: Cell<NodeId>,
}

impl Sink {
    fn push(&self, data: Data) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        (nodes.len() - 1) as NodeId
    }
}

/// Unlink a node from its parent and siblings.
fn detach(nodes: &mut [Node], id: NodeId) {
    let (parent, prev, next) = {
        let n = &nodes[id as usize];
        (n.parent, n.prev, n.next)
    };
    if parent == NONE {
        return;
    }
    if prev != NONE {
        nodes[prev as usize].next = next;
    } else {
        nodes[parent as usize].first_child = next;
    }
    if next != NONE {
        nodes[next as usize].prev = prev;
    } else {
        nodes[parent as usize].last_child = prev;
    }
    let n = &mut nodes[id as usize];
    (n.parent, n.prev, n.next) = (NONE, NONE, NONE);
}

/// Link a detached node as the last child of `parent`.
fn link_last(nodes: &mut [Node], parent: NodeId, id: NodeId) {
    let last = nodes[parent as usize].last_child;
    let depth = nodes[parent as usize].depth + 1;
    {
        let n = &mut nodes[id as usize];
        (n.parent, n.prev, n.next, n.depth) = (parent, last, NONE, depth);
    }
    if last != NONE {
        nodes[last as usize].next = id;
    } else {
        nodes[parent as usize].first_child = id;
    }
    nodes[parent as usize].last_child = id;
}

/// Link a detached node just before `sibling`.
fn link_before(nodes: &mut [Node], sibling: NodeId, id: NodeId) {
    let (parent, prev, depth) = {
        let s = &nodes[sibling as usize];
        (s.parent, s.prev, s.depth)
    };
    {
        let n = &mut nodes[id as usize];
        (n.parent, n.prev, n.next, n.depth) = (parent, prev, sibling, depth);
    }
    if prev != NONE {
        nodes[prev as usize].next = id;
    } else {
        nodes[parent as usize].first_child = id;
    }
    nodes[sibling as usize].prev = id;
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| {
            match &nodes[*target as usize].data {
                Data::Element(e) => &e.name,
                _ => panic!("the tree builder asked the name of a non-element"),
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, f: ElementFlags) -> NodeId {
        let id = self.push(Data::Element(Element { name, attrs }));
        if f.template {
            // Template contents hang below the template, as scraper kept them: segmentation
            // skips them with the template, and head facts inside are still read.
            let contents = self.push(Data::Other);
            link_last(&mut self.nodes.borrow_mut(), id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => {
                link_last(&mut nodes, *parent, id);
                let depth = nodes[id as usize].depth;
                if depth > self.deepest.get() {
                    self.deepest.set(depth);
                    self.deepest_parent.set(*parent);
                }
            }
            NodeOrText::AppendText(text) => {
                let last = nodes[*parent as usize].last_child;
                if last != NONE
                    && let Data::Text(t) = &mut nodes[last as usize].data
                {
                    t.push_tendril(&text);
                    return;
                }
                drop(nodes);
                let id = self.push(Data::Text(text));
                link_last(&mut self.nodes.borrow_mut(), *parent, id);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow()[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let id = self.push(Data::Other);
        link_last(&mut self.nodes.borrow_mut(), DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.nodes.borrow()[*target as usize].first_child
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            detach(&mut nodes, id);
        }
        if nodes[*sibling as usize].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => link_before(&mut nodes, *sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = nodes[*sibling as usize].prev;
                if prev != NONE
                    && let Data::Text(t) = &mut nodes[prev as usize].data
                {
                    t.push_tendril(&text);
                    return;
                }
                nodes.push(Node::new(Data::Text(text)));
                let id = (nodes.len() - 1) as NodeId;
                link_before(&mut nodes, *sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Data::Element(e) = &mut nodes[*target as usize].data {
            for a in attrs {
                if !e.attrs.iter().any(|b| b.name == a.name) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[*node as usize].first_child;
        while child != NONE {
            let next = nodes[child as usize].next;
            detach(&mut nodes, child);
            link_last(&mut nodes, *new_parent, child);
            child = next;
        }
    }
}

/// Sits between tokenizer and tree builder: when a start tag made the tree builder append an
/// element deeper than [`MAX_DEPTH`], it sends the matching end tag at once.
///
/// Past the cap, a run of plain block start tags (`<div><div><div>…`) would still cost the
/// tree builder two scans of the 256 open elements each (the start tag's "close a `<p>` in
/// button scope", the end tag's scope check): linear, but the largest cost of such a page.
/// Once one of them has been appended past the cap by a plain append and closed, the tree
/// builder's state is what it was before it, so the next one would land beside it in the
/// same parent, with the same steps: the guard appends it there itself, or, when it has no
/// attribute, makes nothing (see [`DepthGuard::process_token`]).
struct DepthGuard {
    builder: TreeBuilder<NodeId, Sink>,
    /// The parent the last plain block start tag was appended to past the cap, while the
    /// tokens since have all been such start tags; [`NONE`] otherwise.
    at_cap: Cell<NodeId>,
}

impl TokenSink for DepthGuard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        let plain = matches!(&token, Token::TagToken(tag)
            if tag.kind == TagKind::StartTag && !tag.self_closing && is_plain_block(&tag.name));
        let parent = self.at_cap.replace(NONE);
        if plain && parent != NONE {
            let Token::TagToken(tag) = token else {
                unreachable!("a plain block start tag is a tag")
            };
            self.at_cap.set(parent);
            if tag.attrs.is_empty() {
                // Closed at once and with nothing to say (no class, id or markup date for
                // the walk to read), the element would change nothing the walk sees: the
                // one before it already ended the block. Not making it keeps the arena,
                // and so the time per tag, the same at any depth.
                return TokenSinkResult::Continue;
            }
            let sink = &self.builder.sink;
            let name = QualName::new(None, html5ever::ns!(html), tag.name);
            let id = sink.create_element(name, tag.attrs, ElementFlags::default());
            sink.append(&parent, NodeOrText::AppendNode(id));
            return TokenSinkResult::Continue;
        }
        let closer = match &token {
            Token::TagToken(tag)
                if tag.kind == TagKind::StartTag
                    && !tag.self_closing
                    && !is_void(&tag.name)
                    && !closes_itself(&tag.name) =>
            {
                Some(tag.name.clone())
            }
            _ => None,
        };
        self.builder.sink.deepest.set(0);
        let result = self.builder.process_token(token, line);
        if let (Some(name), TokenSinkResult::Continue) = (closer, &result)
            && self.builder.sink.deepest.get() > MAX_DEPTH
        {
            let end = html5ever::tokenizer::Tag {
                kind: TagKind::EndTag,
                name,
                self_closing: false,
                attrs: Vec::new(),
                had_duplicate_attributes: false,
            };
            let closed = self.builder.process_token(Token::TagToken(end), line);
            if plain && matches!(closed, TokenSinkResult::Continue) {
                self.at_cap.set(self.builder.sink.deepest_parent.get());
            }
            return closed;
        }
        result
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Elements the tree builder closes itself when the next of their kind opens (`<p>` closes
/// an open `<p>`, `<li>` an open `<li>`, a heading an open heading): past the depth cap they
/// stay open, so a paragraph nested too deep still holds its text as a paragraph, and the
/// stack cannot grow with them.
fn closes_itself(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Block containers whose start tag the tree builder's "in body" rules handle alone by closing
/// an open `<p>` in button scope and inserting the element: nothing else of its state moves
/// (no formatting elements reopened, no list or table rules), which is what lets
/// [`DepthGuard`] append a run of them past the cap itself.
fn is_plain_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("nav")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("main")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("figure")
            | local_name!("address")
    )
}

/// Elements that never hold children: an end tag for them would mean something else
/// (`</br>` is a `<br>`).
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("image")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<String> {
        let mut out = Vec::new();
        doc.walk(|e| {
            if let Edge::Open(Data::Text(t)) = e {
                out.push(t.to_string());
            }
        });
        out
    }

    #[test]
    fn html5_rules_that_move_text_are_kept() {
        // Foster parenting: text inside a table but outside a cell goes before the table.
        let doc = Document::parse("<table>moved<tr><td>cell</td></tr></table>");
        assert_eq!(texts(&doc), ["moved", "cell"]);
        // Implied end tags: a second <p> closes the first.
        let doc = Document::parse("<p>one<p>two");
        let mut depth_of_two = 0;
        let mut depth = 0;
        doc.walk(|e| match e {
            Edge::Open(Data::Text(t)) if &**t == "two" => depth_of_two = depth,
            Edge::Open(_) => depth += 1,
            Edge::Close(_) => depth -= 1,
        });
        assert_eq!(
            depth_of_two, 3,
            "html > body > p > text, not nested in the first p"
        );
    }

    #[test]
    fn nesting_beyond_the_cap_is_flattened_and_keeps_its_text() {
        let html = format!("{}<p>deep text</p>", "<div>".repeat(5_000));
        let doc = Document::parse(&html);
        assert_eq!(texts(&doc), ["deep text"]);
        let deepest = doc.nodes.iter().map(|n| n.depth).max().unwrap();
        // The capped element, then the paragraph kept open past the cap, then its text.
        assert!(deepest <= MAX_DEPTH + 2, "{deepest}");
    }

    /// The tree as tags and texts, comments and other non-text nodes left out.
    fn shape(doc: &Document) -> String {
        let mut out = String::new();
        doc.walk(|e| match e {
            Edge::Open(Data::Element(el)) => {
                out.push('<');
                out.push_str(&el.name.local);
                for a in &el.attrs {
                    out.push_str(&format!(" {}={}", a.name.local, a.value));
                }
                out.push('>');
            }
            Edge::Close(Data::Element(el)) => out.push_str(&format!("</{}>", el.name.local)),
            Edge::Open(Data::Text(t)) => out.push_str(t),
            _ => {}
        });
        out
    }

    #[test]
    fn a_run_of_blocks_past_the_cap_is_the_tree_the_tree_builder_makes() {
        // The same page twice: as it is, where the depth guard appends runs of plain block
        // start tags past the cap itself, and with a comment before every tag, which breaks
        // every run, so that the tree builder sees each tag. The trees must be the same but
        // for the empty elements without attributes the guard does not make (which the walk
        // would pass over without a trace).
        let parts = [
            "<div class=a>",
            "<section id=s>",
            "<article>",
            "<p>para ",
            "</div>",
            "text ",
            "<span>",
            "<table><tr><td>",
            "</td>",
            "<li>",
            "<ul>",
            "<b>",
            "</p>",
            "<template>",
            "</template>",
            "<center>",
            "<nav data-x=1>",
            "<figure>",
            "<div>",
            "<aside>",
        ];
        let mut state = 7u32;
        let mut page = "<div>".repeat(MAX_DEPTH as usize + 20);
        for _ in 0..6_000 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let i = (state >> 16) as usize % (parts.len() + 4);
            // Runs of plain blocks are the case: one part in three is a plain div.
            page.push_str(parts.get(i).copied().unwrap_or("<div id=run>"));
        }
        let broken = page.replace('<', "<!--x--><");
        let (fast, slow) = (Document::parse(&page), Document::parse(&broken));
        assert!(shape(&fast).len() > 10_000);
        const PLAIN: [&str; 12] = [
            "div",
            "section",
            "article",
            "aside",
            "nav",
            "header",
            "footer",
            "main",
            "blockquote",
            "center",
            "figure",
            "address",
        ];
        assert!(PLAIN.iter().all(|t| is_plain_block(&LocalName::from(*t))));
        let bare = |doc: &Document| {
            let mut s = shape(doc);
            loop {
                let before = s.len();
                for tag in PLAIN {
                    s = s.replace(&format!("<{tag}></{tag}>"), "");
                }
                if s.len() == before {
                    return s;
                }
            }
        };
        assert!(
            fast.nodes.len() < slow.nodes.len(),
            "the empty elements past the cap are not made"
        );
        assert_eq!(bare(&fast), bare(&slow));
    }

    #[test]
    fn tags_with_too_many_attributes_are_cut() {
        let attrs = |doc: &Document| -> Vec<Vec<(String, String)>> {
            let mut out = Vec::new();
            doc.walk(|e| {
                if let Edge::Open(Data::Element(el)) = e
                    && el.name() == "p"
                {
                    out.push(
                        el.attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect(),
                    );
                }
            });
            out
        };
        // Quoted `>`s, a duplicate (which counts towards the cap), a self-closing slash and
        // unquoted values past the cap: none of it may end the tag early or reach the tree.
        let many: String = (1..3000)
            .map(|i| match i {
                5 => " class=dup".to_string(),
                _ if i % 3 == 0 => format!(" a{i}=\"x>y\""),
                _ if i % 3 == 1 => format!(" a{i}='q>'/"),
                _ => format!(" a{i}=v{i}"),
            })
            .collect();
        let html = format!("<p class=c{many} id=x>text</p><p a=1 b=2>more</p>");
        let doc = Document::parse(&html);
        assert_eq!(texts(&doc), ["text", "more"], "the tag still closes");
        let got = attrs(&doc);
        // `class` and 1,023 more were read; the duplicate `class` is the fifth of them.
        assert_eq!(got[0].len(), MAX_ATTRIBUTES - 1);
        assert_eq!(got[0][0], ("class".into(), "c".into()));
        assert_eq!(got[0][1], ("a1".into(), "q>".into()));
        assert_eq!(got[0][3], ("a3".into(), "x>y".into()));
        let last = format!("a{}", MAX_ATTRIBUTES - 1);
        assert_eq!(got[0].last().unwrap().0, last);
        assert!(got[0].iter().all(|(n, _)| n != "id"), "past the cap");
        assert_eq!(got[1].len(), 2, "the next tag has its own count");
    }
}
