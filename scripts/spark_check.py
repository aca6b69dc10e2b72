"""The checks of scripts/spark-check: claimscan as an rdd.pipe stage.

usage: spark_check.py CLAIMSCAN JSONL

Runs JSONL through `CLAIMSCAN extract --input jsonl -` once as a local
process and once as an `rdd.pipe` stage of a local-mode Spark job (4
partitions, 2 worker threads), then checks that

* every input id comes back from Spark exactly once, and no other id;
* the Spark record of each id is byte for byte the local one.
"""

import json
import os
import subprocess
import sys
import time


def fail(msg):
    print(f"spark-check: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    claimscan, path = sys.argv[1], sys.argv[2]
    cmd = [claimscan, "extract", "--input", "jsonl", "--progress", "never", "-"]

    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    ids = [json.loads(line)["id"] for line in lines]
    if len(set(ids)) != len(ids):
        fail(f"{path} repeats ids; the check needs unique ids")

    with open(path, "rb") as f:
        local_run = subprocess.run(cmd, stdin=f, capture_output=True, check=False)
    if local_run.returncode not in (0, 2):
        fail(f"local run exited {local_run.returncode}: {local_run.stderr.decode()[-2000:]}")
    local = {}
    for line in local_run.stdout.decode("utf-8").splitlines():
        local[json.loads(line)["id"]] = line
    if sorted(local) != sorted(ids):
        fail("the local run did not return every id exactly once")

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("claimscan-spark-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    t0 = time.time()
    try:
        # The snippet of README.md, "On Spark".
        rdd = spark.sparkContext.textFile(os.path.abspath(path), minPartitions=4)
        partitions = rdd.getNumPartitions()
        out = rdd.pipe(" ".join(cmd)).collect()
    finally:
        spark.stop()
    secs = time.time() - t0

    seen = {}
    for line in out:
        rec = json.loads(line)
        seen.setdefault(rec["id"], []).append(line)
    missing = [i for i in ids if i not in seen]
    extra = [i for i in seen if i not in local]
    twice = [i for i, v in seen.items() if len(v) > 1]
    differ = [i for i in ids if i in seen and seen[i][0] != local[i]]
    print(
        f"spark-check: {len(ids)} input records, {partitions} partitions, {len(out)} records back "
        f"in {secs:.1f} s: {len(missing)} missing, {len(extra)} unknown, {len(twice)} repeated, "
        f"{len(differ)} differing from the local run"
    )
    if missing or extra or twice or differ or len(out) != len(ids):
        for name, bad in [("missing", missing), ("unknown", extra), ("repeated", twice), ("differing", differ)]:
            if bad:
                print(f"  {name}: {bad[:5]}", file=sys.stderr)
        fail("the Spark run does not match the local run")
    print("spark-check: ok")


if __name__ == "__main__":
    main()
