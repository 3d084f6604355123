#!/usr/bin/env bash
# A private PostgreSQL 15 primary and a streaming replica of it, for tests and benchmarks.
#
#   scripts/pg_cluster.sh start DIR PORT [--owner PID]
#       primary on 127.0.0.1:PORT (data in DIR/primary, log DIR/primary.log) and a hot-standby replica on
#       127.0.0.1:PORT+1 (DIR/replica, DIR/replica.log); returns once both accept connections and the
#       replica streams, and prints the two connection URLs. Sockets are in DIR, authentication is
#       `trust` for local and 127.0.0.1 connections (replication too), the superuser is `postgres`.
#       A DIR holding a stopped cluster from an earlier start is started again (same PORT only).
#       --owner PID: a detached watcher stops the cluster and deletes DIR once process PID has exited,
#       so a caller killed with SIGKILL leaves nothing running (use only for throwaway DIRs).
#   scripts/pg_cluster.sh stop DIR
#       stops both (fast, then immediate); safe to call twice, on a half-started DIR or a missing one.
#
# The servers run through pg_ctl, not as a system service. As root they run as the `postgres` system
# user (initdb refuses root) and DIR is given to that user; otherwise as the current user.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
self=$(readlink -f "$0")

die() { echo "pg_cluster: $*" >&2; exit 1; }

# Runs a PostgreSQL program as the user that owns the clusters.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

