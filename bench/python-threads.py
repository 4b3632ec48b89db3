#!/usr/bin/env python3
"""Threads calling chaff.extract: pages/s with 1 and 2 Python threads on the same pages (the
GIL is released while chaff works, so threads should scale with cores).

    python bench/python-threads.py [--pages 415] [--rounds 3]

Reads the Dragnet test pages from ../shared/datasets (CHAFF_DATASETS), in memory; best of
--rounds. On a machine other work also loads, the ratio says more about the load than chaff.
"""
import argparse, glob, gzip, os, threading, time

import chaff

ap = argparse.ArgumentParser()
ap.add_argument("--pages", type=int, default=415)
ap.add_argument("--rounds", type=int, default=3)
a = ap.parse_args()
root = os.environ.get("CHAFF_DATASETS") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets")
ids = open(os.path.join(root, "dragnet", "test.txt")).read().split()
files = [os.path.join(root, "dragnet", "HTML", f"{i}.html.gz") for i in ids]
pages = [gzip.open(f).read() for f in files if os.path.exists(f)][: a.pages]
mb = sum(map(len, pages)) / 1e6


def run(threads):
    chunks = [pages[i::threads] for i in range(threads)]
    ts = [threading.Thread(target=lambda c=c: [chaff.extract(p) for p in c]) for c in chunks]
    t = time.perf_counter()
    for x in ts:
        x.start()
    for x in ts:
        x.join()
    return len(pages) / (time.perf_counter() - t)


run(1)  # warm-up: models loaded, caches filled
best = {n: max(run(n) for _ in range(a.rounds)) for n in (1, 2)}
print(f"{len(pages)} pages, {mb:.1f} MB, {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
for n, v in best.items():
    print(f"{n} thread{'s' if n > 1 else ''}: {v:.0f} pages/s")
print(f"2 threads / 1 thread: {best[2] / best[1]:.2f}x")
