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

Splits: each page is counted in "dev" (the train and dev splits chaff's datasets module
uses for extraction: BoilerNet's lists for l3s-gn1 and googletrends, Dragnet's
training.txt, cleaneval-dev, WCXB ids not divisible by 5) or "test" (their test splits, and
the sets that have no training split at all: cleanportaleval, readability,
trafilatura-eval). The date finder is developed on dev pages only; test pages are reported
apart and their disagreements are not read when mending it.

Human truth: WCXB's ground truth gives a publish date for about half its pages; where it
does, chaff and htmldate are both scored against it, so that where htmldate is wrong shows.

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
import datetime
import gzip
import hashlib
import json
import logging
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import lxml.etree
import lxml.html
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


def listed(folder: str) -> dict[str, str]:
    """A BoilerNet split folder's lists: file name -> dev or test."""
    out = {}
    for name, split in (("train_set.txt", "dev"), ("dev_set.txt", "dev"), ("test_set.txt", "test")):
        for line in (DATASETS / folder / name).read_text().split():
            out[line.removesuffix(".html")] = split
    return out


def split_of(name: str, path: Path, sets: dict) -> str:
    """dev (a train or dev page of chaff's datasets module) or test; see the docstring."""
    if name == "l3s-gn1":
        return sets["l3s"].get("gn1_" + path.name.removesuffix(".html.gz"), "test")
    if name == "googletrends":
        # BoilerNet's gt_N is the N-th raw page in sorted order (checked by their text).
        return sets["gt"].get(f"gt_{sets['gt_order'][path.name]}", "test")
    if name == "dragnet":
        return "dev" if path.name.removesuffix(".html.gz") in sets["dragnet"] else "test"
    if name == "cleaneval":
        return "dev" if "cleaneval-dev" in path.parts else "test"
    if name == "wcxb":
        return "test" if int(path.name.split(".")[0]) % 5 == 0 else "dev"
    return "test"


def split_lists() -> dict:
    gt_raw = sorted(p.name for p in (DATASETS / SETS[1][1]).glob("*.html.gz"))
    return {
        "l3s": listed("boilernet-datasets/datasets/L3S-GN1/80-10-10-split"),
        "gt": listed("boilernet-datasets/datasets/googletrends/50-30-100-split"),
        "gt_order": {n: i + 1 for i, n in enumerate(gt_raw)},
        "dragnet": set((DATASETS / "dragnet/training.txt").read_text().split()),
    }


def wcxb_truth(path: Path) -> str | None:
    """The publish date WCXB's annotators gave the page, if any."""
    gt = DATASETS / "wcxb-dev/ground-truth" / (path.name.split(".")[0] + ".json")
    if not gt.is_file():
        return None
    d = json.loads(gt.read_text()).get("ground_truth", {}).get("publish_date")
    return d[:10] if d else None


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


CACHE: dict[str, list] = {}


def htmldate_pair(html) -> tuple[str | None, str | None]:
    """htmldate's two readings, remembered by content (--cache) so that a re-run after a
    change to chaff only re-runs chaff."""
    key = hashlib.sha1(html if isinstance(html, bytes) else html.encode()).hexdigest()
    if key not in CACHE:
        CACHE[key] = list(_htmldate_pair(html))
    return tuple(CACHE[key])


def _htmldate_pair(html) -> tuple[str | None, str | None]:
    try:
        full = find_date(html, original_date=True)
    except Exception:  # a page htmldate cannot parse counts as "no date"
        full = None
    try:
        markup = find_date(html, original_date=True, extensive_search=False)
    except Exception:
        markup = None
    return full, markup


# Where htmldate's date stands in the page's source, for reading the disagreements: an
# update key or label just before it ("article:modified_time", "dateModified",
# "og:updated_time", "Updated").
UPDATE_BEFORE = re.compile(r"(?i)(modifi|updat)[\w\" :=']{0,40}$")


def iso_forms(date: str) -> list[str]:
    y, m, d = date.split("-")
    return [f"{y}-{m}-{d}", f"{y}/{m}/{d}"]


