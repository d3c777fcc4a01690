# Corridor: `make run` serves the API, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint migrate openapi sdk bench demo worker clean install

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

# The OpenAPI lint needs Node 20 (>= 20.19); without it the step says so and fails.
lint: $(STAMP)
	$(BIN)/ruff check app tests migrations
	$(BIN)/ruff format --check app tests migrations
	scripts/openapi_lint.sh

test: lint
	$(BIN)/pytest -q

# The contract: export the app's document, then regenerate both SDKs from it. Commit
# all three; tests/contract fails when the app, the document or the SDKs disagree.
openapi: $(STAMP)
	$(BIN)/python -m app.openapi_export openapi/openapi.json

sdk: openapi
	scripts/sdk_generate.sh

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
