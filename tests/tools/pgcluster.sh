#!/bin/sh
# Starts or stops a throwaway PostgreSQL cluster for the test run.
#   pgcluster.sh start STATE_DIR   -> STATE_DIR/url holds postgresql://postgres@127.0.0.1:PORT/postgres
#   pgcluster.sh stop STATE_DIR    -> stops the server and deletes its data
# The cluster lives in a temporary folder owned by the user that runs the server: PostgreSQL refuses
# to run as root, so as root the server runs as the `postgres` system user.
set -eu

command=${1:?usage: pgcluster.sh start|stop STATE_DIR}
state=${2:?usage: pgcluster.sh start|stop STATE_DIR}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "pgcluster: PostgreSQL server binaries not found (install the Debian package postgresql)" >&2
    exit 1
fi

as_server() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$command" in
start)
    if [ -f "$state/data" ]; then
        "$0" stop "$state" || true
    fi
    mkdir -p "$state"
    data=$(mktemp -d "${TMPDIR:-/tmp}/stills-pg.XXXXXX")
    chmod 755 "$data"
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$data"
    fi
    echo "$data" > "$state/data"
    as_server "$bindir/initdb" -D "$data/db" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
        > "$data/initdb.log" 2>&1 || { cat "$data/initdb.log" >&2; exit 1; }
    # Pick a free port: try a few from a pid-derived start.
    port=$(( 20000 + ($$ % 20000) ))
    tries=0
    while :; do
        if as_server "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
            -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start > /dev/null 2>&1; then
            break
        fi
        tries=$((tries + 1))
        if [ $tries -ge 10 ]; then
            echo "pgcluster: the server did not start:" >&2
            cat "$data/server.log" >&2 || true
            exit 1
        fi
        port=$((port + 1))
    done
    echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$state/url"
    echo "pgcluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $data"
    ;;
stop)
    if [ ! -f "$state/data" ]; then
        exit 0
    fi
    data=$(cat "$state/data")
    as_server "$bindir/pg_ctl" -D "$data/db" -m immediate -w stop > /dev/null 2>&1 || true
    rm -rf "$data"
    rm -f "$state/data" "$state/url"
    echo "pgcluster: stopped and removed $data"
    ;;
*)
    echo "usage: pgcluster.sh start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
