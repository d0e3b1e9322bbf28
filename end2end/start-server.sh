#!/usr/bin/env bash
# Starts a fresh Satu (new SQLite file, demo data, demo mode) for the Playwright run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$HOME/.cache/satu-target}"
bin="${SATU_BIN:-$target/release/satu}"
dir="$(mktemp -d /tmp/satu-e2e.XXXXXX)"
export DATABASE_URL="sqlite://$dir/satu.db?mode=rwc"
export LEPTOS_SITE_ROOT="$root/target/site"
export LEPTOS_OUTPUT_NAME=satu
cd "$root"
"$bin" seed-demo
exec "$bin" serve --demo --addr "127.0.0.1:${SATU_E2E_PORT:-3100}"
