# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export BRIEFS_CORPUS ?= $(CURDIR)/briefs
export BRIEFS_INDEX  ?= $(CURDIR)/index

.PHONY: install run index test lint format bench clean

install: $(STAMP)

# Re-install only when the dependency pins change: a second `make install` is a no-op.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "briefs needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

index: install
	$(BIN)/briefs index

run: index
	$(BIN)/briefs

lint: install
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/ruff check tui tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff format tui tests bench
	$(BIN)/ruff check --fix tui tests bench

test: index lint
	$(BIN)/python -m pytest

bench: index
	$(BIN)/python -m bench

# The lock is every package of the venv, pinned (dev tools included); refresh after editing pins.
lock:
	$(BIN)/python -m pip freeze --exclude-editable --exclude briefs | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
	find index -mindepth 1 ! -name README.md -delete
