#!/usr/bin/env bash
# Build a generated marketplace of N people on one database and benchmark it.
#
#   bench/suite.sh 10000 sqlite        # var/bench/10000.sqlite3
#   bench/suite.sh 1000000 postgresql  # database twoway_1000000 on 127.0.0.1:5432
#   SOAK=5 bench/suite.sh 1000000 sqlite   # also a 5-minute soak at 70% of capacity
#
# An existing database of that size is reused (delete it, or set REGENERATE=1, to rebuild).
# Reports (JSON) go to bench/results/; the generation log to bench/results/generate-*.log.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:?usage: bench/suite.sh PEOPLE sqlite|postgresql}
DB=${2:?usage: bench/suite.sh PEOPLE sqlite|postgresql}
SECONDS_PER_ENDPOINT=${BENCH_SECONDS:-15}
mkdir -p var/bench bench/results
export SECRET_KEY=${SECRET_KEY:-bench-secret-key} DEBUG=false ALLOWED_HOSTS=127.0.0.1,localhost
# Email is built but not sent (an SMTP server's latency is not Twoway's to measure).
export EMAIL_BACKEND=${EMAIL_BACKEND:-django.core.mail.backends.dummy.EmailBackend}
case "$DB" in
  sqlite)
    export DATABASE_URL="sqlite:///$PWD/var/bench/$N.sqlite3"
    if [[ ${REGENERATE:-0} == 1 ]]; then rm -f "var/bench/$N.sqlite3"*; fi
    fresh=$([[ -f var/bench/$N.sqlite3 ]] && echo 0 || echo 1)
    ;;
  postgresql)
    PG=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
    export DATABASE_URL="$PG/twoway_$N"
    if [[ ${REGENERATE:-0} == 1 ]]; then psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS twoway_$N"; fi
    if psql "$PG/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'twoway_$N'" | grep -q 1; then
      fresh=0
    else
      psql "$PG/postgres" -qc "CREATE DATABASE twoway_$N"
      fresh=1
    fi
    ;;
  *) echo "database must be sqlite or postgresql" >&2; exit 2 ;;
esac
TWOWAY=.venv/bin/twoway
if [[ $fresh == 1 ]]; then
  $TWOWAY migrate --no-input -v 0
  $TWOWAY generate --users "$N" | tee "bench/results/generate-$DB-$N.log"
fi
# Read the database's files once so the page cache holds them: a run that reads from disk
# measures the disk (SQLite waits for it while holding its write lock). PostgreSQL's files are
# read when this user may (root, or the postgres account).
case "$DB" in
  sqlite) cat "var/bench/$N.sqlite3" > /dev/null ;;
  postgresql)
    dir=$(psql "$PG/postgres" -tAc "SHOW data_directory" 2>/dev/null || true)
    oid=$(psql "$PG/postgres" -tAc "SELECT oid FROM pg_database WHERE datname = 'twoway_$N'")
    if [[ -n $dir && -r $dir/base/$oid ]]; then cat "$dir/base/$oid"/* > /dev/null; fi
    ;;
esac
$TWOWAY bench --seconds "$SECONDS_PER_ENDPOINT" --label "$DB-$N" \
  --out "bench/results/bench-$DB-$N.json"
if [[ -n ${SOAK:-} ]]; then
  $TWOWAY bench --soak "$SOAK" --out "bench/results/soak-$DB-$N.json"
fi
