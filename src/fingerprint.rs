//! Fingerprints of a body text: what lets chaff recognise a wire story inside a scraper page.
//!
//! A farm copy is rarely byte-identical to the wire item: quotes get straightened, paragraphs
//! cut or padded, the dateline kept or dropped. So a body gets three fingerprints:
//!
//! - an **exact hash** (xxh3-128) of the *normalised* text, which finds verbatim copies in one
//!   look-up and settles them with certainty;
//! - a **MinHash signature** over word shingles, which estimates how much two bodies share
//!   (Jaccard resemblance, and from it containment) without keeping the texts;
//! - **LSH band keys** cut from the signature, which find the candidates worth comparing among
//!   a million stories without comparing against all of them.
//!
//! The choices, and why:
//!
//! - **Normalisation**: unicode words (the same [`crate::page::words`] every stage uses),
//!   lower-cased, with every non-alphanumeric character inside a word removed. `Mission’s`,
//!   `mission's` and `MISSIONS` become `missions`, `U.S.` becomes `us`, `2,500` becomes `2500`.
//!   Farms re-type punctuation and quotes; they rarely change words.
//! - **Shingles of k = 5 words** ([`SHINGLE_WORDS`]). Shorter shingles (2–3 words) are shared
//!   by unrelated stories on the same topic ("the islamic state group"), which inflates
//!   resemblance and floods the LSH with candidates; longer ones (8–10) make every small edit
//!   (a replaced word, a cut sentence) destroy many shingles, so light rewording hides a copy.
//!   Five words is the usual middle ground for news-length text: one changed word disturbs
//!   five shingles out of several hundred, and two unrelated stories share almost none.
//! - **128 permutations** ([`PERMUTATIONS`]), each minimum kept as its low **16 bits**
//!   (b-bit MinHash). 128 gives a Jaccard estimate with a standard error of at most
//!   √(0.25/128) ≈ 0.044; keeping 16 bits rather than 64 divides storage by four at the cost
//!   of a chance collision rate of 2⁻¹⁶ per permutation, which [`Signature::jaccard`] corrects
//!   for. A signature is 256 bytes: a million stories' signatures fit in 256 MB.
//!   Permutation `i` is `(aᵢ·h + bᵢ) >> 32` over the seeded xxh3-64 hash `h` of a shingle
//!   (multiply-shift hashing): `h` is already well mixed, so one xxh3 call per shingle plus
//!   128 multiply-adds is enough, where 128 xxh3 calls per shingle would cost ten times more.
//! - **42 bands of 3 rows** ([`BANDS`] × [`ROWS`], the last 2 permutations are used for the
//!   estimate only). Two bodies with resemblance J share at least one band key with
//!   probability 1 − (1 − J³)⁴²:
//!
//!   | J    | 0.2  | 0.3  | 0.4  | 0.5   | 0.6      |
//!   |------|------|------|------|-------|----------|
//!   | P    | 0.29 | 0.68 | 0.94 | 0.996 | 0.99998  |
//!
//!   Containment is what matters for a farm copy: a page holding 60% of a story with nothing
//!   added has J = 0.6 (found all but certainly); the same cut padded with its own text up to
//!   a quarter of the story's length has J = 0.48 (found 99%); padded up to half, J = 0.4
//!   (94%). A full copy padded with as much text again has J = 0.5 (99.6%). Unrelated
//!   stories (J ≈ 0.01) share a band with probability ≈ 4·10⁻⁵, so a look-up among a million
//!   stories has a few dozen candidates to check at most. Fewer rows per band would reach
//!   lower J but multiply those chance candidates; more bands would cost index size.
//! - **Containment from Jaccard**: the index keeps no shingle sets, only signatures and set
//!   sizes. With |A ∩ B| = J(|A| + |B|) / (1 + J), the share of A found in B is
//!   C = J(|A| + |B|) / ((1 + J)|A|), clamped to [0, 1].
//!
//! [`Clusters`] applies the same signatures to one batch run: pages whose bodies are near copies
//! of each other on different sites.

