#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint, migrations, then pytest on a throwaway
# PostgreSQL and Redis with a real Celery worker and Chromium. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/system-packages.sh
scripts/venv.sh requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
HLM_DEBUG=true .venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "Model changes without a migration: run manage.py makemigrations." >&2; exit 1; }

HLM_DEBUG=true .venv/bin/python manage.py compilemessages --ignore=.venv -v0

# shellcheck source=scripts/services.sh
source scripts/services.sh
export HLM_REQUIRE_SERVICES=1
export DJANGO_ALLOW_ASYNC_UNSAFE=true
.venv/bin/python -m pytest "$@"
