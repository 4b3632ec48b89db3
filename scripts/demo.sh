#!/usr/bin/env bash
# The main job on a sample: build chaff, index the seed wire story, score the seed
# scraper-farm page (with and without the index), send it to a moderation queue, list it.
# Everything it writes goes to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${CHAFF_SEEDS:-../shared/seeds}
cargo build --release --locked
chaff=${CARGO_TARGET_DIR:-$PWD/target}/release/chaff
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== the article text of the seed page"
"$chaff" extract "$seeds/seed-page.html"

echo
echo "== the wire index: the AP story the page copies"
"$chaff" wire add --index "$work/wire.db" "$seeds/wire-original.jsonl"

echo
echo "== the verdict, without and with the wire index"
"$chaff" score "$seeds/seed-page.html"
"$chaff" score --index "$work/wire.db" "$seeds/seed-page.html"

echo
echo "== flagged pages go to the moderation queue"
"$chaff" score --index "$work/wire.db" --moderate --queue "$work/queue.db" --jsonl \
  "$seeds/seed-page.html" > "$work/verdicts.jsonl"
"$chaff" queue list --queue "$work/queue.db"
"$chaff" queue show 1 --queue "$work/queue.db"