sql() {  # sql PORT QUERY: one value, unaligned
  "$bin/psql" -X -A -t -q -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2" 2>/dev/null
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { [[ -f $1/postmaster.pid ]] && as_pg "$bin/pg_ctl" status -D "$1" >/dev/null 2>&1; }

stop_one() {  # stop_one DATADIR
  local data=$1
  [[ -f $data/postmaster.pid ]] || return 0
  if running "$data"; then
    as_pg "$bin/pg_ctl" stop -D "$data" -m fast -w -t 30 >/dev/null 2>&1 ||
      as_pg "$bin/pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  # Last resort: a postmaster that ignored both requests.
  local pid
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
     [[ $(readlink -f "/proc/$pid/cwd" 2>/dev/null) == "$(readlink -f "$data")" ]]; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

cmd_stop() {
  local dir=$1
  [[ -d $dir ]] || return 0
  dir=$(readlink -f "$dir")
  # A watcher left by `start --owner` is not needed any more (unless it is the one calling us).
  local watcher
  watcher=$(cat "$dir/watcher.pid" 2>/dev/null || true)
  if [[ $watcher =~ ^[0-9]+$ && $watcher != "$PPID" ]]; then kill "$watcher" 2>/dev/null || true; fi
  rm -f "$dir/watcher.pid"
  stop_one "$dir/replica"
  stop_one "$dir/primary"
}

show_logs() {
  local log
  for log in "$1"/primary.log "$1"/replica.log; do
    [[ -f $log ]] && { echo "--- $log (last lines)" >&2; tail -n 20 "$log" >&2; }
  done
  return 0
}

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    ((SECONDS < deadline)) || { echo "pg_cluster: timed out waiting for $what" >&2; return 1; }
    sleep 0.2
  done
}

replica_streaming() {
  [[ $(sql "$port" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") -ge 1 ]] &&
    [[ $(sql "$replica_port" "SELECT pg_is_in_recovery()") == t ]]
}

replica_caught_up() {  # the replica has replayed the primary's WAL up to $target_lsn
  [[ $(sql "$replica_port" "SELECT pg_last_wal_replay_lsn() >= '$target_lsn'::pg_lsn") == t ]]
}

start_watcher() {  # start_watcher DIR OWNER_PID: stop and delete DIR once OWNER and this start are gone
  local dir=$1 owner=$2 starter=$$
  setsid bash -c '
    while kill -0 "$1" 2>/dev/null || kill -0 "$2" 2>/dev/null; do sleep 1; done
    "$3" stop "$4" || true
    rm -rf -- "$4"
  ' pg-cluster-watcher "$owner" "$starter" "$self" "$dir" </dev/null >/dev/null 2>&1 &
  echo $! >"$dir/watcher.pid"
}

start_exit() {  # the EXIT trap of start
  ((started)) && return 0
  echo "pg_cluster: start failed; logs in $1" >&2
  show_logs "$1"
  cmd_stop "$1"
}

cmd_start() {
  local dir=$1 owner=""
  port=$2
  shift 2
  while (($#)); do
    case $1 in
      --owner) owner=${2:?--owner needs a PID}; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ $port =~ ^[0-9]+$ ]] && ((port >= 1024 && port < 65535)) || die "PORT must be 1024..65534, not '$port'"
  replica_port=$((port + 1))
  [[ -x $bin/initdb ]] || die "PostgreSQL 15 is not installed ($bin); run scripts/setup.sh"
  [[ $dir != *[\'\"\\\ ]* ]] || die "DIR must not contain quotes, backslashes or spaces"
  mkdir -p "$dir"
  dir=$(readlink -f "$dir")
  # Unix socket paths are limited to 107 bytes.
  ((${#dir} + 16 <= 107)) || die "DIR is too long for a socket path: $dir"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' system user (install postgresql-15)"
    chown postgres: "$dir"
    runuser -u postgres -- test -w "$dir" ||
      die "user postgres cannot reach $dir (a parent directory is closed to it); use a DIR under /tmp"
  fi
  [[ -z $owner ]] || start_watcher "$dir" "$owner"

  local reuse=0
  if [[ -f $dir/primary/PG_VERSION ]]; then
    [[ $(cat "$dir/port" 2>/dev/null) == "$port" ]] ||
      die "$dir holds a cluster made for port $(cat "$dir/port" 2>/dev/null || echo '?'); use a fresh DIR"
    reuse=1
  fi
  for p in "$port" "$replica_port"; do
    ! port_busy "$p" || running "$dir/primary" || running "$dir/replica" || die "port $p is in use"
  done
  # From here on a failure stops whatever did start (the data stays in DIR for a look at the logs).
  started=0
  trap "start_exit $(printf %q "$dir")" EXIT

  if ((!reuse)); then
    rm -rf "$dir/primary" "$dir/replica"
    as_pg "$bin/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; false; }
    cat >>"$dir/primary/postgresql.conf" <<EOF

# scripts/pg_cluster.sh: a private test cluster (fsync stays on: benchmarks measure durable commits)
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 4
max_replication_slots = 4
hot_standby = on
fsync = on
synchronous_commit = on
EOF
    cat >"$dir/primary/pg_hba.conf" <<EOF
# TYPE  DATABASE     USER  ADDRESS       METHOD
local   all          all                 trust
local   replication  all                 trust
host    all          all   127.0.0.1/32  trust
host    replication  all   127.0.0.1/32  trust
EOF
    echo "$port" >"$dir/port"
  fi
  running "$dir/primary" ||
    as_pg "$bin/pg_ctl" start -D "$dir/primary" -l "$dir/primary.log" -w -t 60 >/dev/null
  wait_for 30 "the primary on port $port" as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"

  if [[ ! -f $dir/replica/PG_VERSION ]]; then
    rm -rf "$dir/replica"
    # A physical slot keeps the primary's WAL until the replica has it, however far it falls behind.
    sql "$port" "SELECT pg_drop_replication_slot('minsheng_replica')
                 FROM pg_replication_slots WHERE slot_name = 'minsheng_replica'" >/dev/null || true
    as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$dir/replica" \
      -R -X stream -C -S minsheng_replica -c fast >"$dir/basebackup.log" 2>&1 ||
      { cat "$dir/basebackup.log" >&2; false; }
    printf '\n# the replica\nport = %s\nhot_standby = on\n' "$replica_port" >>"$dir/replica/postgresql.conf"
  fi
  running "$dir/replica" ||
    as_pg "$bin/pg_ctl" start -D "$dir/replica" -l "$dir/replica.log" -w -t 60 >/dev/null
  wait_for 30 "the replica on port $replica_port" as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$replica_port"
  wait_for 60 "the replica to stream" replica_streaming
  target_lsn=$(sql "$port" "SELECT pg_current_wal_lsn()")
  wait_for 60 "the replica to replay $target_lsn" replica_caught_up
  started=1

  echo "primary: postgresql://postgres@127.0.0.1:$port/postgres"
  echo "replica: postgresql://postgres@127.0.0.1:$replica_port/postgres"
}

case ${1:-} in
  start) (($# >= 3)) || die "usage: $0 start DIR PORT [--owner PID]"; shift; cmd_start "$@" ;;
  stop) (($# == 2)) || die "usage: $0 stop DIR"; cmd_stop "$2" ;;
  *) die "usage: $0 start DIR PORT [--owner PID] | stop DIR" ;;
esac
