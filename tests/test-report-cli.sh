#!/usr/bin/env bash
# test-report-cli.sh: `bangfu-cli report` and `print` on the demo district — every format to
# stdout and to files, the CSV's byte-order mark and Chinese headers, XLSX that opens (python3
# zipfile) with a row per household, PDFs that pdfinfo reads — and the refusals: wrong kind,
# format or year, xlsx without -o, unknown household or village, a file that cannot be written
# (the previous file is kept).
#
# Usage: test-report-cli.sh /abs/path/to/bangfu-cli
set -u
CLI=${1:-}
[ -x "$CLI" ] || { echo "usage: $0 /path/to/bangfu-cli" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-report-test.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_DATA_HOME="$WORK/data"
unset BANGFU_DB
cd "$WORK"

fail () {
  echo "FAIL: $*" >&2
  [ -f out.txt ] && { echo "--- stdout:" >&2; head -c 2000 out.txt >&2; }
  [ -f err.txt ] && { echo "--- stderr:" >&2; cat err.txt >&2; }
  exit 1
}
ok () { echo "ok - $*"; }

run () {
  "$CLI" --db demo.db "$@" >out.txt 2>err.txt
  rc=$?
}

expect () {
  local want=$1
  shift
  run "$@"
  [ "$rc" = "$want" ] || fail "bangfu-cli $* exited $rc, expected $want"
}

"$CLI" --db demo.db demo --seed 7 --year 2016 >/dev/null 2>err.txt || fail "demo"
households=$(python3 -c 'import sqlite3; print(sqlite3.connect("demo.db").execute("select count(*) from households").fetchone()[0])')
towns=$(python3 -c 'import sqlite3; print(sqlite3.connect("demo.db").execute("select count(*) from towns").fetchone()[0])')

# JSON to stdout: a row per town and the district; the first header is Chinese.
expect 0 report assessment --year 2016 --format json
python3 - "$towns" <<'PY' || fail "assessment JSON"
import json, sys
doc = json.load(open("out.txt", encoding="utf-8"))
towns = int(sys.argv[1])
assert doc["report"] == "assessment" and doc["year"] == 2016
assert len(doc["rows"]) == towns + 1, len(doc["rows"])
assert doc["columns"][0]["header"] == "街镇"
total = doc["rows"][-1]
assert total["town"] == "清城区" and total["kunnan_households"] == 497 and total["kunnan_people"] == 1792
assert total["target_percent"] == 30
assert sum(r["households"] for r in doc["rows"][:-1]) == total["households"]
PY
ok "report assessment --format json"

# JSON is the default format; the Chinese headers do not depend on the locale.
LANG=C LC_ALL=C "$CLI" --db demo.db report villages --year 2016 >out.txt 2>err.txt || fail "villages"
grep -q '"header" : "村集体经济收入"' out.txt || fail "village headers in C locale"
ok "report villages: Chinese headers under LC_ALL=C"

# CSV to stdout: BOM, Chinese header line, one line per household.
expect 0 report households --year 2016 --format csv
head -c 3 out.txt | od -An -tx1 | grep -q 'ef bb bf' || fail "CSV has no BOM"
head -n 1 out.txt | grep -q '户主姓名' || fail "CSV header"
lines=$(wc -l < out.txt)
[ "$lines" = $((households + 1)) ] || fail "CSV has $lines lines for $households households"
ok "report households --format csv"

# XLSX to a file: opens, Chinese headers, a row per household plus the header, money format.
expect 0 report households --year 2016 --format xlsx -o households.xlsx
python3 - "$households" <<'PY' || fail "XLSX"
import sys, zipfile
z = zipfile.ZipFile("households.xlsx")
assert z.testzip() is None
sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
assert "户主姓名" in sheet and "帮扶资金合计" in sheet
rows = sheet.count("<row ")
assert rows == int(sys.argv[1]) + 1, rows
assert "¥#,##0.00" in z.read("xl/styles.xml").decode("utf-8")
PY
[ ! -e households.xlsx.part ] || fail "left a .part file"
ok "report households --format xlsx -o FILE"

expect 0 report cadres --year 2016 --format csv -o cadres.csv
head -n 1 cadres.csv | grep -q '帮扶干部' || fail "cadres CSV to a file"
ok "report cadres --format csv -o FILE"

# Refusals.
expect 2 report households --year 2016 --format xlsx
grep -q 'needs -o' err.txt || fail "xlsx without -o: message"
expect 2 report everything --year 2016
expect 2 report households --year 2016 --format pdf
expect 2 report households
expect 1 report households --year 1990
grep -q '1990' err.txt || fail "year without policy figures: message"
expect 3 --db nowhere.db report households --year 2016 2>/dev/null || true
"$CLI" --db nowhere.db report households --year 2016 >/dev/null 2>&1
[ $? = 3 ] || fail "missing database: exit 3"
[ ! -e nowhere.db ] || fail "report created a database"
ok "report refusals"

# A file that cannot be written fails cleanly and leaves nothing behind (a missing folder; a
# folder in the way of the file, which also holds as root, unlike permissions).
expect 1 report villages --year 2016 --format xlsx -o missing/villages.xlsx
grep -qi 'cannot' err.txt || fail "unwritable xlsx: message"
expect 1 report villages --year 2016 --format csv -o missing/villages.csv
mkdir in-the-way.xlsx
expect 1 report villages --year 2016 --format xlsx -o in-the-way.xlsx
[ -d in-the-way.xlsx ] && [ ! -e in-the-way.xlsx.part ] || fail "folder in the way: left a .part"
echo previous > keep.json
expect 2 report villages --year 2016 --format yaml -o keep.json
[ "$(cat keep.json)" = previous ] || fail "a refused report touched the old file"
ok "report to an unwritable place"

# Print: the household card and the village table.
hh=$(python3 -c 'import sqlite3; print(sqlite3.connect("demo.db").execute("select household_id from visits group by household_id order by count(*) desc, household_id limit 1").fetchone()[0])')
vil=$(python3 -c 'import sqlite3; print(sqlite3.connect("demo.db").execute("select village_id from households group by village_id order by count(*) desc, village_id limit 1").fetchone()[0])')
expect 0 print card "$hh" --year 2016 -o card.pdf
pdfinfo card.pdf | grep -q 'Page size: *595.2' || fail "card is not A4 portrait"
pages=$(pdfinfo card.pdf | awk '/^Pages:/ {print $2}')
grep -q "($pages page" out.txt || fail "card: pages reported $(cat out.txt), pdfinfo $pages"
pdftoppm -r 50 -png card.pdf card >/dev/null 2>&1 || fail "card does not render"
pdffonts card.pdf | grep -qi 'Noto.*CJK\|CJK' || fail "card has no CJK font"
ok "print card"

expect 0 print village "$vil" --year 2016 -o village.pdf
pages=$(pdfinfo village.pdf | awk '/^Pages:/ {print $2}')
[ "$pages" -gt 1 ] || fail "the largest village fits one page?"
grep -q "($pages pages)" out.txt || fail "village: pages reported $(cat out.txt), pdfinfo $pages"
pdftoppm -r 50 -png village.pdf village >/dev/null 2>&1 || fail "village does not render"
ok "print village ($pages pages)"

expect 1 print card no-such-household --year 2016 -o x.pdf
grep -q 'no household' err.txt || fail "unknown household: message"
[ ! -e x.pdf ] && [ ! -e x.pdf.part ] || fail "unknown household left a file"
expect 1 print village no-such-village --year 2016 -o x.pdf
expect 2 print card "$hh"
expect 2 print poster "$hh" -o x.pdf
ok "print refusals"
echo "all report CLI checks passed"
