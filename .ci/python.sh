#!/usr/bin/env bash
# CI for python/: a fresh virtualenv, the package built and installed the way the README says
# (`pip install ./python`), and its pytest tests, Spark in local mode included. Run after the
# main test command: the tests compare with target/release/chaff.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null; then
  # pyspark needs a JVM; Debian's Java 17 is what pyspark 4 supports.
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -q openjdk-17-jre-headless
fi
venv="${CHAFF_PY_VENV:-$(mktemp -d)/venv}"
python3 -m venv "$venv"
"$venv/bin/pip" install -q -U pip
"$venv/bin/pip" install -q maturin==1.16.0 pytest==9.2.0 pyspark==4.3.0
# Share the main build's target folder: the chaff crate and its dependencies compile once.
CARGO_TARGET_DIR="$PWD/target" "$venv/bin/pip" install -q ./python
[ -x target/release/chaff ] || cargo build --release --locked
export SPARK_LOCAL_IP=127.0.0.1
# Spark's Python workers must run the venv's interpreter, where the package is installed.
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
# Run from outside python/ so that the installed package is tested, not the source folder.
cd python/tests
set +e
"$venv/bin/python" -m pytest -q -p no:cacheprovider .
status=$?
set -e
# pytest exits 5 when it collected no test: that is a failure here, not a pass.
if [ "$status" -eq 5 ]; then
  echo "python tests: no test collected" >&2
  exit 1
fi
exit "$status"
