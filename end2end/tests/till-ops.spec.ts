import { test, expect, Page, APIRequestContext } from "@playwright/test";
import { spawn } from "node:child_process";
import path from "node:path";
import { ready, openTill, scan, pay, signIn, newSale } from "./helpers";

async function signInApi(request: APIRequestContext, email: string) {
  const r = await request.post("/api/v1/auth/login", { data: { email, password: "demo1234" } });
  expect(r.ok()).toBeTruthy();
}

async function receiptNumber(page: Page) {
  const heading = await page.getByTestId("receipt").locator("h2").innerText();
  const no = /([A-Z0-9]+-D\d\d-\d{6})/.exec(heading)?.[1];
  expect(no).toBeTruthy();
  return no as string;
}

/** Requests still waiting on the tablet (IndexedDB `satu-till`/`outbox`). */
async function outboxSize(page: Page) {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open("satu-till");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const store = db.transaction("outbox", "readonly").objectStore("outbox");
    const n = await new Promise<number>((ok) => {
      const r = store.count();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    return n;
  });
}

async function managerPin(panel: ReturnType<Page["getByTestId"]>) {
  await panel.getByRole("button", { name: "Agus Pratama" }).click();
  await panel.getByLabel("PIN manajer").fill("246810");
}

test("a shift: float in, sell cash and QRIS, refund one line, cash out, close with a counted amount", async ({ page, request, browser, baseURL }) => {
  test.setTimeout(60_000);
  await openTill(page, "200.000");
  await expect(page.getByTestId("shift-info")).toContainText("Rp200.000");

  // Two bottles of water for cash (Rp8.000, paid Rp10.000), one noodle by QRIS (Rp3.500).
  await scan(page, "8991000000027");
  await scan(page, "8991000000027");
  await expect(page.getByTestId("grand-total")).toHaveText("Rp8.000");
  await pay(page, "Tunai", "10000");
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("change")).toHaveText("Rp2.000");
  const cashReceipt = await receiptNumber(page);
  // The struk as it prints: same text the browser's print dialog would show.
  await expect(page.getByTestId("receipt").getByTestId("slip")).toContainText(cashReceipt);

  await scan(page, "8991000000010");
  await pay(page, "QRIS");
  await page.getByTestId("qris-paid").click();
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("change")).toHaveText("Rp0");

  // A rung-up item taken off again before payment is a recorded void.
  await scan(page, "8991000000041");
  await page.getByTestId("cart").getByRole("button", { name: "Kurangi" }).click();
  await expect(page.getByTestId("cart")).not.toContainText("Gula");
  await expect(page.getByTestId("sync-status")).toContainText("0 menunggu");

  // Refund one of the two bottles: found by receipt number, a manager's PIN, back in cash.
  await page.getByTestId("ops-refund").click();
  const refund = page.getByTestId("refund-panel");
  await refund.getByTestId("refund-receipt").fill(cashReceipt);
  await refund.getByRole("button", { name: "Cari" }).click();
  await expect(refund.getByTestId("refund-lines")).toContainText("Air Mineral 600ml");
  await refund.getByLabel("Jumlah refund baris 1").fill("1");
  await expect(refund.getByTestId("refund-total")).toContainText("Rp4.000");
  await expect(refund.getByTestId("refund-total")).toContainText("Tunai Rp4.000");
  await refund.getByTestId("refund-reason").fill("Segel rusak");
  // A wrong PIN is refused on the spot and nothing is refunded.
  await refund.getByRole("button", { name: "Agus Pratama" }).click();
  await refund.getByLabel("PIN manajer").fill("111111");
  await refund.getByTestId("refund-save").click();
  await expect(refund.getByRole("alert")).toHaveText("PIN salah.");
  await refund.getByLabel("PIN manajer").fill("246810");
  await refund.getByTestId("refund-save").click();
  await expect(refund.getByTestId("refund-message")).toContainText(/Refund [A-Z0-9]+-D\d\d-R00001 · Rp4\.000/);
  await expect(refund.getByTestId("slip")).toContainText("TOTAL REFUND");
  await expect(refund.getByTestId("slip")).toContainText("Alasan: Segel rusak");

  // Buying ice for the cooler: Rp25.000 out of the drawer (within the cashier's limit).
  await page.getByTestId("ops-cash").click();
  const cash = page.getByTestId("cash-panel");
  await cash.getByTestId("cash-amount").fill("25000");
  await cash.getByTestId("cash-reason").fill("Beli es batu");
  await cash.getByTestId("cash-save").click();
  await expect(cash.getByTestId("cash-done")).toContainText("Kas keluar Rp25.000 — Beli es batu");
  // Above Rp100.000 a manager's PIN is asked for.
  await cash.getByTestId("cash-amount").fill("150000");
  await expect(cash).toContainText("perlu PIN manajer");

  // Close: 200.000 + 8.000 cash sales − 4.000 cash refund − 25.000 out = 179.000 expected;
  // the drawer holds 178.000.
  await page.getByTestId("ops-close").click();
  const close = page.getByTestId("close-panel");
  for (const [label, count] of [["Rp100.000", "1"], ["Rp50.000", "1"], ["Rp20.000", "1"], ["Rp5.000", "1"], ["Rp2.000", "1"], ["Rp1.000", "1"]]) {
    await close.getByLabel(label, { exact: true }).fill(count);
  }
  await expect(close.getByTestId("counted-total")).toHaveText("Rp178.000");
  await close.getByTestId("close-save").click();
  const report = close.getByTestId("shift-report");
  await expect(report.getByTestId("expected-cash")).toHaveText("Rp179.000");
  await expect(report.getByTestId("counted-cash")).toHaveText("Rp178.000");
  await expect(report.getByTestId("difference")).toHaveText("−Rp1.000");
  await expect(report.getByTestId("report-sales")).toHaveText("Rp11.500");
  await expect(report.getByTestId("report-refunds")).toHaveText("Rp4.000");
  await expect(report.getByTestId("slip")).toContainText("LAPORAN SHIFT");
  await expect(report.getByTestId("slip")).toContainText("Batal (1)");
  await close.getByTestId("close-done").click();
  // The next cashier starts with a new shift.
  await expect(page.getByTestId("shift-open")).toBeVisible();

  // The manager sees the shift with its difference, and the day's report nets the refund.
  await signInApi(request, "manager@makmur.test");
  const outlets = await (await request.get("/api/v1/outlets")).json();
  const outlet = outlets.find((o: { code: string }) => o.code === "MKM1").id;
  const shifts = await (await request.get(`/api/v1/shifts?outlet_id=${outlet}`)).json();
  const mine = shifts.find((s: { difference: string | null; expected_cash: string | null }) => s.expected_cash === "179000");
  expect(mine.difference).toBe("-1000");
  const full = await (await request.get(`/api/v1/shifts/${mine.id}`)).json();
  expect(full.voids_count).toBe(1);
  expect(full.by_tender).toEqual([{ method: "cash", amount: "8000" }, { method: "qris", amount: "3500" }]);
  expect(full.refunds_by_tender).toEqual([{ method: "cash", amount: "4000" }]);

  // On the manager's laptop.
  const laptop = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: "id-ID", timezoneId: "Asia/Jakarta" });
  const office = await laptop.newPage();
  await signIn(office, "manager@makmur.test");
  await expect(office).toHaveURL(/\/dasbor$/);
  await office.goto("/shift");
  await ready(office);
  const row = office.getByTestId("shift-list").locator("tr", { hasText: "Rp179.000" });
  await expect(row).toContainText("Rp178.000");
  await row.getByRole("button", { name: "Dewi Lestari" }).click();
  await expect(office.getByTestId("shift-report").getByTestId("difference")).toHaveText("−Rp1.000");
  await laptop.close();
});

