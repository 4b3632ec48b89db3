#!/usr/bin/env python3
"""chaff's declared date against htmldate's original date, on every real page and on
generated pages.

Why: a farm copy is caught re-stamped only if the date it prints is read, wherever the
page prints it. htmldate (pinned in requirements.txt) is the reference reader of page
dates; where it finds a publication date, chaff should find the same one.

What is compared, per page:
- htmldate: `find_date(bytes, original_date=True)` with its defaults (extensive search on:
  it also reads dates from free text, copyright lines...), and again with
  `extensive_search=False` (markup and the usual date expressions only);
- chaff: `declared_date.date` of `chaff facts --jsonl` on the same file.
Agreement = same YYYY-MM-DD, over the pages where htmldate finds a date (pages where
chaff finds one and htmldate does not are counted apart). On generated pages the
generator's own truth (the date it printed) is scored too.

Pages: every page of ../shared/datasets, read in place (gunzipped in memory):
l3s-gn1/original, boilernet googletrends/raw_html, dragnet/HTML, cleaneval inputs,
cleanportaleval, readability source pages, trafilatura-eval, wcxb-dev; and the pages
`cargo run --release --example farm_pages -- N FILE` writes.

Output: a table on stdout and in --results (Markdown), and the disagreements, one per
line (page, htmldate's date, chaff's date and where chaff read it; no page text), in
--disagreements.

  python3 -m venv /tmp/dates-venv && /tmp/dates-venv/bin/pip install -r bench/dates/requirements.txt
  cargo build --release && cargo run --release --example farm_pages -- 40 /tmp/farm-pages.jsonl
  /tmp/dates-venv/bin/python bench/dates/compare.py --chaff target/release/chaff \
      --generated /tmp/farm-pages.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from htmldate import find_date

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO.parent / "shared" / "datasets"

# (name, folder under datasets, file pattern): the unannotated copy of every page, once.
SETS = [
    ("l3s-gn1", "l3s-gn1/original", "*.html.gz"),
    ("googletrends", "boilernet-datasets/datasets/googletrends/raw_html", "*.html.gz"),
    ("dragnet", "dragnet/HTML", "*.html.gz"),
    ("cleaneval", "cleaneval", "input/*.html.gz"),
    ("cleanportaleval", "cleanportaleval/input", "*.html.gz"),
    ("readability", "readability/test/test-pages", "*/source.html.gz"),
    ("trafilatura-eval", "trafilatura-eval/tests", "*/*.html.gz"),
    ("wcxb", "wcxb-dev/html", "*.html.gz"),
]


def real_pages(limit: int | None) -> list[tuple[str, Path]]:
    out = []
    for name, folder, pattern in SETS:
        root = DATASETS / folder
        files = sorted(root.rglob(pattern) if "/" in pattern else root.glob(pattern))
        if not files:
            sys.exit(f"compare.py: no pages in {root} (is ../shared/datasets there?)")
        out += [(name, f) for f in files[:limit]]
    return out


def chaff_dates(chaff: str, inputs: list[str]) -> list[dict]:
    """`chaff facts --jsonl` over inputs, in chunks; one record per input line/file."""
    out = []
    for i in range(0, len(inputs), 400):
        chunk = inputs[i:i + 400]
        run = subprocess.run([chaff, "facts", "--jsonl", "--threads", "1", *chunk],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"chaff facts failed: {run.stderr[-2000:]}")
        out += [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    return out


def htmldate_pair(html) -> tuple[str | None, str | None]:
    try:
        full = find_date(html, original_date=True)
    except Exception:  # a page htmldate cannot parse counts as "no date"
        full = None
    try:
        markup = find_date(html, original_date=True, extensive_search=False)
    except Exception:
        markup = None
    return full, markup


def where(d: dict | None) -> str:
    if not d:
        return "-"
    s = d["source"]
    return s if isinstance(s, str) else ",".join(f"{k}:{v}" for k, v in s.items())


class Tally:
    def __init__(self):
        self.pages = 0
        self.found = {"full": 0, "markup": 0}
        self.agree = {"full": 0, "markup": 0}
        self.chaff_found = 0
        self.chaff_only = 0

    def add(self, chaff: str | None, full: str | None, markup: str | None):
        self.pages += 1
        self.chaff_found += chaff is not None
        self.chaff_only += chaff is not None and full is None
        for mode, h in (("full", full), ("markup", markup)):
            if h is not None:
                self.found[mode] += 1
                self.agree[mode] += chaff == h

    def row(self, name: str) -> str:
        def pct(mode):
            f = self.found[mode]
            return f"{self.agree[mode] / f:.1%} of {f}" if f else "–"
        return (f"| {name} | {self.pages} | {self.chaff_found} | {pct('full')} | "
                f"{pct('markup')} | {self.chaff_only} |")


HEADER = ("| pages | n | chaff dated | agreement, htmldate default | "
          "agreement, htmldate markup only | chaff only |\n|---|---:|---:|---:|---:|---:|")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chaff", default=str(REPO / "target/release/chaff"))
    ap.add_argument("--generated", help="JSON Lines of generated pages (farm_pages example)")
    ap.add_argument("--limit", type=int, help="at most this many pages per dataset")
    ap.add_argument("--results", default=str(REPO / "bench/dates/RESULTS.md"))
    ap.add_argument("--disagreements", default=str(REPO / "bench/dates/disagreements.tsv"))
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)

    started = time.time()
    pages = real_pages(args.limit)
    facts = chaff_dates(args.chaff, [str(p) for _, p in pages])
    by_source = {f["source"]: f for f in facts}
    tallies: dict[str, Tally] = defaultdict(Tally)
    lines = ["page\thtmldate\thtmldate_markup\tchaff\tchaff_source\tchaff_stamp"]
    for n, (name, path) in enumerate(pages):
        html = gzip.decompress(path.read_bytes())
        full, markup = htmldate_pair(html)
        f = by_source.get(str(path), {})
        d = f.get("declared_date")
        chaff = d["date"] if d else None
        for t in (tallies[name], tallies["all real pages"]):
            t.add(chaff, full, markup)
        if full is not None and chaff != full:
            rel = path.relative_to(DATASETS)
            lines.append(f"{rel}\t{full}\t{markup or '-'}\t{chaff or '-'}\t{where(d)}\t"
                         f"{d['stamp'] if d else '-'}")
        if n % 500 == 499:
            print(f"  {n + 1} pages, {time.time() - started:.0f} s", file=sys.stderr)

    truth = Tally()
    truth_htmldate = Tally()
    if args.generated:
        gen = [json.loads(l) for l in Path(args.generated).read_text().splitlines() if l]
        facts = chaff_dates(args.chaff, [args.generated])
        if len(facts) != len(gen):
            sys.exit(f"chaff gave {len(facts)} records for {len(gen)} generated pages")
        for g, f in zip(gen, facts):
            full, markup = htmldate_pair(g["html"])
            d = f.get("declared_date")
            chaff = d["date"] if d else None
            tallies["generated pages"].add(chaff, full, markup)
            if g["declared"]:
                truth.add(chaff, g["declared"], g["declared"])
                truth_htmldate.add(full, g["declared"], markup)
            if full is not None and chaff != full:
                lines.append(f"generated/{g['template']}\t{full}\t{markup or '-'}\t"
                             f"{chaff or '-'}\t{where(d)}\t{d['stamp'] if d else '-'}")

    order = [n for n, _, _ in SETS] + ["all real pages", "generated pages"]
    table = [HEADER] + [tallies[n].row(n) for n in order if n in tallies]
    if truth.pages:
        table.append(truth.row("generated, against the generator's printed date (chaff)"))
        table.append(truth_htmldate.row("generated, against the generator's date (htmldate)"))
    text = "\n".join(table)
    print(text)
    Path(args.results).write_text(
        "# chaff's declared date against htmldate\n\n"
        "Written by `bench/dates/compare.py` (see its docstring for the method and the "
        "command); disagreements in `disagreements.tsv`.\n\n" + text + "\n")
    Path(args.disagreements).write_text("\n".join(lines) + "\n")
    print(f"{len(lines) - 1} disagreements in {args.disagreements}; "
          f"{time.time() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
