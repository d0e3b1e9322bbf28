import { test, expect } from "@playwright/test";
import { ready } from "./helpers";

test("the app is installable, precaches a versioned shell and tells of a new version without reloading", async ({ page, request }) => {
  // Manifest and icons.
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest.short_name).toBe("Satu");
  expect(manifest.start_url).toBe("/kasir");
  expect(manifest.display).toBe("standalone");
  expect(manifest.theme_color).toMatch(/^#/);
  const sizes = manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? " " + i.purpose : ""}`);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512", "512x512 maskable"]));
  for (const icon of manifest.icons) {
    const r = await request.get(icon.src);
    expect(r.status()).toBe(200);
    expect(r.headers()["content-type"]).toContain("image/png");
  }

  // The worker carries this build's version and is never cached by the browser.
  const sw = await request.get("/sw.js");
  expect(sw.headers()["cache-control"]).toBe("no-cache");
  const source = await sw.text();
  const version = /const VERSION = "([0-9a-f]{16})"/.exec(source)?.[1];
  expect(version).toBeTruthy();
  // Every file of the build is listed: the till's WASM and the chunks of the pages that
  // load lazily (a page opened offline needs its chunk from this same build).
  const pkg: string[] = JSON.parse(/const PKG = (\[[^\]]*\]);/.exec(source)?.[1] ?? "[]");
  // The build's files at an address that names the build (/b/<version>/pkg/…), so they
  // may be cached for a year.
  for (const ext of ["wasm", "js", "css"]) {
    expect(pkg).toContain(`/b/${version}/pkg/satu.${ext}`);
  }
  expect(pkg.filter((f) => f.endsWith(".wasm")).length).toBeGreaterThan(1);

  await page.goto("/masuk");
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await ready(page);
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const cached = await page.evaluate(async (v) => {
    const cache = await caches.open(`satu-shell-${v}`);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  }, version);
  expect(cached).toEqual(expect.arrayContaining(["/kasir", ...pkg]));

  // Chromium's own installability check (what the install prompt and Lighthouse use).
  // Playwright's browser contexts are incognito, which Chromium always lists; nothing else
  // (manifest, icons, worker, secure origin) may be missing.
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors.filter((e: { errorId: string }) => e.errorId !== "in-incognito")).toEqual([]);

  // A new worker taking over: a notice, no reload until the cashier taps it.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await page.evaluate(() => navigator.serviceWorker.dispatchEvent(new Event("controllerchange")));
  const banner = page.getByTestId("update-banner");
  await expect(banner).toContainText("Versi baru Satu sudah siap");
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  await banner.getByRole("button", { name: "Muat ulang" }).click();
  await page.waitForLoadState("load");
  await ready(page);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
});
