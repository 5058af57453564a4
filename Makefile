# Kiezlotse: `make run` starts the assistant, `make test` runs every test. See README.md.
SHELL := /bin/bash
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
.DEFAULT_GOAL := help

APP_PY  := .venv/bin/python
RASA_PY := .venv-rasa/bin/python
RASA    := PYTHONPATH=$(CURDIR) PYTHONWARNINGS=ignore .venv-rasa/bin/rasa
MODEL    = $(shell $(APP_PY) -m ops.model path)
RASA_FILES := --domain domain --data data --config config.yml

.PHONY: help setup setup-production setup-test run run-production train test lint validate test-app test-rasa \
        test-core evaluate-nlu evaluate check-facts finetune bench bench-load lock translations flask places

help:
	@echo "make run    start the assistant (Rasa :5005, actions :5055, website :8000)"
	@echo "make run-production   the production topology: nginx :8000 in front of replicas, PostgreSQL, Redis"
	@echo "make test   run every test: lint, data validation, unit, integration, end-to-end, NLU and dialogue"
	@echo "other: setup train lint validate test-app test-rasa test-core evaluate-nlu bench lock translations"
	@echo "maintainers (MAINTAINING.md): evaluate check-facts finetune"

setup:
	@bash ops/setup.sh

setup-production:
	@bash ops/setup.sh --production

setup-test:
	@bash ops/setup.sh --test

train: setup
	@$(APP_PY) -m ops.model ensure

# Maintainers: a few new examples of existing intents; continues the newest model (MAINTAINING.md).
finetune: setup
	@$(APP_PY) -m ops.model finetune

# KIEZLOTSE_ENV=production make run is the same as make run-production.
run: train
	@if [ "$${KIEZLOTSE_ENV:-}" = production ]; then bash ops/setup.sh --production; fi
	@$(APP_PY) -m ops.stack

run-production:
	@KIEZLOTSE_ENV=production $(MAKE) --no-print-directory run

test: setup-test train lint validate test-app test-rasa test-core evaluate-nlu
	@echo "make test: all checks passed"

# mypy --strict on the shared rules and the actions (pyproject.toml: rasa-sdk has no type information)
lint:
	@.venv/bin/ruff check .
	@.venv/bin/mypy --strict programmes/ actions/

validate:
	@$(RASA) data validate $(RASA_FILES) --fail-on-warnings --quiet

test-app:
	@$(APP_PY) -m pytest -q -p no:cacheprovider tests/unit tests/integration tests/e2e

test-rasa:
	@$(RASA_PY) -m pytest -q -p no:cacheprovider --confcutdir=tests/rasa tests/rasa

test-core:
	@$(RASA) test core --stories tests/stories --model $(MODEL) --out results/core \
		--fail-on-prediction-errors --quiet

evaluate-nlu:
	@$(RASA_PY) -m bot.evaluate_nlu --model $(MODEL)

# Maintainers: results/report/ (per-intent scores, confusion matrices, entities, suite pass rate) compared
# with tests/nlu/baseline.json; fails on a regression. ARGS=--update-baseline accepts the report.
evaluate: train
	@PYTHONWARNINGS=ignore $(RASA_PY) -m bot.evaluation.report --model $(MODEL) $(ARGS)

# Maintainers: catalogue facts without source or period (fail), passed calls, ended periods, shared sources.
check-facts:
	@$(APP_PY) -m ops.check_facts $(ARGS)

bench: train
	@$(APP_PY) bench/run_all.py

# Load on both topologies at 1-200 concurrent conversations, CPU per message, ratio to a bare Rasa bot.
bench-load: train
	@bash ops/setup.sh --test
	@$(APP_PY) bench/bench_load.py

# Staff and maintainers: flask commands with make run's settings, e.g. make flask ARGS="create-staff anna"
flask: setup
	@$(APP_PY) -m ops.flask_cli $(ARGS)

# Maintainers: re-resolve the pinned locks after editing requirements/*.in (see README).
lock:
	@bash ops/lock.sh

# Maintainers: rebuild the place gazetteer programmes/places_de.tsv from GeoNames (ops/build_places.py).
places:
	@bash ops/places.sh

translations:
	@.venv/bin/pybabel extract -F webform/babel.cfg -k _l --no-location --omit-header -o webform/translations/messages.pot .
	@.venv/bin/pybabel update -i webform/translations/messages.pot -d webform/translations
	@.venv/bin/pybabel compile -d webform/translations
