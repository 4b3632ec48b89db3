#!/usr/bin/env python3
"""chaff and the peer extractors on trafilatura's own benchmark, by its own metric.

Why this exists: trafilatura's authors publish their extractor's score on 990 pages of
their choosing (`trafilatura-eval/tests/evaldata.json`, 70% German), each with snippets of
text that must be in the output ("with") and snippets that must not ("without"). chaff
never trains or tunes on these pages, so this is an out-of-sample test for chaff and a
home-ground test for trafilatura.

The metric is trafilatura's `evaluate_result`: over all pages, a "with" snippet found is a
true positive, missed a false negative; a "without" snippet found is a false positive, absent
a true negative; precision, recall, accuracy and F-score of the summed counts. A page an
extractor fails on counts every "with" as missed and every "without" as absent. One change,
applied to every extractor alike: runs of whitespace are collapsed to one space in both the
output and the snippet before the substring test, since extractors differ in how they join
lines and a snippet spanning a line break says nothing about content.

    /work/peers-venv/bin/python bench/peers/snippets.py --chaff target/release/chaff

Reuses compare.py's peers, decoding and chaff runner, so that both comparisons run every
extractor the same way.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class Page:
    id: str
    html_path: Path
    with_: list[str]
    without: list[str]


def load(root: Path) -> list[Page]:
    base = root / "trafilatura-eval" / "tests"
    data = json.loads((base / "evaldata.json").read_text())
    pages = []
    for url, item in data.items():
        f = item["file"]
        path = next((p for p in (base / "eval" / f"{f}.gz", base / "cache" / f"{f}.gz",
                                 base / "eval" / f, base / "cache" / f) if p.exists()), None)
        if path is None:
            continue
        pages.append(Page(url, path, item.get("with", []), item.get("without", [])))
    return pages


def counts(texts: list[str | None], pages: list[Page]) -> dict:
    tp = fn = fp = tn = 0
    for text, p in zip(texts, pages):
        out = norm(text or "")
        for s in p.with_:
            if norm(s) in out:
                tp += 1
            else:
                fn += 1
        for s in p.without:
            if norm(s) in out:
                fp += 1
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fn + fp + tn
    return {"tp": tp, "fn": fn, "fp": fp, "tn": tn, "precision": precision, "recall": recall,
            "accuracy": (tp + tn) / total if total else 0.0,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--extractors", default=",".join(compare.ALL_EXTRACTORS))
    ap.add_argument("--chaff", type=Path, default=compare.default_chaff())
    ap.add_argument("--limit", type=int, default=0, help="first N pages (default: all)")
    ap.add_argument("--json-out", type=Path, help="also write the results as JSON here")
    args = ap.parse_args()
    root = compare.datasets_root()
    pages = load(root)
    if args.limit:
        pages = pages[: args.limit]
    extractors = [e for e in args.extractors.split(",") if e]
    logging.disable(logging.WARNING)
    peers = compare.make_peers()
    inputs = [compare.peer_input(p.html_path) for p in pages]
    results = []
    for e in extractors:
        if e == "chaff":
            why = compare.chaff_usable(args.chaff)
            if why:
                print(f"skipping chaff: {why}", file=sys.stderr)
                continue
            texts, seconds = compare.run_chaff(args.chaff, pages)
        else:
            texts, seconds = compare.run_peer(peers[e], inputs, e)
        results.append({"extractor": e, "pages": len(pages),
                        "errors": sum(t is None for t in texts), **counts(texts, pages),
                        "pages_per_second": len(pages) / seconds if seconds else None})
    compare.progress("")
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2) + "\n")
    print("| extractor | pages | precision | recall | accuracy | F-score | pages/s | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in sorted(results, key=lambda r: -r["f1"]):
        pps = f"{r['pages_per_second']:.1f}" if r["pages_per_second"] else "-"
        print(f"| {r['extractor']} | {r['pages']} | {r['precision']:.3f} | {r['recall']:.3f} | "
              f"{r['accuracy']:.3f} | {r['f1']:.3f} | {pps} | {r['errors']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
