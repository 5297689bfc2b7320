#!/usr/bin/env bash
# Source this file: it starts a throwaway PostgreSQL cluster and Redis server on spare
# loopback ports, exports their URLs, and stops both when the calling shell exits.
# PostgreSQL refuses to run as root, so as root the cluster runs as the postgres user.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

HLM_SERVICES_DIR=$(mktemp -d /tmp/hlm-services.XXXXXX)
chmod 755 "$HLM_SERVICES_DIR"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=$(free_port)
redis_port=$(free_port)

stop_services() {
  as_pg "$pg_bin/pg_ctl -D $HLM_SERVICES_DIR/pg/data -m immediate stop" >/dev/null 2>&1 || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$HLM_SERVICES_DIR"
}
trap stop_services EXIT

mkdir -p "$HLM_SERVICES_DIR/pg" "$HLM_SERVICES_DIR/redis"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$HLM_SERVICES_DIR/pg"
as_pg "$pg_bin/initdb -D $HLM_SERVICES_DIR/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "$pg_bin/pg_ctl -D $HLM_SERVICES_DIR/pg/data -l $HLM_SERVICES_DIR/pg/server.log -w \
  -o \"-p $pg_port -k $HLM_SERVICES_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes \
  --pidfile "$HLM_SERVICES_DIR/redis/redis.pid" --logfile "$HLM_SERVICES_DIR/redis/redis.log" \
  --dir "$HLM_SERVICES_DIR/redis" --save '' --appendonly no
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export HLM_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/hlm"
export HLM_TEST_REDIS_URL="redis://127.0.0.1:$redis_port/0"
echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
