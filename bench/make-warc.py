#!/usr/bin/env python3
"""Write a WARC of real pages for batch benchmarks, from ../shared/datasets at run time.

Each page of the datasets becomes one `response` record (with a `request` record before it,
as crawlers write them), one gzip member per record, the way Common Crawl publishes WARCs.
Pages are repeated, with distinct target URIs, until the requested count or size is reached.
Nothing of the datasets is committed: the WARC is written where you say (e.g. /tmp).

  python3 bench/make-warc.py --pages 20000 --out /tmp/crawl-20k.warc.gz
  python3 bench/make-warc.py --gigabytes 5 --out /tmp/crawl-5g.warc.gz
"""
import argparse, gzip, io, os, sys, uuid, glob

def pages(root):
    pats = ["dragnet/HTML/*.html.gz", "l3s-gn1/original/*.html.gz", "wcxb-dev/html/*.html.gz",
            "cleaneval/*/input/*.html.gz", "cleanportaleval/input/*.html.gz"]
    files = sorted(f for p in pats for f in glob.glob(os.path.join(root, p)))
    if not files:
        sys.exit(f"no pages under {root}: set CHAFF_DATASETS")
    return files

def record(kind, uri, payload):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Type: application/http; msgtype={kind}\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n").encode()
    return gzip.compress(head + payload + b"\r\n\r\n", compresslevel=1)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=0)
    ap.add_argument("--gigabytes", type=float, default=0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    root = os.environ.get("CHAFF_DATASETS") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets")
    files = pages(root)
    bodies = [gzip.open(f).read() for f in files]
    limit_bytes = int(a.gigabytes * 1e9)
    n = written = 0
    with open(a.out, "wb") as out:
        while (a.pages and n < a.pages) or (limit_bytes and written < limit_bytes):
            body = bodies[n % len(bodies)]
            uri = f"https://site{n % 997}.example/{n}/{os.path.basename(files[n % len(files)])[:-3]}"
            req = f"GET /{n} HTTP/1.1\r\nHost: site{n % 997}.example\r\n\r\n".encode()
            resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            for chunk in (record("request", uri, req), record("response", uri, resp)):
                out.write(chunk)
                written += len(chunk)
            n += 1
    print(f"{a.out}: {n} pages, {written / 1e6:.0f} MB compressed", file=sys.stderr)

main()
