# The whole set-up is `make demo` and `make test`; both create .venv on first use.
# Only Python >= 3.11 is needed: espeak-ng and ffmpeg come inside wheels.

PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
OUT ?= output
DEMO_ARTICLE ?= samples/energiegenossenschaft-de.txt
# the project's shared data (seed article, annotated corpus, saved pages): beside this folder, or
# beside the main checkout of a git worktree; `make check-seed SHARED=/path/to/shared` elsewhere
SHARED ?= $(firstword $(wildcard ../shared ../../shared) ../shared)

.PHONY: demo test test-fast test-clients bench check-seed check-quotes check-pages clean

$(INSTALLED): pyproject.toml
	@test -n "$(PYTHON)" || { echo "articlecast needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

demo: $(INSTALLED)
	$(BIN)/articlecast build $(DEMO_ARTICLE) --out $(OUT)
	@echo "Listen: $(OUT)/index.html   Subscribe: $(BIN)/articlecast serve $(OUT), then http://localhost:8000/feed.xml"

# Real podcast clients and servers for the end-to-end tests (Chromium, gPodder, OpenSSH's sshd for
# `publish --to sftp://`) and strace for the fault tests, from Debian packages, where this machine
# allows it; the tests that need them skip otherwise. The S3 server (SeaweedFS' weed) comes from PyPI
# with the test extra.
test-clients:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v gpo >/dev/null || missing="$$missing gpodder"; \
	  test -x /usr/sbin/sshd || missing="$$missing openssh-server"; \
	  command -v strace >/dev/null || missing="$$missing strace"; \
	  if [ -n "$$missing" ]; then \
	    echo "installing test clients:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null 2>&1 \
	      || echo "could not install$$missing; their tests will be skipped"; \
	  fi; \
	fi
	@# axe-core, the accessibility engine the browser test runs in the page (the test-extra's
	@# axe-core-python carries an older copy for machines without npm)
	@if command -v npm >/dev/null && [ ! -f $(VENV)/node/node_modules/axe-core/axe.min.js ]; then \
	  npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/node axe-core@4 >/dev/null 2>&1 \
	    || echo "could not install axe-core from npm; the browser test uses axe-core-python's copy"; \
	fi

test: $(TEST_INSTALLED) test-clients
	$(BIN)/ruff check articlecast tests bench
	$(BIN)/python -m pytest -q

# The fast lane for working on the code: without the builds of real episodes marked slow and the
# injected kills and full disks marked fault (CI runs `make test`, which runs everything).
test-fast: $(TEST_INSTALLED)
	$(BIN)/ruff check articlecast tests bench
	$(BIN)/python -m pytest -q -m "not slow and not fault"

bench: $(TEST_INSTALLED)
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

check-seed: $(INSTALLED)
	@test -f $(SHARED)/eval/seed_check.py || { echo "check-seed skipped: no $(SHARED)/eval (set SHARED=/path/to/shared)"; exit 0; } \
	  && $(BIN)/python $(SHARED)/eval/seed_check.py $(SHARED)/fixtures/china-tech-de.txt \
	  $(SHARED)/fixtures/china-tech-de.expected.json --cmd "$(BIN)/articlecast script"

# Real saved web pages (../shared/data/realpages-dev, read from there; skipped when absent):
# must-read snippets spoken, clutter not spoken, not-articles refused, no crash, no title read twice.
check-pages: $(INSTALLED)
	ARTICLECAST_SHARED=$(SHARED) $(BIN)/python bench/check_pages.py $(if $(PAGES),$(PAGES)) --cmd "$(BIN)/articlecast script"

check-quotes: $(INSTALLED)
	@test -f $(SHARED)/eval/quotes_eval.py || { echo "check-quotes skipped: no $(SHARED)/eval (set SHARED=/path/to/shared)"; exit 0; } \
	  && $(BIN)/python $(SHARED)/eval/quotes_eval.py $(SHARED)/data/gnqa-dev --cmd "$(BIN)/articlecast script"

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
