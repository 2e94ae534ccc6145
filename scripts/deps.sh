#!/usr/bin/env bash
# Install the Debian packages thads needs, and only those missing; a machine that
# has them all never touches apt. Usage: scripts/deps.sh run|test
#   run   what building and serving needs (node and npm too: the web UI's libraries,
#         vendor/package.json, are installed from npm and embedded by make)
#   test  also cmocka, the PostgreSQL server, Chromium, headless LibreOffice Calc,
#         playwright-core and the OpenAPI validator (npm: tests/browser/package.json)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}

pkgs=(gcc make pkg-config zlib1g-dev libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3
      libpq-dev libsodium-dev libcurl4-openssl-dev libxlsxwriter-dev libutf8proc-dev libcsv-dev)
if [ "$mode" = test ]; then
    # libreoffice-calc-nogui: tests read the report's .xlsx forms back as CSV with it
    # python3-aiosmtpd: the SMTP server on loopback the outbox's tests deliver to
    pkgs+=(libcmocka-dev postgresql chromium curl libreoffice-calc-nogui python3-aiosmtpd)
fi

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# The build takes the web UI's libraries from npm (vendor/package.json); a machine with
# node and npm from elsewhere (nodesource, nvm) keeps them.
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "deps: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

if [ "$mode" = test ] && { [ ! -d tests/browser/node_modules/playwright-core ] ||
    [ ! -d tests/browser/node_modules/@seriousme/openapi-schema-validator ]; }; then
    echo "deps: installing playwright-core and the OpenAPI validator (npm)"
    (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
