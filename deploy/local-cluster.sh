#!/usr/bin/env bash
# A Registry cluster on this machine, everything on 127.0.0.1: PostgreSQL (grain state), Redis
# (membership and reminders), three silos and one API in client mode.
#
#   deploy/local-cluster.sh start    build, then start what is not running (data survives stop/start)
#   deploy/local-cluster.sh stop     stop the API, the silos, Redis and PostgreSQL (SIGTERM, then SIGKILL after 30 s)
#   deploy/local-cluster.sh status   what runs, with pids and addresses
#
# Everything lives in REGISTRY_CLUSTER_DIR (default: .local-cluster in the repository): data, logs, pid files and the
# generated database password. Settings (environment variables, defaults in brackets):
#   REGISTRY_API_PORT [5080]  REGISTRY_PG_PORT [55432]  REGISTRY_REDIS_PORT [56379]
#   REGISTRY_SILO_PORTS ["11111 11112 11113"]  REGISTRY_GATEWAY_PORTS ["30001 30002 30003"] (one silo per port)
#   REGISTRY_CONFIGURATION [Release]  REGISTRY_SKIP_BUILD [0]: 1 uses the existing build of that configuration
#   REGISTRY_ENVIRONMENT [Development]: the API's ASPNETCORE_ENVIRONMENT (Development accepts `dotnet user-jwts`)
#   REGISTRY_SILO_ARGS, REGISTRY_API_ARGS: extra --key=value settings for every silo / for the API
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${REGISTRY_CLUSTER_DIR:-$root/.local-cluster}"
configuration="${REGISTRY_CONFIGURATION:-Release}"
api_port="${REGISTRY_API_PORT:-5080}"
pg_port="${REGISTRY_PG_PORT:-55432}"
redis_port="${REGISTRY_REDIS_PORT:-56379}"
read -r -a silo_ports <<<"${REGISTRY_SILO_PORTS:-11111 11112 11113}"
read -r -a gateway_ports <<<"${REGISTRY_GATEWAY_PORTS:-30001 30002 30003}"
environment="${REGISTRY_ENVIRONMENT:-Development}"
read -r -a silo_args <<<"${REGISTRY_SILO_ARGS:-}"
read -r -a api_args <<<"${REGISTRY_API_ARGS:-}"

silo_dll="$root/silo/Registry.Silo/bin/$configuration/net10.0/Registry.Silo.dll"
api_dll="$root/api/Registry.Api/bin/$configuration/net10.0/Registry.Api.dll"
pg_data="$dir/postgresql"
pg_user=registry
pg_database=registry
logs="$dir/logs"

say() { echo "local-cluster: $*" >&2; }
fail() { say "$*"; exit 1; }

# PostgreSQL refuses to run as root: as root its programs run as the postgres system user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local bin
  bin=$(compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' | sort -V | tail -n 1 || true)
  if [ -n "$bin" ]; then dirname "$bin"; else dirname "$(command -v pg_ctl)"; fi
}

# A pid file names a live process only if that process still runs the program it was started for.
alive() {
  local pidfile=$1 pattern=$2 pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"
}

