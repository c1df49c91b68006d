# The two commands of the README:
#   make render   installs what is missing, builds, and renders the book into output/
#   make test     runs every test: swift test, render check, the guide, and the HTML, search and PDF checks
# and to put render on PATH:
#   make install [PREFIX=~/.local]   render in PREFIX/bin, its chapter runtime in PREFIX/lib/render
#                                    (the CONFIG build: add CONFIG=release for an optimized render)
#   make uninstall [PREFIX=~/.local] removes both
SWIFT ?= swift
CONFIG ?= debug
PREFIX ?= $(HOME)/.local
BIN := .build/$(CONFIG)
RENDER := $(BIN)/render

.PHONY: setup setup-test build render check test install uninstall bench bench-cecore clean

setup:
	@scripts/setup

setup-test:
	@scripts/setup --test

build: setup
	$(SWIFT) build -c $(CONFIG)

render: build
	$(RENDER)

check: build
	$(RENDER) check

# render check first: it also builds the book's package (CECore), which the
# end-to-end tests then share instead of all waiting for its first build.
# --strict: every display and prose number of the book is checked or says why not.
# The user guide (guide/, a book of its own) renders into guide/output/, with --strict too,
# and its own search must find every heading word and 300 prose words of it (scripts/search-words).
test: setup-test build
	$(RENDER) check --strict
	$(RENDER) --book guide --strict --quiet
	$(SWIFT) test -c $(CONFIG)
	CECORE_ISA=baseline $(SWIFT) test -c $(CONFIG) --skip-build --filter CECoreTests
	scripts/mutation-test --render $(RENDER)
	scripts/mutation-test --render $(RENDER) --chapters Tests/TutorialTests/Fixtures/published-math/chapters
	$(RENDER) --quiet
	$(RENDER) pdf --quiet
	scripts/check-site output
	scripts/search-words guide/output

install: build
	scripts/install "$(PREFIX)" $(BIN)

uninstall:
	scripts/install --uninstall "$(PREFIX)"

bench: setup
	scripts/bench
	$(SWIFT) run -c release cebench --runs 3

bench-cecore:
	$(SWIFT) run -c release cebench

clean:
	rm -rf .build output .render-cache .output.render-lock guide/output guide/.render-cache guide/.output.render-lock
