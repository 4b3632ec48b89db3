//! The decision over the sequence of blocks: body and boilerplate come in runs (the
//! article's paragraphs, then a feed), so a block's label should depend on its neighbours'
//! as well as on its own probability. A two-state Viterbi pass finds the labelling that
//! best trades each block's evidence against the cost of switching state, with switching
//! costs counted from the training pages' gold labels.
//!
//! What this buys: a short subhead or attribution between two body paragraphs (probability
//! a little under the threshold) stays in, and a lone body-looking teaser inside a feed
//! goes. With `strength` 0 the pass is the per-block threshold, so tuning on dev can always
//! fall back to it.

use crate::page::Page;
use serde::{Deserialize, Serialize};

/// Probabilities are clamped to this distance from 0 and 1 so that log-odds stay finite.
const CLAMP: f32 = 1e-4;

/// The learned transitions and how much they weigh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sequence {
    /// ln P(next block's state | this block's state), `[from][to]`, state 0 = boilerplate,
    /// 1 = body; counted over consecutive gold-labelled blocks of the training pages.
    pub log_transition: [[f32; 2]; 2],
    /// Weight of the transition costs against the blocks' log-odds (tuned on dev pages).
    pub strength: f32,
}

impl Sequence {
    /// Count the transitions of the gold labels (add-one smoothed).
    pub fn learn<'p>(pages: impl IntoIterator<Item = &'p Page>) -> Sequence {
        let mut counts = [[1.0f64; 2]; 2];
        for page in pages {
            let gold: Vec<bool> = page.blocks.iter().filter_map(|b| b.gold).collect();
            for w in gold.windows(2) {
                counts[usize::from(w[0])][usize::from(w[1])] += 1.0;
            }
        }
        let row = |r: [f64; 2]| {
            let total = r[0] + r[1];
            [(r[0] / total).ln() as f32, (r[1] / total).ln() as f32]
        };
        Sequence {
            log_transition: [row(counts[0]), row(counts[1])],
            strength: 1.0,
        }
    }

    /// The best labelling of `probs` given the threshold: each block scores its log-odds
    /// over the threshold's when body, 0 when boilerplate; each step adds `strength` times
    /// the log transition probability.
    pub fn decide(&self, probs: &[f32], threshold: f32) -> Vec<bool> {
        self.decide_at(probs, threshold, self.strength)
    }

    /// [`Self::decide`] with another strength (for tuning).
    pub fn decide_at(&self, probs: &[f32], threshold: f32, strength: f32) -> Vec<bool> {
        let n = probs.len();
        if n == 0 {
            return Vec::new();
        }
        let logit = |p: f32| {
            let p = p.clamp(CLAMP, 1.0 - CLAMP);
            (p / (1.0 - p)).ln()
        };
        let bias = logit(threshold);
        let emit = |i: usize| [0.0, logit(probs[i]) - bias];
        let t = self.log_transition.map(|r| r.map(|x| x * strength));
        // score[s]: best total ending in state s; back[i][s]: the state before it. A page
        // starts and ends outside the article (a virtual boilerplate block on each side), or
        // a first block would be body only because that saves a transition.
        let e0 = emit(0);
        let mut score = [e0[0] + t[0][0], e0[1] + t[0][1]];
        let mut back = vec![[0u8; 2]; n];
        for (i, back_i) in back.iter_mut().enumerate().skip(1) {
            let e = emit(i);
            let mut next = [0.0; 2];
            for to in 0..2 {
                let from0 = score[0] + t[0][to];
                let from1 = score[1] + t[1][to];
                let (best, from) = if from1 > from0 {
                    (from1, 1)
                } else {
                    (from0, 0)
                };
                next[to] = best + e[to];
                back_i[to] = from;
            }
            score = next;
        }
        let mut state = usize::from(score[1] + t[1][0] > score[0] + t[0][0]);
        let mut labels = vec![false; n];
        for i in (0..n).rev() {
            labels[i] = state == 1;
            state = back[i][state] as usize;
        }
        labels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq() -> Sequence {
        Sequence {
            log_transition: [[0.95f32.ln(), 0.05f32.ln()], [0.1f32.ln(), 0.9f32.ln()]],
            strength: 1.0,
        }
    }

    #[test]
    fn strength_zero_is_the_threshold() {
        let p = [0.9, 0.2, 0.6, 0.1, 0.55];
        let labels = seq().decide_at(&p, 0.5, 0.0);
        assert_eq!(labels, p.map(|x| x >= 0.5).to_vec());
    }

    #[test]
    fn a_short_dip_inside_the_article_stays_and_a_lone_spike_goes() {
        let p = [0.1, 0.9, 0.95, 0.35, 0.9, 0.92, 0.1, 0.05, 0.6, 0.08, 0.1];
        let labels = seq().decide(&p, 0.5);
        assert!(labels[1..=5].iter().all(|l| *l), "{labels:?}");
        assert!(!labels[8], "the lone teaser in the feed goes: {labels:?}");
        assert!(!labels[0] && !labels[6]);
    }

    #[test]
    fn transitions_are_counted_from_gold() {
        let mut page = crate::segment::segment("<p>a</p><p>b</p><p>c</p><p>d</p>");
        for (b, g) in page.blocks.iter_mut().zip([true, true, false, false]) {
            b.gold = Some(g);
        }
        let s = Sequence::learn([&page]);
        // body->body 1+1, body->other 1+1; other->other 1+1, other->body 1.
        assert!((s.log_transition[1][1] - 0.5f32.ln()).abs() < 1e-6);
        assert!((s.log_transition[0][0] - (2.0f32 / 3.0).ln()).abs() < 1e-6);
        assert!(seq().decide(&[], 0.5).is_empty());
    }
}
