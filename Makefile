# Satu — two commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# Build cache outside the checkout, so a fresh clone (and CI) reuses compiled crates.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/satu-target
export LEPTOS_OUTPUT_NAME := satu
# npm's binaryen@123 wasm-opt (what cargo-leptos expects) must come before any other.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

SATU_ADDR ?= 127.0.0.1:3000
DATABASE_URL ?= sqlite://data/satu.db?mode=rwc
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3}' Cargo.lock)
SATU = $(CARGO_TARGET_DIR)/release/satu

.PHONY: run test setup build check-rust e2e contract bench bench-short size lighthouse

## Install what is missing: wasm32 target, cargo-leptos, wasm-bindgen-cli, npm packages, Chromium.
setup:
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if ! cargo leptos --version >/dev/null 2>&1; then \
	  echo "Installing cargo-leptos (about 15 minutes on 2 cores)…"; \
	  if rustup toolchain list | grep -q nightly; then cargo +nightly install cargo-leptos --locked; \
	  else cargo install cargo-leptos; fi; \
	fi
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)…"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi
	@if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -x end2end/node_modules/.bin/wasm-opt ] \
	    || [ ! -d end2end/node_modules/@axe-core/playwright ]; then \
	  (cd end2end && npm ci --no-audit --no-fund); \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	  else sudo apt-get update && sudo apt-get install -y chromium; fi; \
	fi

build: setup
	# --split: pages other than the till load their own WASM chunk when first opened.
	# --precompress: a .br and a .gz beside every build file, sent as the browser accepts.
	cargo leptos build --release --split --precompress

## Run Satu on an embedded SQLite file with demo data; prints the URL.
run: build
	DATABASE_URL='$(DATABASE_URL)' $(SATU) seed-demo
	@echo ""
	@echo "  Buka Satu di:  http://$(SATU_ADDR)"
	@echo "  Masuk sebagai owner@makmur.test (atau akun demo lain di README), kata sandi demo1234"
	@echo ""
	DATABASE_URL='$(DATABASE_URL)' LEPTOS_SITE_ROOT=target/site $(SATU) serve --demo --addr $(SATU_ADDR)

## Rust checks and tests: fmt, clippy, unit/property tests, server integration tests
## (SQLite always; PostgreSQL too when DATABASE_URL=postgres://…), domain for wasm32.
check-rust: setup
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace
	cargo build -p domain --target wasm32-unknown-unknown

## Playwright flows in Debian's Chromium against a release build.
e2e: build
	cd end2end && npx playwright test

## The till's first load (WASM+JS+CSS, brotli) against its 400 KB budget; lists the lazy chunks.
size: build
	node end2end/first-load.mjs

## The API contract: schemathesis fuzzes /api/openapi.json (owner and anonymous; 0 × 5xx,
## every answer as documented). Installs schemathesis from PyPI when missing.
contract: build
	bash end2end/contract.sh

## The sales report on a small generated history, once (figures printed, not asserted).
bench-short: build
	DAYS=35 OUTLETS=1 SALES=60 MEMBERS=50 PRODUCTS=300 RUNS=2 bash end2end/report-bench.sh

## Every test: Rust, then Playwright, then the API contract, then the short benchmark.
test: check-rust e2e size contract bench-short

## Lighthouse (simulated mobile) on /masuk and /kasir: performance, LCP, TBT, CLS, bytes.
lighthouse: build
	bash end2end/lighthouse.sh

## Benchmarks (figures printed, not asserted): domain criterion and till search in Chromium.
bench: build
	cargo bench -p domain --bench domain -- --warm-up-time 1 --measurement-time 3
	cargo run --release -p server --example sales_load -- 20 50
	cd end2end && npx playwright test -c playwright.bench.config.ts