# While starting, the pid may still show the launching shell: only its exit counts as a failure.
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for_port() {
  local port=$1 what=$2 pidfile=$3 log=$4 limit=${5:-180}
  for _ in $(seq 1 $((limit * 5))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    if ! running "$pidfile"; then
      tail -n 40 "$log" >&2 || true
      fail "$what exited before listening on port $port (log: $log)"
    fi
    sleep 0.2
  done
  tail -n 40 "$log" >&2 || true
  fail "$what did not listen on port $port within ${limit}s (log: $log)"
}

stop_pid() {
  local pidfile=$1 pattern=$2 what=$3 pid
  if alive "$pidfile" "$pattern"; then
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$what ($pid) did not stop within 30 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "$what stopped"
  fi
  rm -f "$pidfile"
}

connection_string() {
  echo "Host=127.0.0.1;Port=$pg_port;Database=$pg_database;Username=$pg_user;Password=$(cat "$dir/pg-password")"
}

start_postgresql() {
  local bin
  bin=$(pg_bin)
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    say "creating the PostgreSQL cluster in $pg_data"
    mkdir -p "$pg_data"
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$dir/pg-password")
    cp "$dir/pg-password" "$dir/pg-password.initdb"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
      chown -R postgres: "$pg_data" "$dir/pg-password.initdb"
      runuser -u postgres -- test -x "$pg_data" ||
        fail "the postgres user cannot reach $pg_data: set REGISTRY_CLUSTER_DIR to a directory it can"
    fi
    as_pg "$bin/initdb" -D "$pg_data" -U "$pg_user" --pwfile="$dir/pg-password.initdb" -A scram-sha-256 \
      -E UTF8 --locale=C >"$logs/initdb.log"
    rm -f "$dir/pg-password.initdb"
  fi
  if as_pg "$bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
    say "PostgreSQL already running"
  else
    # synchronous_commit=on and fsync=on are PostgreSQL's defaults: a committed write is on disk.
    as_pg "$bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data" start >/dev/null
    say "PostgreSQL on 127.0.0.1:$pg_port"
  fi
  if ! PGPASSWORD=$(cat "$dir/pg-password") psql -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$pg_database'" | grep -q 1; then
    PGPASSWORD=$(cat "$dir/pg-password") psql -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d postgres -q \
      -c "CREATE DATABASE $pg_database"
  fi
}

start_redis() {
  if alive "$dir/redis.pid" redis-server; then
    say "Redis already running"
    return
  fi
  mkdir -p "$dir/redis"
  # Append-only file fsynced on every write: membership and reminders survive a Redis restart.
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$dir/redis" --appendonly yes --appendfsync always \
    --save "" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$logs/redis.log"
  for _ in $(seq 1 100); do
    [ -s "$dir/redis.pid" ] && break
    sleep 0.1
  done
  wait_for_port "$redis_port" Redis "$dir/redis.pid" "$logs/redis.log" 30
  say "Redis on 127.0.0.1:$redis_port"
}

start_silo() {
  local i=$1 pidfile="$dir/silo-$1.pid"
  if alive "$pidfile" Registry.Silo.dll; then
    say "silo $i already running"
    return
  fi
  mkdir -p "$dir/silo-$i"
  # Connection strings go through the environment, not the command line (ps shows command lines to everyone).
  ConnectionStrings__registry="$(connection_string)" ConnectionStrings__redis="127.0.0.1:$redis_port" \
    DOTNET_ENVIRONMENT=Production \
    setsid nohup dotnet "$silo_dll" \
    --Registry:Storage:Provider=PostgreSql \
    --Registry:Clustering:Provider=Redis \
    --Registry:Clustering:AdvertisedIPAddress=127.0.0.1 \
    --Registry:Clustering:SiloPort="${silo_ports[$((i - 1))]}" \
    --Registry:Clustering:GatewayPort="${gateway_ports[$((i - 1))]}" \
    --Registry:DataDirectory="$dir/silo-$i" \
    "${silo_args[@]}" >"$logs/silo-$i.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

wait_for_silo() {
  local i=$1
  wait_for_port "${gateway_ports[$((i - 1))]}" "silo $i" "$dir/silo-$i.pid" "$logs/silo-$i.log"
  say "silo $i on 127.0.0.1:${silo_ports[$((i - 1))]} (gateway ${gateway_ports[$((i - 1))]})"
}

start_api() {
  local pidfile="$dir/api.pid"
  if alive "$pidfile" Registry.Api.dll; then
    say "API already running"
    return
  fi
  (
    cd "$(dirname "$api_dll")" || exit 1
    ConnectionStrings__redis="127.0.0.1:$redis_port" ASPNETCORE_ENVIRONMENT="$environment" \
      setsid nohup dotnet "$api_dll" --urls="http://127.0.0.1:$api_port" \
      --Registry:Hosting=Client --Registry:Clustering:Provider=Redis \
      "${api_args[@]}" >"$logs/api.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
  )
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$api_port/health/ready" 2>/dev/null; then
      say "API on http://127.0.0.1:$api_port (Swagger UI: /swagger)"
      return
    fi
    if ! running "$pidfile"; then
      tail -n 40 "$logs/api.log" >&2 || true
      fail "the API exited before it was ready (log: $logs/api.log)"
    fi
    sleep 0.2
  done
  fail "the API was not ready within 120 s (log: $logs/api.log)"
}

start() {
  [ ${#silo_ports[@]} -eq ${#gateway_ports[@]} ] || fail "REGISTRY_SILO_PORTS and REGISTRY_GATEWAY_PORTS differ in length"
  command -v dotnet >/dev/null || fail "the .NET SDK (see global.json) is required"
  command -v curl >/dev/null || fail "curl is required"
  mkdir -p "$dir" "$logs"
  bash "$root/deploy/prerequisites.sh" postgresql redis
  if [ "${REGISTRY_SKIP_BUILD:-0}" != 1 ]; then
    say "building ($configuration)"
    dotnet build "$root/silo/Registry.Silo" -c "$configuration" -v quiet -nologo >"$logs/build-silo.log" ||
      { tail -n 30 "$logs/build-silo.log" >&2; fail "build failed"; }
    dotnet build "$root/api/Registry.Api" -c "$configuration" -v quiet -nologo >"$logs/build-api.log" ||
      { tail -n 30 "$logs/build-api.log" >&2; fail "build failed"; }
  fi
  [ -f "$silo_dll" ] && [ -f "$api_dll" ] || fail "no $configuration build found (unset REGISTRY_SKIP_BUILD)"

  start_postgresql
  start_redis
  # The first silo creates the schema and seeds the division lists alone; the others then find them stored.
  start_silo 1
  wait_for_silo 1
  for i in $(seq 2 ${#silo_ports[@]}); do start_silo "$i"; done
  for i in $(seq 2 ${#silo_ports[@]}); do wait_for_silo "$i"; done
  start_api
}

stop() {
  stop_pid "$dir/api.pid" Registry.Api.dll API
  for pidfile in "$dir"/silo-*.pid; do
    [ -e "$pidfile" ] || continue
    local name
    name=$(basename "$pidfile" .pid)
    stop_pid "$pidfile" Registry.Silo.dll "${name/-/ }" &
  done
  wait
  stop_pid "$dir/redis.pid" redis-server Redis
  if [ -f "$pg_data/PG_VERSION" ] && as_pg "$(pg_bin)/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
    as_pg "$(pg_bin)/pg_ctl" -D "$pg_data" -m fast -w -t 60 stop >/dev/null
    say "PostgreSQL stopped"
  fi
}

status() {
  local running=0 total=0
  report() {
    total=$((total + 1))
    if alive "$1" "$2"; then
      running=$((running + 1))
      echo "$3: running (pid $(cat "$1")) $4"
    else
      echo "$3: stopped"
    fi
  }
  if [ -f "$pg_data/postmaster.pid" ]; then
    head -n 1 "$pg_data/postmaster.pid" >"$dir/postgresql.pid" 2>/dev/null || true
  else
    rm -f "$dir/postgresql.pid"
  fi
  report "$dir/postgresql.pid" postgres PostgreSQL "127.0.0.1:$pg_port"
  report "$dir/redis.pid" redis-server Redis "127.0.0.1:$redis_port"
  for i in $(seq 1 ${#silo_ports[@]}); do
    report "$dir/silo-$i.pid" Registry.Silo.dll "silo $i" \
      "127.0.0.1:${silo_ports[$((i - 1))]} gateway ${gateway_ports[$((i - 1))]}"
  done
  report "$dir/api.pid" Registry.Api.dll API "http://127.0.0.1:$api_port"
  [ "$running" -eq "$total" ]
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
