#!/usr/bin/env bash
# Builds and runs every test: unit, store (SQLite and a throwaway PostgreSQL 15 on loopback),
# HTTP integration, translation catalogs and browser tests in Chromium. Fails when any fails.
# Usage: scripts/test.sh [release|debug]   (debug: AddressSanitizer + UndefinedBehaviorSanitizer)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}

cmake --preset "$preset"
cmake --build --preset "$preset"
scripts/build-static.sh

pg_dir=$(mktemp -d /tmp/buurtplein-pg-XXXXXX)
cleanup() { scripts/pg-test.sh stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
BUURTPLEIN_TEST_POSTGRES=$(scripts/pg-test.sh start "$pg_dir")
export BUURTPLEIN_TEST_POSTGRES

echo "== translation catalogs"
node scripts/check-catalogs.mjs

echo "== unit, store (SQLite + PostgreSQL) and HTTP tests"
ctest --preset "$preset" -j2

echo "== browser tests (Chromium)"
BUURTPLEIN_BIN="build/$preset/buurtplein" node --test --test-concurrency=1 tests/e2e/

echo "All tests passed."
