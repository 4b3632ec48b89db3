#!/usr/bin/env bash
# CI: build the fuzz targets and run each for a short while (CHAFF_FUZZ_SECONDS, default 45),
# so that they keep building and the quick finds are caught. The long runs are by hand:
# fuzz/run.sh 600 (fuzz/README.md). Needs nightly Rust and cargo-fuzz; installs them if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version > /dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
export CHAFF_FUZZ_DIR=${CHAFF_FUZZ_DIR:-$(mktemp -d)}
# A small seed corpus: 20 dataset pages and the hand-written seeds. The pathological pages
# are left to tests/paper_cuts.rs here (one of them, a million attributes, is still slow).
CHAFF_FUZZ_PAGES=20 CHAFF_FUZZ_PATHOLOGICAL=0 bash fuzz/run.sh "${CHAFF_FUZZ_SECONDS:-45}"
