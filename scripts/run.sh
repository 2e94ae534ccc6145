#!/usr/bin/env bash
# `make run`: create the database on first use, then serve on :8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/rel/thads}
db=${THADS_DB:-sqlite:var/thads.db}
mkdir -p var
if [ "$db" = sqlite:var/thads.db ] && [ ! -f var/thads.db ]; then
    echo "run: creating var/thads.db with a demo province (thads demo: units, users, cases)"
    echo "run: the accounts, administrator 'admin' first (write the passwords down; they are shown once):"
    # One transaction: if it fails, only the empty schema is left; remove it so that the
    # next `make run` tries again.
    "$bin" demo --db "$db" || { rm -f var/thads.db var/thads.db-wal var/thads.db-shm; exit 1; }
fi
exec "$bin" serve --db "$db" --listen "${THADS_LISTEN:-127.0.0.1:8080}"
