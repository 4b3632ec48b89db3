#!/usr/bin/env python3
"""Side-by-side run of chaff and five peer extractors on the same test pages.

Why this exists: chaff's targets are stated relative to published extractors, and
published figures come from different page sets, tokenisers and versions. Running every
extractor here, on the very pages `chaff eval` reports on and with one scoring function,
is the only comparison that means something.

What is measured, per dataset and extractor:
- token precision / recall / F1 of the extracted text against the gold text, as a bag
  (multiset) of lower-cased words, computed per page and averaged over pages;
- pages per second of extraction only, one process, one thread.

Words: UAX #29 word segments that hold at least one alphanumeric character, lower-cased.
That is exactly what Rust's `unicode_segmentation::UnicodeSegmentation::unicode_words`
returns (chaff's `page::words`); here it is the `regex` module splitting on Unicode default
word boundaries (`(?w)` flag), which gives the same words as unicode_words on the cases
checked ("can't", "32.3", "U.S", "3,000", "foo_bar", single CJK ideographs, katakana runs).

Conventions, the same as chaff's own `prf`: an empty prediction of an empty gold is
perfect (1, 1, 1); otherwise an empty side gives 0 for the ratio that divides by it.

Fairness notes:
- Peers get the page as a decoded `str` (gunzip + charset decoding done once, outside the
  timer, identically for all five); chaff is given the `.html.gz` files and its wall time
  includes process start, model loading, gunzip and charset decoding. That disadvantages
  chaff slightly; the start-up time alone is reported separately in `--json`.
- chaff's `title` is not scored, only its `text`: the peers (except trafilatura's
  optional metadata) don't print a title, and the gold texts differ on whether the
  headline is part of the body.
- Every peer runs with its defaults, as a user would call it (jusText uses the English
  stop list on every page). trafilatura keeps comments by default, which the Dragnet and
  BoilerNet gold leave out, so it also runs as `trafilatura-nc` (`include_comments=False`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[2]
ALL_DATASETS = ["dragnet", "googletrends", "l3s-gn1", "cleaneval", "wcxb"]
ALL_EXTRACTORS = ["chaff", "trafilatura", "trafilatura-nc", "readability", "resiliparse",
                  "justext", "boilerpy3"]
# The line before Dragnet's comments, typed by hand and spelt otherwise on 20 of 416 pages: matched
# by shape (3+ ASCII symbols, then COMMENTS), as chaff's datasets::dragnet::is_comments_marker.
DRAGNET_COMMENTS = re.compile(r"^[\s!-/:-@\[-`{-~]*COMMENTS\s*$")


def is_comments_marker(line: str) -> bool:
    return bool(DRAGNET_COMMENTS.match(line)) and sum(
        not c.isspace() for c in line[:line.rfind("COMMENTS")]) >= 3


# ---------------------------------------------------------------------------------------
# Words and scores
# ---------------------------------------------------------------------------------------

_BOUNDARY = regex.compile(r"(?wV1)\b")


def words(text: str) -> list[str]:
    """Lower-cased UAX #29 words holding an alphanumeric character (see module doc)."""
    return [w.lower() for w in _BOUNDARY.split(text) if any(c.isalnum() for c in w)]


def prf(pred: Counter, gold: Counter) -> tuple[float, float, float]:
    tp = sum((pred & gold).values())
    npred, ngold = sum(pred.values()), sum(gold.values())
    if npred == 0 and ngold == 0:
        return 1.0, 1.0, 1.0
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ---------------------------------------------------------------------------------------
# Test pages
# ---------------------------------------------------------------------------------------


@dataclass
class Page:
    id: str
    html_path: Path  # a gzipped HTML file
    gold: str


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _boilernet_gold(prepared: Path) -> str:
    """Text of the leaves marked `__boilernet_label="1"`, in document order."""
    import lxml.html

    tree = lxml.html.fromstring(gzip.open(prepared).read())
    spans = tree.xpath('//span[@__boilernet_label="1"]')
    return "\n".join(s.text_content().strip() for s in spans)


