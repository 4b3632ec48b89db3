"""Raw vs quantile-binned columns for the block model's logistic passes, offline.

Reads the matrices `cargo run --release --example block_matrices -- DIR` writes and fits
logistic regressions (L2, C = 1 as linfa's alpha = 1) on the training rows the Rust fit
sees (already resampled by ln(1 + words)). Scores what `train::objective` scores: the mean
per-page word F1 over all dev pages pooled, at the best plain threshold (no sequence pass,
tail or region decision, for every variant alike).

    python3 -m venv /tmp/prec-venv && /tmp/prec-venv/bin/pip install numpy scikit-learn
    /tmp/prec-venv/bin/python bench/binned/compare.py /tmp/prec-dump
"""

import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

D = sys.argv[1]
BINS = [int(b) for b in (sys.argv[2].split(",") if len(sys.argv) > 2 else ["8", "16"])]
# L2 strengths to try beside linfa's (C = 1): one-hot bins add hundreds of columns.
CS = [float(c) for c in (sys.argv[3].split(",") if len(sys.argv) > 3 else ["1"])]
# Also a cubic spline basis (knots at quantiles) per non-binary column, when set.
SPLINES = len(sys.argv) > 4 and sys.argv[4] == "splines"
meta = json.load(open(f"{D}/meta.json"))
w1, w2 = len(meta["names1"]), len(meta["names2"])


def arr(name, dtype, width=None):
    a = np.fromfile(f"{D}/{name}", dtype=dtype)
    return a.reshape(-1, width) if width else a


tx1, tx2 = arr("train1.f32", "<f4", w1), arr("train2.f32", "<f4", w2)
ty = arr("train_y.u8", "u1").astype(bool)
dx1, dx2 = arr("dev1.f32", "<f4", w1), arr("dev2.f32", "<f4", w2)
dgold = arr("dev_gold.u8", "u1")
dpage, dwords = arr("dev_page.u32", "<u4"), arr("dev_words.u32", "<u4").astype(np.int64)
dp_embedded = arr("dev_p.f32", "<f4")
print(f"train rows {len(ty)}, dev rows {len(dgold)}, columns {w1} + {w2}", flush=True)

pages = np.unique(dpage)
page_idx = np.searchsorted(pages, dpage)
body = dgold == 1


def objective(p, thresholds=np.arange(0.05, 0.951, 0.025)):
    """Best mean per-page word F1 over the pooled dev pages, and its threshold."""
    best = (-1.0, 0.0)
    n = len(pages)
    for t in thresholds:
        pred = p >= t
        tp = np.bincount(page_idx, weights=dwords * (pred & body), minlength=n)
        fp = np.bincount(page_idx, weights=dwords * (pred & ~body), minlength=n)
        fn = np.bincount(page_idx, weights=dwords * (~pred & body), minlength=n)
        predicted, gold = tp + fp, tp + fn
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(predicted + gold > 0, 2 * tp / (predicted + gold), 1.0)
        f1 = np.where((predicted == 0) & (gold == 0), 1.0, f1)
        f1 = np.where((predicted > 0) ^ (gold > 0), 0.0, f1)
        m = f1.mean()
        if m > best[0]:
            best = (m, t)
    return best


