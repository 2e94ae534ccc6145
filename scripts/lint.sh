#!/usr/bin/env bash
# Checks by machine, all must be clean: the formatting (.clang-format, over the C of src,
# tests, bench and tools), then static analysis with cppcheck and clang-tidy (.clang-tidy).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "lint: clang-format"
# --Werror turns each difference into an error naming file and line; make format fixes them.
find src tests bench tools -name '*.[ch]' -print0 | sort -z |
    xargs -0 clang-format --dry-run --Werror
pkgs="libmicrohttpd jansson sqlite3 libpq libsodium libcurl xlsxwriter libutf8proc"
flags="-std=c17 -D_GNU_SOURCE -Isrc $(pkg-config --cflags $pkgs)"
files=$(find src -name '*.c' | sort)
echo "lint: cppcheck"
cppcheck -q --error-exitcode=1 --enable=warning,performance,portability --std=c11 \
    --inline-suppr -D_GNU_SOURCE -Isrc --suppress=missingIncludeSystem $files
echo "lint: clang-tidy"
# Capture first: a compile error inside clang-tidy must fail the lint, not vanish in a pipe.
out=$(clang-tidy -quiet $files -- $flags 2>&1) || true
if echo "$out" | grep -E 'warning:|error:'; then
    exit 1
fi
echo "lint: clean"
