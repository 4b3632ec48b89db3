#!/usr/bin/env bash
# Fetch the labelled web pages chaff trains and evaluates on, from their public sources
# (the git repositories and commits named in ../shared/datasets/SOURCES.md), laid out as
# ../shared/datasets is: same folder names, every HTML file gzipped as `*.html.gz`.
#
# NOT RUN END TO END: it was written on a machine that cannot reach the source hosts.
# The layout it produces was checked against the existing ../shared/datasets snapshot
# (names, counts, and the original file names kept in the gzip headers: every page there
# was a plain `.html` file upstream); the paths *inside* the upstream archives are partly
# assumptions, so each step looks folders up by name and stops with a clear message when
# one is missing, and the end checks the file counts against the snapshot's.
#
# Usage: scripts/fetch-datasets.sh [--dry-run] [--force] [--only a,b] [TARGET]
#   TARGET      default $CHAFF_DATASETS, else <repo>/../shared/datasets
#   --dry-run   print what would be fetched and written; touch nothing
#   --force     replace a dataset folder that exists but was not written by this script
#   --only      comma-separated subset of: trafilatura-eval dragnet cleaneval
#               cleanportaleval l3s-gn1 boilernet-datasets readability wcxb-dev
#
# Idempotent: downloads are cached (in $CHAFF_DATASETS_CACHE, default
# ~/.cache/chaff-datasets) and a dataset already fetched at the same commit is skipped.
# Each dataset is built in a hidden staging folder and moved into place only when complete.
# The curated notes at the top of ../shared/datasets (README.md, SOURCES.md,
# GOLD_EXAMPLES.md) are not upstream files and are not produced here.

set -euo pipefail

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; }

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DRY_RUN=0
FORCE=0
ONLY=""
TARGET=""

while (($#)); do
	case "$1" in
	--dry-run) DRY_RUN=1 ;;
	--force) FORCE=1 ;;
	--only)
		[[ $# -ge 2 ]] || { echo "--only needs a list" >&2; exit 2; }
		ONLY=$2
		shift
		;;
	--only=*) ONLY=${1#--only=} ;;
	-h | --help) usage; exit 0 ;;
	-*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	*) TARGET=$1 ;;
	esac
	shift
done

TARGET=${TARGET:-${CHAFF_DATASETS:-$REPO_ROOT/../shared/datasets}}
CACHE=${CHAFF_DATASETS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chaff-datasets}

# Upstream repositories and commits (SOURCES.md).
TRAFILATURA="adbar/trafilatura e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5"
DRAGNET_DATA="seomoz/dragnet_data 95559bee8812387d8e2cca2e8090004319ab9602"
MERGED="j-szulc/html-cleaning-dataset-merged 46e01a04b47051838a228bf23631430b2c9de375"
CLEANPORTALEVAL="ppke-nlpg/CleanPortalEval 517726d64d8ded8846bf27ae2808853b1cd0ffe8"
PAGE_SIGNAL="geodrome/page-signal 186d8153b3d111f84865ddc180600a9cbe35ac7f"
BOILERNET="sakata-yusuke-75/boilernet_japanese 31de39a335bfc6c41da78cb502e75670996cb6d1"
READABILITY="mozilla/readability ab4027a8b37669745016869a37a504727992b2ba"
WCXB="Murrough-Foley/web-content-extraction-benchmark c039d5ee9f5a3a984a0e167e63aacd04e76e78a9"

ALL="trafilatura-eval dragnet cleaneval cleanportaleval l3s-gn1 boilernet-datasets readability wcxb-dev"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

wanted() {
	[[ -z $ONLY ]] && return 0
	[[ ",$ONLY," == *",$1,"* ]]
}

