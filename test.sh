#!/usr/bin/env bash
# ./test.sh: installs what is missing, builds, runs every test — in a normal build, under
# AddressSanitizer + UndefinedBehaviorSanitizer, and the engine's tests under valgrind — and
# ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
. tools/ensure-deps.sh

passed=0
failed=0

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

# count_results JUNIT_FILE: adds a run's results to the totals, one per test case (a GTest
# subtest, or a whole test that has none).
count_results() {
  local log=$1 counts
  if [ ! -f "$log" ]; then
    failed=$((failed + 1))
    return
  fi
  counts=$(python3 - "$log" <<'PY'
import sys, xml.etree.ElementTree as ET
ok = bad = 0
for case in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    if case.find("failure") is not None or case.find("error") is not None:
        bad += 1
    else:
        ok += 1
print(ok, bad)
PY
) || counts="0 1"
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
}

# run_suite NAME BUILD_DIR LOGBASE [meson test args...]
run_suite() {
  local name=$1 dir=$2 logbase=$3
  shift 3
  echo "== $name =="
  rm -f "$dir/meson-logs/$logbase".*junit.xml "$dir/meson-logs/$logbase"-*.junit.xml
  meson test -C "$dir" --print-errorlogs --logbase "$logbase" "$@"
  local status=$?
  # With --setup S, meson names the log LOGBASE-S.
  local log
  log=$(ls "$dir/meson-logs/$logbase".junit.xml "$dir/meson-logs/$logbase"-*.junit.xml 2>/dev/null | head -n 1)
  count_results "${log:-missing}"
  # A runner that failed without recording a failed case (a crash in meson itself) still fails.
  if [ "$status" -ne 0 ] && ! grep -q '<failure\|<error' "${log:-/dev/null}" 2>/dev/null; then
    failed=$((failed + 1))
  fi
}

ensure_deps test || { failed=1; finish; }

if configure_build build && meson compile -C build; then
  run_suite "tests" build tests
  run_suite "engine under valgrind" build valgrind --setup valgrind --suite engine --no-suite slow
else
  echo "The build failed." >&2
  failed=$((failed + 1))
fi

if configure_build build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug &&
   meson compile -C build-asan; then
  # intercept_tls_get_addr=0: GCC 12's interceptor mistakes a dynamic TLS block that starts 16
  # bytes into a page (GnuTLS's, once TLS is used) for an old glibc header, and LeakSanitizer's
  # tracer then dies at exit with "Tracer caught signal 11" — about one run in fifty.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_suite "tests under ASan+UBSan" build-asan sanitizers --no-suite i18n --no-suite ui \
      --no-suite report
  # The app's and the printed reports' tests check memory errors too, but not leaks: GTK,
  # fontconfig, pango and Mesa keep caches for the life of the process, which LeakSanitizer
  # reports by the thousand.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_suite "the app and print under ASan+UBSan" build-asan sanitizers-ui --suite ui --suite report
else
  echo "The sanitizer build failed." >&2
  failed=$((failed + 1))
fi

finish
