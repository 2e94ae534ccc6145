#!/usr/bin/env bash
# The layering rules of docs/internals/layers.md, checked by machine:
#   core/   includes only libc and core/; does no I/O
#   store/  includes core/, store/ and embed.h
#   ops/    includes core/, store/, ops/ and embed.h: never http/ or api/
#   http/   includes core/, store/, http/ and embed.h
#   api/    includes core/, store/, ops/, http/, api/ and embed.h
#   jobs/   includes core/, store/, ops/, jobs/
#   cli/    includes core/, store/, ops/, cli/, embed.h; and, to start the server
#           (cli/serve.c only), http/, jobs/ and the route table api/handlers.h
#   SQL text appears only in store/ (and in migrations/)
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0

check_includes() { # layer allowed-prefixes...
    local layer=$1; shift
    local allowed=$(printf '%s|' "$@"); allowed=${allowed%|}
    while IFS= read -r hit; do
        echo "check-layers: $hit (src/$layer may include only: $*)"
        bad=1
    done < <(grep -nE '^\s*#\s*include\s*"' src/$layer/*.[ch] 2>/dev/null \
             | grep -vE "#\s*include\s*\"($allowed)")
}
check_includes core core/
check_includes store core/ store/ embed.h
check_includes http core/ store/ http/ embed.h
check_includes ops core/ store/ ops/ embed.h
check_includes api core/ store/ ops/ http/ api/ embed.h
check_includes jobs core/ store/ ops/ jobs/

# cli/: operations, not handlers; only serve.c reaches the server, its jobs and routes.
while IFS= read -r hit; do
    echo "check-layers: $hit (src/cli may include core/, store/, ops/, cli/, embed.h)"
    bad=1
done < <(grep -nE '^\s*#\s*include\s*"' src/cli/*.[ch] \
         | grep -vE '#\s*include\s*"(core/|store/|ops/|cli/|embed.h)' \
         | grep -vE '^src/cli/serve.c:[0-9]+:\s*#\s*include\s*"(http/|jobs/|api/handlers.h)')

# core/ is pure: no files, sockets, clocks, environment or printing.
while IFS= read -r hit; do
    echo "check-layers: I/O in core/: $hit"
    bad=1
done < <(grep -nE '\b(fopen|fread|fwrite|printf|fprintf|puts|getenv|socket|time\s*\(|clock_gettime|gettimeofday)\b' src/core/*.c 2>/dev/null | grep -v '^\S*:\s*[0-9]*:\s*/\?\*')

# SQL lives in store/ only.
sql='"[^"]*\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE (TABLE|INDEX|VIEW)|DROP TABLE|ALTER TABLE|BEGIN IMMEDIATE)\b'
while IFS= read -r hit; do
    echo "check-layers: SQL outside store/: $hit"
    bad=1
done < <(grep -rnE "$sql" src --include='*.[ch]' | grep -v '^src/store/')

if [ $bad -ne 0 ]; then echo "check-layers: failed"; exit 1; fi
echo "check-layers: ok"
