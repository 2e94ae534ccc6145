#!/usr/bin/env bash
# The layering rules of docs/internals/layers.md, checked by machine:
#   core/   includes only libc and core/; does no I/O
#   store/  includes core/, store/ and embed.h
#   http/   includes core/, store/, http/ and embed.h
#   api/    includes core/, store/, http/, api/ and embed.h
#   jobs/   includes core/, store/, jobs/
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
check_includes api core/ store/ http/ api/ embed.h
check_includes jobs core/ store/ jobs/

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