# Month names of the languages most dataset pages are written in, for finding a date
# printed in words (htmldate reads these languages too).
MONTHS = [
    "jan|januar|janvier|enero|gennaio|janeiro|januari|jänner",
    "feb|februar|février|fevrier|febrero|febbraio|fevereiro|februari",
    "mar|märz|maerz|mars|marzo|março|maart",
    "apr|april|avril|abril|aprile",
    "may|mai|mayo|maggio|maio|mei",
    "jun|juni|juin|junio|giugno|junho",
    "jul|juli|juillet|julio|luglio|julho",
    "aug|august|août|aout|agosto|augustus",
    "sep|sept|september|septembre|septiembre|settembre|setembro",
    "oct|okt|october|oktober|octobre|octubre|ottobre|outubro",
    "nov|november|novembre|noviembre|novembro",
    "dec|dez|dezember|décembre|decembre|diciembre|dicembre|dezembro|december",
]


def date_pattern(date: str) -> re.Pattern:
    """Every usual way of writing one day: ISO and compact, numeric either way round with
    a four- or two-digit year, and the month in words before or after the day."""
    y, m, d = date.split("-")
    mi, di, yy = int(m), int(d), y[2:]
    mm, dd = rf"0?{mi}", rf"0?{di}"
    name = rf"(?:{MONTHS[mi - 1]})\w*\.?"
    forms = [
        rf"{y}\s*[-/.年]\s*{mm}\s*[-/.月]\s*{dd}(?!\d)",
        rf"(?<!\d){y}{m}{d}(?!\d)",
        rf"(?<!\d){dd}\s*[-/.]\s*{mm}\s*[-/.]\s*(?:{y}|{yy})(?!\d)",
        rf"(?<!\d){mm}\s*[-/.]\s*{dd}\s*[-/.]\s*(?:{y}|{yy})(?!\d)",
        rf"{name}\s+{dd}(?:st|nd|rd|th)?,?\s+{y}",
        rf"(?<!\d){dd}(?:st|nd|rd|th|er)?\.?\s*(?:of\s+|de\s+)?{name},?\s*(?:de\s+)?{y}",
        rf"(?<!\d){dd}-{name}-(?:{y}|{yy})(?!\d)",
    ]
    return re.compile("|".join(f"(?:{f})" for f in forms), re.I)


# An element holding a reader's comment, by its class or id (`comment`, `comment-body`,
# `commentlist`), unless the name is a meta line's that counts them
# (`by-line-comments-views-date`).
COMMENT_BOX = re.compile(r"(?i)comment")
META_BOX = re.compile(r"(?i)date|byline|by-line")


def shown(html: bytes, date: str) -> str:
    """Where a page shows a date: "shown" where a reader or the page's date markup states
    it (its visible text, scripts, styles and HTML comments taken out; a meta tag's
    content; a `<time datetime>`; an element's microdata `content`/`datetime`; a `title`,
    as hAtom's `<abbr class=published>`; its canonical URL; its JSON-LD); "comment" when
    the only visible copy is inside a reader's comment; "unshown" when it is found only
    elsewhere (script state, an HTML comment, a cart's or a tracker's time, another page's
    URL in a link), not a date the page declares as its own."""
    try:
        doc = lxml.html.fromstring(html)
    except Exception:
        return "shown"  # not parsed: not counted against htmldate
    markup = []
    for el in doc.iter("script"):
        if "ld+json" in (el.get("type") or ""):
            markup.append(el.text or "")
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("content", "datetime", "title"):
            value = el.get(attr) or ""
            # An image's or another page's URL in a meta tag (`og:image`) is not a date
            # the page states; its own URL (`og:url`) is.
            linked = value.startswith(("http", "/")) and el.get("property") != "og:url"
            if value and not linked and (el.tag in ("meta", "time", "abbr") or el.get("itemprop")):
                markup.append(value)
        if el.tag == "link" and "canonical" in (el.get("rel") or ""):
            markup.append(el.get("href") or "")
    for el in list(doc.iter("script", "style", lxml.etree.Comment)):
        if el.getparent() is not None:
            el.drop_tree()
    pattern = date_pattern(date)
    if any(pattern.search(m) for m in markup):
        return "shown"
    if not pattern.search(" ".join(" ".join(doc.itertext()).split())):
        return "unshown"
    for el in list(doc.iter()):
        names = f"{el.get('class') or ''} {el.get('id') or ''}" if isinstance(el.tag, str) else ""
        if COMMENT_BOX.search(names) and not META_BOX.search(names) and el.getparent() is not None:
            el.drop_tree()
    text = " ".join(" ".join(doc.itertext()).split())
    return "shown" if pattern.search(text) else "comment"


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def placed(html: bytes, title: str | None) -> tuple[str, str, int | None]:
    """The text of the page's body (scripts, styles and HTML comments out), the same without
    the text of its links, and where the article's title (chaff's, its first 40
    characters) starts in the first, if it is there."""
    try:
        doc = lxml.html.fromstring(html)
    except Exception:
        return "", "", None
    for el in list(doc.iter("script", "style", lxml.etree.Comment)):
        if el.getparent() is not None:
            el.drop_tree()
    # The body's text: `<title>` would put the title's first copy at the very start.
    body = doc.find(".//body")
    doc = body if body is not None else doc
    visible = _norm(" ".join(doc.itertext()))
    for el in list(doc.iter("a")):
        if el.getparent() is not None:
            el.drop_tree()  # keeps the text after the link
    unlinked = _norm(" ".join(doc.itertext()))
    at = None
    if title and len(_norm(title)) >= 10:
        found = visible.find(_norm(title)[:40])
        at = found if found >= 0 else None
    return visible, unlinked, at


