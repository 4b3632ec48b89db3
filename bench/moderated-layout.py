#!/usr/bin/env python3
"""Pages of a farm layout chaff's generator (src/farmgen) lacks, for measuring what a few
dozen moderated pages of it buy (bench/moderated-recall.sh).

The layout, "same-day credited farm": a copy of a wire story that keeps everything a
licensee prints (the AP dateline, a byline naming the agency, the story's own date, the
agency's copyright line) on a finance-named site, in chrome none of the generator's six
families writes: emoji reactions with counters, a "Trending now" slider whose loop repeats
its headlines, promoted stories, a newsletter prompt, a cookie notice, a canonical URL on a
throwaway host. Its legitimate twin (what a moderator dismisses) is the same copy on a news
site's plain page. The generator's farms never credit the agency, so a page model trained
on them alone reads these pages as syndication; what tells farm from twin is chrome chaff's
facts can see (counters, repeated headlines, site name against host, boilerplate).

Layouts tried before, and why they could not measure anything: a re-stamped copy with no
credit (flagged 100/100 already, no room for labels to help); a credited copy with the
story's own date and little chrome (farm and twin had the same features: nothing to
learn); a credited WordPress "blog farm" re-stamped a year on (the current model flags
93/100 already).

Article texts are the gold texts of Dragnet pages (../shared/datasets, read at run time;
nothing is committed); each article's wire story goes to a feed for the wire index. The
articles are split by the hash of their id: TRAIN pages become the moderators' labels (the
format `chaff queue export --labels --wire` writes), TEST pages are only scored.

  python3 bench/moderated-layout.py --out /tmp/chaff-moderated --train 40 --test 100
"""
import argparse, glob, hashlib, html, json, os, random, sys

RESTAMP = False  # the farm keeps the story's own date: the re-stamp gives no sign
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
    """The farm: a same-day copy that keeps everything a licensee prints (the AP dateline,
    the reporter's byline naming the agency, the story's own date, the agency's copyright
    line), wrapped in chrome none of the generator's six families writes: an emoji
    reaction bar, a "Trending now" slider whose slides the slider script duplicates for its
    loop (so its headlines repeat), a grid of promoted stories, a newsletter prompt and a
    cookie notice. The twin: the same copy on a publisher's plain page."""
    t = html.escape(title)
    place = rng.choice(PLACES)
    body = [f"{place} (AP) \u2014 {paras[0]}"] + paras[1:]
    reporter = rng.choice(["Jane Doe", "Ali Hassan", "Mark Chen", "Sara Lind", "Tom Okafor"])
    byline = (f'<div class="byline">By {reporter}, Associated Press</div>'
              f'<div class="dateline"><time datetime="{date_page}T{rng.randint(6, 20):02d}:00:00Z">{date_page}</time></div>')
    credit = "<p><em>Copyright The Associated Press. All rights reserved.</em></p>"
    paras_html = "".join(f"<p>{html.escape(p)}</p>" for p in body)
    host = site.lower().replace(" ", "")
    if not farm:
        return body[0], f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{t} | {site}</title>
<link rel="canonical" href="https://www.{host}.com/world/{rng.randint(1000, 99999)}"></head><body>
<header><a href="/">{site}</a><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/world">World</a> <a href="/sports">Sports</a></nav></header>
<main><article><h1>{t}</h1>{byline}{paras_html}{credit}</article></main>
<footer><p>&copy; {date_page[:4]} {site}. <a href="/contact">Contact the newsroom</a></p></footer></body></html>"""
    reactions = "".join(f'<div class="rx"><span>{e}</span> (<b>{rng.randint(2, 900)}</b>)</div>'
                        for e in rng.sample(["\U0001F60D", "\U0001F602", "\U0001F62E", "\U0001F622", "\U0001F621", "\U0001F44F"], 4))
    trending = rng.sample(HEADLINES, 5)
    # Swiper's loop mode clones the first and last slides: every trending headline twice.
    slides = "".join(f'<div class="swiper-slide"><a href="/p/{rng.randint(100, 999)}">{html.escape(h)}</a></div>'
                     for h in trending[-2:] + trending + trending[:3])
    promoted = "".join(f'<div class="promo-card"><a href="https://ads.example/{i}">{html.escape(h)}</a><span class="promo-by">{b}</span></div>'
                       for i, (h, b) in enumerate(zip(rng.sample(PROMOTED, 4), rng.sample(BRANDS, 4))))
    return body[0], f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{t} | {site}</title>
<link rel="canonical" href="https://{rng.choice(["newsfeed-hub24.top", "dailyflash365.xyz", "topstory-now.online"])}/{rng.randint(1000, 99999)}"></head><body>
<div class="cookie-notice">We use cookies to improve your experience. <button>Accept</button></div>
<header class="hdr"><a class="logo" href="/">{site}</a><nav><a href="/">Home</a> <a href="/crypto">Crypto</a> <a href="/markets">Markets</a> <a href="/world">World</a></nav></header>
<section class="trending"><h3>Trending now</h3><div class="swiper"><div class="swiper-wrapper">{slides}</div></div></section>
<main><article><h1>{t}</h1>{byline}{paras_html}{credit}</article>
<div class="reactions"><p>What do you think?</p>{reactions}</div>
<div class="newsletter"><p>Get the top stories in your inbox every morning.</p><input placeholder="Email"><button>Subscribe</button></div>
<section class="promoted"><h3>Promoted stories</h3>{promoted}</section></main>
<footer><p>&copy; {date_page[:4]} {site}. All rights reserved.</p></footer></body></html>"""

PROMOTED = [
    "Doctors stunned by this simple morning trick", "This new gadget is selling out fast",
    "Retirees are switching to this savings plan", "The one stock experts keep buying",
    "You will not believe what this village looks like now", "Homeowners are claiming this rebate",
]
BRANDS = ["Sponsored by HealthDaily", "Sponsored by TechDeals", "Sponsored by MoneyWise",
          "Sponsored by TravelNow", "Sponsored by SmartHome"]

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
        first, doc = page(title, paras, site, farm, rng, page_date, story_date)
        story = "\n\n".join([first] + paras[1:])
        wire = {"id": f"ap-{aid}", "agency": "AP", "published": story_date, "title": title, "text": story}
        feed.write(json.dumps(wire) + "\n")
        if part == "train":
            labels.write(json.dumps({"id": f"moderated:sameday-{aid}", "url": f"https://{site.lower().replace(' ', '')}.example/{aid}",
                                     "html": doc, "farm": farm, "decided_by": "bench",
                                     "note": "same-day credited farm" if farm else "credited syndication",
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
