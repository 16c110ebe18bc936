#!/usr/bin/env bash
# Durable single-row writes, side by side on the same disk:
#   1. the raw SQLite floor: a C loop doing the same two inserts per transaction (user + audit row)
#      over the same schema, WAL, synchronous=FULL;
#   2. the store: the "Durable user + audit row per transaction" benchmark through SQLiteAccountStore.
# Usage: Benchmarks/floor/durable-writes.sh [ITERATIONS]   (run from anywhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
iterations="${1:-2000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/iamstore-floor.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cat "$root"/Migrations/*.sql > "$work/schema.sql"
cc -O2 -o "$work/durable_writes" "$here/durable_writes.c" -lsqlite3
"$work/durable_writes" "$work/floor.sqlite" "$iterations" "$work/schema.sql"

cd "$root/Benchmarks"
TMPDIR="$work" swift package --allow-writing-to-directory "$work" benchmark --target StoreWrites --format markdown --no-progress
