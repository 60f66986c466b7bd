#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: `.ci/postgres.sh start` installs the distribution's
# packages if missing, initialises a cluster in a temp dir, starts it on 127.0.0.1 (port 5432 if free,
# else any free port), creates the role and database, and prints the SQLAlchemy URL on its last line.
# Running `start` again reuses the running server. `.ci/postgres.sh stop` stops it and removes the dir.
# Sourcing the file gives the functions pg_start / pg_stop.
set -euo pipefail

PG_DIR="${PLANBOT_PG_DIR:-${TMPDIR:-/tmp}/planbot-postgres}"
PG_USER_NAME="${PLANBOT_PG_USER:-planbot}"
PG_PASSWORD="${PLANBOT_PG_PASSWORD:-planbot}"
PG_DATABASE="${PLANBOT_PG_DATABASE:-planbot_test}"

_pg_log() { echo "postgres.sh: $*" >&2; }

_pg_bindir() {
    local dir
    # The highest installed major version (Debian keeps the binaries off PATH).
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
    if [[ -z "$dir" ]] && command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir)"
    fi
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    fi
}

_pg_install() {
    if [[ -n "$(_pg_bindir)" ]]; then
        return 0
    fi
    if [[ "$(id -u)" != 0 ]]; then
        _pg_log "PostgreSQL is not installed and we are not root: apt-get install postgresql first"
        return 1
    fi
    _pg_log "installing PostgreSQL from the distribution's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql postgresql-client >&2
}

# Run a command as the cluster owner: root cannot run postgres, so use the packaged `postgres` user.
_pg_as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

_pg_free_port() {
    python3 - <<'EOF'
import socket

def free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True

if free(5432):
    print(5432)
else:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])
EOF
}

_pg_url() {
    echo "postgresql+psycopg://${PG_USER_NAME}:${PG_PASSWORD}@127.0.0.1:$(cat "$PG_DIR/port")/${PG_DATABASE}"
}

_pg_psql() {
    _pg_as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$(cat "$PG_DIR/port")" -U postgres \
        -d postgres "$@"
}

pg_start() {
    _pg_install
    BIN="$(_pg_bindir)"
    local data="$PG_DIR/data"
    if [[ -f "$PG_DIR/port" ]] && _pg_as_owner "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        _pg_log "reusing the server in $PG_DIR"
    else
        rm -rf "$PG_DIR"
        mkdir -p "$PG_DIR"
        chmod 755 "$PG_DIR"
        if [[ "$(id -u)" == 0 ]]; then
            chown postgres:postgres "$PG_DIR"
        fi
        _pg_free_port >"$PG_DIR/port"
        chmod 644 "$PG_DIR/port"
        _pg_as_owner "$BIN/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
            || { cat "$PG_DIR/initdb.log" >&2; return 1; }
        # Test data is disposable: trade durability for speed; enough connections for per-test pools.
        cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $(cat "$PG_DIR/port")
unix_socket_directories = '$PG_DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
        _pg_as_owner "$BIN/pg_ctl" -D "$data" -l "$PG_DIR/server.log" -w -t 60 start >&2 \
            || { cat "$PG_DIR/server.log" >&2; return 1; }
    fi
    if [[ -z "$(_pg_psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${PG_USER_NAME}'")" ]]; then
        _pg_psql -c "CREATE ROLE \"${PG_USER_NAME}\" LOGIN PASSWORD '${PG_PASSWORD}'"
    fi
    if [[ -z "$(_pg_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'")" ]]; then
        _pg_psql -c "CREATE DATABASE \"${PG_DATABASE}\" OWNER \"${PG_USER_NAME}\" ENCODING 'UTF8'"
    fi
    _pg_log "PostgreSQL running in $PG_DIR on port $(cat "$PG_DIR/port")"
    _pg_url
}

pg_stop() {
    local bin
    bin="$(_pg_bindir)"
    if [[ -n "$bin" && -d "$PG_DIR/data" ]]; then
        _pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >&2 2>/dev/null || true
    fi
    rm -rf "$PG_DIR"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    case "${1:-start}" in
        start) pg_start ;;
        stop) pg_stop ;;
        url) _pg_url ;;
        *)
            echo "usage: $0 [start|stop|url]" >&2
            exit 2
            ;;
    esac
fi
