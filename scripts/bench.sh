#!/usr/bin/env bash
# Benchmark the public pages (see bench/README.md): gunicorn with DEBUG off on a throwaway
# PostgreSQL (and Redis) on loopback ports, against /healthz on the same gunicorn, cold and
# warm, and an in-process profile of the slowest pages (bench/results/latest.md and
# profile.md). Extra arguments go to bench/bench_pages.py, e.g.
# scripts/bench.sh --duration 5 --threads 2.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/system-packages.sh
scripts/venv.sh requirements-dev.txt

# shellcheck source=scripts/services.sh
source scripts/services.sh
.venv/bin/python bench/bench_pages.py "$@"
