// The till's first load: what a tablet downloads to open /kasir (the main WASM, its JS
// glue, the split loader and the CSS), brotli-compressed as served. Lazy chunks (other
// pages, till panels) are listed but not counted: they load after the till is live.
// Fails above the budget, so the first load cannot grow unnoticed.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET_BYTES = 400_000;
const pkg = fileURLToPath(new URL("../target/site/pkg", import.meta.url));
if (!existsSync(pkg)) {
  console.error(`no build at ${pkg}: run make build first`);
  process.exit(1);
}
const br = (file) =>
  brotliCompressSync(readFileSync(join(pkg, file)), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
const files = readdirSync(pkg);
const first = ["satu.wasm", "satu.js", "satu.css", ...files.filter((f) => f.startsWith("__wasm_split") && f.endsWith(".js"))];
let total = 0;
console.log("till first load (brotli q11):");
for (const f of first) {
  const size = br(f);
  total += size;
  console.log(`  ${f.padEnd(40)} ${String(size).padStart(9)} B`);
}
console.log(`  ${"total".padEnd(40)} ${String(total).padStart(9)} B  (budget ${BUDGET_BYTES} B)`);
const chunks = files.filter((f) => f.startsWith("split_") && f.endsWith(".wasm"));
console.log(`lazy chunks, loaded when first used (${chunks.length}, brotli):`);
for (const f of chunks.sort()) {
  console.log(`  ${f.replace(/_\d+\.wasm$/, "").padEnd(40)} ${String(br(f)).padStart(9)} B`);
}
if (total > BUDGET_BYTES) {
  console.error(`the till's first load is ${total} B, over the ${BUDGET_BYTES} B budget`);
  process.exit(1);
}
