"""The training mix, measured offline: the block model's second pass refitted with one
training set dropped or down-weighted (sample weights by the page's dataset).

Reads what `cargo run --release --example block_matrices -- DIR` writes. A proxy for a
refit with another manifest: the stacked second-pass columns stay those of today's first
pass (out-of-fold on every training set), and so does the class/id vocabulary; only the
final (second) pass is refitted, an L2 logistic regression (C = 1, as linfa's alpha = 1) on
the standardised rows. Scores what `train::objective` scores, the mean per-page word F1 over
the pooled dev pages, at the best plain threshold, and per dev set at that threshold.

    /tmp/prec-venv/bin/python bench/precision/mix.py /tmp/prec-dump2
"""

import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

from dump import Dev

dev = Dev(sys.argv[1])
meta, arr, per_page_f1 = dev.meta, dev.arr, dev.per_page_f1
w1, w2 = len(meta["names1"]), len(meta["names2"])
tx = np.hstack([arr("train1.f32", "<f4", w1), arr("train2.f32", "<f4", w2)])
ty = arr("train_y.u8", "u1").astype(bool)
tset = np.array(meta["train_datasets"])[arr("train_page.u32", "<u4")]
dx = np.hstack([arr("dev1.f32", "<f4", w1), arr("dev2.f32", "<f4", w2)])
mu, sd = tx.mean(0), tx.std(0)
sd[sd < 1e-6] = 1.0
tx, dx = (tx - mu) / sd, (dx - mu) / sd
names, counts = np.unique(tset, return_counts=True)
print("training rows per set:", dict(zip(names, counts.tolist())), flush=True)


def score(p):
    best = max(
        ((per_page_f1(p >= t), t) for t in np.arange(0.2, 0.801, 0.05)),
        key=lambda x: x[0].mean(),
    )
    f1, t = best
    return f1.mean(), t, dev.by_set(f1)


variants = [("all sets alike", {})]
for s in names:
    variants.append((f"without {s}", {s: 0.0}))
    variants.append((f"{s} at half weight", {s: 0.5}))
for label, w in variants:
    weight = np.array([w.get(s, 1.0) for s in names])[np.searchsorted(names, tset)]
    keep = weight > 0
    t0 = time.time()
    m = LogisticRegression(C=1.0, max_iter=2000, solver="lbfgs")
    m.fit(tx[keep], ty[keep], sample_weight=weight[keep])
    f, t, per = score(m.predict_proba(dx)[:, 1])
    print(f"{label:28s} dev {f:.4f} at {t:.2f} ({per}) {time.time() - t0:.0f}s", flush=True)
