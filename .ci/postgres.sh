#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a loopback port, run as an unprivileged user, for the test suites.
#   .ci/postgres.sh start   → prints the TEST_DATABASE_URL to use
#   .ci/postgres.sh stop
set -euo pipefail

PORT="${SHUZHI_TEST_PG_PORT:-55432}"
ROOT="${SHUZHI_TEST_PG_DIR:-/tmp/shuzhi-test-pg-$PORT}"
RUN_AS="${SHUZHI_TEST_PG_USER:-shuzhitest}"

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
  echo "$dir"
}

as_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    BIN=$(pg_bin)
    if [ "$(id -u)" = 0 ] && ! id -u "$RUN_AS" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
    fi
    if [ -f "$ROOT/data/postmaster.pid" ]; then as_user "$BIN/pg_ctl" -D "$ROOT/data" stop -m immediate >/dev/null 2>&1 || true; fi
    rm -rf "$ROOT"
    mkdir -p "$ROOT"
    [ "$(id -u)" = 0 ] && chown "$RUN_AS" "$ROOT"
    as_user "$BIN/initdb" -D "$ROOT/data" -U shuzhi -A trust -E UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log" 2>&1 \
      || { cat "$ROOT/initdb.log" >&2; exit 1; }
    as_user "$BIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/server.log" -w -t 60 \
      -o "-p $PORT -k $ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$ROOT/server.log" >&2; exit 1; }
    echo "postgres://shuzhi@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    BIN=$(pg_bin)
    if [ -d "$ROOT/data" ]; then as_user "$BIN/pg_ctl" -D "$ROOT/data" stop -m fast >/dev/null 2>&1 || true; fi
    rm -rf "$ROOT"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
