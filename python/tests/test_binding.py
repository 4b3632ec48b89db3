"""chaff from Python: the same answers as the CLI, clear errors, no crash, threads."""

import json
import threading

import pytest

import chaff
from conftest import run_chaff


def test_extract_gives_the_cli_text_and_title(seeds):
    page = seeds / "seed-page.html"
    cli = json.loads(run_chaff("extract", "--jsonl", page).stdout)
    mine = chaff.extract(page.read_bytes())
    assert mine["text"] == cli["text"]
    assert mine["title"] == cli["title"]
    # Text in gives the same as bytes.
    assert chaff.extract(page.read_text(encoding="utf-8")) == mine


def test_blocks_on_request_match_the_cli(seeds):
    page = seeds / "seed-page.html"
    cli = json.loads(run_chaff("extract", "--jsonl", "--blocks", page).stdout)
    mine = chaff.extract(page.read_bytes(), url="https://x.example/a", blocks=True)
    assert mine["url"] == "https://x.example/a"
    assert mine["blocks"] == cli["blocks"]
    body = [b for b in mine["blocks"] if b["label"] == "body"]
    # The text is the body blocks from the headline on, the headline itself left out
    # (it is the title): its paragraphs are the last body blocks, in order.
    paragraphs = mine["text"].split("\n\n")
    assert paragraphs == [b["text"] for b in body][-len(paragraphs):]
    assert all(0.0 <= b["probability"] <= 1.0 for b in mine["blocks"])
    assert "blocks" not in chaff.extract(page.read_bytes())


def test_score_with_an_index_flags_the_seed_page_as_the_cli_does(seeds, tmp_path):
    db = tmp_path / "wire.db"
    index = chaff.WireIndex(db)
    assert index.add_feeds([seeds / "wire-original.jsonl"]) == {"added": 1, "already_present": 0, "errors": []}
    page = seeds / "seed-page.html"
    mine = chaff.score(page.read_bytes(), index=index)
    cli = json.loads(run_chaff("score", "--jsonl", "--index", db, page).stdout)
    assert mine["flagged"] is True
    assert mine["wire_match"]["id"] == "ap-20240127-iraq-us-coalition-talks"
    cli.pop("source"), mine.pop("source")
    assert mine == cli
    codes = [r["code"] for r in mine["reasons"]]
    assert {"wire_match", "restamped_date", "engagement_widget"} <= set(codes)


def test_score_without_an_index_and_with_a_fetch_time(seeds):
    html = (seeds / "seed-page.html").read_bytes()
    alone = chaff.score(html, url="https://securepath.example/a")
    assert alone["source"] == "https://securepath.example/a"
    assert alone["wire_match"] is None and alone["flagged"] is True
    assert alone["cluster"] == {"size": 1, "sites": 1, "earliest_date": alone["declared_date"]}
    import datetime

    when = datetime.datetime(2025, 4, 26, 10, tzinfo=datetime.timezone.utc)
    assert chaff.score(html, fetched=when)["score"] == chaff.score(html, fetched="2025-04-26T10:00:00Z")["score"]


def test_wire_index_add_lookup_stats(seeds, tmp_path):
    index = chaff.WireIndex(tmp_path / "wire.db")
    story = json.loads((seeds / "wire-original.jsonl").read_text().splitlines()[0])
    assert index.add([story]) == {"added": 1, "already_present": 0, "errors": []}
    assert index.add([story])["already_present"] == 1
    found = index.lookup((seeds / "seed-page.body.txt").read_text())
    assert found["id"] == story["id"] and found["agency"] == "AP"
    assert found["containment"] > 0.9
    assert index.lookup("nothing like any story at all here") is None
    stats = index.stats()
    assert stats["stories"] == 1 and stats["agencies"][0]["agency"] == "AP"
    ro = chaff.WireIndex(tmp_path / "wire.db", read_only=True)
    assert ro.lookup((seeds / "seed-page.body.txt").read_text())["id"] == story["id"]
    with pytest.raises(chaff.WireIndexError, match="read-only"):
        ro.add([story])


