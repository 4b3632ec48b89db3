"""A threshold relative to the page, measured offline on the embedded model's dev blocks.

Reads what `cargo run --release --example block_matrices -- DIR` writes. A block the
decision keeps is dropped again when its probability is under a share `r` of a high
quantile `q` of the probabilities of the page's kept blocks (or, second kind, when it is
below the largest gap in the page's sorted kept probabilities, if that gap is at least `g`).
The step is applied on top of (a) the plain threshold and (b) the embedded model's whole
decision (`dev_decided.u8`: sequence pass, region, tail, lone article), with the
threshold re-tuned jointly over the 13 thresholds `train::tune_decisions` searches. Scores
what `train::objective` scores: the mean per-page word F1 over the pooled dev pages.

    /tmp/prec-venv/bin/python bench/precision/relative.py /tmp/prec-dump2
"""

import sys

import numpy as np

from dump import Dev

dev = Dev(sys.argv[1])
meta, arr, per_page_f1, by_set = dev.meta, dev.arr, dev.per_page_f1, dev.by_set
page_idx, n, sets, words = dev.page_idx, dev.n, dev.sets, dev.words
p = arr("dev_p.f32", "<f4").astype(np.float64)
TS = np.array(meta["decided_thresholds"])
decided = arr("dev_decided.u8", "u1").reshape(len(TS), -1).astype(bool)
rng = np.random.default_rng(9)


# Per page, the block order by page then probability (descending), for quantiles and gaps.
order = np.lexsort((-p, page_idx))


def page_stat(kept, kind):
    """Per page, a statistic of the kept blocks' probabilities (NaN when none is kept)."""
    out = np.full(n, np.nan)
    o = order[kept[order]]
    pi, pv, wv = page_idx[o], p[o], words[o]
    starts = np.searchsorted(pi, np.arange(n))
    ends = np.searchsorted(pi, np.arange(n), side="right")
    for i in range(n):
        a, b = starts[i], ends[i]
        if a == b:
            continue
        v, w = pv[a:b], wv[a:b]  # descending
        if kind == "max":
            out[i] = v[0]
        elif kind == "wmean":
            out[i] = (v * w).sum() / max(w.sum(), 1)
        elif kind.startswith("wq"):  # word-weighted quantile from the top
            share = float(kind[2:]) / 100
            c = np.cumsum(w) / max(w.sum(), 1)
            out[i] = v[min(np.searchsorted(c, share), len(v) - 1)]
    return out


def gap_cut(kept, g):
    """Per page, the probability under the largest gap of at least g, or -inf."""
    out = np.full(n, -np.inf)
    o = order[kept[order]]
    pi, pv = page_idx[o], p[o]
    starts = np.searchsorted(pi, np.arange(n))
    ends = np.searchsorted(pi, np.arange(n), side="right")
    for i in range(n):
        v = pv[starts[i] : ends[i]]
        if len(v) < 2:
            continue
        d = v[:-1] - v[1:]
        j = int(np.argmax(d))
        if d[j] >= g:
            out[i] = v[j]  # keep p >= v[j]
    return out


def relative(kept, kind, r):
    q = page_stat(kept, kind)
    cut = np.nan_to_num(r * q, nan=0.0)[page_idx]
    return kept & (p >= cut)


KINDS = ["max", "wq10", "wq25", "wq50", "wmean"]
RS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
GAPS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]


def base_labels(kind, ti):
    return p >= TS[ti] if kind == "plain" else decided[ti]


def search(base, page_mask=None):
    """All (variant, threshold index) with their mean F1, on the pages in page_mask."""
    m = np.ones(n, bool) if page_mask is None else page_mask
    res = []
    for ti in range(len(TS)):
        kept = base_labels(base, ti)
        res.append((("none",), ti, per_page_f1(kept)))
        for kind in KINDS:
            for r in RS:
                res.append(((kind, r), ti, per_page_f1(relative(kept, kind, r))))
        for g in GAPS:
            cut = gap_cut(kept, g)[page_idx]
            res.append((("gap", g), ti, per_page_f1(kept & (p >= cut))))
    return [(v, ti, f1, f1[m].mean()) for v, ti, f1 in res]


def bootstrap(a, b, reps=2000):
    d = a - b
    idx = rng.integers(0, n, (reps, n))
    means = d[idx].mean(1)
    return np.quantile(means, [0.025, 0.975])


for base in ["plain", "decided"]:
    res = search(base)
    none = max((r for r in res if r[0] == ("none",)), key=lambda r: r[3])
    print(f"\n== on the {base} decision: baseline at t={TS[none[1]]:.2f}: {none[3]:.4f} ({by_set(none[2])})")
    for fam in ["max", "wq10", "wq25", "wq50", "wmean", "gap"]:
        best = max((r for r in res if r[0][0] == fam), key=lambda r: r[3])
        lo, hi = bootstrap(best[2], none[2])
        print(
            f"{fam:6s} best {best[0]} t={TS[best[1]]:.2f}: {best[3]:.4f} ({best[3]-none[3]:+.4f}, 95% {lo:+.4f}..{hi:+.4f}) {by_set(best[2])}"
        )
    # Honest check of the tuning: tune on a random half of the dev pages, score the other.
    gains = []
    for rep in range(20):
        half = rng.random(n) < 0.5
        res_h = [(v, ti, f1, f1[half].mean()) for v, ti, f1, _ in res]
        b_none = max((r for r in res_h if r[0] == ("none",)), key=lambda r: r[3])
        b_any = max(res_h, key=lambda r: r[3])
        gains.append(b_any[2][~half].mean() - b_none[2][~half].mean())
    print(f"tuned on half, scored on the other half (20 splits): gain {np.mean(gains):+.4f} (min {np.min(gains):+.4f}, max {np.max(gains):+.4f})")

# The kind built (`extract::drop_below_page_share`): the word-weighted median alone, its two
# parameters tuned on a random half of the dev pages and scored on the other (200 splits).
res = [(0, ti, per_page_f1(decided[ti])) for ti in range(len(TS))]
res += [(r, ti, per_page_f1(relative(decided[ti], "wq50", r))) for ti in range(len(TS)) for r in RS]
gains = []
for rep in range(200):
    half = rng.random(n) < 0.5
    b_none = max((x for x in res if x[0] == 0), key=lambda x: x[2][half].mean())
    b_any = max(res, key=lambda x: x[2][half].mean())
    gains.append(b_any[2][~half].mean() - b_none[2][~half].mean())
gains = np.array(gains)
print(f"\nmedian alone, tuned on half (200 splits): gain {gains.mean():+.4f}, positive in {(gains > 0).mean():.0%}")
best = max(res, key=lambda x: x[2].mean())
d = best[2] - max((x for x in res if x[0] == 0), key=lambda x: x[2].mean())[2]
print(f"at r {best[0]}, t {TS[best[1]]:.2f}: {(d > 0.02).sum()} pages gain over 0.02, {(d < -0.02).sum()} lose over 0.02")
