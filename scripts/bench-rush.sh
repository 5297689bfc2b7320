#!/usr/bin/env bash
# Benchmark the opening-minute rush of a speakers list (see bench/README.md): 245 signed-in
# focal points inscribe at once on gunicorn with DEBUG off, on a throwaway PostgreSQL (and
# Redis) on loopback ports. Extra arguments go to bench/bench_rush.py, e.g.
# scripts/bench-rush.sh --rounds 1 --workers 2.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/system-packages.sh
scripts/venv.sh requirements-dev.txt

# shellcheck source=scripts/services.sh
source scripts/services.sh
.venv/bin/python bench/bench_rush.py "$@"