use std::collections::{HashMap, HashSet};
use xxhash_rust::xxh3::{xxh3_64_with_seed, xxh3_128};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// MinHash permutations per signature.
pub const PERMUTATIONS: usize = 128;
/// LSH bands.
pub const BANDS: usize = 42;
/// Signature rows (permutations) per band.
pub const ROWS: usize = 3;
/// Seed of the shingle hash and of the permutation parameters. Changing it (or any constant
/// above) makes every stored signature meaningless: the wire index records these values and
/// refuses to open with different ones.
pub const SEED: u64 = 0x6368_6166_665f_7731; // "chaff_w1"

/// A chance collision of two different 16-bit minima.
const CHANCE: f64 = 1.0 / 65536.0;

/// Lower-case words with punctuation removed, joined by single spaces.
///
/// This is the text the exact hash and the shingles are computed on.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in crate::page::words(text) {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        let mut any = false;
        if word.is_ascii() {
            for b in word.bytes().filter(u8::is_ascii_alphanumeric) {
                out.push(b.to_ascii_lowercase() as char);
                any = true;
            }
            if !any {
                out.truncate(start);
            }
            continue;
        }
        for c in word.chars().filter(|c| c.is_alphanumeric()) {
            for l in c.to_lowercase() {
                out.push(l);
            }
            any = true;
        }
        if !any {
            out.truncate(start);
        }
    }
    out
}

/// xxh3-128 of the normalised text: equal for bodies that differ only in case, punctuation
/// and spacing.
pub fn exact_hash(normalized: &str) -> u128 {
    xxh3_128(normalized.as_bytes())
}

/// The seeded xxh3-64 hashes of the k-word shingles of a normalised text, deduplicated and
/// sorted. A text of fewer than k words (but at least one) is a single shingle.
pub fn shingles(normalized: &str) -> Vec<u64> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(normalized.match_indices(' ').map(|(i, _)| i + 1))
        .filter(|_| !normalized.is_empty())
        .collect();
    let n = starts.len();
    let mut out = Vec::with_capacity(n.saturating_sub(SHINGLE_WORDS - 1).max(1));
    if n == 0 {
        return out;
    }
    if n <= SHINGLE_WORDS {
        out.push(xxh3_64_with_seed(normalized.as_bytes(), SEED));
        return out;
    }
    for i in 0..=n - SHINGLE_WORDS {
        let end = if i + SHINGLE_WORDS < n {
            starts[i + SHINGLE_WORDS] - 1
        } else {
            normalized.len()
        };
        out.push(xxh3_64_with_seed(
            &normalized.as_bytes()[starts[i]..end],
            SEED,
        ));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The multiply-shift parameters of the permutations, derived from [`SEED`] by splitmix64.
fn permutation_params() -> &'static ([u64; PERMUTATIONS], [u64; PERMUTATIONS]) {
    use std::sync::OnceLock;
    static PARAMS: OnceLock<([u64; PERMUTATIONS], [u64; PERMUTATIONS])> = OnceLock::new();
    PARAMS.get_or_init(|| {
        let mut state = SEED;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let mut a = [0u64; PERMUTATIONS];
        let mut b = [0u64; PERMUTATIONS];
        for i in 0..PERMUTATIONS {
            a[i] = next() | 1;
            b[i] = next();
        }
        (a, b)
    })
}

/// A MinHash signature: per permutation, the low 16 bits of the minimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u16; PERMUTATIONS]);

impl Signature {
    /// The signature of a set of shingle hashes (empty set: all `u16::MAX`, which matches
    /// nothing real with any meaning; callers skip empty texts before this).
    pub fn of_shingles(shingles: &[u64]) -> Signature {
        let (a, b) = permutation_params();
        let mut mins = [u32::MAX; PERMUTATIONS];
        for &h in shingles {
            for i in 0..PERMUTATIONS {
                let v = (a[i].wrapping_mul(h).wrapping_add(b[i]) >> 32) as u32;
                if v < mins[i] {
                    mins[i] = v;
                }
            }
        }
        let mut out = [0u16; PERMUTATIONS];
        for (o, m) in out.iter_mut().zip(mins) {
            *o = m as u16;
        }
        Signature(out)
    }

