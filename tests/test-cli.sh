#!/usr/bin/env bash
# test-cli.sh: bangfu-cli end to end — the demo district's figures, determinism, and the
# refusals (exit codes, English messages, files left byte-for-byte unchanged).
#
# Usage: test-cli.sh /abs/path/to/bangfu-cli
# Exits 0 when every check passes; otherwise stops at the first failure with a message.
set -u

CLI=${1:-}
if [ -z "$CLI" ] || [ ! -x "$CLI" ]; then
  echo "usage: $0 /path/to/bangfu-cli (got '${CLI}')" >&2
  exit 1
fi
for tool in python3 sha256sum cmp; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is needed" >&2; exit 1; }
done

# The interpreter itself, not a version manager's shim: quicker, and indifferent to $HOME.
PYTHON=$(python3 -c 'import sys; print(sys.executable)') && [ -x "$PYTHON" ] ||
  { echo "FAIL: cannot run python3" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-cli-test.XXXXXX") || exit 1
# Stop our own background jobs (demo builds, localedef) before removing their folder.
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# Nothing from the caller's setup may leak in: no default database, no real data folder.
unset BANGFU_DB
export XDG_DATA_HOME="$WORK/xdg-data"
export HOME="$WORK/home"
mkdir -p "$HOME"

fail () {
  echo "FAIL: $*" >&2
  if [ -n "${last:-}" ]; then
    echo "--- command: bangfu-cli $(cat "$WORK/$last.args" 2>/dev/null)" >&2
    echo "--- exit code: ${rc}" >&2
    echo "--- stdout (first 40 lines):" >&2
    head -n 40 "$WORK/$last.out" >&2 2>/dev/null
    echo "--- stderr:" >&2
    cat "$WORK/$last.err" >&2 2>/dev/null
  fi
  exit 1
}

ok () {
  echo "ok - $*"
}

# run NAME ARGS...: runs the CLI; stdout in $WORK/NAME.out, stderr in $WORK/NAME.err, exit
# code in $rc.
run () {
  last=$1
  shift
  echo "$*" >"$WORK/$last.args"
  "$CLI" "$@" >"$WORK/$last.out" 2>"$WORK/$last.err"
  rc=$?
}

# run_zh NAME ARGS...: the same in a Chinese locale (LOCPATH set when we built one).
run_zh () {
  last=$1
  shift
  echo "(LANG=zh_CN.UTF-8) $*" >"$WORK/$last.args"
  env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LC_MESSAGES=zh_CN.UTF-8 LANGUAGE=zh_CN:zh \
    ${zh_locpath:+LOCPATH="$zh_locpath"} "$CLI" "$@" >"$WORK/$last.out" 2>"$WORK/$last.err"
  rc=$?
}

expect_rc () {
  [ "$rc" -eq "$1" ] || fail "$2: exit code $rc, expected $1"
}

# expect_stderr TEXT WHAT: the last command's stderr contains TEXT (fixed string).
expect_stderr () {
  grep -qF -- "$1" "$WORK/$last.err" || fail "$2: stderr does not mention \"$1\""
}

expect_stdout () {
  grep -qF -- "$1" "$WORK/$last.out" || fail "$2: stdout does not mention \"$1\""
}

expect_no_stderr () {
  [ ! -s "$WORK/$last.err" ] || fail "$1: unexpected output on stderr"
}

expect_absent () {
  [ ! -e "$1" ] || fail "$2: $1 was created"
}

sha () {
  sha256sum "$1" | cut -d' ' -f1
}

# json_check FILE PYTHON-EXPRESSIONS...: each expression, evaluated with `s` bound to the
# parsed JSON, must be true; prints the failing ones.
json_check () {
  "$PYTHON" - "$@" <<'EOF' || fail "JSON check on $(basename "$1")"
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    s = json.load(f)

def num(*path):
    v = s
    for key in path:
        v = v[key]
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError("%s is %r, not an integer" % ("/".join(path), v))
    return v

bad = []
for expression in sys.argv[2:]:
    try:
        if not eval(expression, {"s": s, "num": num}):
            bad.append(expression)
    except Exception as e:  # missing member, wrong type
        bad.append("%s (%s: %s)" % (expression, type(e).__name__, e))
for b in bad:
    print("  not true: " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
}

# check_figures FILE [MORE-EXPRESSIONS...]: the demo district must reproduce the seed's
# figures exactly, whatever the random seed.
check_figures () {
  json_check "$@" \
    'num("towns") == 9' \
    'num("villages") > 100' \
    'num("key_villages") == 8' \
    'num("households", "district_standard") == 497' \
    'num("people", "district_standard") == 1792' \
    'num("households", "province_standard") == 4773' \
    'num("people", "province_standard") == 8566' \
    'num("households", "dibao") == 2928' \
    'num("people", "dibao") == 6718' \
    'num("households", "wubao") == 1845' \
    'num("people", "wubao") == 1848' \
    'num("cadres") > 100' \
    'num("units") >= 24' \
    'num("visits") > 5000' \
    'num("payments_fen") > 0'
}

# A zh_CN.UTF-8 locale makes the English-messages check meaningful: with it, GLib's own
# messages (and ours, once translated) would come out in Chinese unless the CLI keeps
# LC_MESSAGES at C. Build one in the background if the system has none.
zh_locpath=
localedef_pid=
if ! locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$' && command -v localedef >/dev/null 2>&1; then
  mkdir -p "$WORK/locale"
  localedef -i zh_CN -f UTF-8 "$WORK/locale/zh_CN.UTF-8" >"$WORK/localedef.log" 2>&1 &
  localedef_pid=$!
fi

# ---- The demo district ----

# start NAME ARGS...: like run, in the background; finish NAME waits for it and sets $rc.
# The three demos below build at once to keep the test quick (they dominate its time).
start () {
  local name=$1
  shift
  echo "$*" >"$WORK/$name.args"
  "$CLI" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  eval "pid_${name//-/_}=\$!"
}

finish () {
  local var="pid_${1//-/_}"
  last=$1
  wait "${!var}"
  rc=$?
}

A="$WORK/not/yet/there/ledger.db"   # a folder that does not exist yet
B="$WORK/same-seed.db"
C="$WORK/other-seed.db"
start demo-a --db "$A" demo --seed 7
start demo-b --db "$B" demo --seed 7
start demo-c --db "$C" demo --seed 8

finish demo-a
expect_rc 0 "demo into a new file in a missing folder"
[ -f "$A" ] || fail "demo did not create $A"
expect_stdout "Built the demo district" "demo"
expect_no_stderr "demo"
ok "demo creates missing parent folders and a new database"

run summary-a --db "$A" summary --json
expect_rc 0 "summary --json"
expect_no_stderr "summary --json"
check_figures "$WORK/summary-a.out" 's["district"] == "清城区"' 'len(s["by_town"]) == num("towns")'
ok "summary --json reports the seed's exact figures"

run text-a --db "$A" summary
expect_rc 0 "summary (text)"
for want in 497 1792 清城区; do
  expect_stdout "$want" "summary (text)"
done
ok "summary (text) shows 497, 1792 and 清城区"

finish demo-b
expect_rc 0 "demo --seed 7 (second file)"
expect_no_stderr "demo --seed 7 (second file)"
finish demo-c
expect_rc 0 "demo --seed 8"
expect_no_stderr "demo --seed 8"

run summary-b --db "$B" summary --json
expect_rc 0 "summary --json of the second seed-7 file"
cmp -s "$WORK/summary-a.out" "$WORK/summary-b.out" ||
  fail "the same seed gave different summaries: $(diff "$WORK/summary-a.out" "$WORK/summary-b.out" | head -n 20)"
ok "the same --seed gives a byte-identical summary --json"

run summary-c --db "$C" summary --json
expect_rc 0 "summary --json of the seed-8 file"
check_figures "$WORK/summary-c.out"
"$PYTHON" - "$WORK/summary-a.out" "$WORK/summary-c.out" <<'EOF' ||
import json, sys
a, c = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
sys.exit(0 if (a["visits"], a["payments_fen"]) != (c["visits"], c["payments_fen"]) else 1)
EOF
  fail "seeds 7 and 8 gave the same visits and payments_fen"
ok "another seed gives a different year of activity, with the same seed figures"

# A second demo into a full file is refused and writes nothing.
before=$(sha "$A")
run demo-again --db "$A" demo
expect_rc 1 "demo into a file that already holds the district"
expect_stderr "already holds data" "demo into a full file"
[ "$(sha "$A")" = "$before" ] || fail "demo into a full file changed it"
run summary-a2 --db "$A" summary --json
cmp -s "$WORK/summary-a.out" "$WORK/summary-a2.out" || fail "the refused demo changed the totals"
ok "demo into a file that already holds data fails (exit 1) and leaves it unchanged"

# ---- Files that cannot be opened: exit 3, untouched ----

run missing --db "$WORK/missing.db" summary
expect_rc 3 "summary on a missing file"
expect_stderr "does not exist" "summary on a missing file"
expect_absent "$WORK/missing.db" "summary on a missing file"
run missing-dir --db "$WORK/no/such/folder/ledger.db" summary
expect_rc 3 "summary on a file in a missing folder"
expect_absent "$WORK/no" "summary on a file in a missing folder"
ok "summary on a missing file: exit 3, \"does not exist\", nothing created"

mkdir "$WORK/a-folder"
run folder --db "$WORK/a-folder" summary
expect_rc 3 "summary with --db naming a folder"
run folder-demo --db "$WORK/a-folder" demo
expect_rc 3 "demo with --db naming a folder"
[ -z "$(ls -A "$WORK/a-folder")" ] || fail "demo wrote into the folder named by --db"
ok "--db naming a folder: exit 3"

T="$WORK/notes.txt"
printf '帮扶台账 notes\nnot a database at all, but long enough to have a header of sorts.\n' >"$T"
before=$(sha "$T")
run text-file --db "$T" summary
expect_rc 3 "summary on a text file"
expect_stderr "not a Bangfu database" "summary on a text file"
[ "$(sha "$T")" = "$before" ] || fail "summary on a text file changed it"
run text-file-demo --db "$T" demo
expect_rc 3 "demo on a text file"
[ "$(sha "$T")" = "$before" ] || fail "demo on a text file changed it"
ok "a text file: exit 3, \"not a Bangfu database\", unchanged"

E="$WORK/empty.db"
: >"$E"
run empty-file --db "$E" summary
expect_rc 3 "summary on an empty file"
expect_stderr "is empty, not a Bangfu database" "summary on an empty file"
[ ! -s "$E" ] || fail "summary on an empty file wrote to it"
ok "an empty file: exit 3 on summary, left empty"

run db-without-value --db
expect_rc 2 "--db without a value"
expect_stderr "--db needs a FILE" "--db without a value"
ok "--db without a value: exit 2, says so"

F="$WORK/foreign.db"
"$PYTHON" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TABLE t (x)")
c.execute("INSERT INTO t VALUES (42)")
c.commit()
c.close()' "$F" || fail "cannot make a foreign SQLite file"
before=$(sha "$F")
run foreign --db "$F" summary
expect_rc 3 "summary on a foreign SQLite database"
expect_stderr "not a Bangfu one" "summary on a foreign SQLite database"
[ "$(sha "$F")" = "$before" ] || fail "summary on a foreign database changed it"
run foreign-demo --db "$F" demo
expect_rc 3 "demo on a foreign SQLite database"
expect_stderr "not a Bangfu one" "demo on a foreign SQLite database"
[ "$(sha "$F")" = "$before" ] || fail "demo on a foreign database changed it"
expect_absent "$F-wal" "opening a foreign database"
ok "a foreign SQLite database: exit 3, \"not a Bangfu one\", unchanged"

N="$WORK/newer.db"
cp "$C" "$N" || fail "cannot copy $C"
"$PYTHON" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA user_version = 99")
c.commit()
# Everything into the main file, so that its bytes are the whole truth.
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()' "$N" || fail "cannot raise user_version"
[ ! -s "$N-wal" ] || fail "the WAL of $N still holds pages after the checkpoint"
before=$(sha "$N")
run newer --db "$N" summary
expect_rc 3 "summary on a database from a newer Bangfu"
expect_stderr "newer Bangfu" "summary on a database from a newer Bangfu"
run newer-demo --db "$N" demo
expect_rc 3 "demo on a database from a newer Bangfu"
[ "$(sha "$N")" = "$before" ] || fail "opening a newer database changed its main file"
# Nor was anything left in a WAL to be folded in later.
[ ! -s "$N-wal" ] || fail "opening a newer database left pages in $N-wal"
ok "a database from a newer Bangfu: exit 3, \"newer Bangfu\", unchanged"

# ---- Arguments ----

U="$WORK/unused.db"
run bad-command --db "$U" frobnicate
expect_rc 2 "unknown command"
expect_stderr "frobnicate" "unknown command"
expect_absent "$U" "unknown command"
ok "unknown command: exit 2"

run bad-option --frobnicate summary
expect_rc 2 "unknown global option"
expect_stderr "--frobnicate" "unknown global option"
ok "unknown global option: exit 2"

run no-command --db "$U"
expect_rc 2 "no command"
ok "no command: exit 2"

run help --help
expect_rc 0 "--help"
expect_stdout "demo" "--help"
expect_stdout "summary" "--help"
ok "--help: exit 0, lists demo"

run version --version
expect_rc 0 "--version"
expect_stdout "bangfu-cli" "--version"
ok "--version: exit 0"

run bad-seed --db "$U" demo --seed -5
expect_rc 2 "demo --seed -5"
expect_stderr "--seed" "demo --seed -5"
expect_absent "$U" "demo --seed -5"
ok "demo --seed -5: exit 2, no file"

run bad-year --db "$WORK/year.db" demo --year 1999
expect_rc 1 "demo --year 1999"
expect_stderr "must be between 2016 and" "demo --year 1999"
expect_absent "$WORK/year.db" "demo --year 1999"
ok "demo --year 1999: exit 1, names the allowed years, no file left"

run extra-arg --db "$U" demo extra-arg
expect_rc 2 "demo extra-arg"
expect_stderr "extra-arg" "demo extra-arg"
expect_absent "$U" "demo extra-arg"
ok "demo extra-arg: exit 2, no file"

run summary-extra --db "$A" summary --bogus
expect_rc 2 "summary --bogus"
ok "summary with an unknown option: exit 2"

# ---- Messages stay English in a Chinese locale ----

if [ -n "$localedef_pid" ]; then
  if wait "$localedef_pid" && [ -d "$WORK/locale/zh_CN.UTF-8" ]; then
    zh_locpath="$WORK/locale"
  else
    echo "# note: could not build a zh_CN.UTF-8 locale; checking with LANG set anyway"
  fi
fi
run_zh zh-missing --db "$WORK/missing.db" summary
expect_rc 3 "summary on a missing file under zh_CN"
expect_stderr "does not exist" "summary on a missing file under zh_CN"
run_zh zh-full --db "$A" demo
expect_rc 1 "demo into a full file under zh_CN"
expect_stderr "already holds data" "demo into a full file under zh_CN"
run_zh zh-command --db "$U" frobnicate
expect_rc 2 "unknown command under zh_CN"
expect_stderr "unknown command" "unknown command under zh_CN"
run_zh zh-option --db "$A" summary --bogus
expect_rc 2 "summary --bogus under zh_CN"
expect_stderr "Unknown option" "GLib's option parser under zh_CN"
run_zh zh-seed --db "$U" demo --seed -5
expect_rc 2 "demo --seed -5 under zh_CN"
expect_stderr "must be between" "demo --seed -5 under zh_CN"
# The messages proper ("bangfu-cli: ..." lines; the usage text names 帮扶台账 on purpose)
# hold no Han characters: the paths here are ASCII, so any would come from a translation.
last=
"$PYTHON" - "$WORK"/zh-missing.err "$WORK"/zh-full.err "$WORK"/zh-command.err \
  "$WORK"/zh-option.err "$WORK"/zh-seed.err <<'EOF' ||
import sys
bad = False
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if l.startswith("bangfu-cli:")]
    if not lines or any("\u4e00" <= ch <= "\u9fff" for l in lines for ch in l):
        print("  %s:\n%s" % (path, "".join(lines) or "  (no bangfu-cli: line)"), file=sys.stderr)
        bad = True
sys.exit(1 if bad else 0)
EOF
  fail "stderr is not an English \"bangfu-cli: ...\" message under LANG=zh_CN.UTF-8"
ok "messages on stderr stay English with LANG=zh_CN.UTF-8${zh_locpath:+ (locale built for the test)}"

# ---- No side effects outside the named files ----

expect_absent "$XDG_DATA_HOME" "the commands"
[ -z "$(ls -A "$HOME")" ] || fail "the commands wrote into \$HOME: $(ls -A "$HOME")"
ok "nothing written to the default data folder or \$HOME"

exit 0
