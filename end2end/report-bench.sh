#!/usr/bin/env bash
# The sales report on a busy history: a fresh SQLite file with the demo data plus
# `satu seed-volume` (DAYS × OUTLETS × SALES sales, ≈ 5 lines each), then
# `GET /api/v1/reports/sales` for one day, one week and one month of one outlet and
# `GET /api/v1/dashboard` for today, this month and 30 days of all outlets, RUNS times
# each, as the owner: median and p95 in ms, or the status when it fails.
# `SATU_BIN=/path/to/satu` measures another build (the code before a change, say).
# `BENCH_DATABASE_URL=postgres://…/satu_bench` measures on that (empty) database instead of
# a fresh SQLite file; `SEED=0` skips seeding, to measure a database filled before.
# `MEMBERS` koperasi members join over the days with their savings and loans (default 5000).
# `PRODUCTS`: the store's catalogue is brought to that many products (default 20000), each
# with a year of stock movements at every outlet (weekly receipts, the baskets' sales),
# suppliers, reorder points and open orders; then `GET /reorder-suggestions`,
# `GET /stock-valuation` and the busiest product's `GET /products/{id}/stock-card` of one
# outlet are timed too.
#
#   DAYS=365 OUTLETS=3 SALES=500 PRODUCTS=20000 RUNS=5 bash end2end/report-bench.sh   # the issue's year
#   DAYS=35 OUTLETS=1 SALES=60 PRODUCTS=300 RUNS=2 bash end2end/report-bench.sh       # short (make test)
# Figures are printed, not asserted. A request that fails is reported, and the script then
# exits 1 at the end (every report and year-end computation must work at this scale);
# `STRICT=0` only reports (measuring the code before a change, which may fail).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$HOME/.cache/satu-target}"
bin="${SATU_BIN:-$target/release/satu}"
days="${DAYS:-365}" outlets="${OUTLETS:-3}" sales="${SALES:-500}" runs="${RUNS:-5}"
members="${MEMBERS:-5000}" products="${PRODUCTS:-20000}"
port="${SATU_BENCH_PORT:-3230}"
dir="$(mktemp -d /tmp/satu-bench.XXXXXX)"
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$dir"' EXIT
export DATABASE_URL="${BENCH_DATABASE_URL:-sqlite://$dir/satu.db?mode=rwc}"
export LEPTOS_SITE_ROOT="$root/target/site" LEPTOS_OUTPUT_NAME=satu
backend=SQLite
case "$DATABASE_URL" in postgres*) backend=PostgreSQL ;; esac
if [ "${SEED:-1}" != 0 ]; then
  "$bin" seed-demo >/dev/null
  # The code before the koperasi's volume had no --members, before purchasing's no --products.
  volume=(--days "$days" --outlets "$outlets" --sales-per-day "$sales")
  help="$("$bin" seed-volume --help)"
  if grep -q -- --members <<<"$help"; then volume+=(--members "$members"); fi
  if grep -q -- --products <<<"$help"; then volume+=(--products "$products"); fi
  "$bin" seed-volume "${volume[@]}"