    /// Estimated Jaccard resemblance of the two shingle sets, corrected for chance 16-bit
    /// collisions, in [0, 1].
    pub fn jaccard(&self, other: &Signature) -> f32 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        let p = same as f64 / PERMUTATIONS as f64;
        (((p - CHANCE) / (1.0 - CHANCE)).clamp(0.0, 1.0)) as f32
    }

    /// The LSH band keys: band `i` hashes rows `3i..3i+3` with the band number as seed, so
    /// equal rows in different bands give different keys. 32 bits: a chance collision among a
    /// million stories costs one extra candidate check, never a wrong answer.
    pub fn band_keys(&self) -> [u32; BANDS] {
        let mut keys = [0u32; BANDS];
        let mut buf = [0u8; ROWS * 2];
        for (band, key) in keys.iter_mut().enumerate() {
            for r in 0..ROWS {
                buf[r * 2..r * 2 + 2].copy_from_slice(&self.0[band * ROWS + r].to_le_bytes());
            }
            *key = xxh3_64_with_seed(&buf, SEED ^ band as u64) as u32;
        }
        keys
    }

    /// The signature as 256 little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Read [`Signature::to_bytes`] back; `None` when the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != PERMUTATIONS * 2 {
            return None;
        }
        let mut out = [0u16; PERMUTATIONS];
        for (o, c) in out.iter_mut().zip(bytes.chunks_exact(2)) {
            *o = u16::from_le_bytes([c[0], c[1]]);
        }
        Some(Signature(out))
    }
}

/// Everything chaff keeps of a body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// xxh3-128 of the normalised text.
    pub exact: u128,
    /// Number of distinct shingles (the set size the containment estimate needs).
    pub shingles: u32,
    pub signature: Signature,
}

impl Fingerprint {
    /// Fingerprint a body text; `None` when it has no words.
    pub fn of(text: &str) -> Option<Fingerprint> {
        let norm = normalize(text);
        if norm.is_empty() {
            return None;
        }
        let sh = shingles(&norm);
        Some(Fingerprint {
            exact: exact_hash(&norm),
            shingles: sh.len() as u32,
            signature: Signature::of_shingles(&sh),
        })
    }

    /// Whether two bodies are near copies: one holds at least `threshold` (0..1) of the other,
    /// by estimated containment. The one link test of [`Clusters`], public so that a crawl-wide
    /// clustering elsewhere (the Spark job of `python/`) links pages the same way.
    pub fn near_copy_of(&self, other: &Fingerprint, threshold: f32) -> bool {
        let o = self.compare(other);
        o.a_in_b.max(o.b_in_a) >= threshold
    }

    /// Estimated resemblance and overlap with another fingerprint (exact when the exact
    /// hashes are equal).
    pub fn compare(&self, other: &Fingerprint) -> Overlap {
        if self.exact == other.exact {
            return Overlap::identical(self.shingles);
        }
        Overlap::estimate(
            self.signature.jaccard(&other.signature),
            self.shingles,
            other.shingles,
        )
    }
}

/// How much two bodies A and B share, estimated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Jaccard resemblance |A ∩ B| / |A ∪ B|.
    pub similarity: f32,
    /// Share of A's shingles found in B.
    pub a_in_b: f32,
    /// Share of B's shingles found in A.
    pub b_in_a: f32,
    /// Estimated number of shared shingles.
    pub shared: f32,
}

impl Overlap {
    /// The overlap of two identical bodies.
    pub fn identical(shingles: u32) -> Overlap {
        Overlap {
            similarity: 1.0,
            a_in_b: 1.0,
            b_in_a: 1.0,
            shared: shingles as f32,
        }
    }

    /// Derive containment both ways from a Jaccard estimate and the two set sizes.
    pub fn estimate(similarity: f32, a: u32, b: u32) -> Overlap {
        Overlap {
            similarity,
            a_in_b: containment(similarity, a, b),
            b_in_a: containment(similarity, b, a),
            shared: shared(similarity, a, b),
        }
    }
}

