#!/usr/bin/env python3
"""Pages of a farm layout chaff's generator (src/farmgen) lacks, for measuring what a few
dozen moderated pages of it buy (bench/moderated-recall.sh).

The layout, "credited blog farm": a WordPress-like single column on a finance-named site
whose copy of the wire story keeps what a licensee would print (the reporter's byline naming
the agency, the agency's copyright line) but re-stamps the date a year on, wrapped in farm
chrome the generator never writes: a "Popular posts" dropdown (<select>, not a link list),
Spanish engagement counters ("Me gusta (12)", "Compartir"), tags and a
"Proudly powered by WordPress" footer. Its legitimate twin (what a moderator dismisses) is
the same copy on a news site's plain layout, without the farm chrome. The generator's farms
that re-stamp dates also drop the credit; this one keeps it, which the page model reads as
a licensee's sign. (Two layouts were tried first: with a re-stamped date and no credit the
embedded model flagged 100/100 already, no room for labels to help; with the credit and the
story's own date, farm and twin have the same features, nothing to learn.)

Article texts are the gold texts of Dragnet pages (../shared/datasets, read at run time;
nothing is committed); each article's wire story goes to a feed for the wire index. The
articles are split by the hash of their id: TRAIN pages become the moderators' labels (the
format `chaff queue export --labels` writes), TEST pages are only scored.

  python3 bench/moderated-layout.py --out /tmp/chaff-lean --train 40 --test 100
"""
import argparse, glob, hashlib, html, json, os, random, sys

RESTAMP = True
PLACES = ["BEIRUT", "WASHINGTON", "LONDON", "NAIROBI", "TOKYO", "MEXICO CITY", "SYDNEY", "BERLIN"]

def articles(root):
    files = sorted(glob.glob(os.path.join(root, "dragnet/Corrected/*.corrected.txt")))
    if not files:
        sys.exit(f"no Dragnet gold texts under {root}: set CHAFF_DATASETS")
    for f in files:
        text = open(f, encoding="utf-8", errors="replace").read().replace("\x00", "")
        text = text.split("!@#$%^&*()  COMMENTS")[0]
        paras = [" ".join(p.split()) for p in text.split("\n") if len(p.split()) >= 12]
        if len(paras) >= 5 and sum(len(p.split()) for p in paras) >= 250:
            yield os.path.basename(f).split(".")[0], paras[0][:90], paras[1:14]

def page(title, paras, site, farm, rng, date_page, date_story):
    t = html.escape(title)
    place = rng.choice(PLACES)
    body = [f"{place} (AP) — {paras[0]}"] + paras[1:]
    byline = f'<div class="postmeta">By {rng.choice(["Jane Doe", "Ali Hassan", "Mark Chen"])}, Associated Press &middot; <time datetime="{date_page}">{date_page}</time></div>'
    credit = "<p><em>Copyright The Associated Press. All rights reserved.</em></p>"
    if farm:
        extras = (f'<div class="social"><span>Me gusta ({rng.randint(3, 400)})</span> '
                  f'<span>Compartir</span> <span>Tuitear</span></div>')
        popular = "".join(f"<option>{html.escape(h)}</option>" for h in rng.sample(HEADLINES, 6))
        aside = f'<aside id="secondary"><h2 class="widget-title">Popular posts</h2><select>{popular}</select></aside>'
        footer = f"&copy; {date_page[:4]} {site}. Proudly powered by WordPress."
        tagline = "Just another news site"
    else:
        extras = aside = ""
        footer = f"&copy; {date_page[:4]} {site}. Contact the newsroom."
        tagline = "News from the valley"
    paras_html = "".join(f"<p>{html.escape(p)}</p>" for p in body)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{t} &#8211; {site}</title>
<meta name="generator" content="WordPress 6.4"></head><body class="single-post">
<div id="page"><header class="site-header"><p class="site-title"><a href="/">{site}</a></p>
<p class="site-description">{tagline}</p></header>
<div id="content"><article class="post type-post"><h1 class="entry-title">{t}</h1>{byline}
<div class="entry-content">{paras_html}{credit}</div>{extras}
<footer class="entry-footer">Tags: <a href="/tag/news">news</a>, <a href="/tag/world">world</a></footer></article>
{aside}</div>
<footer id="colophon"><p>{footer}</p></footer></div></body></html>"""

HEADLINES = [
    "Ten tips to save on your energy bill", "Stocks close higher after a volatile week",
    "What the new tax rules mean for you", "Celebrity chef opens a second restaurant",
    "Why everyone is talking about this gadget", "Local team wins the regional final",
    "How to plan a budget holiday", "The best phones of the year, ranked",
    "Scientists find a new species of frog", "Five habits of successful investors",
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--train", type=int, default=40, help="farm pages moderators decide (as many legitimate)")
    ap.add_argument("--test", type=int, default=100, help="farm pages scored (as many legitimate)")
    ap.add_argument("--datasets", default=os.environ.get("CHAFF_DATASETS", os.path.join(os.path.dirname(__file__), "../../shared/datasets")))
    a = ap.parse_args()
    rng = random.Random(11)
    for d in ["test/farm", "test/legit"]:
        os.makedirs(os.path.join(a.out, d), exist_ok=True)
    labels = open(os.path.join(a.out, "moderated.jsonl"), "w")
    feed = open(os.path.join(a.out, "wire.jsonl"), "w")
    need = {"train": 2 * a.train, "test": 2 * a.test}
    for aid, title, paras in articles(a.datasets):
        part = "train" if int(hashlib.sha1(aid.encode()).hexdigest(), 16) % 3 else "test"
        if need[part] == 0:
            if not any(need.values()):
                break
            continue
        farm = need[part] % 2 == 0
        need[part] -= 1
        year = rng.choice([2022, 2023])
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        story_date = f"{year}-{month:02d}-{day:02d}"
        page_date = f"{year + 1}-{(month % 12) + 1:02d}-{day:02d}" if farm and RESTAMP else story_date
        site = rng.choice(["Capital Ledger Daily", "Northbridge Wealth News", "Prime Coin Herald"]) if farm \
            else rng.choice(["Valley Gazette", "The Harbor Times", "Lakeside Courier"])
        doc = page(title, paras, site, farm, rng, page_date, story_date)
        place_text = doc.split('<div class="entry-content"><p>')[1].split("</p>")[0]
        story = "\n\n".join([html.unescape(place_text)] + paras[1:])
        wire = {"id": f"ap-{aid}", "agency": "AP", "published": story_date, "title": title, "text": story}
        feed.write(json.dumps(wire) + "\n")
        if part == "train":
            labels.write(json.dumps({"id": f"moderated:lean-{aid}", "url": f"https://{site.lower().replace(' ', '')}.example/{aid}",
                                     "html": doc, "farm": farm, "decided_by": "bench",
                                     "note": "credited blog farm" if farm else "credited syndication",
                                     # as `chaff queue export --labels FILE --wire FEED` writes it
                                     "wire": wire}) + "\n")
        else:
            with open(os.path.join(a.out, "test", "farm" if farm else "legit", f"{aid}.html"), "w") as f:
                f.write(doc)
    left = {k: v for k, v in need.items() if v}
    if left:
        sys.exit(f"not enough articles: {left} pages short")

if __name__ == "__main__":
    main()
