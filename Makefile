# Bootstraps everything from a bare Python 3.11+: a private uv, then the locked environment in .venv.
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never
# Installed packages come byte-compiled: every process (the bot, each CLI call, each test subprocess)
# would otherwise compile them again where PYTHONDONTWRITEBYTECODE is set.
export UV_COMPILE_BYTECODE := 1

.PHONY: demo test lint setup clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv

setup: $(UV)
	$(UV) sync --frozen --quiet

demo: setup
	$(UV) run --frozen planbot demo

test: setup
	$(UV) run --frozen pytest

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy .
	$(UV) run --frozen lint-imports

clean:
	rm -rf $(TOOLS) .venv