tarball_path() { # "owner/repo commit"
	local repo=${1% *} commit=${1#* }
	printf '%s/%s-%s.tar.gz' "$CACHE" "${repo//\//__}" "$commit"
}

archive_url() { # "owner/repo commit"
	local repo=${1% *} commit=${1#* }
	printf 'https://codeload.github.com/%s/tar.gz/%s' "$repo" "$commit"
}

# Download and unpack a repository at a commit (cached); print the unpacked root folder.
fetch_repo() {
	local spec=$1 repo=${1% *} commit=${1#* }
	local tarball src
	tarball=$(tarball_path "$spec")
	src=$CACHE/src/${repo//\//__}-$commit
	if [[ ! -s $tarball ]]; then
		log "  downloading $repo @ ${commit:0:12}"
		mkdir -p "$CACHE"
		curl -fL --retry 3 --retry-delay 5 -o "$tarball.part" "$(archive_url "$spec")"
		mv "$tarball.part" "$tarball"
	fi
	if [[ ! -d $src ]]; then
		rm -rf "$src.part"
		mkdir -p "$src.part"
		tar -xzf "$tarball" -C "$src.part" --strip-components=1
		mv "$src.part" "$src"
	fi
	printf '%s' "$src"
}

# The shallowest folder called NAME under ROOT (upstream paths are not all known exactly).
find_dir() { # root name
	local found
	found=$(find "$1" -type d -name "$2" -printf '%d %p\n' | sort -n | awk 'NR == 1 { sub(/^[0-9]+ /, ""); print }')
	[[ -n $found ]] || die "no folder named '$2' in $1 (upstream layout differs from what this script expects)"
	printf '%s' "$found"
}

need_file() {
	[[ -f $1 ]] || die "expected upstream file missing: $1"
}

# Copy a folder tree, then gzip every *.html in the copy (the snapshot's only transformation).
copy_tree() { # src dest
	[[ -d $1 ]] || die "expected upstream folder missing: $1"
	mkdir -p "$2"
	cp -R "$1/." "$2/"
	find "$2" -type f -name '*.html' -exec gzip -n -f {} +
}

copy_file() { # src dest-folder
	need_file "$1"
	mkdir -p "$2"
	cp "$1" "$2/"
}

# Run one dataset's builder into a staging folder, then move it into place.
build() { # folder builder spec...
	local folder=$1 builder=$2
	shift 2
	wanted "$folder" || return 0
	local dest=$TARGET/$folder stamp=$CACHE/done/$folder
	local want="$*"
	if ((DRY_RUN)); then
		log "$folder -> $dest"
		local spec
		for spec in "$@"; do
			log "  would fetch $(archive_url "$spec")"
			log "    cached as $(tarball_path "$spec")"
		done
		[[ -e $dest ]] && log "  $dest exists: $( [[ -f $stamp && $(cat "$stamp") == "$want" ]] && echo 'fetched at these commits, would skip' || echo 'would keep it unless --force')"
		return 0
	fi
	if [[ -d $dest && -f $stamp && $(cat "$stamp") == "$want" ]]; then
		log "$folder: already fetched at these commits, skipping"
		return 0
	fi
	if [[ -e $dest && $FORCE -eq 0 ]]; then
		log "$folder: $dest exists and was not written by this script at these commits; keeping it (--force replaces it)"
		return 0
	fi
	log "$folder"
	STAGE=$TARGET/.$folder.partial
	local stage=$STAGE
	rm -rf "$stage"
	mkdir -p "$stage"
	"$builder" "$stage" "$@"
	rm -rf "$dest"
	mv "$stage" "$dest"
	STAGE=""
	mkdir -p "$CACHE/done"
	printf '%s' "$want" >"$stamp"
}

build_trafilatura() { # stage spec
	local src
	src=$(fetch_repo "$2")
	copy_tree "$src/tests/eval" "$1/tests/eval"
	copy_tree "$src/tests/cache" "$1/tests/cache"
	copy_file "$src/tests/evaldata.json" "$1/tests"
	copy_file "$src/tests/README.rst" "$1/tests"
	copy_file "$src/LICENSE" "$1"
}

build_dragnet() { # stage meta-spec html-spec
	local meta html unpack corrected f list
	meta=$(fetch_repo "$2")
	html=$(fetch_repo "$3")
	need_file "$meta/dragnet_Corrected.tar.gz"
	unpack=$CACHE/src/dragnet_Corrected
	if [[ ! -d $unpack ]]; then
		mkdir -p "$unpack.part"
		tar -xzf "$meta/dragnet_Corrected.tar.gz" -C "$unpack.part"
		mv "$unpack.part" "$unpack"
	fi
	corrected=$(find_dir "$unpack" Corrected)
	copy_tree "$corrected" "$1/Corrected"
	html=$(find_dir "$html" dragnet_data)
	copy_tree "$html/input" "$1/HTML"
	copy_file "$meta/README.md" "$1"
	copy_file "$meta/LICENSE" "$1"
	# The published split lists; look beside the data in either repository.
	for f in test.txt training.txt; do
		if [[ -f $meta/$f ]]; then
			copy_file "$meta/$f" "$1"
		else
			list=$(find "$meta" "$html" -name "$f" -print -quit)
			[[ -n $list ]] || die "no $f in $meta or $html"
			copy_file "$list" "$1"
		fi
	done
}

build_cleaneval() { # stage spec
	local src part dir
	src=$(fetch_repo "$2")
	for part in cleaneval-dev cleaneval-final; do
		dir=$(find_dir "$src" "$part")
		copy_tree "$dir/input" "$1/$part/input"
		copy_tree "$dir/GoldStandard" "$1/$part/GoldStandard"
	done
}

build_cleanportaleval() { # stage spec
	local src
	src=$(fetch_repo "$2")
	copy_tree "$src/input" "$1/input"
	copy_tree "$src/GoldStandard" "$1/GoldStandard"
	copy_file "$src/Readme.md" "$1"
}

build_l3s() { # stage spec
	local src dir f
	src=$(fetch_repo "$2")
	dir=$(find_dir "$src" L3S-GN1-20100130203947-00001)
	copy_tree "$dir/annotated" "$1/annotated"
	copy_tree "$dir/original" "$1/original"
	# The notes and URL mapping beside them; not the WARC (the pages are already split out).
	for f in url-mapping.txt Readme-L3S-GN1.txt NOTE.txt; do
		copy_file "$dir/$f" "$1"
	done
}

build_boilernet() { # stage spec
	local src d
	src=$(fetch_repo "$2")
	for d in googletrends L3S-GN1; do
		copy_tree "$src/datasets/$d" "$1/datasets/$d"
	done
	copy_file "$src/LICENSE" "$1"
}

build_readability() { # stage spec
	local src
	src=$(fetch_repo "$2")
	copy_tree "$src/test/test-pages" "$1/test/test-pages"
	copy_file "$src/LICENSE.md" "$1"
}

build_wcxb() { # stage spec
	local src
	src=$(fetch_repo "$2")
	# The repository's own README: dev/{html,ground-truth} (pages already `.html.gz`) and
	# test/ (the held-out split, left out). metadata.json's `split` field is not used: it
	# marks 139 of the 1,497 pages of dev/ as test.
	copy_tree "$src/dev/html" "$1/html"
	copy_tree "$src/dev/ground-truth" "$1/ground-truth"
	copy_file "$src/metadata.json" "$1"
	copy_file "$src/LICENSE" "$1"
	copy_file "$src/README.md" "$1"
}

# File counts of the ../shared/datasets snapshot, to catch an upstream layout surprise.
check_counts() {
	((DRY_RUN)) && return 0
	local bad=0 dir n got
	while read -r dir n; do
		wanted "${dir%%/*}" || continue
		[[ -d $TARGET/$dir ]] || { log "check: $TARGET/$dir missing"; bad=1; continue; }
		got=$(find "$TARGET/$dir" -type f | wc -l)
		if [[ $got -ne $n ]]; then
			log "check: $dir has $got files, the reference snapshot has $n"
			bad=1
		fi
	done <<'EOF'
trafilatura-eval/tests/eval 923
trafilatura-eval/tests/cache 110
dragnet/HTML 1381
dragnet/Corrected 1381
cleaneval/cleaneval-dev/input 58
cleaneval/cleaneval-dev/GoldStandard 58
cleaneval/cleaneval-final/input 740
cleaneval/cleaneval-final/GoldStandard 681
cleanportaleval/input 71
cleanportaleval/GoldStandard 71
l3s-gn1/annotated 621
l3s-gn1/original 621
boilernet-datasets/datasets/googletrends/raw_html 180
boilernet-datasets/datasets/googletrends/prepared_html 180
boilernet-datasets/datasets/L3S-GN1/raw_html 621
boilernet-datasets/datasets/L3S-GN1/prepared_html 621
readability/test/test-pages 390
wcxb-dev/html 1497
wcxb-dev/ground-truth 1497
EOF
	if ((bad)); then
		log "some folders differ from the reference snapshot (see above)"
		return 1
	fi
	log "file counts match the reference snapshot"
}

# A half-built dataset never stays behind, whatever stopped the run.
STAGE=""
cleanup() { [[ -z $STAGE ]] || rm -rf "$STAGE"; }
trap cleanup EXIT

main() {
	local f
	if [[ -n $ONLY ]]; then
		for f in ${ONLY//,/ }; do
			[[ " $ALL " == *" $f "* ]] || die "unknown dataset '$f' (known: $ALL)"
		done
	fi
	if ((DRY_RUN)); then
		log "dry run: target $TARGET, cache $CACHE"
	else
		command -v curl >/dev/null || die "curl is needed"
		mkdir -p "$TARGET" "$CACHE"
		TARGET=$(cd "$TARGET" && pwd)
	fi
	build trafilatura-eval build_trafilatura "$TRAFILATURA"
	build dragnet build_dragnet "$DRAGNET_DATA" "$MERGED"
	build cleaneval build_cleaneval "$MERGED"
	build cleanportaleval build_cleanportaleval "$CLEANPORTALEVAL"
	build l3s-gn1 build_l3s "$PAGE_SIGNAL"
	build boilernet-datasets build_boilernet "$BOILERNET"
	build readability build_readability "$READABILITY"
	build wcxb-dev build_wcxb "$WCXB"
	check_counts
}

main
