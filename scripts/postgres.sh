#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for the store tests (and for trying the app
# against PostgreSQL by hand).
#
#   scripts/postgres.sh start [DIR [PORT]]   initdb + start; prints the SQLAlchemy URL
#   scripts/postgres.sh stop DIR             stop the server and delete DIR
#
# The server binaries come from the system package (scripts/setup-system.sh installs it):
# /usr/lib/postgresql/*/bin (newest) or pg_config --bindir or PATH. PostgreSQL refuses to
# run as root, so when run as root the cluster belongs to the "postgres" user (or "nobody").
# Trust authentication on 127.0.0.1 only: never use this for real data.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  die "no PostgreSQL server binaries found (install the postgresql package: scripts/setup-system.sh)"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    id -u postgres >/dev/null 2>&1 || user=nobody
    if command -v runuser >/dev/null; then runuser -u "$user" -- "$@"
    else su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

owner() {
  if [ "$(id -u)" = 0 ]; then id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody
  else id -un; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cmd="${1:-}"
case "$cmd" in
  start)
    dir="${2:-$(mktemp -d /tmp/timeline-pg-XXXXXX)}"
    port="${3:-$(free_port)}"
    bin=$(find_bin)
    mkdir -p "$dir"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown "$(owner)" "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale -N \
      >"$dir/initdb.log" 2>&1 || die "initdb failed: $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
      start >/dev/null 2>&1 || die "server did not start: $(tail -n 3 "$dir/server.log" | tr '\n' ' ')"
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir="${2:?usage: postgres.sh stop DIR}"
    bin=$(find_bin)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/postgres.sh start [DIR [PORT]] | stop DIR" >&2
    exit 2
    ;;
esac
