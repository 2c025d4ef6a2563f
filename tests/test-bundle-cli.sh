#!/usr/bin/env bash
# test-bundle-cli.sh: syncing a village through a file, with bangfu-cli alone — export, import at
# the office, import twice, the hub's bundle back, and damaged bundles refused whole.
#
# Usage: test-bundle-cli.sh /abs/path/to/bangfu-cli
set -u
CLI=$1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-bundle-test.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_DATA_HOME="$WORK/data"
unset BANGFU_DB

fail () { echo "FAIL: $*" >&2; exit 1; }
ok () { echo "ok - $*"; }
count () { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }

cd "$WORK"
"$CLI" --db village.db demo --seed 5 >/dev/null || fail "demo"
"$CLI" --db office.db init --hub >/dev/null || fail "init --hub"
"$CLI" --db fresh.db init >/dev/null || fail "init"
pending=$(count village.db "SELECT count(*) FROM change_log WHERE state = 'pending'")
[ "$pending" -gt 20000 ] || fail "the demo left only $pending unsent changes"

"$CLI" --db village.db bundle export out.bundle >export.txt || fail "bundle export"
grep -q "Wrote $pending unsent changes" export.txt || fail "export said: $(cat export.txt)"
head -1 out.bundle | grep -q '^BANGFU-BUNDLE 1$' || fail "no magic line"
ok "a device exports its $pending unsent changes"

# Damaged copies are refused whole, before anything is applied.
size=$(stat -c %s out.bundle)
head -c $((size / 2)) out.bundle >half.bundle
"$CLI" --db office.db bundle import half.bundle >/dev/null 2>err.txt && fail "a truncated bundle was accepted"
grep -qi "ends early\|truncated\|incomplete" err.txt || fail "truncated: $(cat err.txt)"
python3 - out.bundle altered.bundle <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) - 100] ^= 0x55
open(sys.argv[2], "wb").write(data)
PY
"$CLI" --db office.db bundle import altered.bundle >/dev/null 2>err.txt && fail "an altered bundle was accepted"
grep -qi "checksum\|damaged\|corrupt" err.txt || fail "altered: $(cat err.txt)"
[ "$(count office.db 'SELECT count(*) FROM hub_log')" = 0 ] || fail "a refused bundle changed the hub"
ok "truncated and altered bundles are refused whole with a message"

"$CLI" --db office.db bundle import out.bundle >import.txt || fail "bundle import at the office: $(cat import.txt)"
grep -q "Applied $pending changes, 0 were already here, 0 refused" import.txt || fail "import said: $(cat import.txt)"
"$CLI" --db office.db bundle import out.bundle >again.txt || fail "second import"
grep -q "Applied 0 changes, $pending were already here" again.txt || fail "second import said: $(cat again.txt)"
[ "$(count office.db 'SELECT count(*) FROM hub_log')" = "$pending" ] || fail "the hub log does not hold each change once"
ok "the office imports it; importing it again applies nothing twice"

"$CLI" --db fresh.db bundle import out.bundle >/dev/null 2>err.txt && fail "a device took another device's bundle"
grep -q "import it into the hub" err.txt || fail "wrong-direction message: $(cat err.txt)"
ok "a device bundle cannot be imported into another device"

"$CLI" --db office.db bundle export back.bundle >/dev/null || fail "hub export"
"$CLI" --db office.db bundle import back.bundle >/dev/null 2>err.txt && fail "the hub took its own bundle"
for db in village.db fresh.db; do
  "$CLI" --db $db bundle import back.bundle >/dev/null || fail "import of the hub's bundle into $db"
  "$CLI" --db $db bundle import back.bundle >/dev/null || fail "second import of the hub's bundle into $db"
done
[ "$(count village.db "SELECT count(*) FROM change_log WHERE state = 'pending'")" = 0 ] || fail "the village still has unsent changes after the round trip"
for table in households members visits payments pairings; do
  a=$(count village.db "SELECT count(*) FROM $table WHERE deleted = 0")
  b=$(count fresh.db "SELECT count(*) FROM $table WHERE deleted = 0")
  c=$(count office.db "SELECT count(*) FROM $table WHERE deleted = 0")
  [ "$a" = "$c" ] && [ "$b" = "$c" ] || fail "$table: village $a, fresh device $b, office $c"
done
"$CLI" --db fresh.db summary --json >fresh.json && "$CLI" --db village.db summary --json >village.json || fail "summary"
cmp -s fresh.json village.json || fail "the fresh device's summary differs from the village's"
ok "the hub's bundle brings both devices to the office's data; importing it twice changes nothing"
