#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on a free loopback port.
#
# Usage:
#   scripts/postgres.sh start [DIR]    # install if needed, start, print the URL on stdout
#   scripts/postgres.sh url [DIR]      # print the URL of the running server
#   scripts/postgres.sh stop [DIR]     # stop it and delete its data
#   scripts/postgres.sh install        # only install Debian's postgresql package if missing
#
# DIR keeps the server's state (default: target/postgres of the repository). The printed URL is
# what the config's "store" key takes: postgresql://gatehouse:gatehouse@127.0.0.1:PORT/gatehouse.
# `start` reuses a server already running from DIR. The server binaries come from Debian's
# postgresql package, installed with apt-get when missing (root, or sudo without a password).
# Run as root, the cluster belongs to the postgres OS user, since initdb refuses root.
# Messages go to stderr; stdout carries only the URL.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMAND="${1:-}"
STATE="${2:-$ROOT/target/postgres}"
DB_USER=gatehouse
DB_PASSWORD=gatehouse
DB_NAME=gatehouse

log() { echo "postgres.sh: $*" >&2; }
die() {
  log "$*"
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the cluster's owner: the postgres OS user when we are root, else ourselves.
as_owner() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Debian keeps the server binaries per major version, off the PATH; take the newest.
bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    return 1
  fi
}

install() {
  if bindir >/dev/null; then
    return 0
  fi
  log "PostgreSQL is not installed: installing Debian's postgresql package"
  local sudo=()
  if ! is_root; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      die "PostgreSQL is not installed, and installing it needs root: apt-get install postgresql"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 ||
    die "PostgreSQL is not installed and there is no apt-get: install initdb and pg_ctl"
  export DEBIAN_FRONTEND=noninteractive
  local -a get=("${sudo[@]}" apt-get -y -q -o Dpkg::Use-Pty=0)
  # A fresh machine has no package lists yet; an old list may name versions long gone.
  if ! "${get[@]}" install --no-install-recommends postgresql >&2; then
    "${get[@]}" update >&2 || die "apt-get update failed"
    "${get[@]}" install --no-install-recommends postgresql >&2 ||
      die "apt-get install postgresql failed"
  fi
  # The package may start a default cluster on port 5432; the tests use their own server.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | while read -r version name _port status _rest; do
      if [ "$status" = online ]; then
        "${sudo[@]}" pg_ctlcluster "$version" "$name" stop >&2 || true
      fi
    done
  fi
  bindir >/dev/null || die "installed postgresql, yet found no initdb and pg_ctl"
}

datadir() { cat "$STATE/datadir" 2>/dev/null; }
port() { cat "$STATE/port" 2>/dev/null; }

running() {
  local data bin
  data="$(datadir)" || return 1
  bin="$(bindir)" || return 1
  [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

url() {
  echo "postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$(port)/$DB_NAME"
}

# Nothing answers on the port (bash's /dev/tcp: a refused connect means free).
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Where the cluster lives: DIR/data when the owner can write DIR, else a fresh directory under
# /tmp (a checkout inside a home directory may be closed to the postgres user).
choose_datadir() {
  mkdir -p "$STATE"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "there is no postgres OS user to own the cluster"
    chown postgres "$STATE"
  fi
  local data="$STATE/data"
  if ! as_owner test -w "$STATE"; then
    local tmp
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-postgres.XXXXXX")"
    chmod 755 "$tmp"
    if is_root; then chown postgres "$tmp"; fi
    data="$tmp/data"
  fi
  echo "$data" >"$STATE/datadir"
  echo "$data"
}

start() {
  install
  local bin data pwfile port tries
  bin="$(bindir)"
  if running; then
    log "already running from $STATE"
    url
    return 0
  fi
  stop_quietly
  data="$(choose_datadir)"
  pwfile="$(mktemp)"
  echo "$DB_PASSWORD" >"$pwfile"
  chmod 644 "$pwfile"
  if ! as_owner "$bin/initdb" -D "$data" -U "$DB_USER" --pwfile="$pwfile" -E UTF8 --no-locale \
    --auth-host=scram-sha-256 --auth-local=trust >"$STATE/initdb.log" 2>&1; then
    rm -f "$pwfile"
    cat "$STATE/initdb.log" >&2
    die "initdb failed in $data"
  fi
  rm -f "$pwfile"
  # A throwaway cluster: durability buys nothing and costs the tests time.
  as_owner tee -a "$data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
  for tries in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    port_free "$port" || continue
    if as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 -o "-p $port" start \
      >/dev/null 2>&1; then
      echo "$port" >"$STATE/port"
      break
    fi
    log "could not start on port $port (try $tries):"
    as_owner tail -n 5 "$data/server.log" >&2 || true
  done
  running || die "PostgreSQL did not start; its log is $data/server.log"
  PGPASSWORD="$DB_PASSWORD" "$bin/psql" -q -h 127.0.0.1 -p "$(port)" -U "$DB_USER" -d postgres \
    -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB_NAME" >&2 ||
    die "could not create the database $DB_NAME"
  log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') running on 127.0.0.1:$(port), data in $data"
  url
}

# Stops a server recorded in DIR, if any, and deletes its data (keeping its log beside DIR).
stop_quietly() {
  local data bin
  data="$(datadir)" || return 0
  if bin="$(bindir)" && running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      log "pg_ctl stop failed for $data"
  fi
  if [ -f "$data/server.log" ]; then cp "$data/server.log" "$STATE/server.log" || true; fi
  rm -rf "$data"
  case "$data" in
    "${TMPDIR:-/tmp}"/gatehouse-postgres.*/data) rmdir "$(dirname "$data")" 2>/dev/null || true ;;
  esac
  rm -f "$STATE/datadir" "$STATE/port"
}

case "$COMMAND" in
  start) start ;;
  stop)
    if running; then log "stopping the server on 127.0.0.1:$(port)"; fi
    stop_quietly
    ;;
  url)
    running || die "no server is running from $STATE"
    url
    ;;
  install) install ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