/// Estimated |A ∩ B| from the Jaccard resemblance and the set sizes.
fn shared(j: f32, a: u32, b: u32) -> f32 {
    let j = j.clamp(0.0, 1.0);
    (j * (a as f32 + b as f32) / (1.0 + j)).min(a.min(b) as f32)
}

/// Estimated share of A's shingles found in B: J(|A|+|B|) / ((1+J)|A|), clamped to [0, 1].
pub fn containment(j: f32, a: u32, b: u32) -> f32 {
    if a == 0 {
        return 0.0;
    }
    let j = j.clamp(0.0, 1.0);
    (j * (a as f32 + b as f32) / ((1.0 + j) * a as f32)).clamp(0.0, 1.0)
}

/// Pages of one batch run whose bodies are near copies of each other on different sites.
///
/// Pages arrive streaming, so a page's cluster is always **the cluster so far**: the pages
/// added before it (and itself) that it is linked to, directly or through other pages, by
/// near-copy links. Asking again after more pages arrived can only give a larger cluster and
/// an earlier date, never a smaller one. A batch that wants order-independent answers adds
/// every page first and asks afterwards; one that scores as pages arrive gets, for the first
/// copy it meets, a cluster of one.
///
/// Two pages are linked when they are on different sites and one body holds at least
/// `threshold` of the other (estimated containment of the smaller in the larger, which is at
/// least their Jaccard resemblance): a farm's truncated copy still joins the full one.
/// Pages of the same site are never linked to each other directly (a site's own pages share
/// templates and syndicated notes); they can still meet in one cluster through another site.
///
/// [`Clusters::add`] takes `&mut self`: a parallel batch shares it behind a `Mutex` (an add
/// costs microseconds: 42 hash-map probes and a signature comparison per candidate).
#[derive(Debug)]
pub struct Clusters {
    threshold: f32,
    pages: Vec<Member>,
    by_key: HashMap<String, usize>,
    buckets: HashMap<(u8, u32), Vec<usize>>,
    exact: HashMap<u128, Vec<usize>>,
    parent: Vec<usize>,
    groups: HashMap<usize, Group>,
}

#[derive(Debug)]
struct Member {
    key: String,
    site: String,
    fingerprint: Fingerprint,
}

#[derive(Debug, Clone, Default)]
struct Group {
    size: usize,
    sites: HashSet<String>,
    earliest: Option<(String, usize)>,
}

/// What a page's cluster says, so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterInfo {
    /// Pages in the cluster, this one included (1 = no copy seen on another site).
    pub size: usize,
    /// Distinct sites in the cluster.
    pub sites: usize,
    /// The earliest declared date in the cluster (ISO-8601 strings compare in date order).
    pub earliest_date: Option<String>,
    /// The page key that declared it.
    pub earliest_key: Option<String>,
}

/// Linking threshold used by [`Clusters::default`]: 80% of one body inside the other.
pub const CLUSTER_THRESHOLD: f32 = 0.8;

impl Default for Clusters {
    fn default() -> Self {
        Clusters::new(CLUSTER_THRESHOLD)
    }
}

impl Clusters {
    /// Empty clusters; `threshold` is the containment (0..1) that links two pages.
    pub fn new(threshold: f32) -> Clusters {
        Clusters {
            threshold,
            pages: Vec::new(),
            by_key: HashMap::new(),
            buckets: HashMap::new(),
            exact: HashMap::new(),
            parent: Vec::new(),
            groups: HashMap::new(),
        }
    }