def _lines(path: Path) -> list[str]:
    return [x.strip() for x in path.read_text().splitlines() if x.strip()]


def load_dragnet(root: Path) -> list[Page]:
    d = root / "dragnet"
    pages = []
    for pid in _lines(d / "test.txt"):
        gold = _read_text(d / "Corrected" / f"{pid}.html.corrected.txt")
        kept = []
        for line in gold.splitlines():
            if is_comments_marker(line):
                break
            kept.append(line)
        pages.append(Page(pid, d / "HTML" / f"{pid}.html.gz", "\n".join(kept)))
    return pages


# Which BoilerNet copy is the input: "raw" (the page as fetched; the default) or "prepared"
# (BoilerNet's cleaned, labelled copy: scripts and styles gone, text leaves in spans), which
# is what `chaff eval` reads; set by --boilernet-input.
BOILERNET_INPUT = "raw"


def load_googletrends(root: Path) -> list[Page]:
    """`raw_html` is the input; `gt_N` in the split lists is the N-th raw file in byte order.

    BoilerNet named the prepared pages gt_1..gt_180 after the sorted raw file names
    (001, 002, ..., Khosla-04, ..., M-001, ..., j-014); checked here by word overlap: the
    raw page at that position is the best match of its prepared page for 179 of 180, and the
    180th (gt_100 / M-001) has the same headline.
    """
    d = root / "boilernet-datasets" / "datasets" / "googletrends"
    raws = sorted(os.listdir(d / "raw_html"))
    pages = []
    for name in _lines(d / "50-30-100-split" / "test_set.txt"):
        stem = name.removesuffix(".html")
        n = int(stem.removeprefix("gt_"))
        prepared = d / "prepared_html" / f"{stem}.html.gz"
        html = prepared if BOILERNET_INPUT == "prepared" else d / "raw_html" / raws[n - 1]
        pages.append(Page(stem, html, _boilernet_gold(prepared)))
    return pages


def load_l3s(root: Path) -> list[Page]:
    d = root / "boilernet-datasets" / "datasets" / "L3S-GN1"
    pages = []
    for name in _lines(d / "80-10-10-split" / "test_set.txt"):
        stem = name.removesuffix(".html")
        prepared = d / "prepared_html" / f"{stem}.html.gz"
        raw = d / "raw_html" / f"{stem.removeprefix('gn1_')}.html.gz"
        html = prepared if BOILERNET_INPUT == "prepared" else raw
        pages.append(Page(stem, html, _boilernet_gold(prepared)))
    return pages


_CLEANEVAL_MARK = re.compile(r"<[phl]>", re.IGNORECASE)


def load_cleaneval(root: Path) -> list[Page]:
    """CleanEval final: pages that have a gold file (681 of 740)."""
    d = root / "cleaneval" / "cleaneval-final"
    pages = []
    for g in sorted((d / "GoldStandard").glob("*.txt"), key=lambda p: (len(p.stem), p.stem)):
        html = d / "input" / f"{g.stem}.html.gz"
        if not html.exists():
            continue
        lines = [x for x in _read_text(g).splitlines() if not x.lstrip().startswith("URL:")]
        pages.append(Page(g.stem, html, _CLEANEVAL_MARK.sub(" ", "\n".join(lines))))
    return pages


def load_wcxb(root: Path) -> list[Page]:
    """WCXB dev pages whose numeric id is divisible by 5 (the test fifth)."""
    d = root / "wcxb-dev"
    pages = []
    for h in sorted((d / "html").glob("*.html.gz")):
        pid = h.name.removesuffix(".html.gz")
        if not pid.isdigit() or int(pid) % 5 != 0:
            continue
        gt = json.loads((d / "ground-truth" / f"{pid}.json").read_text())
        gold = gt.get("ground_truth", gt).get("main_content") or ""
        pages.append(Page(pid, h, gold))
    return pages


