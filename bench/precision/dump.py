"""The dev side of a `block_matrices` dump, scored as `train::objective` scores it; shared by
`relative.py` and `mix.py` (run them from the repository root with the dump's folder)."""

import json

import numpy as np


class Dev:
    """The dev blocks of dump folder `d`: gold, page, words, each page's dataset."""

    def __init__(self, d):
        self.dir = d
        self.meta = json.load(open(f"{d}/meta.json"))
        self.gold = self.arr("dev_gold.u8", "u1")
        self.words = self.arr("dev_words.u32", "<u4").astype(np.float64)
        pages, self.page_idx = np.unique(self.arr("dev_page.u32", "<u4"), return_inverse=True)
        self.n = len(pages)
        self.body = self.gold == 1
        self.sets = np.array(self.meta["dev_datasets"])[pages]

    def arr(self, name, dtype, width=None):
        a = np.fromfile(f"{self.dir}/{name}", dtype=dtype)
        return a.reshape(-1, width) if width else a

    def per_page_f1(self, pred):
        """Word F1 of the body class per page for block labels `pred` (as `word_prf`)."""
        b, w, i = self.body, self.words, self.page_idx
        tp = np.bincount(i, weights=w * (pred & b), minlength=self.n)
        fp = np.bincount(i, weights=w * (pred & ~b), minlength=self.n)
        fn = np.bincount(i, weights=w * (~pred & b), minlength=self.n)
        predicted, g = tp + fp, tp + fn
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = 2 * tp / (predicted + g)
        f1 = np.where((predicted == 0) & (g == 0), 1.0, f1)
        return np.where((predicted == 0) ^ (g == 0), 0.0, f1)

    def by_set(self, f1):
        return " ".join(f"{s} {f1[self.sets == s].mean():.4f}" for s in np.unique(self.sets))
