#!/usr/bin/env bash
# test-data-files.sh DESKTOP METAINFO SCHEMA_SRC_DIR: the app's data files are what the
# desktop expects — the built (translated) desktop file and metainfo validate, and the
# GSettings schema compiles strictly.
set -euo pipefail
desktop=$1 metainfo=$2 schemadir=$3

desktop-file-validate "$desktop"
echo "ok - desktop-file-validate $(basename "$desktop")"

appstreamcli validate --no-net --pedantic "$metainfo"
echo "ok - appstreamcli validate $(basename "$metainfo")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$schemadir"/org.bangfu.Bangfu.gschema.xml "$work"/
glib-compile-schemas --strict --targetdir="$work" "$work"
test -s "$work/gschemas.compiled"
echo "ok - glib-compile-schemas --strict"

# The translations were merged: a Chinese desktop shows a Chinese name.
grep -q '^Name\[zh_CN\]=' "$desktop"
echo "ok - the desktop file carries its zh_CN name"
