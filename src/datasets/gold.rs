//! Gold clean text → block labels: "a block is body when most of its words occur, in order,
//! in the gold text".
//!
//! A bag-of-words test would call any block of common words body, and the same sentence often
//! appears twice on a page (the teaser above, the article below), so the alignment keeps
//! order: the page's words and the gold's words are aligned monotonically, and a block is body
//! when more than half of its words are aligned.
//!
//! A full LCS over a page (tens of thousands of words) against its gold text is too slow for
//! a thousand pages, so the alignment works the way patience diff does: word n-grams that
//! are rare (at most four occurrences) in the page region and in the gold region are anchors; the longest
//! chain of anchors in order (longest increasing subsequence) fixes the alignment, and each
//! gap between anchors is aligned again the same way, with shorter n-grams, until it is small
//! enough for an exact LCS. Words are lower-cased [`crate::page::words`], as in the metrics.

use crate::page::{Page, words};
use crate::segment::segment;
use std::collections::HashMap;

/// Regions this small (page words × gold words) are aligned by exact LCS.
const DP_LIMIT: usize = 1_000_000;
/// N-gram length of the first anchors.
const ANCHOR_N: usize = 4;
/// N-grams more frequent than this on either side are too ambiguous to anchor on.
const MAX_OCCURRENCES: usize = 4;

/// Segment a page and label its blocks from a gold text; returns the page and the text.
pub fn page_with_text(html: &str, gold: String) -> (Page, Option<String>) {
    let mut page = segment(html);
    align(&mut page, &gold);
    (page, Some(gold))
}

/// Set every block's `gold` from the gold text.
pub fn align(page: &mut Page, gold: &str) {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut id = |w: &str| {
        let w = w.to_lowercase();
        let next = vocab.len() as u32;
        *vocab.entry(w).or_insert(next)
    };
    let mut p = Vec::new();
    let mut starts = Vec::with_capacity(page.blocks.len() + 1);
    for b in &page.blocks {
        starts.push(p.len());
        p.extend(words(&b.text).map(&mut id));
    }
    starts.push(p.len());
    let g: Vec<u32> = words(gold).map(&mut id).collect();
    let matched = align_tokens(&p, &g);
    for (k, b) in page.blocks.iter_mut().enumerate() {
        let (s, e) = (starts[k], starts[k + 1]);
        let hits = matched[s..e].iter().filter(|m| **m).count();
        b.gold = Some(e > s && hits * 2 > e - s);
    }
}

/// For each page token, whether it is aligned to a gold token (monotone alignment).
pub fn align_tokens(p: &[u32], g: &[u32]) -> Vec<bool> {
    let mut out = vec![false; p.len()];
    align_region(p, g, 0, ANCHOR_N, &mut out);
    out
}

fn align_region(p: &[u32], g: &[u32], offset: usize, n: usize, out: &mut [bool]) {
    if p.is_empty() || g.is_empty() {
        return;
    }
    if p.len().saturating_mul(g.len()) <= DP_LIMIT {
        lcs(p, g, offset, out);
        return;
    }
    let mut n = n;
    loop {
        let chain = anchors(p, g, n);
        if !chain.is_empty() {
            let (mut pi, mut gi) = (0, 0);
            for (i, j) in chain {
                if i >= pi && j >= gi {
                    align_region(&p[pi..i], &g[gi..j], offset + pi, n, out);
                }
                for k in i.max(pi)..i + n {
                    out[offset + k] = true;
                }
                pi = pi.max(i + n);
                gi = gi.max(j + n);
            }
            align_region(&p[pi..], &g[gi.min(g.len())..], offset + pi, n, out);
            return;
        }
        if n <= 2 {
            return;
        }
        n -= 1;
    }
}