def per_set(p, t):
    out = {}
    sets = np.array(meta["dev_datasets"])[pages]
    pred = p >= t
    n = len(pages)
    tp = np.bincount(page_idx, weights=dwords * (pred & body), minlength=n)
    fp = np.bincount(page_idx, weights=dwords * (pred & ~body), minlength=n)
    fn = np.bincount(page_idx, weights=dwords * (~pred & body), minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(tp + fp + tp + fn > 0, 2 * tp / (2 * tp + fp + fn), 1.0)
    for s in np.unique(sets):
        out[s] = round(float(f1[sets == s].mean()), 4)
    return out


def standardise(train, dev):
    mu, sd = train.mean(0), train.std(0)
    sd[sd < 1e-6] = 1.0
    return (train - mu) / sd, (dev - mu) / sd


def binary_columns(x):
    return np.array([np.isin(np.unique(x[:, c]), [0.0, 1.0]).all() for c in range(x.shape[1])])


def binned(train, dev, nbins):
    """One-hot quantile bins of every non-binary column: bin i holds edge[i-1] < x <= edge[i]."""
    is_bin = binary_columns(train)
    blocks_t, blocks_d = [], []
    ncols = 0
    for c in np.where(~is_bin)[0]:
        edges = np.unique(np.quantile(train[:, c], np.linspace(0, 1, nbins + 1)[1:-1]))
        bt = np.searchsorted(edges, train[:, c], side="left")
        bd = np.searchsorted(edges, dev[:, c], side="left")
        k = len(edges) + 1
        blocks_t.append((bt + ncols))
        blocks_d.append((bd + ncols))
        ncols += k

    def onehot(blocks, n):
        rows = np.repeat(np.arange(n), len(blocks))
        cols = np.stack(blocks, 1).ravel()
        return sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(n, ncols))

    return onehot(blocks_t, len(train)), onehot(blocks_d, len(dev)), is_bin


def fit_predict(xt, xd, C=1.0):
    t0 = time.time()
    m = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    m.fit(xt, ty)
    return m.predict_proba(xd)[:, 1], time.time() - t0


def splines(train, dev, is_bin):
    from sklearn.preprocessing import SplineTransformer

    num = ~is_bin
    sp_t = SplineTransformer(n_knots=6, degree=3, knots="quantile", extrapolation="constant")
    xt = sp_t.fit_transform(train[:, num])
    return xt, sp_t.transform(dev[:, num])


def variants(train, dev, label):
    st, sd_ = standardise(train, dev)
    p, s = fit_predict(st, sd_)
    f, t = objective(p)
    print(f"{label} raw: dev F1 {f:.4f} at {t:.3f} ({s:.0f}s) {per_set(p, t)}", flush=True)
    res = {"raw": f}
    if SPLINES:
        is_bin = binary_columns(train)
        xt, xd = splines(train, dev, is_bin)
        for C in CS:
            p, s = fit_predict(np.hstack([xt, st]), np.hstack([xd, sd_]), C)
            f, t = objective(p)
            print(f"{label} raw+splines C={C}: dev F1 {f:.4f} at {t:.3f} ({xt.shape[1]} spline columns, {s:.0f}s) {per_set(p, t)}", flush=True)
        return res
    for nb in BINS:
        bt, bd, is_bin = binned(train, dev, nb)
        xb_t = sp.hstack([bt, sp.csr_matrix(st[:, is_bin])]).tocsr()
        xb_d = sp.hstack([bd, sp.csr_matrix(sd_[:, is_bin])]).tocsr()
        xr_t = sp.hstack([bt, sp.csr_matrix(st)]).tocsr()
        xr_d = sp.hstack([bd, sp.csr_matrix(sd_)]).tocsr()
        for C in CS:
            p, s = fit_predict(xb_t, xb_d, C)
            f, t = objective(p)
            print(f"{label} binned {nb} C={C}: dev F1 {f:.4f} at {t:.3f} ({bt.shape[1]} bin columns, {s:.0f}s) {per_set(p, t)}", flush=True)
            res[f"binned{nb}"] = f
            p, s = fit_predict(xr_t, xr_d, C)
            f, t = objective(p)
            print(f"{label} raw+binned {nb} C={C}: dev F1 {f:.4f} at {t:.3f} ({s:.0f}s) {per_set(p, t)}", flush=True)
            res[f"raw+binned{nb}"] = f
    return res


f, t = objective(dp_embedded)
print(f"embedded model, both passes, plain threshold: dev F1 {f:.4f} at {t:.3f} {per_set(dp_embedded, t)}", flush=True)
variants(tx1, dx1, "first pass")
variants(np.hstack([tx1, tx2]), np.hstack([dx1, dx2]), "second pass")