def day_number(date: str) -> int:
    y, m, d = map(int, date.split("-"))
    return (datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days


def category(html: bytes, htmldate: str, chaff: dict | None, title: str | None = None) -> str:
    """Why chaff and htmldate disagree on a page, as far as the page shows:
    - htmldate-unshown: htmldate's date is nowhere the page shows or declares a date
      (see `shown`): a page-generation stamp in a comment, a cart's or a tracker's time in
      a script, a date in another story's link; htmldate is wrong there, except on the
      few pages whose script holds the page's own date (`mistats.pubdate='2008/01/15'`);
    - htmldate-comment: htmldate's date is printed only inside a reader's comment;
    - htmldate-updated: htmldate's date is one the page marks as an update (modified_time,
      dateModified, og:updated_time) and chaff gave a publication date: htmldate is wrong;
    - htmldate-swapped: the same day and month read the other way round (chaff read the
      numeric date by a weekday, a time zone, the separator or the page's language);
    - chaff-none: chaff found no date;
    - chaff-updated: chaff gave an update date, the page stating no publication date it read;
    - htmldate-above-title: every visible copy of htmldate's date stands above the
      article's title and chaff's date below it: a masthead's date of the day the page was
      served (L3S pages of January 2008 print one), or a date line of the site's header;
    - chaff-above-title: the same the other way round, chaff on a date above the title;
    - chaff-linked: chaff's date is printed only in the text of links (another page's
      date: a teaser, an archive list);
    - a-day-apart: the two dates are one day apart (a time zone: an instant near midnight
      read in UTC by one and in the page's zone by the other);
    - other: another date (a date of another story, of a comment, a release date...)."""
    where_shown = shown(html, htmldate)
    if where_shown != "shown":
        return f"htmldate-{where_shown}"
    if chaff is None:
        return "chaff-none"
    c = chaff["date"]
    text = html.decode("utf-8", "replace")
    if chaff["stamp"] == "published":
        for form in iso_forms(htmldate):
            for m in re.finditer(re.escape(form), text):
                if UPDATE_BEFORE.search(text[max(0, m.start() - 60):m.start()]):
                    return "htmldate-updated"
    hy, hm, hd = htmldate.split("-")
    if c == f"{hy}-{hd}-{hm}":
        return "htmldate-swapped"
    if chaff["stamp"] == "updated":
        return "chaff-updated"
    if abs(day_number(c) - day_number(htmldate)) == 1:
        return "a-day-apart"
    visible, unlinked, title_at = placed(html, title)
    h_at = [m.start() for m in date_pattern(htmldate).finditer(visible)]
    c_at = [m.start() for m in date_pattern(c).finditer(visible)]
    if title_at is not None and h_at and c_at:
        if max(h_at) < title_at <= max(c_at):
            return "htmldate-above-title"
        if max(c_at) < title_at <= max(h_at):
            return "chaff-above-title"
    if c_at and not date_pattern(c).search(unlinked):
        return "chaff-linked"
    return "other"


CATEGORIES = ["htmldate-unshown", "htmldate-comment", "htmldate-updated", "htmldate-swapped",
              "htmldate-above-title", "chaff-none", "chaff-updated", "chaff-above-title",
              "chaff-linked", "a-day-apart", "other"]


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
    ap.add_argument("--cache", default="/tmp/htmldate-cache.json",
                    help="htmldate's results by page content, kept between runs")
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)
    cache = Path(args.cache)
    if cache.is_file():
        CACHE.update(json.loads(cache.read_text()))

    started = time.time()
    pages = real_pages(args.limit)
    facts = chaff_dates(args.chaff, [str(p) for _, p in pages])
    by_source = {f["source"]: f for f in facts}
    tallies: dict[str, Tally] = defaultdict(Tally)
    # Scored as the "chaff" column of a Tally whose oracle is the annotators' date.
    human = {"chaff": Tally(), "htmldate": Tally(), "htmldate markup only": Tally()}
    lists = split_lists()
    why: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    lines = ["split\tpage\thtmldate\thtmldate_markup\tchaff\tchaff_source\tchaff_stamp\t"
             "category_markup"]
    for n, (name, path) in enumerate(pages):
        html = gzip.decompress(path.read_bytes())
        full, markup = htmldate_pair(html)
        f = by_source.get(str(path), {})
        d = f.get("declared_date")
        chaff = d["date"] if d else None
        split = split_of(name, path, lists)
        for t in (tallies[name], tallies[f"{name} {split}"], tallies["all real pages"],
                  tallies[f"all real pages, {split}"]):
            t.add(chaff, full, markup)
        if name == "wcxb" and (truth_date := wcxb_truth(path)):
            human["chaff"].add(chaff, truth_date, truth_date)
            human["htmldate"].add(full, truth_date, truth_date)
            human["htmldate markup only"].add(markup, truth_date, truth_date)
        title = (f.get("title") or {}).get("value")
        cat = category(html, markup, d, title) if markup is not None and chaff != markup else "-"
        if cat != "-":
            why[split][cat] += 1
        if full is not None and chaff != full:
            rel = path.relative_to(DATASETS)
            lines.append(f"{split}\t{rel}\t{full}\t{markup or '-'}\t{chaff or '-'}\t{where(d)}\t"
                         f"{d['stamp'] if d else '-'}\t{cat}")
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
                lines.append(f"generated\tgenerated/{g['template']}\t{full}\t{markup or '-'}\t"
                             f"{chaff or '-'}\t{where(d)}\t{d['stamp'] if d else '-'}\t-")

    order = [f"{n}{s}" for n, _, _ in SETS for s in ("", " dev", " test")]
    order += ["all real pages", "all real pages, dev", "all real pages, test", "generated pages"]
    table = [HEADER] + [tallies[n].row(n) for n in order if n in tallies]
    if truth.pages:
        table.append(truth.row("generated, against the generator's printed date (chaff)"))
        table.append(truth_htmldate.row("generated, against the generator's date (htmldate)"))
    for reader, t in human.items():
        if t.pages:
            table.append(t.row(f"wcxb pages with an annotated date: {reader} against it"))
    table += ["", "Disagreements with htmldate's markup-only date, by what the page shows "
              "(see `category` in compare.py):", "",
              "| real pages | " + " | ".join(CATEGORIES) + " |",
              "|---|" + "---:|" * len(CATEGORIES)]
    for split in ("dev", "test"):
        table.append(f"| {split} | " + " | ".join(str(why[split][c]) for c in CATEGORIES) + " |")
    text = "\n".join(table)
    print(text)
    # The notes written by hand under "## Notes" (what the disagreements are, read page by
    # page) are kept when the table is written again.
    results = Path(args.results)
    old = results.read_text() if results.is_file() else ""
    notes = old[old.index("\n## Notes"):] if "\n## Notes" in old else ""
    results.write_text(
        "# chaff's declared date against htmldate\n\n"
        "Written by `bench/dates/compare.py` (see its docstring for the method and the "
        "command); disagreements in `disagreements.tsv`.\n\n" + text + "\n" + notes)
    Path(args.disagreements).write_text("\n".join(lines) + "\n")
    cache.write_text(json.dumps(CACHE))
    print(f"{len(lines) - 1} disagreements in {args.disagreements}; "
          f"{time.time() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
