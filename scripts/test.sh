#!/usr/bin/env bash
# Run every test against a build directory (make test passes build/asan):
# unit and store tests (cmocka binaries; store tests run on SQLite and on a
# throw-away PostgreSQL started here), HTTP and CLI tests, browser tests, and the
# validation of the API description.
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
# Names after the build directory (http/test_server ...) run only those cmocka binaries,
# without the browser and API description tests (make test-tsan does).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/asan}
shift || true
only=("$@")
export THADS_BIN=$PWD/$out/thads
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-suppressions=$PWD/tests/tsan.supp:halt_on_error=1:second_deadlock_stack=1}

tmp=$(mktemp -d /tmp/thads-test.XXXXXX)
chmod 755 "$tmp"
export THADS_TEST_TMP=$tmp
pgdir=$tmp/pg
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
    [ -f "$pgdir/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT

start_postgres() {
    mkdir -p "$pgdir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$pgdir"
    as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$tmp/initdb.log" 2>&1 || return 1
    as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
        -o "-k $pgdir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null || return 1
    as_pg "$pgbin/createdb" -h "$pgdir" -U postgres thads_test || return 1
    export THADS_TEST_PG="postgresql:///thads_test?host=$pgdir&user=postgres"
}

passed=0
failed=0
failures=()

if [ -z "$pgbin" ] || ! start_postgres; then
    echo "test: cannot start PostgreSQL (see $tmp/initdb.log); store tests on postgres will fail" >&2
    cat "$tmp/initdb.log" "$pgdir/server.log" 2>/dev/null | tail -n 20 >&2
fi

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)"; a binary that
# dies before its summary counts as one failure.
if [ ${#only[@]} -gt 0 ]; then
    tests=$(printf "$out/tests/%s\n" "${only[@]}")
else
    tests=$(find "$out/tests" -type f -name 'test_*' -perm -u+x | sort)
fi
for t in $tests; do
    name=${t#"$out/tests/"}
    log=$tmp/$(echo "$name" | tr / _).log
    "$t" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ]; then
        failures+=("$name")
        echo "---- $name (exit $rc) ----"
        grep -v '^\[ \(RUN\|       OK\) ' "$log" | tail -n 60
    else
        printf '%-40s %3d passed\n' "$name" "$p"
    fi
done

# Browser tests: node prints "browser: N passed, N failed".
if [ ${#only[@]} -gt 0 ]; then
    : # only the binaries named
elif [ -d tests/browser/node_modules/playwright-core ]; then
    node tests/browser/run.mjs "$THADS_BIN" >"$tmp/browser.log" 2>&1
    rc=$?
    p=$(sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$tmp/browser.log")
    f=$(sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$tmp/browser.log")
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ]; then failures+=("browser"); cat "$tmp/browser.log"; else printf '%-40s %3d passed\n' browser "$p"; fi
else
    echo "browser: playwright-core is not installed (scripts/deps.sh test installs it)"
    failed=$((failed + 1))
    failures+=("browser")
fi

# The API description: node prints "openapi: N passed, N failed" (tests/browser/openapi.mjs
# validates /api/openapi.json with an OpenAPI 3.1 validator and real answers against it).
if [ ${#only[@]} -gt 0 ]; then
    :
elif [ -d tests/browser/node_modules/@seriousme/openapi-schema-validator ]; then
    node tests/browser/openapi.mjs "$THADS_BIN" >"$tmp/openapi.log" 2>&1
    rc=$?
    p=$(sed -n 's/^openapi: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$tmp/openapi.log")
    f=$(sed -n 's/^openapi: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$tmp/openapi.log")
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ]; then failures+=("openapi"); cat "$tmp/openapi.log"; else printf '%-40s %3d passed\n' openapi "$p"; fi
else
    echo "openapi: the OpenAPI validator is not installed (scripts/deps.sh test installs it)"
    failed=$((failed + 1))
    failures+=("openapi")
fi

[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
