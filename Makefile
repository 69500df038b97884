# Sinergia — the everyday commands. `make run` and `make test` need nothing but Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
LANGUAGES := es en fr pt

.PHONY: build worker eval-search eval-synergy eval-figures install run test test-postgres test-production test-scaleout test-browser browser office test-office test-api test-robustness lint format messages bench bench-smoke vendor clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: install
	$(BIN)/sinergia init
	$(BIN)/sinergia demo
	$(BIN)/sinergia serve --host $(HOST) --port $(PORT)

# The deploy step: static files collected and compressed once, so that `serve` starts at once.
build: install
	$(BIN)/sinergia build

# A worker for the background jobs, with the nightly schedule (needs REDIS_URL or
# CELERY_BROKER_URL; without one, jobs run in the process that asks for them).
worker: install
	$(BIN)/sinergia worker --beat

test: install
	env -u DATABASE_URL $(BIN)/pytest -m "not browser and not office and not robustness and not production and not scaleout"

test-postgres: install
	DATABASE_URL=$(DATABASE_URL) $(BIN)/pytest -m "not browser and not office and not robustness and not production and not scaleout"

# Two DEBUG=0 app servers and a worker on one throwaway PostgreSQL database (made and dropped on
# the server of DATABASE_URL) and Redis database 9: writes, limits, reports and a killed worker.
test-scaleout: install
	DATABASE_URL=$(DATABASE_URL) env -u REDIS_URL -u CELERY_BROKER_URL $(BIN)/pytest -m scaleout

# Debian's Chromium, driven by Playwright; installed once by the project itself.
browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
		else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi; }

test-browser: install browser
	env -u DATABASE_URL $(BIN)/pytest -m browser

# Debian's pdftotext and LibreOffice, to read the reports as their readers will.
office:
	@command -v pdftotext >/dev/null && command -v soffice >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q --no-install-recommends poppler-utils libreoffice-writer-nogui; \
		else sudo apt-get update -q && sudo apt-get install -y -q --no-install-recommends poppler-utils libreoffice-writer-nogui; fi; }

# Every attack of docs/security.md replayed against a DEBUG=0 gunicorn started by the tests.
test-production: install
	env -u DATABASE_URL $(BIN)/pytest -m production -s

# Faults: an import and a worker killed with SIGKILL, PostgreSQL restarted under a running server.
test-robustness: install
	$(BIN)/pytest -m robustness

# The whole API under schemathesis (no server error, no response outside the schema).
test-api: install
	bash .ci/api-fuzz

test-office: install office
	env -u DATABASE_URL $(BIN)/pytest -m office

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	env -u DATABASE_URL $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/sinergia data validate

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	cd sinergia && ../$(BIN)/django-admin makemessages $(addprefix -l ,$(LANGUAGES)) --no-obsolete --add-location file --ignore "data/*"
	cd sinergia && ../$(BIN)/django-admin compilemessages

bench: install
	env -u DATABASE_URL $(BIN)/python bench/run.py
	env -u DATABASE_URL $(BIN)/python bench/synergy.py
	env -u DATABASE_URL $(BIN)/python bench/search.py
	env -u DATABASE_URL $(BIN)/python bench/eval_search.py
	env -u DATABASE_URL $(BIN)/python bench/eval_synergy.py
	env -u DATABASE_URL $(BIN)/python bench/eval_figures.py
	env -u DATABASE_URL $(BIN)/python bench/statistics_import.py
	env -u DATABASE_URL $(BIN)/python bench/report.py
	env -u DATABASE_URL $(BIN)/python bench/pages.py
	env -u DATABASE_URL $(BIN)/python bench/load.py

# Search quality on the judged queries (tests/practices/eval/): recall@5, MRR and nDCG@10,
# overall, per language and across languages, against a plain BM25 baseline.
eval-search: install
	env -u DATABASE_URL $(BIN)/python bench/eval_search.py

# Coordination opportunities judged by people who know the field (tests/synergy/eval/):
# precision at 10 and the rank of each expected pair, as of today and as of 2023-05-09.
eval-synergy: install
	env -u DATABASE_URL $(BIN)/python bench/eval_synergy.py

# The figure check on real sentences (tests/statistics/eval/sentences.yaml): sentences and
# figures read fully right, precision and recall of the pairs (figure, place), per language.
eval-figures: install
	env -u DATABASE_URL $(BIN)/python bench/eval_figures.py

# Every benchmark, tiny and two at a time: each must still run to its figures.
bench-smoke: install
	env -u DATABASE_URL $(BIN)/python bench/smoke.py

clean:
	rm -rf $(VENV) var/ .pytest_cache .mypy_cache .ruff_cache

# Refresh the vendored front-end files from the npm registry (versions pinned in package.json).
vendor:
	npm install --no-audit --no-fund --ignore-scripts
	mkdir -p sinergia/static/vendor/vega
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js \
		node_modules/vega-embed/build/vega-embed.min.js sinergia/static/vendor/vega/
	for package in vega vega-lite vega-embed vega-interpreter; do \
		cp node_modules/$$package/LICENSE sinergia/static/vendor/vega/LICENSE-$$package; done
	# vega-interpreter ships as an ES module importing vega-util, whose functions the vega
	# build exposes: wrap it as a classic script reading them from the `vega` global.
	{ echo "(function (vega) {"; \
	  echo "const { ascending, isString, DisallowedObjectProperties } = vega;"; \
	  grep -v -e "^import " -e "^export " -e "sourceMappingURL" node_modules/vega-interpreter/build/vega-interpreter.js; \
	  echo "window.vegaInterpreter = { expressionInterpreter: expression };"; \
	  echo "})(window.vega);"; } > sinergia/static/vendor/vega/vega-interpreter.js
	# The source maps are not vendored: drop the comments that point at them, or the
	# production static-file manifest refuses the missing files.
	sed -i 's|//# sourceMappingURL=[^ ]*\.map||' sinergia/static/vendor/vega/*.js
	# axe-core runs only in the accessibility tests, never on Sinergia's pages.
	mkdir -p tests/browser/vendor
	cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE tests/browser/vendor/
