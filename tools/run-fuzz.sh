#!/usr/bin/env bash
# tools/run-fuzz.sh [SECONDS]: builds the libFuzzer targets (fuzz/) with clang in build-fuzz,
# then runs each for SECONDS (default 60) over a corpus seeded from tests/data/hostile and a
# few valid batches and bundles. The corpora stay in build-fuzz/fuzz-work, so each run starts
# where the last one stopped.
#
# Any crash, leak, timeout or out-of-memory input is copied to
# tests/data/hostile/any-TARGET-HASH, where test-wire replays it on every test run (an "any-"
# input only has to be handled without crashing), and the script exits 1.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
build=build-fuzz
work=$build/fuzz-work
targets=(fuzz-batch fuzz-bundle)

if ! command -v clang >/dev/null; then
  echo "run-fuzz.sh: needs clang (apt install clang)" >&2
  exit 2
fi
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dbuildtype=debugoptimized || exit 2
else
  meson configure "$build" -Dfuzzing=true || exit 2
fi
meson compile -C "$build" "${targets[@]}" || exit 2

# Seeds: the hostile corpus (most of it refused early, which is what a fuzzer needs to learn
# the grammar's edges), and the valid batches in it, also packed as bundles.
for target in "${targets[@]}"; do
  mkdir -p "$work/corpus-$target" "$work/artifacts-$target"
done
cp tests/data/hostile/* "$work/corpus-fuzz-batch/"
# A push answer in runs (docs/PROTOCOL.md), for the decoder's "n".
printf '%s' '{"protocol":1,"server_time":1,"results":[{"d":"0b9c2a56-5d1e-4c7a-9a51-2f1d3c4b5a69","s":1,"st":"accepted","g":7,"n":3},{"d":"0b9c2a56-5d1e-4c7a-9a51-2f1d3c4b5a69","s":4,"st":"rejected","why":"x"}]}' \
  > "$work/corpus-fuzz-batch/answer-runs.json"
python3 - "$work/corpus-fuzz-bundle" tests/data/hostile/ok-*.json <<'PY' || exit 2
import gzip, hashlib, json, os, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    batch = open(path, "rb").read()
    meta = json.loads(batch)
    payload = gzip.compress(batch, mtime=0)
    header = json.dumps({"length": len(payload), "sha256": hashlib.sha256(payload).hexdigest(),
                         "changes": len(meta["changes"]), "sender": meta["sender"]},
                        separators=(",", ":"))
    name = "bundle-" + os.path.basename(path)
    with open(os.path.join(out, name), "wb") as f:
        f.write(b"BANGFU-BUNDLE 1\n" + header.encode() + b"\n" + payload)
PY
cp tests/data/hostile/* "$work/corpus-fuzz-bundle/"

export G_SLICE=always-malloc
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

found=0
for target in "${targets[@]}"; do
  artifacts="$work/artifacts-$target"
  echo "== $target: ${seconds}s"
  "$build/fuzz/$target" "$work/corpus-$target" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 \
    >"$work/$target.log" 2>&1
  status=$?
  grep -E '^(stat::|#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY)' "$work/$target.log" | tail -n 12
  for artifact in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* \
                  "$artifacts"/oom-*; do
    [ -e "$artifact" ] || continue
    hash=$(sha1sum "$artifact" | cut -c1-16)
    cp "$artifact" "tests/data/hostile/any-$target-$hash"
    rm -f "$artifact"
    echo "$target: $(basename "$artifact") saved as tests/data/hostile/any-$target-$hash"
    found=1
  done
  if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then
    echo "$target exited with status $status: see $work/$target.log" >&2
    found=1
  fi
done
exit "$found"
