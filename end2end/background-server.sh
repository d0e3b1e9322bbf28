# Sourced by the scripts that need a Satu of their own (contract.sh, lighthouse.sh):
# `start_satu PORT LOG` starts a fresh one (start-server.sh: new SQLite file, demo data)
# on PORT, stops it when the script exits, and waits until it answers (else prints LOG).
start_satu() {
  local port="$1" log="$2"
  SATU_E2E_PORT="$port" bash "$(dirname "${BASH_SOURCE[0]}")/start-server.sh" >"$log" 2>&1 &
  SATU_SERVER_PID=$!
  trap 'kill "$SATU_SERVER_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  cat "$log"
  return 1
}
