#!/usr/bin/env python3
"""The Spark job against `chaff score` on the same generated crawl (README, "From Python and
on Spark"): same flagged set?, cluster sizes, and wall time of each.

    python bench/spark-vs-cli.py --pages 1000 --out /tmp/spark-vs-cli [--master local[2]]

Needs the package installed (`pip install ./python pyspark`) and target/release/chaff.
The crawl is written at run time from ../shared/datasets by python/tests/warcgen.py.
"""
import argparse, json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python", "tests"))
import warcgen  # noqa: E402
from chaff import spark as job  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--chaff", default=os.path.join(HERE, "..", "target", "release", "chaff"))
    a = ap.parse_args()
    info = warcgen.generate(a.pages, a.out)
    index = os.path.join(a.out, "wire.db")
    if os.path.exists(index):
        os.remove(index)
    subprocess.run([a.chaff, "wire", "add", "--index", index, info["feed"]], check=True, capture_output=True)
    t = time.time()
    cli = subprocess.run([a.chaff, "score", "--jsonl", "--index", index, *info["files"]],
                         check=True, capture_output=True, text=True).stdout
    cli_s = time.time() - t
    cli = {r["source"]: r for r in map(json.loads, cli.splitlines())}
    spark = job.session(a.master)
    out = os.path.join(a.out, "spark-out")
    t = time.time()
    counts = job.score(spark, info["files"], out, index, "json")
    spark_s = time.time() - t
    spark.stop()
    rows = {}
    for name in os.listdir(out):
        if name.startswith("part-"):
            for line in open(os.path.join(out, name)):
                r = json.loads(line)
                rows[r["source"].removeprefix("file:")] = r
    fc = {k for k, r in cli.items() if r.get("flagged")}
    fs = {k for k, r in rows.items() if r.get("flagged")}
    farm = set(info["farm_urls"])
    print(json.dumps({
        "pages": len(cli), "cli_errors": sum(1 for r in cli.values() if "error" in r), "farm_pages": len(farm), "spark_rows": len(rows), "errors": counts["errors"],
        "flagged_cli": len(fc), "flagged_spark": len(fs), "same_flagged_set": fc == fs,
        "only_cli": sorted(fc - fs)[:5], "only_spark": sorted(fs - fc)[:5],
        "farm_cluster_sizes_cli": sorted({r["cluster"]["size"] for k, r in cli.items() if r.get("cluster") and k in rows and rows[k]["url"] in farm}),
        "farm_cluster_sizes_spark": sorted({r["cluster"]["size"] for r in rows.values() if r["url"] in farm}),
        "cli_seconds": round(cli_s, 1), "spark_seconds": round(spark_s, 1), "master": a.master,
    }, indent=1))


main()
