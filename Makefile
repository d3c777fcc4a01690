# Corridor: `make run` serves the API, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-heavy test-fast lint migrate openapi sdk bench bench-data fuzz demo worker clean install lifecycle-doc settings-doc

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# `make run PORT=8080` (or PORT in the environment) to serve on another port.
PORT ?= 8000
run: $(STAMP)
	$(BIN)/corridor serve --port $(PORT)

migrate: $(STAMP)
	$(BIN)/corridor migrate

DEMO_CASES ?= 300
demo: $(STAMP)
	$(BIN)/corridor demo --cases $(DEMO_CASES)

# Webhook deliveries on their own (`make run` already runs a worker in-process).
worker: $(STAMP)
	$(BIN)/corridor worker

# The OpenAPI lint needs Node 20 (>= 20.19); without it the step says so and fails.
lint: $(STAMP)
	$(BIN)/ruff check app tests migrations benchmarks examples scripts
	$(BIN)/ruff format --check app tests migrations benchmarks examples scripts
	$(BIN)/lint-imports
	scripts/openapi_lint.sh

# Then a subset again with the application role through PgBouncer in transaction mode
# (tests/pgbouncer.py; needs `apt-get install pgbouncer`, which .ci/run does).
PGBOUNCER_TESTS ?= tests/integration/test_feed_out_of_order.py tests/api/test_events_feed.py \
	tests/api/test_journeys.py tests/api/test_case_editing.py
# pytest-xdist: TEST_WORKERS processes (one per core by default), each on a database of
# its own; tests that write into the repository's tree share one worker (tests/conftest.py).
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --dist loadgroup
test: lint
	$(BIN)/pytest -q $(XDIST) -m "not heavy"
	$(BIN)/pytest -q $(XDIST) --through-pgbouncer $(PGBOUNCER_TESTS)

# The long runs `make test` leaves out to stay under 10 minutes on two cores (the bench
# harness end to end, a full disk, a slow webhook receiver, backups restored into new
# servers: tests marked `heavy`, tests/conftest.py). CI runs it after `make test`.
test-heavy: $(STAMP)
	$(BIN)/pytest -q $(XDIST) -m heavy

# The inner loop: domain and API tests on the ASGI app (no live server, no subprocess,
# no SDK toolchain), under 90 s; `make test` is still the whole suite, and CI runs it.
test-fast: $(STAMP)
	$(BIN)/pytest -q $(XDIST) -m "not e2e and not slow" tests/domain tests/api

# The contract: export the app's document, then regenerate both SDKs from it. Commit
# all three; tests/contract fails when the app, the document or the SDKs disagree.
openapi: $(STAMP)
	$(BIN)/python -m app.openapi_export openapi/openapi.json

sdk: openapi
	scripts/sdk_generate.sh

# Schemathesis with fresh random seeds and more examples per operation (slow).
fuzz: $(STAMP)
	CORRIDOR_SCHEMATHESIS_SEED=random CORRIDOR_SCHEMATHESIS_EXAMPLES=200 \
		$(BIN)/pytest -q tests/contract/test_schemathesis.py

# docs/settings.md, every setting with its default and meaning, from app/platform/settings.py.
settings-doc: $(STAMP)
	$(BIN)/python scripts/render_settings_doc.py

# The lifecycle table in docs/architecture.md, generated from app/domain/transitions.py.
lifecycle-doc: $(STAMP)
	$(BIN)/python scripts/render_lifecycle_doc.py

# Corridor against bare Starlette+asyncpg routes, pgbench, 2 processes against 1, lists at
# large against small data, feed drain, a mixed soak: ratios into benchmarks/RESULTS.md.
# Needs wrk for honest figures (apt-get install wrk); py-spy draws the flame graph.
BENCH_DURATION ?= 10
BENCH_SOAK ?= 60
BENCH_CASES ?= 1000000
# `make bench BENCH_ARGS=--quick`: the fixed-cost figures only (healthz, GET, transfer-unit,
# feed drain, CPU per request) on a 10,000-case data set, printed; a few minutes.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --duration $(BENCH_DURATION) --soak $(BENCH_SOAK) $(BENCH_ARGS)

# The large benchmark data set (BENCH_CASES cases with their events, stays and claims)
# through COPY; `make bench` reuses it.
bench-data: $(STAMP)
	$(BIN)/python -m benchmarks.data --cases $(BENCH_CASES)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
