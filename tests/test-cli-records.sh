#!/usr/bin/env bash
# test-cli-records.sh: bangfu-cli's record verbs on the demo district — household list, show
# and set, visit add, conflicts list and resolve (a real conflict, made through bundles) — and
# the network verbs' refusals that need no server (login over plain http, sync before login).
#
# Usage: test-cli-records.sh /abs/path/to/bangfu-cli
set -u
CLI=${1:-}
[ -x "$CLI" ] || { echo "usage: $0 /path/to/bangfu-cli" >&2; exit 1; }
PYTHON=$(python3 -c 'import sys; print(sys.executable)') || { echo "FAIL: python3 is needed" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-records-test.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_DATA_HOME="$WORK/data"
unset BANGFU_DB
cd "$WORK"

fail () {
  echo "FAIL: $*" >&2
  [ -f out.txt ] && { echo "--- stdout:" >&2; head -n 30 out.txt >&2; }
  [ -f err.txt ] && { echo "--- stderr:" >&2; cat err.txt >&2; }
  exit 1
}
ok () { echo "ok - $*"; }

# run DB ARGS...: stdout in out.txt, stderr in err.txt, exit code in $rc.
run () {
  local db=$1
  shift
  "$CLI" --db "$db" "$@" >out.txt 2>err.txt
  rc=$?
}
expect () { [ "$rc" -eq "$1" ] || fail "$2: exit code $rc, expected $1"; }
stderr_has () { grep -qF -- "$1" err.txt || fail "$2: stderr does not say \"$1\""; }
stdout_has () { grep -qF -- "$1" out.txt || fail "$2: stdout does not say \"$1\""; }
# json EXPRESSION: evaluates a Python expression with `s` bound to out.txt's JSON; prints it.
json () { "$PYTHON" -c 'import json,sys; s=json.load(open("out.txt",encoding="utf-8")); print(eval(sys.argv[1]))' "$1"; }
sql () { "$PYTHON" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }

"$CLI" --db village.db demo --seed 5 >/dev/null || fail "demo"

# ---- household list ----
run village.db household list
expect 0 "household list"
[ "$(head -1 out.txt)" = "$(printf 'ID\tHEAD\tVILLAGE\tCATEGORY\tSTATUS\tPEOPLE')" ] || fail "household list: header"
stdout_has "5270 households" "household list"
run village.db household list --json
expect 0 "household list --json"
[ "$(json 'len(s)')" = 5270 ] || fail "household list --json: not 5270 households"
[ "$(json 'all(h["village"] and h["people"] >= 1 for h in s)')" = True ] || fail "household list --json: village or people missing"
H=$(json 's[0]["id"]')
HEAD=$(json 's[0]["head_name"]')
ok "household list, as text and JSON"

run village.db household list --search "$HEAD"
expect 0 "search by head name"
grep -q "^$H	$HEAD	" out.txt || fail "search by head name: $H is not listed"
[ "$(grep -c "	$HEAD	" out.txt)" = "$(($(wc -l <out.txt) - 2))" ] || fail "search by head name: other heads listed"
run village.db household show "$H" --json
expect 0 "household show --json"
for key in household members pairings visits payments incomes; do
  [ "$(json "'$key' in s")" = True ] || fail "household show --json: no $key"
done
[ "$(json 's["household"]["id"]')" = "$H" ] || fail "household show --json: wrong household"
IDNUM=$(json 's["members"][0]["id_number"]')
CADRE=$(json 's["pairings"][0]["cadre_id"]')
VISITS=$(json 'len(s["visits"])')
PAYMENTS=$(json 'len(s["payments"])')
run village.db household list --search "${IDNUM:6:8}"
expect 0 "search by ID number"
grep -q "^$H	" out.txt || fail "search by a member's birth date digits: $H is not listed"
run village.db household list --search "no such name at all"
stdout_has "0 households" "search without a match"
ok "household list --search finds by head name and by ID number"

run village.db household show "$H"
expect 0 "household show"
for text in "Household $H" "Head of household" "Members (" "Pairings (" "Visits (" "Payments (" "Incomes ("; do
  stdout_has "$text" "household show"
done
run village.db household show 00000000-0000-0000-0000-000000000000
expect 1 "household show of an unknown id"
stderr_has "There is no Household" "household show of an unknown id"
run village.db household show
expect 2 "household show without an id"
ok "household show prints the card, members, pairings, visits, payments and incomes"

# ---- household set ----
before=$(sql village.db "SELECT count(*) FROM change_log WHERE state = 'pending'")
run village.db household set "$H" phone "138 0013 8000"
expect 0 "household set phone"
run village.db household show "$H" --json
[ "$(json 's["household"]["phone"]')" = 13800138000 ] || fail "household set: the phone was not saved in canonical form"
[ "$(sql village.db "SELECT count(*) FROM change_log WHERE state = 'pending'")" = $((before + 1)) ] ||
  fail "household set: no change logged"
run village.db household set "$H" phone 123
expect 1 "household set with a bad phone"
stderr_has "Phone number" "household set with a bad phone"
run village.db household set "$H" category rich
expect 1 "household set with a bad code"
run village.db household set "$H" colour red
expect 1 "household set of an unknown field"
stderr_has "no field" "household set of an unknown field"
run village.db household set "$H" phone
expect 2 "household set without a value"
run village.db household show "$H" --json
[ "$(json 's["household"]["phone"]')" = 13800138000 ] || fail "a refused edit changed the household"
ok "household set checks and logs the edit; refusals say why and change nothing"

# ---- visit add ----
run village.db visit add --household "$H" --date 2016-11-02 --kind policy,goods --note "送去大米两袋" \
  --amount 200.50 --cadre "$CADRE"
expect 0 "visit add"
stdout_has "Recorded visit" "visit add"
stdout_has "and payment" "visit add with money"
run village.db household show "$H" --json
[ "$(json 'len(s["visits"])')" = $((VISITS + 1)) ] || fail "visit add: no new visit"
[ "$(json 'len(s["payments"])')" = $((PAYMENTS + 1)) ] || fail "visit add: the money is not in the fund ledger"
[ "$(json '[v for v in s["visits"] if v["description"] == "送去大米两袋"][0]["amount_fen"]')" = 20050 ] ||
  fail "visit add: the amount is not 20050 fen"
[ "$(json '[v for v in s["visits"] if v["description"] == "送去大米两袋"][0]["kinds"]')" = "policy,funds,goods" ] ||
  fail "visit add: money handed over is not marked as funds"
run village.db visit add --household "$H" --date 2016-11-02 --kind policy --note x
expect 2 "visit add with nobody signed in and no --cadre"
stderr_has "give --cadre" "visit add without a cadre"
run village.db visit add --household "$H" --date 2099-01-01 --kind policy --note x --cadre "$CADRE"
expect 1 "visit add in the future"
stderr_has "Visit date" "visit add in the future"
run village.db visit add --household "$H" --date 2016-11-02 --kind dancing --note x --cadre "$CADRE"
expect 1 "visit add with an unknown kind"
run village.db visit add --household "$H" --date 2016-11-02 --kind policy --note x --amount -5 --cadre "$CADRE"
expect 1 "visit add with a negative amount"
run village.db visit add --household "$H" --date 2016-11-02 --kind policy
expect 2 "visit add without --note"
run village.db household show "$H" --json
[ "$(json 'len(s["visits"])')" = $((VISITS + 1)) ] || fail "a refused visit was saved"
ok "visit add records the visit (and its money in the fund ledger); refusals say why"

# ---- conflicts: two devices edit one field, the office records the conflict ----
"$CLI" --db office.db init --hub >/dev/null || fail "init --hub"
"$CLI" --db other.db init >/dev/null || fail "init"
"$CLI" --db village.db bundle export up.bundle >/dev/null || fail "export the village"
"$CLI" --db office.db bundle import up.bundle >/dev/null || fail "import the village at the office"
"$CLI" --db office.db bundle export down.bundle >/dev/null || fail "export the office"
"$CLI" --db village.db bundle import down.bundle >/dev/null || fail "import the office into the village"
"$CLI" --db other.db bundle import down.bundle >/dev/null || fail "import the office into the other device"
run village.db household set "$H" address "甲村一组"
expect 0 "edit on the village device"
run other.db household set "$H" address "乙村二组"
expect 0 "edit on the other device"
"$CLI" --db other.db bundle export other.bundle >/dev/null || fail "export the other device"
"$CLI" --db village.db bundle export village.bundle >/dev/null || fail "export the village again"
"$CLI" --db office.db bundle import other.bundle >/dev/null || fail "import the other device's edit"
"$CLI" --db office.db bundle import village.bundle >/dev/null || fail "import the village's edit"
cursor=$(sql village.db "SELECT value FROM meta WHERE key = 'cursor'")
"$CLI" --db office.db bundle export --cursor "$cursor" back.bundle >/dev/null || fail "export the office again"
"$CLI" --db village.db bundle import back.bundle >/dev/null || fail "import the conflict into the village"

run village.db conflicts list --json
expect 0 "conflicts list --json"
[ "$(json 'len(s)')" = 1 ] || fail "conflicts list: expected one open conflict"
C=$(json 's[0]["id"]')
OTHER=$(json 's[0]["other_value"]')
run village.db conflicts list
expect 0 "conflicts list"
stdout_has "$C  household $H, field address" "conflicts list"
stdout_has "1 conflict" "conflicts list"
run village.db conflicts resolve "$C" --keep mine
expect 2 "resolve mine with nobody signed in"
stderr_has "cannot tell which side is yours" "resolve mine"
run village.db conflicts resolve "$C" --keep both
expect 2 "resolve with a bad side"
run village.db conflicts resolve "$C" --keep other --value x
expect 2 "resolve with both --keep and --value"
run village.db conflicts resolve 00000000-0000-0000-0000-000000000000 --keep kept
expect 1 "resolve an unknown conflict"
run village.db conflicts resolve "$C" --keep other
expect 0 "resolve --keep other"
run village.db household show "$H" --json
[ "$(json 's["household"]["address"]')" = "$OTHER" ] || fail "resolve --keep other: the address is not the other value"
run village.db conflicts list
stdout_has "0 conflicts" "conflicts list after resolving"
run village.db conflicts list --all --json
[ "$(json 's[0]["status"] + "/" + s[0]["resolution"]')" = "resolved/other" ] || fail "the conflict is not marked resolved/other"
run village.db conflicts resolve "$C" --keep kept
expect 1 "resolving twice"
ok "conflicts list shows the office's conflict; resolve edits the field and closes it"

# ---- network verbs, refused without touching the network ----
run fresh.db login http://192.0.2.1:8470/ li </dev/null
expect 2 "login over plain http to another host"
stderr_has "Refusing plain http" "login over plain http"
[ ! -e fresh.db ] || fail "a refused login created the database"
run fresh.db login "not a url" li </dev/null
expect 2 "login to a malformed address"
run village.db sync
expect 4 "sync before login"
stderr_has "not signed in" "sync before login"
run office.db sync
expect 1 "sync on the hub's own database"
ok "login refuses plain http to a remote host before connecting; sync needs a login"
