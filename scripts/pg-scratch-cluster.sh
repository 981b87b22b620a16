#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for tests and benchmarks, and prints its URL.
#
#   scripts/pg-scratch-cluster.sh start DIR [PORT]   # prints postgres://...; PORT default: a free one
#   scripts/pg-scratch-cluster.sh stop DIR
#
# DIR holds the data directory and the socket; remove it after `stop`. Trust authentication on
# 127.0.0.1 only: never use this for real data. Run as root it runs the server as the
# `postgres` user (PostgreSQL refuses to run as root). Needs Debian's postgresql package
# (binaries under /usr/lib/postgresql/<version>/bin).
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR [PORT]" >&2; exit 64; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "$0: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 69; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

case "$cmd" in
start)
  port=${3:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg "'$bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1" || { cat "$dir/initdb.log" >&2; exit 70; }
  fi
  # Small and fast for tests: no fsync (a crash loses the cluster, which is scratch anyway).
  as_pg "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
    -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c shared_buffers=256MB -c max_connections=100\" start >/dev/null" || { tail -20 "$dir/server.log" >&2; exit 70; }
  as_pg "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -d postgres -qAtc 'CREATE DATABASE unspun' >/dev/null 2>&1" || true
  echo "postgres://postgres@127.0.0.1:$port/unspun"
  ;;
stop)
  [ -f "$dir/data/postmaster.pid" ] && as_pg "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
  ;;
*) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 64 ;;
esac
