# A throwaway PostgreSQL cluster for the tests, on a free port, owned by the `postgres` user (the server
# refuses to run as root). Sourced by scripts/test: start_postgres sets NJIA_TEST_POSTGRES_URL.

PG_DIR=""
start_postgres() {
  local bin; bin="/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -n 1)/bin"
  local port; port="$(free_port)"
  PG_DIR="$(mktemp -d /tmp/njia-pg.XXXXXX)"
  chown postgres:postgres "$PG_DIR"
  run_as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
  run_as_postgres "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
  run_as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" start >/dev/null
  export NJIA_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  PG_STOP="run_as_postgres $bin/pg_ctl -D $PG_DIR/data -m immediate stop"
  say "PostgreSQL for tests on port $port"
}

stop_postgres() {
  if [ -n "$PG_DIR" ]; then
    $PG_STOP >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}
