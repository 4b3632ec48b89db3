#!/usr/bin/env bash
# Offline self-test of scripts/fetch-datasets.sh.
#
# The fetch script can't be run against the real hosts on a machine without network, so
# this builds stand-in upstream archives from the local snapshot (gunzipping pages back to
# the plain `.html` files they were upstream, in the layout the fetch script expects),
# puts them in a cache folder under the names the script downloads to, runs the script
# into an empty target, and checks that every file of the snapshot comes back with the same
# name and (decompressed) content. It tests the script's own logic and idempotence, not the
# assumptions about where files sit inside the real upstream archives.
#
# Usage: bench/peers/fetch-selftest.sh [WORKDIR]   (needs ~3 GB free; default: a temp dir)

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SNAP=$(cd "${CHAFF_DATASETS:-$REPO_ROOT/../shared/datasets}" && pwd)
WORK=${1:-$(mktemp -d)}
mkdir -p "$WORK"
CACHE=$WORK/cache
SRC=$WORK/upstream
OUT=$WORK/target
rm -rf "$CACHE" "$SRC" "$OUT"
mkdir -p "$CACHE" "$SRC"

# Copy a snapshot folder to a stand-in upstream folder, gunzipping *.html.gz to *.html.
ungz_tree() { # from to
	mkdir -p "$2"
	cp -R "$1/." "$2/"
	find "$2" -type f -name '*.html.gz' -exec gunzip -f {} +
}

# Pack a stand-in repository the way the hosting service's archive endpoint does.
pack() { # "owner/repo commit" folder
	local repo=${1% *} commit=${1#* }
	local top=${repo##*/}-$commit
	mv "$2" "$SRC/$top"
	tar -czf "$CACHE/${repo//\//__}-$commit.tar.gz" -C "$SRC" "$top"
	rm -rf "${SRC:?}/$top"
}

r=$SRC/trafilatura
ungz_tree "$SNAP/trafilatura-eval/tests" "$r/tests"
cp "$SNAP/trafilatura-eval/LICENSE" "$r/"
pack "adbar/trafilatura e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5" "$r"

r=$SRC/dragnet_data
mkdir -p "$r"
tar -czf "$r/dragnet_Corrected.tar.gz" -C "$SNAP/dragnet" Corrected
cp "$SNAP/dragnet/"{README.md,LICENSE,test.txt,training.txt} "$r/"
pack "seomoz/dragnet_data 95559bee8812387d8e2cca2e8090004319ab9602" "$r"

r=$SRC/merged
ungz_tree "$SNAP/dragnet/HTML" "$r/dragnet_data/input"
ungz_tree "$SNAP/cleaneval" "$r"
pack "j-szulc/html-cleaning-dataset-merged 46e01a04b47051838a228bf23631430b2c9de375" "$r"

r=$SRC/cpe
ungz_tree "$SNAP/cleanportaleval" "$r"
pack "ppke-nlpg/CleanPortalEval 517726d64d8ded8846bf27ae2808853b1cd0ffe8" "$r"

r=$SRC/page-signal
ungz_tree "$SNAP/l3s-gn1" "$r/data/L3S-GN1-20100130203947-00001"
pack "geodrome/page-signal 186d8153b3d111f84865ddc180600a9cbe35ac7f" "$r"

r=$SRC/boilernet
ungz_tree "$SNAP/boilernet-datasets" "$r"
pack "sakata-yusuke-75/boilernet_japanese 31de39a335bfc6c41da78cb502e75670996cb6d1" "$r"

r=$SRC/readability
ungz_tree "$SNAP/readability" "$r"
pack "mozilla/readability ab4027a8b37669745016869a37a504727992b2ba" "$r"

r=$SRC/wcxb # upstream keeps its pages gzipped, under dev/ and test/
mkdir -p "$r/dev" "$r/test/html"
cp -R "$SNAP/wcxb-dev/html" "$SNAP/wcxb-dev/ground-truth" "$r/dev/"
cp "$SNAP/wcxb-dev/"{metadata.json,LICENSE,README.md} "$r/"
echo '<html>held out</html>' | gzip -n >"$r/test/html/9999.html.gz"
pack "Murrough-Foley/web-content-extraction-benchmark c039d5ee9f5a3a984a0e167e63aacd04e76e78a9" "$r"

echo "stand-in archives built in $CACHE; running the fetch script" >&2
CHAFF_DATASETS_CACHE=$CACHE "$REPO_ROOT/scripts/fetch-datasets.sh" "$OUT"

echo "second run (must skip everything)" >&2
second=$(CHAFF_DATASETS_CACHE=$CACHE "$REPO_ROOT/scripts/fetch-datasets.sh" "$OUT" 2>&1)
printf '%s\n' "$second" >&2
if [[ $(grep -c 'already fetched' <<<"$second") -ne 8 ]]; then
	echo "FAIL: the second run did not skip all 8 datasets" >&2
	exit 1
fi

python3 - "$SNAP" "$OUT" <<'EOF'
import gzip, os, sys
snap, out = sys.argv[1:]
curated = {"README.md", "SOURCES.md", "GOLD_EXAMPLES.md"}
def files(root):
    for d, _, fs in os.walk(root):
        for f in fs:
            rel = os.path.relpath(os.path.join(d, f), root)
            if rel not in curated and not rel.startswith("."):
                yield rel
def content(path):
    data = open(path, "rb").read()
    return gzip.decompress(data) if path.endswith(".gz") else data
want, got = set(files(snap)), set(files(out))
missing, extra = sorted(want - got), sorted(got - want)
differ = [f for f in sorted(want & got) if content(os.path.join(snap, f)) != content(os.path.join(out, f))]
for name, xs in (("missing", missing), ("extra", extra), ("different", differ)):
    if xs:
        print(f"{name}: {len(xs)}, e.g. {xs[:5]}")
print(f"{len(want & got) - len(differ)} of {len(want)} snapshot files reproduced")
sys.exit(1 if missing or extra or differ else 0)
EOF
echo "PASS" >&2
