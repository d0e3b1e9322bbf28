#!/usr/bin/env bash
# Lighthouse (simulated mobile: slow 4G, 4× CPU) on the sign-in page and on the till, as
# served by a release build with demo data: performance score, LCP, TBT, CLS and bytes.
# Lighthouse comes from the npm registry on first use (npx). Figures are printed, not
# asserted: the issue's goal is ≥ 90 performance and CLS < 0.1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${SATU_LH_PORT:-3210}"
out="$(mktemp -d /tmp/satu-lh.XXXXXX)"
source "$here/background-server.sh"
start_satu "$port" "$out/server.log"

# The till as a cashier finds it on a registered tablet in the morning: signed in (the
# manager), the tablet registered to the minimarket (device cookie), a shift open, so
# /kasir opens on the selling screen.
jar="$out/cookies"
api="http://127.0.0.1:$port/api/v1"
csrf="$(curl -fsS -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"manager@makmur.test","password":"demo1234"}' "$api/auth/login" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).csrf_token))')"
outlet="$(curl -fsS -b "$jar" "$api/outlets" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).find(o=>o.industry==="retail").id))')"
post() { curl -fsS -b "$jar" -c "$jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" -d "$2" "$api$1" >/dev/null; }
post /devices "{\"outlet_id\":\"$outlet\",\"name\":\"Tablet Lighthouse\"}"
post /shifts "{\"id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"outlet_id\":\"$outlet\",\"opening_float\":\"200000\",\"opened_at\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}"
# (curl writes HttpOnly cookies as comment-like `#HttpOnly_` lines.)
cookie="$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')"

run() {
  local name="$1" path="$2" headers="$3"
  CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}" npx --yes lighthouse@12.2.3 \
    "http://127.0.0.1:$port$path" --quiet --only-categories=performance \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --extra-headers="$headers" --output=json --output-path="$out/$name.json" >/dev/null 2>&1
  node -e '
    const r = require(process.argv[1]);
    if (!r.finalDisplayedUrl.endsWith(process.argv[2])) console.log(`(${process.argv[2]} ended at ${r.finalDisplayedUrl})`);
    const a = r.audits;
    const n = (id) => a[id] && a[id].numericValue;
    console.log(`${process.argv[2].padEnd(8)} performance ${Math.round(r.categories.performance.score * 100)}` +
      `  FCP ${(n("first-contentful-paint") / 1000).toFixed(1)} s  LCP ${(n("largest-contentful-paint") / 1000).toFixed(1)} s` +
      `  TBT ${Math.round(n("total-blocking-time"))} ms  CLS ${n("cumulative-layout-shift").toFixed(3)}` +
      `  bytes ${n("total-byte-weight")}`);
  ' "$out/$name.json" "$path"
}
echo "Lighthouse 12.2.3, simulated mobile (reports in $out):"
run masuk /masuk '{}'
run kasir /kasir "{\"Cookie\": \"$cookie\"}"
