#!/usr/bin/env bash
# ./run.sh: installs what is missing, builds, creates the district server's store with the demo
# district (清城区) and its demo accounts, and serves it on 127.0.0.1:8470 until Ctrl+C.
# (The desktop app joins here when it lands: issue 5.)
set -euo pipefail
cd "$(dirname "$0")"
. tools/ensure-deps.sh

ensure_deps build
configure_build build
meson compile -C build

data="build/demo-server"
listen="${BANGFU_LISTEN:-127.0.0.1:8470}"
rm -rf "$data"
./build/server-stub/bangfu-server --data "$data" init --demo
cat <<INFO

Serving the demo district on http://$listen (Ctrl+C stops it). From another terminal:
  echo bangfu2016 | ./build/sync-core/cli/bangfu-cli --db /tmp/cadre.db login http://$listen cadre
  ./build/sync-core/cli/bangfu-cli --db /tmp/cadre.db sync
  ./build/sync-core/cli/bangfu-cli --db /tmp/cadre.db household list

INFO
exec ./build/server-stub/bangfu-server --data "$data" --listen "$listen"