    /// Number of pages added.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// True before the first page.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Add a page. `declared_date` should be ISO-8601 (`2024-01-27` or longer) for the earliest
    /// date to be right. Adding a key a second time does nothing and returns its cluster.
    pub fn add(
        &mut self,
        key: &str,
        site: &str,
        declared_date: Option<&str>,
        fingerprint: Fingerprint,
    ) -> ClusterInfo {
        if let Some(&i) = self.by_key.get(key) {
            return self.info(i);
        }
        let idx = self.pages.len();
        let mut candidates: Vec<usize> = self
            .exact
            .get(&fingerprint.exact)
            .cloned()
            .unwrap_or_default();
        for (band, k) in fingerprint.signature.band_keys().into_iter().enumerate() {
            let bucket = self.buckets.entry((band as u8, k)).or_default();
            candidates.extend_from_slice(bucket);
            bucket.push(idx);
        }
        self.exact.entry(fingerprint.exact).or_default().push(idx);
        candidates.sort_unstable();
        candidates.dedup();

        self.parent.push(idx);
        let mut group = Group {
            size: 1,
            ..Group::default()
        };
        group.sites.insert(site.to_string());
        if let Some(d) = declared_date.filter(|d| !d.trim().is_empty()) {
            group.earliest = Some((d.trim().to_string(), idx));
        }
        self.groups.insert(idx, group);
        self.by_key.insert(key.to_string(), idx);

        let links: Vec<usize> = candidates
            .into_iter()
            .filter(|&c| {
                let other = &self.pages[c];
                if other.site == site {
                    return false;
                }
                fingerprint.near_copy_of(&other.fingerprint, self.threshold)
            })
            .collect();
        self.pages.push(Member {
            key: key.to_string(),
            site: site.to_string(),
            fingerprint,
        });
        for c in links {
            self.union(idx, c);
        }
        self.info(idx)
    }

    /// The cluster so far of a page added under `key`.
    pub fn cluster_of(&self, key: &str) -> Option<ClusterInfo> {
        self.by_key.get(key).map(|&i| self.info(i))
    }

    fn find(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (ga, gb) = (
            self.groups.remove(&ra).unwrap_or_default(),
            self.groups.remove(&rb).unwrap_or_default(),
        );
        // Union by size keeps the trees shallow; path halving is not needed at batch sizes.
        let (big_root, small_root, mut big, small) = if ga.size >= gb.size {
            (ra, rb, ga, gb)
        } else {
            (rb, ra, gb, ga)
        };
        self.parent[small_root] = big_root;
        big.size += small.size;
        big.sites.extend(small.sites);
        big.earliest = match (big.earliest, small.earliest) {
            (Some(x), Some(y)) => Some(if y.0 < x.0 { y } else { x }),
            (x, y) => x.or(y),
        };
        self.groups.insert(big_root, big);
    }