fn gram_key(s: &[u32]) -> u64 {
    s.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &t| {
        (h ^ u64::from(t)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Positions of each n-gram of `s` that occurs at most [`MAX_OCCURRENCES`] times.
fn rare_grams(s: &[u32], n: usize) -> HashMap<u64, Vec<usize>> {
    let mut m: HashMap<u64, Vec<usize>> = HashMap::new();
    for i in 0..=s.len() - n {
        m.entry(gram_key(&s[i..i + n])).or_default().push(i);
    }
    m.retain(|_, v| v.len() <= MAX_OCCURRENCES);
    m
}

/// The longest in-order chain of n-grams shared by page and gold, as (page, gold) positions.
/// An n-gram qualifies when it is rare on both sides: pages often carry their article twice
/// (a hidden "gated" copy, a print version), so strict uniqueness would find no anchor at all.
fn anchors(p: &[u32], g: &[u32], n: usize) -> Vec<(usize, usize)> {
    if p.len() < n || g.len() < n {
        return Vec::new();
    }
    let gr = rare_grams(g, n);
    let pr = rare_grams(p, n);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (k, is) in &pr {
        let Some(js) = gr.get(k) else { continue };
        for &i in is {
            for &j in js {
                if p[i..i + n] == g[j..j + n] {
                    pairs.push((i, j));
                }
            }
        }
    }
    // Page order, and for one page position the later gold position first, so that a chain
    // increasing in gold position takes at most one pair per page position.
    pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    longest_increasing(&pairs)
}

/// Longest subsequence of `pairs` (sorted as [`anchors`] sorts them) strictly increasing in
/// gold position.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the smallest tail per length
    let mut prev = vec![usize::MAX; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let len = tails.partition_point(|&t| pairs[t].1 < j);
        if len > 0 {
            prev[k] = tails[len - 1];
        }
        if len == tails.len() {
            tails.push(k);
        } else {
            tails[len] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(pairs[k]);
        k = prev[k];
    }
    chain.reverse();
    chain
}

/// Exact LCS; marks the page tokens on it. Ties prefer the later page position, which puts a
/// repeated headline on the copy nearest the article rather than on the breadcrumb above.
fn lcs(p: &[u32], g: &[u32], offset: usize, out: &mut [bool]) {
    let (n, m) = (p.len(), g.len());
    let w = m + 1;
    let mut len = vec![0u32; (n + 1) * w];
    for i in 1..=n {
        for j in 1..=m {
            len[i * w + j] = if p[i - 1] == g[j - 1] {
                len[(i - 1) * w + j - 1] + 1
            } else {
                len[(i - 1) * w + j].max(len[i * w + j - 1])
            };
        }
    }
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        if p[i - 1] == g[j - 1] {
            out[offset + i - 1] = true;
            i -= 1;
            j -= 1;
        } else if len[(i - 1) * w + j] >= len[i * w + j - 1] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
}

/// Decode the HTML character references that gold texts carry over from their pages
/// (`&amp;`, `&#039;`, `&#x2019;`, `&nbsp;`...), so that their words match the page's.
pub fn unescape_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail[1..]
            .find(|c: char| c == ';' || c.is_whitespace() || c == '&')
            .map(|e| e + 1);
        let decoded = match end {
            Some(e) if tail.as_bytes()[e] == b';' && e <= 10 => entity(&tail[1..e]),
            _ => None,
        };
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(html: &str, gold: &str) -> Vec<bool> {
        let (page, _) = page_with_text(html, gold.to_string());
        page.blocks.iter().map(|b| b.gold.unwrap()).collect()
    }

    #[test]
    fn order_decides_which_copy_of_a_sentence_is_body() {
        // The teaser repeats the article's first sentence above it; only the article's copy
        // is in order with the rest of the gold.
        let html = "<body><div>Storms close the coast road again</div>\
            <p>Home News Sport</p>\
            <h1>Storms close the coast road again</h1>\
            <p>Crews worked through the night to clear fallen trees from the road.</p>\
            <p>The council said it would reopen on Monday if the weather held.</p>\
            <p>Share this story</p></body>";
        let gold = "Storms close the coast road again\n\nCrews worked through the night to \
            clear fallen trees from the road. The council said it would reopen on Monday if \
            the weather held.";
        assert_eq!(labels(html, gold), [false, false, true, true, true, false]);
    }

    #[test]
    fn a_block_needs_most_of_its_words_in_the_gold() {
        let html = "<body><p>alpha beta gamma delta</p><p>alpha zeta eta theta</p></body>";
        assert_eq!(labels(html, "alpha beta gamma delta"), [true, false]);
        // Half is not most.
        assert_eq!(labels(html, "zzz alpha zeta"), [false, false]);
    }

    #[test]
    fn anchors_align_long_regions_in_order() {
        // Big enough to leave the exact-LCS path: 3000 boilerplate tokens around 400 gold.
        let mut p: Vec<u32> = (0..1500).map(|i| 10_000 + (i % 7)).collect();
        let body: Vec<u32> = (0..400).collect();
        p.extend(&body);
        p.extend((0..1500).map(|i| 20_000 + (i % 5)));
        let m = align_tokens(&p, &body);
        assert!(m[1500..1900].iter().all(|x| *x));
        assert!(!m[..1500].iter().any(|x| *x));
        assert!(!m[1900..].iter().any(|x| *x));
    }

    #[test]
    fn an_article_carried_twice_is_still_aligned() {
        // No n-gram of the article is unique on the page: it appears in full twice.
        let body: Vec<u32> = (0..800).collect();
        let mut p: Vec<u32> = (0..1500).map(|i| 10_000 + (i % 7)).collect();
        p.extend(&body);
        p.extend((0..300).map(|i| 20_000 + (i % 5)));
        p.extend(&body);
        let m = align_tokens(&p, &body);
        let hits = m.iter().filter(|x| **x).count();
        assert_eq!(hits, 800, "one copy aligned, once");
        assert!(!m[..1500].iter().any(|x| *x));
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            unescape_entities("BBC&#039;s &amp; co &#x2019; &bogus; a&b"),
            "BBC's & co ’ &bogus; a&b"
        );
    }
}
