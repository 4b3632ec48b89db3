#!/usr/bin/env python3
"""Write the fuzzers' seed corpora, at run time, into a folder outside git.

Seeds per target:
  - real pages from ../shared/datasets (gunzipped, cut to --max-bytes; never committed);
  - the hand-written pages, WARCs and JSON Lines in fuzz/corpus/ (written for chaff);
  - WARC and JSON Lines files built here from both, plain and gzipped, some with lying
    lengths and truncated members;
  - with --pathological, the hostile pages of issue 13 into a separate folder (deep nesting,
    a million attributes, a 30 MB text node, 100k siblings), run once per target by run.sh
    rather than mutated (they are far over the mutation size).

Usage: fuzz/seed.py --out /tmp/chaff-fuzz [--pages 60] [--max-bytes 65536] [--pathological]
"""
import argparse
import gzip
import json
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATASETS = Path(os.environ.get("CHAFF_DATASETS", HERE.parent.parent / "shared" / "datasets"))
TARGETS = ["decode", "extract", "warc", "jsonl", "facts", "score"]


def dataset_pages(n, max_bytes, rng):
    """n real pages, spread over the datasets, each cut to max_bytes."""
    files = sorted(DATASETS.glob("**/*.html.gz"))
    if not files:
        sys.exit(f"no dataset pages under {DATASETS} (set CHAFF_DATASETS)")
    rng.shuffle(files)
    out = []
    for f in files[:n]:
        try:
            out.append(gzip.decompress(f.read_bytes())[:max_bytes])
        except (OSError, EOFError):
            continue
    return out


def own_pages():
    return [p.read_bytes() for p in sorted((HERE / "corpus").glob("*")) if p.is_file()]


def warc_record(html, uri, kind=b"response", lie=0):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    block = http if kind == b"response" else html
    head = (b"WARC/1.0\r\nWARC-Type: " + kind + b"\r\nWARC-Target-URI: " + uri.encode()
            + b"\r\nWARC-Date: 2025-04-26T10:00:00Z\r\nContent-Type: application/http; msgtype=response"
            + b"\r\nContent-Length: " + str(len(block) + lie).encode() + b"\r\n\r\n")
    return head + block + b"\r\n\r\n"


def warcs(pages, rng):
    out = []
    for i in range(0, len(pages), 3):
        recs = [warc_record(p[:4096], f"http://site{i + j}.example/a", lie=rng.choice([0, 0, -7, 13]))
                for j, p in enumerate(pages[i:i + 3])]
        recs.insert(0, b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
        out.append(b"".join(recs))
        members = [gzip.compress(r) for r in recs]
        if len(members) > 2:
            members[1] = members[1][: len(members[1]) // 2]  # a truncated member
        out.append(b"".join(members))
    return out


def jsonls(pages):
    out = []
    for i in range(0, len(pages), 3):
        lines = [json.dumps({"url": f"http://s{i + j}.example/", "html": p[:4096].decode("utf-8", "replace"),
                             "fetched": "2025-04-26T10:00:00Z"}).encode() for j, p in enumerate(pages[i:i + 3])]
        lines.insert(1, b'{"url": 3, "html": ')  # a broken line between good ones
        out.append(b"\n".join(lines) + b"\n")
    return out


def pathological():
    """The hostile pages of issue 13, by name."""
    text = b"word " * (6 << 20)  # a 30 MB text node
    return {
        "deep-nesting-10k.html": b"<html><body>" + b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000,
        "million-attributes.html": b"<html><body><div " + b" ".join(b"a%d=x" % i for i in range(1_000_000)) + b">x</div>",
        "text-node-30mb.html": b"<html><body><p>" + text + b"</p></body></html>",
        "siblings-100k.html": b"<html><body>" + b"<p>one paragraph of words</p>" * 100_000 + b"</body></html>",
        "unclosed-tables.html": b"<table><tr><td>" * 5_000 + b"x",
        "empty.html": b"",
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--max-bytes", type=int, default=65536)
    ap.add_argument("--pathological", action="store_true")
    args = ap.parse_args()
    rng = random.Random(13)
    pages = dataset_pages(args.pages, args.max_bytes, rng) + own_pages()
    html = [p for p in pages if not p.startswith(b"WARC/") and not p.lstrip().startswith(b"{")]
    gz = [gzip.compress(p) for p in html[:10]]
    per_target = {
        "decode": pages + gz,
        "extract": html,
        "facts": html,
        "score": html,
        "warc": warcs(html, rng) + [p for p in pages if p.startswith(b"WARC/")],
        "jsonl": jsonls(html) + [p for p in pages if p.lstrip().startswith(b"{")],
    }
    for target, seeds in per_target.items():
        d = args.out / "corpus" / target
        d.mkdir(parents=True, exist_ok=True)
        for i, s in enumerate(seeds):
            (d / f"seed-{i:04d}").write_bytes(s)
        print(f"{target}: {len(seeds)} seeds in {d}")
    if args.pathological:
        d = args.out / "pathological"
        d.mkdir(parents=True, exist_ok=True)
        for name, body in pathological().items():
            (d / name).write_bytes(body)
        print(f"pathological: {len(pathological())} pages in {d}")


if __name__ == "__main__":
    main()
