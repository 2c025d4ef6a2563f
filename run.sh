#!/usr/bin/env bash
# ./run.sh: installs what is missing, builds, and builds the demo district (清城区) into a fresh
# database, then prints its summary. (The server and the app join here as they are built.)
set -euo pipefail
cd "$(dirname "$0")"
. tools/ensure-deps.sh

ensure_deps build
configure_build build
meson compile -C build

db="build/demo/bangfu-demo.db"
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
./build/sync-core/cli/bangfu-cli --db "$db" demo "$@"
echo
echo "The demo database is $db; try: ./build/sync-core/cli/bangfu-cli --db $db summary --json"
