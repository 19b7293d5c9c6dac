# seedpress: run "make" or "make help" for the targets.

SHELL := bash
.DEFAULT_GOAL := help

GO       ?= go
FUZZTIME ?= 15s
SEEDS    ?= seeds
DIST     ?= dist

.PHONY: help build test dist bench bench-dataset schema fuzz clean

help: ## list the targets (the default)
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z-]*:.*## / { printf "  make %-7s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

build: ## build the command into bin/seedpress
	$(GO) build -o bin/seedpress ./cmd/seedpress

test: ## go vet, then every test (the validators must be installed: see .ci/run)
	$(GO) vet ./...
	$(GO) test -timeout 30m ./...
	cd third_party/fpdf && $(GO) vet . && $(GO) test .
	cd third_party/go-epub && $(GO) vet . && $(GO) test .

dist: build ## publish seeds/ into dist/ (SOURCE_DATE_EPOCH: environment, else last commit, else book.yaml date)
	./bin/seedpress build --seeds $(SEEDS) --out $(DIST)

bench: ## run the benchmark harness, and what tagging costs the PDF
	$(GO) run ./cmd/seedbench
	$(GO) test ./exporters/pdf -run '^$$' -bench Tagging -benchtime 3x

bench-dataset: ## the dataset alone at 1,000, 10,000 and 100,000 documents (482 MB of text; some minutes)
	$(GO) run ./cmd/seedbench -formats dataset -sizes 1000,10000,100000

schema: ## regenerate the record types' comments (go generate) and the committed JSON Schemas in schema/
	$(GO) generate ./exporters/dataset
	$(GO) run ./cmd/seedpress schema --out schema

fuzz: ## run every Fuzz* target of the module for FUZZTIME each (default 15s), one at a time
	GO=$(GO) FUZZTIME=$(FUZZTIME) bash .ci/fuzz

clean: ## remove bin/ and dist/
	rm -rf bin $(DIST)
