"""``python -m chaff.spark score``: the verdict of ``chaff score`` over a crawl, on Spark.

    python -m chaff.spark score [--master URL] [--index PATH] [--format parquet|json]
                                --out DIR INPUT...

INPUT is WARC files (``.warc``, ``.warc.gz``; local paths, globs, or anything Spark reads:
``s3a://``, ``hdfs://``). The job writes one row per page to DIR with the fields of a line of
``chaff score --jsonl`` (``source``, ``flagged``, ``score``, ``wire_match``, ``reasons``,
``title``, ``site``, ``declared_date``, ``byline``, ``cluster``, ``body``) plus ``url`` and
``error``: a record that cannot be read or scored is a row whose ``error`` says why, and the
job goes on.

How it runs:

1. **Inspect** (``mapPartitions``): every WARC file is read by chaff's own WARC reader, each
   page extracted, its facts gathered, its body fingerprinted and looked up in the wire
   index, which each Python worker opens read-only once (``_index``).
2. **Near copies across the whole crawl**: each body's 42 LSH band keys are emitted, pages
   are grouped by key, the candidate pairs are checked with the link test of ``chaff
   score``'s clusters (different sites, one body holding >= 80% of the other), and the links
   are turned into clusters (connected components, by propagating the smallest page id).
   Each page gets its cluster's size, site count and earliest declared date.
3. **Judge**: the page model weighs each page's facts, wire match and crawl-wide cluster.

``chaff score`` on one machine sees near copies within a window of the pages it streamed;
this job sees every copy in the crawl, whatever file or executor it came from, so a page's
cluster here is at least as large as there.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

from chaff import _chaff  # absolute: spark-submit runs this file as a script

#: Buckets (pages sharing one LSH band key) larger than this are linked as a star around
#: their smallest page id instead of all pairs: a body copied on N sites then costs N
#: comparisons per band, not N²/2. Copies of one text share most of their 42 bands, so
#: they still meet; what a star can miss is a link between two members that are copies of
#: each other but not of the star's centre, in a bucket of over a thousand pages.
MAX_CLIQUE = 1000

#: Rounds of label propagation before giving up; each round halves no distance, so this
#: bounds the longest chain of links a cluster may have (a copy of a copy of a copy...).
MAX_ROUNDS = 64

#: The columns of the output: a record of ``chaff score --jsonl`` (the library's
#: ``verdict::Record``, whose field names the binding exports), with ``url`` after
#: ``source`` and ``error`` last.
FIELDS = ["source", "url"] + list(_chaff.SCORE_FIELDS[1:]) + ["error"]


def _types() -> Dict[str, Any]:
    """The Spark type of each column, by name."""
    from pyspark.sql.types import ArrayType, BooleanType, DoubleType, LongType, StringType, StructField, StructType

    s = StringType()

    def struct(**fields: Any) -> Any:
        return StructType([StructField(name, t) for name, t in fields.items()])

    return {
        "source": s,
        "url": s,
        "flagged": BooleanType(),
        "score": DoubleType(),
        "wire_match": struct(id=s, agency=s, similarity=DoubleType(), containment=DoubleType()),
        "reasons": ArrayType(struct(code=s, message=s, weight=DoubleType())),
        "title": s,
        "site": s,
        "declared_date": s,
        "byline": s,
        "cluster": struct(size=LongType(), sites=LongType(), earliest_date=s),
        "body": s,
        "error": s,
    }


def _schema():
    """The output's schema: one column per field of FIELDS (a field the record gains without
    a type here fails at once, by name)."""
    from pyspark.sql.types import StructField, StructType

    types = _types()
    missing = [f for f in FIELDS if f not in types]
    if missing:
        raise RuntimeError(f"chaff.spark: no Spark type for the record's field(s) {', '.join(missing)}")
    return StructType([StructField(f, types[f], f != "source") for f in FIELDS])


# --- step 1: inspect, on the executors ------------------------------------------------------

_INDEXES: Dict[str, Any] = {}


def _index(path: Optional[str]):
    """The wire index, opened read-only once per Python worker process (Spark reuses them)."""
    if path is None:
        return None
    if path not in _INDEXES:
        local = path
        if not os.path.exists(local):
            # Shipped to the executors with SparkContext.addFile.
            from pyspark import SparkFiles

            local = SparkFiles.get(os.path.basename(path))
        _INDEXES[path] = _chaff.WireIndex(local, True)
    return _INDEXES[path]


def inspect_files(files: Iterable[Tuple[str, bytes]], index_path: Optional[str]) -> Iterator[tuple]:
    """(path, WARC bytes) → one tuple per page: (source, url, inspected, fingerprint,
    band_keys, site, declared_date, error)."""
    index = _index(index_path)
    for path, data in files:
        records = _chaff.WarcRecords(bytes(data), path)
        for r in records:
            source = r["source"]
            if "error" in r:
                yield (source, None, None, None, [], None, None, r["error"])
                continue
            try:
                inspected, fp, bands, site, date = _chaff.inspect_json(
                    r["payload"], r["url"], index, r["fetched"], source, r["charset"]
                )
            except _chaff.Error as e:
                yield (source, r["url"], None, None, [], None, None, str(e))
                continue
            yield (source, r["url"], inspected, fp, bands, site, date, None)


# --- step 2: near copies across the crawl ---------------------------------------------------


def _pairs(members: List[str]) -> Iterator[Tuple[str, str]]:
    """Candidate pairs of one bucket, smaller id first."""
    members = sorted(set(members))
    if len(members) > MAX_CLIQUE:
        centre = members[0]
        for m in members[1:]:
            yield (centre, m)
        return
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            yield (a, b)


def _linked(rows: Iterable[tuple]) -> Iterator[Tuple[str, str]]:
    """Keep the candidate pairs that are near copies on different sites."""
    for a, b, site_a, fp_a, site_b, fp_b in rows:
        if site_a != site_b and _chaff.near_copies(bytes(fp_a), bytes(fp_b)):
            yield (a, b)


def clusters(spark, pages):
    """Per page with a body: (source, size, sites, earliest_date) of its crawl-wide cluster.

    `pages` has columns source, site, declared_date, fingerprint, bands."""
    from pyspark.sql import functions as F

    bodies = pages.where(F.col("fingerprint").isNotNull()).select(
        "source", "site", "declared_date", "fingerprint", "bands"
    )
    buckets = (
        bodies.select("source", F.explode("bands").alias("key"))
        .groupBy("key")
        .agg(F.collect_list("source").alias("members"))
        .where(F.size("members") > 1)
    )
    candidates = buckets.rdd.flatMap(lambda r: _pairs(r.members)).distinct()
    fps = bodies.rdd.map(lambda r: (r.source, (r.site, r.fingerprint)))
    joined = (
        candidates.join(fps)  # (a, (b, (site_a, fp_a)))
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(fps)  # (b, ((a, (site_a, fp_a)), (site_b, fp_b)))
        .map(lambda kv: (kv[1][0][0], kv[0], kv[1][0][1][0], kv[1][0][1][1], kv[1][1][0], kv[1][1][1]))
    )
    edges = joined.mapPartitions(_linked)
    # Both directions, for propagation.
    both = spark.createDataFrame(edges.flatMap(lambda e: [e, (e[1], e[0])]), "v string, n string").cache()
    labels = both.groupBy("v").agg(F.least(F.min("n"), F.first("v")).alias("label")).cache()
    for _ in range(MAX_ROUNDS):
        # Every vertex takes the smallest label among itself and its neighbours.
        nxt = (
            both.join(labels.withColumnRenamed("v", "n").withColumnRenamed("label", "nl"), "n")
            .groupBy("v")
            .agg(F.min("nl").alias("nl"))
            .join(labels, "v")
            .select("v", F.least("label", "nl").alias("label"))
            .cache()
        )
        changed = nxt.join(labels.withColumnRenamed("label", "old"), "v").where(F.col("label") != F.col("old")).count()
        labels.unpersist()
        labels = nxt
        if changed == 0:
            break
    else:
        print(f"chaff.spark: clusters did not settle in {MAX_ROUNDS} rounds", file=sys.stderr)
    # Pages without a link are their own cluster.
    member = (
        bodies.join(labels.withColumnRenamed("v", "source"), "source", "left")
        .select("source", "site", "declared_date", F.coalesce("label", "source").alias("label"))
    )
    dates = F.when(F.trim("declared_date") != "", F.trim("declared_date"))
    per_cluster = member.groupBy("label").agg(
        F.count("*").alias("size"),
        F.countDistinct("site").alias("sites"),
        F.min(dates).alias("earliest_date"),
    )
    return member.join(per_cluster, "label").select("source", "size", "sites", "earliest_date")


# --- step 3: judge ----------------------------------------------------------------------------


def judge_rows(rows: Iterable[Any]) -> Iterator[tuple]:
    """Rows of (source, url, inspected, error, size, sites, earliest_date) → output tuples."""
    for r in rows:
        if r.error is not None or r.inspected is None:
            yield (r.source, r.url) + (None,) * (len(FIELDS) - 3) + (r.error or "not inspected",)
            continue
        cluster = None
        if r.size is not None:
            cluster = json.dumps({"size": r.size, "sites": r.sites, "earliest_date": r.earliest_date})
        try:
            out = json.loads(_chaff.judge_json(r.inspected, cluster))
        except _chaff.Error as e:
            yield (r.source, r.url) + (None,) * (len(FIELDS) - 3) + (str(e),)
            continue
        yield _row(out, r.url)


def _row(out: Dict[str, Any], url: Optional[str]) -> tuple:
    """A record as a row of FIELDS: nested records stay dicts, which Spark reads by field
    name."""
    fields = dict(out, url=url, error=None)
    return tuple(fields.get(f) for f in FIELDS)


# --- the job ----------------------------------------------------------------------------------


def _inputs(spark, inputs: List[str]) -> Tuple[List[str], List[Tuple[str, str]]]:
    """The files the inputs name (globs expanded by Hadoop's file system, which knows s3a://
    and hdfs://), and an error for each input that names nothing readable."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    files: List[str] = []
    errors: List[Tuple[str, str]] = []
    for i in inputs:
        try:
            path = jvm.org.apache.hadoop.fs.Path(i)
            fs = path.getFileSystem(conf)
            found = fs.globStatus(path)
        except Exception as e:  # py4j wraps the JVM's exception; its message says why
            errors.append((i, f"cannot read: {str(e).splitlines()[0]}"))
            continue
        if not found:
            errors.append((i, "cannot read: no such file"))
            continue
        for st in found:
            if st.isDirectory():
                for child in fs.listStatus(st.getPath()):
                    if child.isFile():
                        files.append(child.getPath().toString())
            else:
                files.append(st.getPath().toString())
    return files, errors


def session(master: Optional[str]):
    """A Spark session; in local mode (the default) bound to 127.0.0.1, without the web UI."""
    from pyspark.sql import SparkSession

    master = master or "local[*]"
    b = SparkSession.builder.master(master).appName("chaff score")
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        b = b.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        b = b.config("spark.ui.enabled", "false")
    b = b.config("spark.ui.showConsoleProgress", "false")
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def score(spark, inputs: List[str], out: str, index: Optional[str] = None, fmt: str = "parquet") -> Dict[str, int]:
    """Run the job on a session; returns counts (pages, flagged, errors)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, BinaryType, LongType, StringType, StructField, StructType

    sc = spark.sparkContext
    if index is not None:
        _check_index(index)
        sc.addFile(os.path.abspath(index))
        index_name: Optional[str] = os.path.abspath(index)
    else:
        index_name = None
    files, unreadable = _inputs(spark, inputs)
    s = StringType()
    inspected_schema = StructType(
        [
            StructField("source", s, False),
            StructField("url", s),
            StructField("inspected", s),
            StructField("fingerprint", BinaryType()),
            StructField("bands", ArrayType(LongType())),
            StructField("site", s),
            StructField("declared_date", s),
            StructField("error", s),
        ]
    )
    if files:
        rdd = sc.binaryFiles(",".join(files), minPartitions=max(1, len(files)))
        pages = rdd.mapPartitions(lambda it: inspect_files(it, index_name))
    else:
        pages = sc.emptyRDD()
    bad = sc.parallelize([(i, None, None, None, [], None, None, e) for i, e in unreadable], 1)
    pages = spark.createDataFrame(pages.union(bad), inspected_schema).persist()
    per_page = clusters(spark, pages)
    joined = pages.join(per_page, "source", "left").select(
        "source", "url", "inspected", "error", "size", "sites", "earliest_date"
    )
    rows = spark.createDataFrame(joined.rdd.mapPartitions(judge_rows), _schema())
    writer = rows.write.mode("overwrite")
    if fmt == "json":
        # Null fields written as null, as `chaff score --jsonl` writes them.
        writer.option("ignoreNullFields", "false").json(out)
        written = spark.read.schema(_schema()).json(out)
    else:
        writer.parquet(out)
        written = spark.read.parquet(out)
    counts = written.agg(
        F.count("*").alias("pages"),
        F.sum(F.when(F.col("flagged"), 1).otherwise(0)).alias("flagged"),
        F.sum(F.when(F.col("error").isNotNull(), 1).otherwise(0)).alias("errors"),
    ).first()
    pages.unpersist()
    return {k: int(counts[k] or 0) for k in ("pages", "flagged", "errors")}


def _check_index(index: str) -> None:
    """Fail before any task starts when the index cannot be opened (missing, corrupt)."""
    _chaff.WireIndex(index, True)


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m chaff.spark",
        description="Score the pages of WARC files on Spark, with near copies found across the whole crawl.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser(
        "score",
        help="one row per page with the fields of `chaff score --jsonl`",
        description=__doc__.split("How it runs:")[0].split("\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit code: 0 when the job ran (rows of unreadable records carry `error`); "
        "2 when it could not start (a missing index, no Spark).",
    )
    s.add_argument("--master", help="Spark master URL (default: local[*])")
    s.add_argument("--index", help="a wire index made by `chaff wire add`; shipped to every executor")
    s.add_argument("--format", choices=["parquet", "json"], default="parquet", help="output format (default parquet)")
    s.add_argument("--out", required=True, help="output directory (replaced)")
    s.add_argument("inputs", nargs="+", metavar="INPUT", help="WARC files, folders or globs")
    a = p.parse_args(argv)
    if a.index is not None:
        try:
            _check_index(a.index)
        except _chaff.Error as e:
            print(f"chaff.spark: {e}", file=sys.stderr)
            return 2
    spark = session(a.master)
    try:
        counts = score(spark, a.inputs, a.out, a.index, a.format)
    finally:
        spark.stop()
    print(f"{counts['pages']} pages, {counts['flagged']} flagged, {counts['errors']} errors ({a.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
