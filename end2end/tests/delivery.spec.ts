import { test, expect, Page } from "@playwright/test";
import { ready } from "./helpers";

type Entry = { path: string; transfer: number; encoded: number; decoded: number };

const MAIN_WASM = /^\/b\/[0-9a-f]{16}\/pkg\/satu\.wasm$/;
const YEAR = "public, max-age=31536000, immutable";

/** What the page (or the worker) fetched, as Resource Timing saw it: `transfer` is 0 for
 * an answer taken from the browser's cache. */
function entries(): Entry[] {
  return (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((e) => ({
    path: new URL(e.name).pathname,
    transfer: e.transferSize,
    encoded: e.encodedBodySize,
    decoded: e.decodedBodySize,
  }));
}

async function pageEntries(page: Page) {
  return page.evaluate(entries);
}

test("build files go compressed, under the build's address, cached for a year; the WASM downloads once on a first visit", async ({ page, request, context }) => {
  const worker = context.waitForEvent("serviceworker");
  await page.goto("/masuk");
  await ready(page);

  // The page fetched the till's WASM once, brotli-compressed (well under half its size).
  const wasm = (await pageEntries(page)).filter((e) => MAIN_WASM.test(e.path));
  expect(wasm).toHaveLength(1);
  expect(wasm[0].encoded).toBeGreaterThan(0);
  expect(wasm[0].encoded).toBeLessThan(wasm[0].decoded / 2);

  // As served: brotli or gzip as asked, cached a year at the build's address; the same
  // file at its plain address must be revalidated.
  for (const encoding of ["br", "gzip"]) {
    const r = await request.get(wasm[0].path, { headers: { "Accept-Encoding": encoding } });
    expect(r.status()).toBe(200);
    expect(r.headers()["content-encoding"]).toBe(encoding);
    expect(r.headers()["cache-control"]).toBe(YEAR);
  }
  const plain = await request.get(wasm[0].path.replace(/^\/b\/[0-9a-f]+/, ""));
  expect(plain.status()).toBe(200);
  expect(plain.headers()["cache-control"]).toBe("no-cache");
  // Pages, the API and the worker are compressed too, and never cached as immutable.
  for (const path of ["/masuk", "/api/openapi.json", "/sw.js"]) {
    const r = await request.get(path, { headers: { "Accept-Encoding": "br" } });
    expect(r.status(), path).toBe(200);
    expect(r.headers()["content-encoding"], path).toBe("br");
    expect(r.headers()["cache-control"] ?? "", path).not.toContain("immutable");
  }

  // The worker's precache takes the WASM from the browser's cache: no second download.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const sw = await worker;
  const precached = (await sw.evaluate(entries)).filter((e) => MAIN_WASM.test(e.path));
  expect(precached.length).toBeGreaterThan(0);
  for (const e of precached) expect(e.transfer).toBe(0);

  const downloaded = [...(await pageEntries(page)), ...(await sw.evaluate(entries))].filter((e) => e.path.includes("/pkg/"));
  const bytes = downloaded.reduce((sum, e) => sum + e.transfer, 0);
  console.log(`first visit: ${downloaded.filter((e) => e.transfer > 0).length} build files downloaded, ${bytes} B on the wire; main WASM ${wasm[0].encoded} B (${wasm[0].decoded} B unpacked)`);
});
