#!/usr/bin/env bash
# Static analysis: cppcheck and clang-tidy (.clang-tidy), both must be clean.
set -euo pipefail
cd "$(dirname "$0")/.."
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
