#!/usr/bin/env bash
# A throwaway PostgreSQL 15 on loopback for the test suite.
#
#   scripts/pg-test.sh start DIR   initdb into DIR/data, start on a free port, create the database
#                                  buurtplein_test; prints its URL on stdout and writes it to DIR/url.
#                                  Starting a DIR whose server already runs prints the same URL again.
#   scripts/pg-test.sh stop DIR    stops the server (fast) and removes DIR.
#
# PostgreSQL refuses to run as root: as root the server runs as user postgres and DIR is chowned
# to it; as any other user it runs as that user. Trust authentication, fsync off: tests only.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_NAME=buurtplein_test
MARKER=.buurtplein-pg-test  # only directories carrying this file are ever removed by `stop`

die() { echo "pg-test: $*" >&2; exit 1; }
usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2
[[ -n $dir && $dir != / ]] || die "refusing to use '$dir' as the server directory"
[[ -x $PG_BIN/initdb ]] || die "PostgreSQL 15 is not installed ($PG_BIN/initdb missing); run scripts/install-deps.sh test"

# Runs a PostgreSQL program as the user that owns the cluster. From / so that a working directory
# the postgres user cannot read does not make initdb or pg_ctl fail.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

running() { [[ -f $dir/data/postmaster.pid ]] && as_pg "$PG_BIN/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; }

# A port nobody listens on, from a range away from the usual services. The server's own bind is
# the real test: start() retries with another port when it fails.
pick_port() {
  local p _
  for _ in $(seq 1 50); do
    p=$((20000 + (RANDOM * 32768 + RANDOM + $$) % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

start() {
  if [[ -f $dir/url ]] && running; then
    cat "$dir/url"
    return 0
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  # Unix socket paths are limited to 107 bytes: DIR/.s.PGSQL.NNNNN must fit.
  (( ${#dir} <= 90 )) || die "'$dir' is too long for a socket directory; use a short path such as \$(mktemp -d)"
  touch "$dir/$MARKER"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres: "$dir"
    runuser -u postgres -- test -w "$dir" ||
      die "user postgres cannot write to $dir (a parent directory is closed to it); use a directory under /tmp"
  fi
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    rm -rf "$dir/data"
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 \
      --no-instructions >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  if running; then
    as_pg "$PG_BIN/pg_ctl" stop -D "$dir/data" -m fast >/dev/null 2>&1 || true
  fi

  local port="" _
  for _ in 1 2 3 4 5; do
    port=$(pick_port)
    if as_pg "$PG_BIN/pg_ctl" start -D "$dir/data" -w -t 20 -l "$dir/server.log" \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null 2>&1; then
      break
    fi
    port=""
  done
  [[ -n $port ]] || { tail -n 20 "$dir/server.log" >&2 || true; die "the server did not start; see $dir/server.log"; }

  for _ in $(seq 1 100); do
    as_pg "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
    sleep 0.1
  done
  as_pg "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres || die "the server does not answer on port $port"

  if [[ -z $(as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XAtq \
      -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'") ]]; then
    as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"
  fi

  local url="postgresql://postgres@127.0.0.1:$port/$DB_NAME"
  echo "$url" >"$dir/url"
  echo "$url"
}

stop() {
  [[ -d $dir ]] || return 0
  [[ -f $dir/$MARKER ]] || die "$dir was not made by $0 start; not removing it"
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" stop -D "$dir/data" -m fast -w -t 30 >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
