# Two commands for a newcomer: `make run` and `make test`. Both are safe to run again.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test install migrate content lint format e2e clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing python3-venv (Debian ships venv separately)..."; \
			apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
		else \
			echo "Could not create a virtual environment. On Debian/Ubuntu run: sudo apt-get install python3-venv"; exit 1; \
		fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# The project is not an importable package (apps run from this folder), so a plain install
	@# only brings in the dependencies.
	$(BIN)/python -m pip install --quiet '.[dev]'
	@touch $(STAMP)

install: $(STAMP)
	@# The site's own copy of mermaid (pinned, integrity-checked; see markup/vendor.py).
	@DEBUG=1 $(BIN)/python manage.py fetch_mermaid || echo "mermaid not fetched: diagrams show as source."

migrate: install
	@mkdir -p "$${VAR_DIR:-var}"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput

content: migrate
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_default_content

# The site and one task worker beside it (search updates, emails); stopping one stops both.
run: content
	@echo "Serving on http://127.0.0.1:$(PORT)/ (with a task worker)"
	@export DEBUG=$${DEBUG:-1}; \
	$(BIN)/python manage.py db_worker --interval 0.5 --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, in parallel; DATABASE_URL picks the database (SQLite when unset).
test: install
	$(BIN)/pytest -n $${TEST_WORKERS:-2} --dist worksteal $(PYTEST_ARGS)

e2e: install
	$(BIN)/pytest tests/e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf var .pytest_cache tests/e2e/screenshots
