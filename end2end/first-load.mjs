// The till's first load: what a tablet downloads to open /kasir (the main WASM, its JS
// glue, the split loader and the CSS), brotli-compressed as served: the build's own `.br`
// files (cargo leptos --precompress) where they exist. Lazy chunks (other
// pages, till panels) are listed but not counted: they load after the till is live.
// Fails above the budget, so the first load cannot grow unnoticed.
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// 400 KB until the purchasing module's pages (three routes, a menu and generic view code
// they share with the catalogue) added about 3 KB; merging them into fewer chunks was
// measured and made it 40 KB worse (more code shared by two chunks lands here).
// The 460 KB of 2026-12-07 night was not the new pages' code: the WASM splitter had
// given up moving the lazy pages' strings out of the main module ("Overlong segment 0"),
// which app/src/lib.rs's WASM_SPLIT_SLACK now prevents (406,447 B after it). A jump of
// tens of KB here means the splitter gave up again.
const BUDGET_BYTES = 410_000;
const pkg = fileURLToPath(new URL("../target/site/pkg", import.meta.url));
if (!existsSync(pkg)) {
  console.error(`no build at ${pkg}: run make build first`);
  process.exit(1);
}
const br = (file) =>
  existsSync(join(pkg, `${file}.br`))
    ? statSync(join(pkg, `${file}.br`)).size
    : brotliCompressSync(readFileSync(join(pkg, file)), {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length;
const files = readdirSync(pkg).filter((f) => !f.endsWith(".br") && !f.endsWith(".gz"));
// `satu.wasm` or, with hash-files, `satu.<hash>.wasm`.
const main = (ext) => files.filter((f) => new RegExp(`^satu(\\.[\\w-]+)?\\.${ext}$`).test(f));
const first = [...main("wasm"), ...main("js"), ...main("css"), ...files.filter((f) => f.startsWith("__wasm_split") && f.endsWith(".js"))];
if (main("wasm").length !== 1) {
  console.error(`expected one main WASM in ${pkg}, found ${main("wasm").join(", ") || "none"}`);
  process.exit(1);
}
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
  console.log(`  ${f.replace(/_\d+(\.[\w-]+)?\.wasm$/, "").padEnd(40)} ${String(br(f)).padStart(9)} B`);
}
if (total > BUDGET_BYTES) {
  console.error(`the till's first load is ${total} B, over the ${BUDGET_BYTES} B budget`);
  process.exit(1);
}
