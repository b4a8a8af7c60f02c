#!/bin/sh
# A region's directory of N imported services, the way an editor gets one: the bench's synthetic
# services written as one ORUK 3.0 page, imported into a copy of the shipped content, and every
# draft published with `review`. Used to measure `check`, `search`, `export` at 10,000 and 100,000
# (README, "Measured (a real directory's size)"). Nothing it makes is committed.
#
#   Tests/Scale/make-directory.sh BINARY N OUT_DIR
#
# OUT_DIR/content is the content folder, OUT_DIR/page.json the page.
set -eu
bin=$1 n=$2 out=$3
here=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out"
mkdir -p "$out"
cp -R "$here/content" "$out/content"
rm -f "$out/content/.localoffer-snapshot"
"$bin" bench --scale "$n" --queries 1 --frames 0 --oruk-page "$out/page.json" --content "$out/content" >/dev/null
"$bin" import --oruk "$out/page.json" --into "$out/content" >/dev/null
# Publish every draft, a few thousand ids a process (the command line has a length limit).
grep -rl --include='*.yaml' '^draft: true' "$out/content/services" | sed 's|.*/||; s|\.yaml$||' \
    | xargs -n 5000 "$bin" review --content "$out/content" >/dev/null
ls "$out/content/services" | wc -l