fi
[ -f "$dir/satu.db" ] && echo "database: $(du -h "$dir/satu.db" | cut -f1)"
"$bin" serve --demo --addr "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 1
done
api="http://127.0.0.1:$port/api/v1"
jar="$dir/cookies"
curl -fsS -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"owner@makmur.test","password":"demo1234"}' "$api/auth/login" >/dev/null
outlet="$(curl -fsS -b "$jar" "$api/outlets" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).find(o=>o.industry==="retail").id))')"
yesterday="$(date -u -d yesterday +%F)"
measure() {
  local name="$1" from="$2"
  measure_url "$name" "$api/reports/sales?outlet_id=$outlet&from=$from&to=$yesterday"
}
failed=0
measure_url() {
  local name="$1" url="$2" times=() status
  for _ in $(seq 1 "$runs"); do
    read -r status secs < <(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' "$url")
    if [ "$status" != 200 ]; then
      printf '  %-14s HTTP %s after %.0f ms\n' "$name" "$status" "$(awk -v s="$secs" 'BEGIN{print s*1000}')"
      failed=$((failed + 1))
      return
    fi
    times+=("$(awk -v s="$secs" 'BEGIN{print s*1000}')")
  done
  node -e '
    const t = process.argv.slice(2).map(Number).sort((a, b) => a - b);
    const q = (p) => t[Math.min(t.length - 1, Math.ceil(p * t.length) - 1)];
    console.log(`  ${process.argv[1]}`.padEnd(17) + ` min ${t[0].toFixed(0)} ms  median ${q(0.5).toFixed(0)} ms  p95 ${q(0.95).toFixed(0)} ms  (${t.length} runs)`);
  ' "$name" "${times[@]}"
}
echo "GET /reports/sales, one outlet, $backend, ending $yesterday:"
measure day "$yesterday"
measure week "$(date -u -d '7 days ago' +%F)"
measure month "$(date -u -d '30 days ago' +%F)"
month_start="$(date -u -d "$yesterday" +%Y-%m-01)"
echo "GET /dashboard, all outlets, compared with the previous period, $backend:"
measure_url "today" "$api/dashboard"
measure_url "this month" "$api/dashboard?from=$month_start&to=$yesterday"
measure_url "last 30 days" "$api/dashboard?from=$(date -u -d '30 days ago' +%F)&to=$yesterday"
echo "Year-end on the same data (the koperasi's loan portfolio; the SHU draft adds up the year's store sales):"
measure_url "portfolio" "$api/loan-reports/portfolio"
csrf="$(sed 's/^#HttpOnly_//' "$jar" | awk '$6 == "satu_csrf" {print $7}')"
year="$(date -u -d "$yesterday" +%Y)"
read -r status secs < <(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' \
  -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
  -d "{\"year\": $year, \"shu_total\": \"10000000\", \"allocation\": [{\"name\": \"Cadangan\", \"percent\": \"50\"}, {\"name\": \"Jasa modal\", \"percent\": \"25\"}, {\"name\": \"Jasa usaha\", \"percent\": \"25\"}], \"jasa_modal_pool\": \"Jasa modal\", \"jasa_usaha_pool\": \"Jasa usaha\"}" \
  "$api/shu-closings")
printf '  %-14s HTTP %s in %.0f ms (once)\n' "shu $year" "$status" "$(awk -v s="$secs" 'BEGIN{print s*1000}')"
# A second run on the same database finds the year's draft already there (409).
case "$status" in 200 | 201 | 409) ;; *) failed=$((failed + 1)) ;; esac
echo "Stock of one outlet, $backend (reorder list, valuation of every product, the busiest product's stock card):"
measure_url "reorder" "$api/reorder-suggestions?outlet_id=$outlet"
measure_url "valuation" "$api/stock-valuation?outlet_id=$outlet"
# VOL-00001 sells the most (purchasing's volume); without it, the first product listed.
busy="$(curl -fsS -b "$jar" "$api/products?q=VOL-00001&limit=1" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log((JSON.parse(s).items[0]||{}).id||""))')"
if [ -z "$busy" ]; then
  busy="$(curl -fsS -b "$jar" "$api/products?limit=1" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log((JSON.parse(s).items[0]||{}).id||""))')"
fi
measure_url "stock card" "$api/products/$busy/stock-card?outlet_id=$outlet"
echo "The koperasi's members (first page of the list) and the superadmin's platform dashboard (30 days, every tenant):"
measure_url "members" "$api/members"
curl -fsS -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"superadmin@satu.test","password":"demo1234"}' "$api/auth/login" >/dev/null
measure_url "platform" "$api/platform/dashboard?days=30"
if [ "$failed" -gt 0 ] && [ "${STRICT:-1}" != 0 ]; then
  echo "report-bench: $failed request(s) failed" >&2
  exit 1
fi