LOADERS = {
    "dragnet": load_dragnet,
    "googletrends": load_googletrends,
    "l3s-gn1": load_l3s,
    "cleaneval": load_cleaneval,
    "wcxb": load_wcxb,
}


# ---------------------------------------------------------------------------------------
# Decoding for the peers (once, outside the timer)
# ---------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def decode_html(data: bytes) -> str:
    """BOM, then <meta charset>/http-equiv, then strict UTF-8, then Resiliparse's detector."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    m = _META_CHARSET.search(data[:8192])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii").lower(), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding

        return bytes_to_str(data, detect_encoding(data))


def peer_input(path: Path) -> str:
    # An XML declaration in a str makes lxml refuse it; drop it for every peer alike.
    return _XML_DECL.sub("", decode_html(gzip.open(path).read()), count=1)


# ---------------------------------------------------------------------------------------
# The peers
# ---------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "blockquote", "pre", "section", "article", "header", "footer", "dd", "dt", "dl",
    "figure", "figcaption", "aside", "nav", "main", "hr",
}


def _html_text(fragment: str) -> str:
    """Text of an HTML fragment with block elements on their own lines.

    lxml's text_content() glues `<p>a</p><p>b</p>` into "ab", which would merge words.
    """
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return root.text_content()


def make_peers() -> dict:
    import justext
    import trafilatura
    from boilerpy3 import extractors as bp_extractors
    from readability import Document
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    article = bp_extractors.ArticleExtractor(raise_on_failure=False)
    stoplist = justext.get_stoplist("English")

    def run_trafilatura(html: str) -> str:
        return trafilatura.extract(html) or ""

    def run_trafilatura_nc(html: str) -> str:
        # Without comments: the Dragnet and BoilerNet gold texts leave comments out.
        return trafilatura.extract(html, include_comments=False) or ""

    def run_readability(html: str) -> str:
        return _html_text(Document(html).summary(html_partial=True))

    def run_resiliparse(html: str) -> str:
        return extract_plain_text(HTMLTree.parse(html), main_content=True)

    def run_justext(html: str) -> str:
        return "\n".join(p.text for p in justext.justext(html, stoplist) if not p.is_boilerplate)

    def run_boilerpy3(html: str) -> str:
        return article.get_content(html) or ""

    return {
        "trafilatura": run_trafilatura,
        "trafilatura-nc": run_trafilatura_nc,
        "readability": run_readability,
        "resiliparse": run_resiliparse,
        "justext": run_justext,
        "boilerpy3": run_boilerpy3,
    }


# ---------------------------------------------------------------------------------------
# chaff
# ---------------------------------------------------------------------------------------


def datasets_root() -> Path:
    """`$CHAFF_DATASETS`, else `../shared/datasets` beside the repository."""
    return Path(os.environ.get("CHAFF_DATASETS") or REPO.parent / "shared" / "datasets")


def default_chaff() -> Path:
    target = os.environ.get("CARGO_TARGET_DIR")
    base = Path(target) if target else REPO / "target"
    return base / "release" / "chaff"


def chaff_usable(binary: Path) -> str | None:
    """None if `chaff extract --jsonl` works on a tiny page, else why it doesn't."""
    if not binary.is_file():
        return f"no chaff binary at {binary} (build it with `cargo build --release`, or pass --chaff)"
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "probe.html"
        page.write_text("<html><head><title>Probe</title></head><body><p>"
                        + "A sentence of a probe page for the comparison script. " * 10
                        + "</p></body></html>")
        try:
            out = subprocess.run([str(binary), "extract", "--jsonl", str(page)],
                                 capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as e:
            return f"{binary} extract could not run: {e}"
        try:
            line = json.loads(out.stdout.splitlines()[0])
        except (IndexError, json.JSONDecodeError):
            err = (out.stderr.strip().splitlines() or ["(no output)"])[-1]
            return f"`{binary} extract --jsonl` gives no JSON lines yet (exit {out.returncode}: {err})"
        if "text" not in line and "error" not in line:
            return f"`chaff extract --jsonl` line has neither `text` nor `error`: {line}"
    return None


def chaff_threads_flag(binary: Path) -> list[str]:
    """Ask for one thread when the binary offers `--threads`."""
    out = subprocess.run([str(binary), "extract", "--help"], capture_output=True, text=True)
    return ["--threads", "1"] if "--threads" in out.stdout else []


def chaff_startup(binary: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "empty.html"
        page.write_text("<html><body></body></html>")
        t = time.perf_counter()
        subprocess.run([str(binary), "extract", "--jsonl", str(page)], capture_output=True)
        return time.perf_counter() - t


def run_chaff(binary: Path, pages: list[Page]) -> tuple[list[str | None], float]:
    """One `chaff extract --jsonl` process over all pages; texts in page order, wall time."""
    cmd = [str(binary), "extract", "--jsonl", *chaff_threads_flag(binary)]
    cmd += [str(p.html_path) for p in pages]
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    by_source: dict[str, str | None] = {}
    for line in out.stdout.splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        src = obj.get("source", "")
        text = obj.get("text") if "error" not in obj else None
        by_source[src] = text
        by_source[os.path.realpath(src)] = text
    texts = []
    for p in pages:
        key = str(p.html_path)
        texts.append(by_source.get(key, by_source.get(os.path.realpath(key))))
    return texts, wall


# ---------------------------------------------------------------------------------------
# Running and reporting
# ---------------------------------------------------------------------------------------


def run_peer(fn, inputs: list[str], label: str) -> tuple[list[str | None], float]:
    """One peer over decoded pages: texts (None where it failed) and seconds in the peer."""
    if inputs:  # warm-up call outside the timer: lazy imports, caches
        try:
            fn(inputs[0])
        except Exception:
            pass
    texts, seconds = [], 0.0
    for i, html in enumerate(inputs):
        progress(f"{label} {i + 1}/{len(inputs)}")
        t = time.perf_counter()
        try:
            text = fn(html)
        except Exception:  # a peer failing on a page scores it empty
            text = None
        seconds += time.perf_counter() - t
        texts.append(text)
    return texts, seconds


def progress(msg: str) -> None:
    if sys.stderr.isatty():
        print(f"\r\033[K{msg}", end="", file=sys.stderr, flush=True)


def score(texts: list[str | None], golds: list[Counter]) -> dict:
    per_page = [prf(Counter(words(t or "")), g) for t, g in zip(texts, golds)]
    n = max(1, len(per_page))
    return {
        "pages": len(per_page),
        "errors": sum(t is None for t in texts),
        "precision": sum(x[0] for x in per_page) / n,
        "recall": sum(x[1] for x in per_page) / n,
        "f1": sum(x[2] for x in per_page) / n,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Datasets: " + ", ".join(ALL_DATASETS)
                                 + ". Extractors: " + ", ".join(ALL_EXTRACTORS) + ".")
    ap.add_argument("--datasets", default=",".join(ALL_DATASETS),
                    help="comma-separated datasets to run (default: all)")
    ap.add_argument("--extractors", default=",".join(ALL_EXTRACTORS),
                    help="comma-separated extractors to run (default: all)")
    ap.add_argument("--limit", type=int, default=0,
                    help="first N test pages of each dataset (default: all)")
    ap.add_argument("--chaff", type=Path, default=default_chaff(),
                    help="chaff binary (default: $CARGO_TARGET_DIR or <repo>/target, /release/chaff)")
    ap.add_argument("--boilernet-input", choices=["raw", "prepared"], default="raw",
                    help="googletrends / l3s-gn1 input: the raw page (default) or BoilerNet's "
                    "prepared copy, which `chaff eval` reads")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--json-out", type=Path, help="also write the JSON to this file")
    args = ap.parse_args()
    global BOILERNET_INPUT
    BOILERNET_INPUT = args.boilernet_input

    root = datasets_root()
    datasets = [d for d in args.datasets.split(",") if d]
    extractors = [e for e in args.extractors.split(",") if e]
    for d in datasets:
        if d not in LOADERS:
            ap.error(f"unknown dataset {d!r} (known: {', '.join(ALL_DATASETS)})")
    for e in extractors:
        if e not in ALL_EXTRACTORS:
            ap.error(f"unknown extractor {e!r} (known: {', '.join(ALL_EXTRACTORS)})")

    # The peers log per-page warnings (boilerpy3's nested-<a> notice, trafilatura's
    # "discarding data"); they say nothing about the comparison.
    logging.disable(logging.WARNING)

    notes: list[str] = []
    startup = None
    if "chaff" in extractors:
        why = chaff_usable(args.chaff)
        if why:
            print(f"skipping chaff: {why}", file=sys.stderr)
            notes.append(f"chaff skipped: {why}")
            extractors.remove("chaff")
        else:
            startup = chaff_startup(args.chaff)
    peers = make_peers()

    results = []
    for d in datasets:
        pages = LOADERS[d](root)
        if args.limit:
            pages = pages[: args.limit]
        missing = [p for p in pages if not p.html_path.exists()]
        if missing:
            notes.append(f"{d}: {len(missing)} test pages have no HTML file, left out")
            pages = [p for p in pages if p.html_path.exists()]
        golds = [Counter(words(p.gold)) for p in pages]
        inputs = [peer_input(p.html_path) for p in pages]
        for e in extractors:
            if e == "chaff":
                progress(f"{d}: chaff on {len(pages)} pages")
                texts, seconds = run_chaff(args.chaff, pages)
            else:
                texts, seconds = run_peer(peers[e], inputs, f"{d}: {e}")
            row = {"dataset": d, "extractor": e, **score(texts, golds), "seconds": seconds,
                   "pages_per_second": len(pages) / seconds if seconds > 0 else None}
            results.append(row)
    progress("")

    def mean_f1(sets: list[str]) -> dict:
        out = {}
        for e in extractors:
            rows = [r for r in results if r["extractor"] == e and r["dataset"] in sets]
            if rows:
                out[e] = sum(r["f1"] for r in rows) / len(rows)
        return out

    means = mean_f1(datasets)
    # The four sets the targets name ("chaff ahead of trafilatura on the average").
    target_sets = ["dragnet", "googletrends", "l3s-gn1", "wcxb"]
    target_means = mean_f1(target_sets) if all(d in datasets for d in target_sets) else {}

    report = {"datasets_root": str(root), "limit": args.limit or None,
              "boilernet_input": args.boilernet_input, "results": results, "mean_f1": means,
              "mean_f1_target_sets": target_means, "chaff_startup_seconds": startup,
              "notes": notes}
    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=2) + "\n")
    if args.json:
        print(json.dumps(report, indent=2))
        return 0

    print("| dataset | extractor | pages | precision | recall | F1 | pages/s | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        pps = f"{r['pages_per_second']:.1f}" if r["pages_per_second"] else "-"
        print(f"| {r['dataset']} | {r['extractor']} | {r['pages']} | {r['precision']:.3f} | "
              f"{r['recall']:.3f} | {r['f1']:.3f} | {pps} | {r['errors']} |")
    if means:
        print()
        print(f"Mean F1 over {', '.join(datasets)}: "
              + ", ".join(f"{e} {m:.3f}" for e, m in sorted(means.items(), key=lambda x: -x[1])))
    if target_means:
        print()
        print(f"Mean F1 over the target sets {', '.join(target_sets)}: "
              + ", ".join(f"{e} {m:.3f}" for e, m in sorted(target_means.items(), key=lambda x: -x[1])))
    for n in notes:
        print(f"\nNote: {n}")
    if startup is not None:
        print(f"\nchaff start-up (one empty page, included in its wall time): {startup:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
