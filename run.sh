#!/usr/bin/env bash
# ./run.sh: installs what is missing, builds, creates the district server's store with the demo
# district (清城区) and its demo accounts, serves it on 127.0.0.1:8470, and opens the app signed
# in to it (as the demo cadre; BANGFU_USER=district opens the district clerk's desk). Closing the
# app stops the server. Without a display it only serves, until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"
. tools/ensure-deps.sh

ensure_deps build
configure_build build
meson compile -C build

data="build/demo-server"
listen="${BANGFU_LISTEN:-127.0.0.1:8470}"
user="${BANGFU_USER:-cadre}"
cli=./build/sync-core/cli/bangfu-cli
rm -rf "$data"
./build/server-stub/bangfu-server --data "$data" init --demo

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat <<INFO

No display: serving the demo district on http://$listen (Ctrl+C stops it). From another terminal:
  echo bangfu2016 | $cli --db /tmp/cadre.db login http://$listen cadre
  $cli --db /tmp/cadre.db sync
  $cli --db /tmp/cadre.db household list

INFO
  exec ./build/server-stub/bangfu-server --data "$data" --listen "$listen"
fi

./build/server-stub/bangfu-server --data "$data" --listen "$listen" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
host=${listen%:*} port=${listen##*:}
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && break
  sleep 0.1
done

# The app's store for this demo, signed in and synced, as a cadre's laptop would be.
app_db="build/demo-app/$user.db"
mkdir -p "$(dirname "$app_db")"
rm -f "$app_db" "$app_db-wal" "$app_db-shm"
echo bangfu2016 | "$cli" --db "$app_db" login "http://$listen" "$user"
"$cli" --db "$app_db" sync

# In Chinese from the build tree: the catalogue built in build/po, under a UTF-8 locale (gettext
# ignores LANGUAGE in the plain C locale).
case "${LC_ALL:-${LANG:-C}}" in C|POSIX) export LC_ALL=C.UTF-8 ;; esac
echo "Opening the app as “$user” (demo password bangfu2016)…"
GSETTINGS_SCHEMA_DIR="$PWD/build/data" BANGFU_LOCALEDIR="$PWD/build/po" \
  LANGUAGE="${LANGUAGE:-zh_CN}" ./build/client-gtk/bangfu --db "$app_db"
