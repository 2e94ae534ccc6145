#!/usr/bin/env bash
# Run every benchmark of a build directory (make bench passes build/rel), in name
# order, after a header describing the machine. The PostgreSQL figures of
# bench_store need a server: a throw-away one is started here the way
# scripts/test.sh does it (initdb/pg_ctl as the postgres user, Unix socket in a
# temporary directory) but with PostgreSQL's default durability — fsync=on,
# synchronous_commit=on — because the figures must be what production pays. If it
# cannot start, the PostgreSQL figures are skipped with a message.
# Exits non-zero if a benchmark fails.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
out=${1:-build/rel}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/thads-bench.XXXXXX")
chmod 755 "$tmp"
pgdir=$tmp/pg
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
    [ -f "$pgdir/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

start_postgres() {
    mkdir -p "$pgdir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$pgdir"
    as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 || return 1
    as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
        -o "-k $pgdir -c listen_addresses=''" start >/dev/null || return 1
    as_pg "$pgbin/createdb" -h "$pgdir" -U postgres thads_bench || return 1
    export THADS_BENCH_PG="postgresql:///thads_bench?host=$pgdir&user=postgres"
}

benches=$(find "$out/bench" -type f -name 'bench_*' -perm -u+x 2>/dev/null | sort)
if [ -z "$benches" ]; then
    echo "bench: no benchmarks in $out/bench (make bench builds them)" >&2
    exit 1
fi

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
sqlite=$(sqlite3 --version 2>/dev/null | cut -d' ' -f1)
[ -n "$sqlite" ] || sqlite=$(pkg-config --modversion sqlite3 2>/dev/null)
echo "== thads benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, ${model:-unknown CPU}, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM," \
    "$(uname -sr)"
echo "storage: ${TMPDIR:-/tmp} on $(df -T "${TMPDIR:-/tmp}" | awk 'NR == 2 {print $2 " (" $1 ")"}')"
echo "sqlite: ${sqlite:-unknown}; libmicrohttpd: $(pkg-config --modversion libmicrohttpd 2>/dev/null);" \
    "libcurl: $(pkg-config --modversion libcurl 2>/dev/null)"

unset THADS_BENCH_PG
if [ -z "$pgbin" ]; then
    echo "postgres: not installed; PostgreSQL figures skipped (scripts/deps.sh test installs it)"
elif ! start_postgres; then
    echo "postgres: cannot start a throw-away server; PostgreSQL figures skipped"
    cat "$tmp/initdb.log" "$pgdir/server.log" 2>/dev/null | tail -n 20 >&2
else
    echo "postgres: $("$pgbin/postgres" --version | sed 's/^postgres (PostgreSQL) //'), throw-away" \
        "server on a Unix socket, default durability (fsync=on, synchronous_commit=on)"
fi

failed=()
start=$(date +%s)
for b in $benches; do
    name=${b##*/}
    echo
    echo "== $name"
    TMPDIR=$tmp "$b" || failed+=("$name")
done
echo
echo "== all benchmarks done in $(($(date +%s) - start)) s"
if [ ${#failed[@]} -gt 0 ]; then
    echo "bench: failed: ${failed[*]}" >&2
    exit 1
fi
