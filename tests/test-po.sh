#!/usr/bin/env bash
# test-po.sh SRCDIR: po/zh_CN.po translates every string of the sources in po/POTFILES.in —
# nothing untranslated, nothing fuzzy — and its format strings match.
set -euo pipefail
cd "$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(grep -v '^\s*#' po/POTFILES.in | sed '/^\s*$/d')
xgettext --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kg_dngettext:2,3 -kngettext:1,2 \
  -o "$work/bangfu.pot" "${files[@]}"
msgmerge -q po/zh_CN.po "$work/bangfu.pot" -o "$work/zh_CN.po"
stats=$(msgfmt --check --statistics -o /dev/null "$work/zh_CN.po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/zh_CN.po is behind the sources: run msgmerge and translate" >&2
    exit 1 ;;
esac