def test_bad_stories_add_nothing_and_name_each(tmp_path):
    index = chaff.WireIndex(tmp_path / "wire.db")
    good = {"id": "a", "agency": "AP", "published": "2024-01-27", "text": "one two three four five six"}
    with pytest.raises(chaff.StoryError) as e:
        index.add([good, {"id": "b", "agency": "AP", "published": "last week", "text": "x"}, 7])
    assert "stories[2]" in str(e.value)
    with pytest.raises(chaff.StoryError) as e:
        index.add([good, {"id": "b", "agency": "AP", "published": "last week", "text": "x"}])
    assert "stories[1]: `published` is not a date" in str(e.value)
    assert index.stats()["stories"] == 0


def test_feed_errors_are_listed_as_the_cli_prints_them(tmp_path):
    index = chaff.WireIndex(tmp_path / "wire.db")
    junk = tmp_path / "photo.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    out = index.add_feeds([junk, tmp_path / "missing.jsonl"])
    assert out["added"] == 0
    assert out["errors"][0].startswith(f"{junk}: binary data, not a wire feed")
    assert out["errors"][1].startswith(f"{tmp_path / 'missing.jsonl'}: cannot open")
    cli = run_chaff("wire", "add", "--index", tmp_path / "cli.db", junk, check=False)
    assert cli.stderr.strip() == out["errors"][0]


def test_bad_input_raises_never_crashes(tmp_path):
    with pytest.raises(chaff.DecodeError, match="binary data"):
        chaff.extract(bytes(range(256)) * 100)
    with pytest.raises(chaff.DecodeError, match="corrupt gzip"):
        chaff.extract(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(chaff.WireIndexError, match="does not exist"):
        chaff.WireIndex(tmp_path / "none.db", read_only=True)
    not_index = tmp_path / "text.db"
    not_index.write_text("hello " * 1000)
    with pytest.raises(chaff.WireIndexError, match="corrupt or not a chaff wire index"):
        chaff.WireIndex(not_index)
    with pytest.raises(chaff.InputError, match="is not a date"):
        chaff.score("<p>x</p>", fetched="yesterday")
    with pytest.raises(chaff.InputError):
        chaff.extract(12)
    # Hostile but valid text: deep nesting, empty, huge attribute soup.
    assert chaff.extract("")["text"] == ""
    assert isinstance(chaff.extract("<div>" * 5000 + "x")["text"], str)
    assert issubclass(chaff.DecodeError, chaff.Error) and issubclass(chaff.Error, Exception)


def test_threads_get_the_answers_one_thread_gets(seeds):
    html = (seeds / "seed-page.html").read_bytes()
    want = chaff.extract(html)
    got = []

    def work():
        for _ in range(20):
            got.append(chaff.extract(html))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 80 and all(g == want for g in got)


def test_docstrings_and_stubs_ship():
    import importlib.resources as r

    for f in (chaff.extract, chaff.score, chaff.WireIndex, chaff.WireIndex.add, chaff.WireIndex.lookup):
        assert f.__doc__ and len(f.__doc__) > 40
    files = {p.name for p in r.files("chaff").iterdir()}
    assert {"py.typed", "_chaff.pyi", "__init__.py", "spark.py"} <= files


def test_the_gil_is_released_while_chaff_works(seeds):
    """A pure-Python thread needs the GIL for every step; if chaff.extract held it, the
    thread would make no step during the call. Not timed: it counts steps."""
    html = (seeds / "seed-page.html").read_text(encoding="utf-8")
    big = html.replace("</body>", "".join(f"<p>{i} " + "word " * 60 + "</p>" for i in range(20000)) + "</body>")
    stop = threading.Event()
    steps = [0]

    def count():
        while not stop.is_set():
            steps[0] += 1

    t = threading.Thread(target=count)
    t.start()
    import time

    time.sleep(0.05)
    before = steps[0]
    chaff.extract(big)
    during = steps[0] - before
    stop.set()
    t.join()
    # Python's switch interval is 5 ms: a thread that held the GIL through a call of a second
    # or more would let the counter run for at most one interval before it.
    assert during > 100_000, during
