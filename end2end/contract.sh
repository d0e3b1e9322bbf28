#!/usr/bin/env bash
# The API contract: schemathesis fuzzes every operation in /api/openapi.json against a fresh
# Satu (new SQLite file, demo data), as the owner (API token) and anonymously, and fails on
# any 5xx and on any answer the document does not describe (status, content type, schema).
# Bounded: about two minutes. Installs schemathesis from PyPI when it is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="4.32.5"
if ! st --version 2>/dev/null | grep -q "$version"; then
  echo "Installing schemathesis $version…"
  python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$version"
fi

port="${SATU_CONTRACT_PORT:-3120}"
base="http://127.0.0.1:$port"
log="$(mktemp /tmp/satu-contract.XXXXXX.log)"
source "$here/background-server.sh"
start_satu "$port" "$log"

# The owner's API token, made the way a developer makes one (sign in, then POST /tokens).
jar="$(mktemp)"
curl -fs -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"owner@makmur.test","password":"demo1234"}' "$base/api/v1/auth/login" >/dev/null
csrf="$(awk '$6 == "satu_csrf" {print $7}' "$jar")"
token="$(curl -fs -b "$jar" -H "x-csrf-token: $csrf" -H 'content-type: application/json' \
  -d '{"name":"schemathesis"}' "$base/api/v1/tokens" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')"
rm -f "$jar"

# Signing out and revoking tokens would end the owner's run half-way; both are tested in
# the server's own tests.
args=(
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
  --phases examples,coverage,fuzzing
  --max-examples "${SATU_CONTRACT_EXAMPLES:-20}"
  --generation-deterministic
  --exclude-path /api/v1/auth/logout
  --exclude-path '/api/v1/tokens/{id}'
  --no-color
)
# schemathesis keeps a cache in the working directory; keep it out of the checkout.
cd "$(mktemp -d /tmp/satu-schemathesis.XXXXXX)"
echo "schemathesis as the owner:"
st run "$base/api/openapi.json" --url "$base" -H "Authorization: Bearer $token" "${args[@]}"
echo "schemathesis anonymously:"
st run "$base/api/openapi.json" --url "$base" "${args[@]}"
