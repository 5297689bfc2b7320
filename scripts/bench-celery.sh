#!/usr/bin/env bash
# Benchmark the work done by Celery workers (see bench/README.md): the programme generation
# (HTML + PDF, bench/bench_programme.py) and a mailing of 1,000 messages delivered by a real
# Celery worker to a local SMTP sink (bench/bench_mailing.py), on a throwaway PostgreSQL and
# Redis on loopback ports. Both benchmarks run even if the first fails; the script exits with
# the first non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/system-packages.sh
scripts/venv.sh requirements-dev.txt

# shellcheck source=scripts/services.sh
source scripts/services.sh
status=0
.venv/bin/python bench/bench_programme.py || status=$?
mailing=0
.venv/bin/python bench/bench_mailing.py || mailing=$?
[ "$status" -ne 0 ] || status=$mailing
exit "$status"
