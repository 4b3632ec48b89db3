"""The Spark job in local[2] on a generated crawl of two WARC files: its verdicts are
`chaff score`'s on the same WARCs, its clusters find the copies in the other file that one
process per file cannot see, a corrupt record is a row with `error`, and a missing index
stops the job before any task."""

import gzip
import json
import os
import subprocess
import sys

import pytest

import warcgen
from conftest import run_chaff

pyspark = pytest.importorskip("pyspark")  # the CI installs it; say so if it is not there
from chaff import spark as job  # noqa: E402

PAGES = int(os.environ.get("CHAFF_SPARK_TEST_PAGES", "160"))
COMPARED = ["flagged", "score", "wire_match", "reasons", "title", "site", "declared_date", "byline", "body"]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("crawl")
    info = warcgen.generate(PAGES, str(out))
    index = out / "wire.db"
    run_chaff("wire", "add", "--index", index, info["feed"])
    # A third file: one good page, then a record whose gzip member is cut short.
    good = gzip.open(info["files"][0]).read().split(b"WARC/1.0\r\n")[1:3]
    broken = out / "c.warc.gz"
    with open(broken, "wb") as f:
        for rec in good:
            f.write(gzip.compress(b"WARC/1.0\r\n" + rec))
        f.write(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900\r\n\r\nHTTP/1.1 200 OK\r\n")[:-12])
    info.update(index=str(index), broken=str(broken), dir=out)
    return info


@pytest.fixture(scope="module")
def spark():
    s = job.session("local[2]")
    yield s
    s.stop()


def cli_lines(*args):
    return [json.loads(line) for line in run_chaff("score", "--jsonl", *args).stdout.splitlines()]


def spark_rows(out):
    rows = []
    for name in sorted(os.listdir(out)):
        if name.startswith("part-"):
            with open(os.path.join(out, name)) as f:
                rows += [json.loads(line) for line in f]
    return rows


def key(source):
    """`file:/tmp/x/a.warc.gz#123` and `/tmp/x/a.warc.gz#123` are the same record."""
    return source.removeprefix("file:")


@pytest.fixture(scope="module")
def scored(crawl, spark):
    out = str(crawl["dir"] / "out")
    counts = job.score(spark, crawl["files"] + [crawl["broken"]], out, crawl["index"], "json")
    return counts, {key(r["source"]): r for r in spark_rows(out)}


def test_the_columns_are_the_fields_of_a_chaff_score_line_in_order(crawl, scored):
    line = cli_lines("--index", crawl["index"], crawl["files"][0])[0]
    assert job.FIELDS == ["source", "url"] + list(line)[1:] + ["error"]
    assert [f.name for f in job._schema().fields] == job.FIELDS
    _, rows = scored
    assert all(list(r) == job.FIELDS for r in rows.values())


def test_verdicts_equal_chaff_score_on_the_same_warcs(crawl, scored):
    counts, rows = scored
    cli = {r["source"]: r for r in cli_lines("--index", crawl["index"], *crawl["files"])}
    pages = {k: r for k, r in rows.items() if not k.startswith(crawl["broken"])}
    assert set(pages) == set(cli)
    flagged_spark = {k for k, r in pages.items() if r["flagged"]}
    flagged_cli = {k for k, r in cli.items() if r["flagged"]}
    assert flagged_spark == flagged_cli
    assert len(flagged_cli) >= crawl["farm_pages"] * 0.9, "the farm copies are flagged"
    same_cluster = 0
    for k, c in cli.items():
        s = pages[k]
        assert s["error"] is None
        # The crawl-wide cluster holds at least what the CLI saw up to this page.
        assert s["cluster"]["size"] >= c["cluster"]["size"], k
        if s["cluster"] == c["cluster"]:
            same_cluster += 1
            assert {f: s[f] for f in COMPARED} == {f: c[f] for f in COMPARED}, k
    assert same_cluster >= len(cli) - crawl["farm_pages"]
    assert counts["pages"] == len(rows) and counts["flagged"] == len(flagged_cli)


def test_clusters_across_files_find_what_one_process_per_file_cannot(crawl, scored):
    _, rows = scored
    farm = {r["url"] for r in rows.values() if r["url"] in set(crawl["farm_urls"])}
    assert len(farm) == crawl["farm_pages"]
    for r in rows.values():
        if r["url"] in farm:
            # Every copy of a story sees all COPIES of it, on COPIES sites.
            assert r["cluster"]["size"] == warcgen.COPIES and r["cluster"]["sites"] == warcgen.COPIES, r["source"]
    # One process per WARC file, as executors without a crawl-wide step would be.
    per_file = [r for f in crawl["files"] for r in cli_lines(f)]
    biggest = max(r["cluster"]["size"] for r in per_file if r["source"] in {key(k) for k, v in rows.items() if v["url"] in farm})
    assert biggest < warcgen.COPIES


def test_a_corrupt_record_is_a_row_with_an_error(crawl, scored):
    _, rows = scored
    broken = [r for k, r in rows.items() if k.startswith(crawl["broken"])]
    errors = [r for r in broken if r["error"]]
    assert len(errors) == 1 and errors[0]["flagged"] is None
    assert "#" in errors[0]["source"]
    assert len(broken) == 2, "the good record before it is scored"


def test_an_unreadable_input_is_a_row_and_a_missing_index_stops_before_any_task(crawl, tmp_path):
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
    p = subprocess.run(
        [sys.executable, "-m", "chaff.spark", "score", "--index", str(tmp_path / "none.db"),
         "--out", str(tmp_path / "o"), crawl["files"][0]],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert p.returncode == 2
    assert "none.db does not exist" in p.stderr
    assert "Spark" not in p.stderr and not (tmp_path / "o").exists()


def test_a_missing_input_is_an_error_row(crawl, spark, tmp_path):
    out = str(tmp_path / "o")
    counts = job.score(spark, [str(tmp_path / "nope.warc.gz")], out, None, "json")
    rows = spark_rows(out)
    assert counts == {"pages": 1, "flagged": 0, "errors": 1}
    assert rows[0]["error"] == "cannot read: no such file"
