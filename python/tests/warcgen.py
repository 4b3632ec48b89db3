#!/usr/bin/env python3
"""Write a small crawl for the Spark job's tests, at run time, from ../shared/datasets:

- real pages (dataset HTML as fetched): the legitimate part of the crawl;
- wire stories made from dataset article texts (gold text, a dateline put in front), in a
  chaff JSON Lines feed, dated 2023;
- farm pages: each story copied onto COPIES farm sites, in a farm layout written here
  (site name, a breadcrumb into "Contact", a re-stamped 2025 date, a vote widget, lists of
  other stories' headlines), the copies of one story spread over both WARC files.

Nothing of the datasets is committed; everything is written under OUT.

    python python/tests/warcgen.py --pages 1000 --out /tmp/crawl
"""

from __future__ import annotations

import argparse
import glob
import gzip
import html
import json
import os
import random
import uuid
from typing import List, Tuple

COPIES = 3
AGENCIES = [("AP", "(AP) —"), ("Reuters", "(Reuters) -"), ("AFP", "(AFP) -")]
CITIES = ["BEIRUT", "NAIROBI", "LIMA", "OSLO", "MANILA", "ACCRA", "HANOI", "QUITO"]
SITES = ["SecureNest Capital", "Daily Ledger Hub", "Prime Finance Wire", "TrendPulse News",
         "Golden Asset Times", "MarketView Central", "Crest Money Daily", "Apex Insight Post"]


def datasets() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("CHAFF_DATASETS") or os.path.join(here, "..", "..", "..", "shared", "datasets")


def real_pages(root: str) -> List[str]:
    pats = ["dragnet/HTML/*.html.gz", "l3s-gn1/original/*.html.gz", "cleaneval/*/input/*.html.gz"]
    files = sorted(f for p in pats for f in glob.glob(os.path.join(root, p)))
    if not files:
        raise SystemExit(f"no pages under {root}: set CHAFF_DATASETS")
    return files


def article_texts(root: str, n: int) -> List[Tuple[str, List[str]]]:
    """(headline, paragraphs) of n Dragnet gold texts long enough to be a story."""
    out = []
    for f in sorted(glob.glob(os.path.join(root, "dragnet/Corrected/*.corrected.txt"))):
        text = open(f, encoding="utf-8", errors="replace").read().split("!@#$%^&*()  COMMENTS")[0]
        paras = [" ".join(p.split()) for p in text.split("\n")]
        paras = [p for p in paras if len(p.split()) >= 12]
        if len(paras) < 4 or sum(len(p.split()) for p in paras) < 200:
            continue
        headline = " ".join(paras[0].split()[:10]).rstrip(".,;:")
        out.append((headline, paras[1:13]))
        if len(out) == n:
            break
    return out


def farm_page(site: str, story: dict, others: List[str], rnd: random.Random) -> str:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in story["text"].split("\n\n"))
    lists = []
    for name in ("Related", "Ranking", "Recommendation"):
        items = "".join(f'<li><a href="/a/{rnd.randrange(10**6)}">{html.escape(h)}</a></li>'
                        for h in rnd.sample(others, min(6, len(others))))
        lists.append(f'<div class="box"><h3>{name}</h3><ul>{items}</ul></div>')
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{html.escape(story['title'])} - {html.escape(site)}</title>
<meta property="og:site_name" content="{html.escape(site)}"></head>
<body><header><div class="logo"><img src="/logo.png" alt="{html.escape(site)}"></div>
<nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/contact">Contact</a></nav></header>
<div class="crumbs">Current:<a href="/">Home</a> &gt; <a href="/contact">Contact</a></div>
<div class="main"><h1>{html.escape(story['title'])}</h1>
<div class="info">View Date:2025-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)} 20:25:14</div>
<div class="content">{paras}</div>
<div class="vote"><span>veryGood! ({rnd.randint(20, 300)})</span></div></div>
<div class="side">{''.join(lists)}</div>
<footer>Copyright 2025 {html.escape(site)}. All rights reserved.</footer></body></html>"""


def record(kind: str, uri: str, payload: bytes, date: str) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Type: application/http; msgtype={kind}\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n").encode()
    return gzip.compress(head + payload + b"\r\n\r\n", compresslevel=1)


def response(uri: str, body: bytes, date: str) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
    return record("response", uri, http, date)


def generate(pages: int, out: str, seed: int = 7) -> dict:
    """Write OUT/a.warc.gz, OUT/b.warc.gz and OUT/stories.jsonl; return what was written."""
    rnd = random.Random(seed)
    root = datasets()
    os.makedirs(out, exist_ok=True)
    n_stories = max(2, pages // 8 // COPIES)
    texts = article_texts(root, n_stories)
    stories = []
    for i, (headline, paras) in enumerate(texts):
        agency, mark = AGENCIES[i % len(AGENCIES)]
        paras = [f"{CITIES[i % len(CITIES)]} {mark} {paras[0]}"] + paras[1:]
        stories.append({"id": f"{agency.lower()}-2023-{i:04d}", "agency": agency,
                        "published": f"2023-0{1 + i % 9}-1{i % 10}T12:00:00Z",
                        "title": headline, "text": "\n\n".join(paras)})
    with open(os.path.join(out, "stories.jsonl"), "w", encoding="utf-8") as f:
        for s in stories:
            f.write(json.dumps(s) + "\n")
    headlines = [s["title"] for s in stories]
    farms: List[Tuple[str, bytes]] = []
    for i, s in enumerate(stories):
        for c in range(COPIES):
            site = SITES[(i + c) % len(SITES)]
            host = site.lower().replace(" ", "") + ".example"
            farms.append((f"https://{host}/news/{i}-{c}.html", farm_page(site, s, headlines, rnd).encode()))
    reals = real_pages(root)
    n_real = max(0, pages - len(farms))
    files = {"a": [], "b": []}
    # Copy c of story i goes to file a when (i + c) is even: every story has copies in both.
    for k, (uri, body) in enumerate(farms):
        i, c = divmod(k, COPIES)
        files["a" if (i + c) % 2 == 0 else "b"].append((uri, body))
    for k in range(n_real):
        body = gzip.open(reals[k % len(reals)]).read()
        uri = f"https://real{k % 211}.example/{k}/{os.path.basename(reals[k % len(reals)])[:-3]}"
        files["a" if k % 2 == 0 else "b"].append((uri, body))
    for name, items in files.items():
        rnd.shuffle(items)
        with open(os.path.join(out, f"{name}.warc.gz"), "wb") as w:
            for uri, body in items:
                w.write(record("request", uri, f"GET / HTTP/1.1\r\nHost: x\r\n\r\n".encode(), "2025-10-01T10:00:00Z"))
                w.write(response(uri, body, "2025-10-01T10:00:00Z"))
    return {"stories": len(stories), "farm_pages": len(farms), "real_pages": n_real,
            "files": [os.path.join(out, f"{n}.warc.gz") for n in files],
            "feed": os.path.join(out, "stories.jsonl"),
            "farm_urls": [u for u, _ in farms]}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    info = generate(a.pages, a.out)
    info.pop("farm_urls")
    print(json.dumps(info))
