#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the store contract tests and exports
# CALMNIGHTS_TEST_POSTGRES (and CI=true, so those tests fail rather than
# skip when it is missing). Source it from .ci/run:
#
#   source .ci/postgres.sh
#
# It installs PostgreSQL with apt-get when initdb is nowhere to be found,
# runs the server as an unprivileged user (initdb refuses root) in a
# temporary directory, listens on loopback only with its unix socket in that
# directory, and stops the server and removes the directory when the
# sourcing shell exits: a small watcher does that, so the caller's own EXIT
# trap stays its own. When CALMNIGHTS_TEST_POSTGRES is already set, that
# server is used and none is started. Run directly (bash .ci/postgres.sh)
# it prints the URL and keeps the server up until interrupted.

pg_find_bin() {
  local d
  for d in "${PG_BIN:-}" /usr/local/bin /usr/lib/postgresql/*/bin /usr/pgsql-*/bin; do
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"; return 0
    fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

pg_start() {
  local bin user dir port
  if [ -n "${CALMNIGHTS_TEST_POSTGRES:-}" ]; then
    # A server the CI provides (a service container, say): use it.
    export CALMNIGHTS_TEST_POSTGRES CI="${CI:-true}"
    echo "== postgres: using the server in CALMNIGHTS_TEST_POSTGRES"
    return 0
  fi
  if ! bin=$(pg_find_bin); then
    echo "== postgres: not installed; installing with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(pg_find_bin) || { echo "postgres: initdb not found after installing"; return 1; }
  fi
  user=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    # initdb and postgres refuse to run as root.
    if id postgres >/dev/null 2>&1; then
      user=postgres
    else
      id calmnights-ci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin calmnights-ci
      user=calmnights-ci
    fi
  fi
  dir=$(mktemp -d /tmp/calmnights-pg.XXXXXX)
  chmod 755 "$dir"
  mkdir -p "$dir/data" "$dir/sock"
  [ "$(id -u)" = 0 ] && chown -R "$user" "$dir/data" "$dir/sock"
  pg_as() { if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }
  port=${PG_PORT:-$(( 20000 + RANDOM % 20000 ))}
  pg_as "$bin/initdb" -D "$dir/data" -U calmnights --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || pg_as "$bin/initdb" -D "$dir/data" -U calmnights --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log"; return 1; }
  # fsync off: a test server's data is thrown away anyway.
  pg_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/sock/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { cat "$dir/sock/server.log"; return 1; }
  export CALMNIGHTS_TEST_POSTGRES="postgres://calmnights@127.0.0.1:$port/postgres?sslmode=disable"
  export CI="${CI:-true}"
  echo "== postgres: $("$bin/postgres" --version) on 127.0.0.1:$port, data in $dir"
  # Stop the server and remove its files once the sourcing shell is gone.
  local parent=$$
  (
    trap '' INT TERM HUP
    while kill -0 "$parent" 2>/dev/null; do sleep 1; done
    pg_as "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$dir"
  ) </dev/null >/dev/null 2>&1 &
  disown 2>/dev/null || true
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  pg_start
  echo "CALMNIGHTS_TEST_POSTGRES=$CALMNIGHTS_TEST_POSTGRES"
  echo "(Ctrl-C stops it)"
  trap 'kill $! 2>/dev/null; exit 0' INT TERM
  while :; do sleep 3600 & wait $!; done # wait, unlike sleep, lets the trap run at once
else
  pg_start || return 1
fi
