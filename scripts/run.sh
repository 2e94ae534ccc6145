#!/usr/bin/env bash
# `make run`: create the database on first use, then serve on :8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/rel/thads}
db=${THADS_DB:-sqlite:var/thads.db}
mkdir -p var
if [ "$db" = sqlite:var/thads.db ] && [ ! -f var/thads.db ]; then
    echo "run: creating var/thads.db with the sample organization (docs/samples/units.csv)"
    "$bin" migrate --db "$db"
    "$bin" import units docs/samples/units.csv --db "$db"
    echo "run: the administrator account (write the password down; it is shown once):"
    "$bin" user add admin --name "Quản trị hệ thống" --unit BTP --role admin --db "$db"
fi
exec "$bin" serve --db "$db" --listen "${THADS_LISTEN:-127.0.0.1:8080}"