    fn info(&self, i: usize) -> ClusterInfo {
        let root = self.find(i);
        let g = &self.groups[&root];
        let earliest_key = g
            .earliest
            .as_ref()
            .map(|(_, idx)| self.pages[*idx].key.clone());
        ClusterInfo {
            size: g.size,
            sites: g.sites.len(),
            earliest_date: g.earliest.as_ref().map(|(d, _)| d.clone()),
            earliest_key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic prose-like text: `n` words drawn from a 3000-word made-up vocabulary with
    /// a skewed (roughly Zipf) frequency, sentences of 8–20 words. `seed` picks the text.
    fn text(seed: u64, n: usize) -> String {
        const SYL: [&str; 20] = [
            "ka", "lo", "mi", "ten", "ra", "vos", "ul", "bre", "sa", "dor", "pi", "en", "gat",
            "mu", "ri", "fe", "on", "zu", "la", "ster",
        ];
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut out = String::new();
        let mut in_sentence = 0;
        for i in 0..n {
            // Skewed rank: the square of a uniform draw favours small ranks.
            let u = (next() % 1000) as f64 / 1000.0;
            let rank = (u * u * 3000.0) as u64;
            let mut w = String::new();
            let mut r = rank + 7;
            while r > 0 {
                w.push_str(SYL[(r % 20) as usize]);
                r /= 20;
            }
            if in_sentence == 0 {
                let mut c = w.chars();
                let first = c.next().unwrap().to_uppercase().collect::<String>();
                w = first + c.as_str();
            }
            out.push_str(&w);
            in_sentence += 1;
            if in_sentence >= 8 + (next() % 13) as usize || i + 1 == n {
                out.push_str(". ");
                in_sentence = 0;
            } else if next() % 9 == 0 {
                out.push_str(", ");
            } else {
                out.push(' ');
            }
        }
        out
    }

    fn words_of(t: &str) -> Vec<&str> {
        t.split_whitespace().collect()
    }

    fn true_jaccard(a: &str, b: &str) -> f32 {
        let sa: HashSet<u64> = shingles(&normalize(a)).into_iter().collect();
        let sb: HashSet<u64> = shingles(&normalize(b)).into_iter().collect();
        let inter = sa.intersection(&sb).count() as f32;
        inter / sa.union(&sb).count() as f32
    }

    #[test]
    fn normalize_drops_case_and_punctuation_inside_and_between_words() {
        assert_eq!(
            normalize("The U.S.-led coalition’s 2,500 TROOPS — “withdraw!”"),
            "the us led coalitions 2500 troops withdraw"
        );
        assert_eq!(normalize("coalition's"), normalize("Coalition’s"));
        assert_eq!(normalize(" \n — ... "), "");
        assert_eq!(normalize("Ünïcode Straße"), "ünïcode straße");
    }

    #[test]
    fn exact_hash_ignores_what_normalisation_drops_and_sees_words() {
        let a = "BEIRUT (AP) — The talks began Saturday.";
        let b = "beirut ap the talks   began saturday";
        let c = "BEIRUT (AP) — The talks began Sunday.";
        assert_eq!(exact_hash(&normalize(a)), exact_hash(&normalize(b)));
        assert_ne!(exact_hash(&normalize(a)), exact_hash(&normalize(c)));
    }

    #[test]
    fn shingles_are_five_word_windows() {
        let t = normalize("one two three four five six seven eight nine ten");
        assert_eq!(shingles(&t).len(), 6);
        // A repeated window counts once.
        let r = normalize("a b c d e a b c d e a b c d e");
        assert_eq!(shingles(&r).len(), 5);
        // Shorter than a shingle: one shingle; no words: none.
        assert_eq!(shingles(&normalize("just three words")).len(), 1);
        assert!(shingles("").is_empty());
        // The window is words, not characters: same words, same shingles.
        assert_eq!(
            shingles(&normalize("One, two; three four five six")),
            shingles(&normalize("one two three four five six"))
        );
    }

    #[test]
    fn jaccard_estimate_is_within_tolerance_of_the_true_value() {
        let story = text(1, 600);
        let w = words_of(&story);
        let cases = [
            w[..360].join(" "),                                         // 60% truncated
            format!("{} {}", w[100..].join(" "), text(2, 200)),         // cut top, padded
            format!("{} {}", story, text(3, 600)),                      // doubled with padding
            w.iter().step_by(2).copied().collect::<Vec<_>>().join(" "), // mangled: little left
            text(4, 600),                                               // unrelated
        ];
        let a = Fingerprint::of(&story).unwrap();
        for (i, copy) in cases.iter().enumerate() {
            let j = true_jaccard(&story, copy);
            let est = a.compare(&Fingerprint::of(copy).unwrap()).similarity;
            // 128 permutations: standard error ≤ 0.044; 0.12 is almost 3 of them.
            assert!((est - j).abs() < 0.12, "case {i}: estimate {est}, true {j}");
        }
    }

    #[test]
    fn containment_sees_truncated_and_padded_copies() {
        let story = text(10, 700);
        let w = words_of(&story);
        let s = Fingerprint::of(&story).unwrap();

        // The farm kept the first 60%: 60% of the story is in the page, all of the page is story.
        let cut = Fingerprint::of(&w[..420].join(" ")).unwrap();
        let o = s.compare(&cut);
        assert!((o.a_in_b - 0.6).abs() < 0.1, "{o:?}");
        assert!(o.b_in_a > 0.9, "{o:?}");

        // The farm kept everything and added as much of its own: all of the story is there,
        // resemblance is about a half.
        let padded = Fingerprint::of(&format!("{story} {}", text(11, 700))).unwrap();
        let o = s.compare(&padded);
        assert!(o.a_in_b > 0.9, "{o:?}");
        assert!((o.b_in_a - 0.5).abs() < 0.1, "{o:?}");
        assert!((o.similarity - 0.5).abs() < 0.1, "{o:?}");

        // Unrelated text: nothing contained.
        let other = Fingerprint::of(&text(12, 700)).unwrap();
        assert!(s.compare(&other).a_in_b < 0.05);
    }

    #[test]
    fn containment_formula_clamps_and_handles_empty_sets() {
        assert_eq!(containment(1.0, 100, 100), 1.0);
        assert!((containment(0.5, 100, 200) - 1.0).abs() < 1e-6);
        assert!((containment(0.5, 200, 100) - 0.5).abs() < 1e-6);
        assert_eq!(containment(0.9, 100, 10_000), 1.0);
        assert_eq!(containment(0.3, 0, 10), 0.0);
    }

    #[test]
    fn lsh_finds_a_sixty_percent_copy_and_not_unrelated_text() {
        let mut found = 0;
        let mut chance = 0;
        for seed in 0..20 {
            let story = text(100 + seed, 500);
            let w = words_of(&story);
            let cut = w[..300].join(" ");
            let a: HashSet<u32> = Fingerprint::of(&story)
                .unwrap()
                .signature
                .band_keys()
                .into();
            let b = Fingerprint::of(&cut).unwrap().signature.band_keys();
            let c = Fingerprint::of(&text(200 + seed, 500))
                .unwrap()
                .signature
                .band_keys();
            found += b.iter().any(|k| a.contains(k)) as usize;
            chance += c.iter().any(|k| a.contains(k)) as usize;
        }
        assert_eq!(found, 20);
        assert_eq!(chance, 0);
    }

    #[test]
    fn signature_bytes_round_trip() {
        let f = Fingerprint::of(&text(5, 100)).unwrap();
        let bytes = f.signature.to_bytes();
        assert_eq!(bytes.len(), 256);
        assert_eq!(Signature::from_bytes(&bytes), Some(f.signature.clone()));
        assert_eq!(Signature::from_bytes(&bytes[1..]), None);
        assert!(Fingerprint::of(" — ").is_none());
    }

    #[test]
    fn clusters_join_copies_on_other_sites_and_keep_the_earliest_date() {
        let story = text(20, 500);
        let w = words_of(&story);
        let fp = |t: &str| Fingerprint::of(t).unwrap();
        let mut c = Clusters::default();

        let first = c.add("a", "farm-one.example", Some("2025-04-25"), fp(&story));
        assert_eq!(first.size, 1);
        assert_eq!(first.earliest_date.as_deref(), Some("2025-04-25"));

        // A truncated copy on another site joins, and brings an earlier date.
        let second = c.add(
            "b",
            "farm-two.example",
            Some("2024-01-28"),
            fp(&w[..400].join(" ")),
        );
        assert_eq!((second.size, second.sites), (2, 2));
        assert_eq!(second.earliest_date.as_deref(), Some("2024-01-28"));
        assert_eq!(second.earliest_key.as_deref(), Some("b"));

        // Unrelated body: alone.
        let other = c.add("c", "blog.example", Some("2023-01-01"), fp(&text(21, 500)));
        assert_eq!(other.size, 1);

        // A copy on the same site as the first links to nothing there directly, but joins the
        // second site's copy: three pages, two sites.
        let third = c.add("d", "farm-one.example", None, fp(&story));
        assert_eq!((third.size, third.sites), (3, 2));

        // The first page's cluster, asked again, has grown: the cluster so far.
        let again = c.cluster_of("a").unwrap();
        assert_eq!(again.size, 3);
        assert_eq!(again.earliest_date.as_deref(), Some("2024-01-28"));
        assert_eq!(
            c.cluster_of("c").unwrap().earliest_date.as_deref(),
            Some("2023-01-01")
        );
        assert!(c.cluster_of("zzz").is_none());
        assert_eq!(c.len(), 4);
    }

    #[test]
    fn clusters_do_not_link_pages_of_one_site() {
        let story = text(30, 400);
        let mut c = Clusters::default();
        c.add("x1", "site.example", None, Fingerprint::of(&story).unwrap());
        let again = c.add("x2", "site.example", None, Fingerprint::of(&story).unwrap());
        assert_eq!(again.size, 1);
    }
}
