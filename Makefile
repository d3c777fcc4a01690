# Corridor: `make run` serves the API, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint migrate openapi sdk bench fuzz demo worker clean install

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/corridor serve

migrate: $(STAMP)
	$(BIN)/corridor migrate

demo: $(STAMP)
	$(BIN)/corridor demo

# Webhook deliveries on their own (`make run` already runs a worker in-process).
worker: $(STAMP)
	$(BIN)/corridor worker

# The OpenAPI lint needs Node 20 (>= 20.19); without it the step says so and fails.
lint: $(STAMP)
	$(BIN)/ruff check app tests migrations benchmarks examples
	$(BIN)/ruff format --check app tests migrations benchmarks examples
	$(BIN)/lint-imports
	scripts/openapi_lint.sh

test: lint
	$(BIN)/pytest -q

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

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
