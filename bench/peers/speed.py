#!/usr/bin/env python3
"""Pages per second on one core: chaff against Resiliparse, on the same pages, in one run.

Both read the pages from bytes in memory (gunzipped before the clock starts) and the best of
`--rounds` rounds is kept, the usual way to read through noise on a shared machine:

- chaff: `chaff bench --json --rounds N PAGES...` (decode, parse, segment, label, on one
  thread; the figure for all cores is printed too);
- Resiliparse 2.0.1 (lexbor): `detect_encoding`, `HTMLTree.parse_from_bytes` and
  `extract_plain_text(tree, main_content=True)` per page, in this process (one core).

    /tmp/peers-speed/bin/python bench/peers/speed.py --chaff target/release/chaff
    /tmp/peers-speed/bin/python bench/peers/speed.py --sets dragnet --rounds 5 --json

Sets: `dragnet` (the Dragnet test split, 415 pages) and `wcxb` (all of WCXB dev). Needs only
resiliparse from `requirements.txt`.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = Path(os.environ.get("CHAFF_DATASETS", HERE.parent.parent / "../shared/datasets"))


def dragnet_pages(root: Path) -> list[Path]:
    d = root / "dragnet"
    ids = [x.strip() for x in (d / "test.txt").read_text().splitlines() if x.strip()]
    return [d / "HTML" / f"{i}.html.gz" for i in ids]


def wcxb_pages(root: Path) -> list[Path]:
    return sorted((root / "wcxb-dev" / "html").glob("*.html.gz"))


SETS = {"dragnet": ("Dragnet test", dragnet_pages), "wcxb": ("WCXB dev", wcxb_pages)}


def resiliparse_rate(pages: list[bytes], rounds: int) -> tuple[float, list[float]]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for data in pages:
            tree = HTMLTree.parse_from_bytes(data, detect_encoding(data))
            extract_plain_text(tree, main_content=True)
        times.append(time.perf_counter() - start)
    return len(pages) / min(times), [len(pages) / t for t in times]


def chaff_rate(chaff: str, paths: list[Path], rounds: int) -> dict:
    out = subprocess.run(
        [chaff, "bench", "--json", "--rounds", str(rounds), *map(str, paths)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chaff", default=str(HERE.parent.parent / "target/release/chaff"))
    ap.add_argument("--datasets", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--sets", default="dragnet,wcxb")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    for name in args.sets.split(","):
        label, lister = SETS[name]
        paths = lister(args.datasets)
        pages = [gzip.open(p).read() for p in paths]
        megabytes = sum(map(len, pages)) / 1e6
        chaff = chaff_rate(args.chaff, paths, args.rounds)
        one = next(r for r in chaff["runs"] if r["threads"] == 1)
        resi, resi_rounds = resiliparse_rate(pages, args.rounds)
        rows.append({
            "set": label,
            "pages": len(pages),
            "megabytes": round(megabytes, 1),
            "chaff_pages_per_second": round(one["pages_per_second"], 1),
            "chaff_all_cores": [round(r["pages_per_second"], 1) for r in chaff["runs"] if r["threads"] > 1],
            "resiliparse_pages_per_second": round(resi, 1),
            "resiliparse_rounds": [round(r, 1) for r in resi_rounds],
            "ratio": round(one["pages_per_second"] / resi, 3),
        })
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'set':14} {'pages':>6} {'MB':>6} {'chaff p/s':>10} {'Resiliparse p/s':>16} {'ratio':>6}")
    for r in rows:
        print(f"{r['set']:14} {r['pages']:6} {r['megabytes']:6.1f} {r['chaff_pages_per_second']:10.1f} "
              f"{r['resiliparse_pages_per_second']:16.1f} {r['ratio']:6.3f}")
    print("(one thread each, best of", args.rounds, "rounds; Resiliparse rounds:",
          "; ".join(", ".join(map(str, r["resiliparse_rounds"])) for r in rows) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