test("a refund made offline reaches the server once", async ({ page, context, request }) => {
  await openTill(page);
  await scan(page, "8991000000027");
  await pay(page, "Tunai", "5000");
  await page.getByTestId("finish").click();
  const receipt = await receiptNumber(page);
  await expect.poll(() => outboxSize(page), { timeout: 20_000 }).toBe(0);
  await newSale(page);

  await context.setOffline(true);
  await page.getByTestId("ops-refund").click();
  const refund = page.getByTestId("refund-panel");
  await refund.getByTestId("refund-receipt").fill(receipt);
  await refund.getByRole("button", { name: "Cari" }).click();
  await refund.getByRole("button", { name: "Semua" }).click();
  await refund.getByLabel("Barang kembali ke stok").uncheck();
  await refund.getByTestId("refund-reason").fill("Botol bocor");
  await managerPin(refund);
  await refund.getByTestId("refund-save").click();
  await expect(refund.getByTestId("refund-message")).toContainText("menunggu sinkron");
  await expect(page.getByTestId("sync-status")).toContainText("1 menunggu");
  // Offline, the tablet knows the bottle is refunded: a second refund is refused.
  await refund.getByTestId("refund-receipt").fill(receipt);
  await refund.getByRole("button", { name: "Cari" }).click();
  await expect(refund.getByLabel("Jumlah refund baris 1")).toBeDisabled();

  await context.setOffline(false);
  await expect.poll(() => outboxSize(page), { timeout: 30_000 }).toBe(0);
  await page.reload();
  await ready(page);
  await expect(page.getByTestId("sync-status")).toContainText("0 menunggu");

  await signInApi(request, "manager@makmur.test");
  const found = await (await request.get(`/api/v1/sales/lookup?receipt_no=${receipt}`)).json();
  expect(found.refunds).toHaveLength(1);
  expect(found.refunds[0].total).toBe("4000");
  expect(found.refunds[0].restock).toBe(false);
});

test("the service worker serves the till after the server is stopped and the page reloaded", async ({ browser }) => {
  // A server of our own, so stopping it leaves the shared one running for other tests.
  const port = 3107;
  const root = path.resolve(__dirname, "..", "..");
  const server = spawn("bash", [path.join(root, "end2end", "start-server.sh")], {
    cwd: root,
    env: { ...process.env, SATU_E2E_PORT: String(port) },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 1280, height: 800 },
      locale: "id-ID",
      timezoneId: "Asia/Jakarta",
    });
    const page = await context.newPage();
    await openTill(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await scan(page, "8991000000027");
    await pay(page, "Tunai");
    await page.getByTestId("finish").click();
    await expect(page.getByTestId("receipt")).toBeVisible();
    await expect.poll(() => outboxSize(page), { timeout: 20_000 }).toBe(0);

    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    expect(await fetch(`${base}/api/health`).then(() => "up", () => "down")).toBe("down");

    await page.reload();
    await ready(page);
    await expect(page.getByTestId("cashier-name")).toHaveText("Dewi Lestari");
    await expect(page.getByTestId("ops")).toBeVisible();
    await scan(page, "8991000000027");
    await pay(page, "Tunai");
    await page.getByTestId("finish").click();
    await expect(page.getByTestId("receipt")).toBeVisible();
    await expect(page.getByTestId("sync-status")).toContainText("Offline · 1 menunggu");
    await context.close();
  } finally {
    if (server.exitCode === null) server.kill("SIGTERM");
  }
});
