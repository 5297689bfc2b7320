.PHONY: run test lint format bench

run:  ## Set up and run the portal with demo data (SQLite, in-process Celery, mail to files)
	scripts/run.sh

test:  ## Run the whole test suite on throwaway PostgreSQL and Redis, as CI does
	scripts/test.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .

bench:  ## Run every benchmark (see bench/README.md); results in bench/results/
	scripts/bench.sh
	scripts/bench-rush.sh
	scripts/bench-celery.sh
