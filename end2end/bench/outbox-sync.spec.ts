import { test, expect } from "@playwright/test";
import { openTill, pay, ready, scan } from "../tests/helpers";

const N = 1_000;

test(`${N} sales queued offline sync once the network is back`, async ({ page, context, playwright, baseURL }) => {
  await openTill(page);

  // Offline: one sale through the till, then the outbox is filled to N with copies of it
  // (new client ids and receipt numbers), as if the tablet had sold all day without Wi-Fi.
  await context.setOffline(true);
  await scan(page, "8991000000034");
  await pay(page, "Tunai");
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("sync-status")).toContainText("1 menunggu");
  await page.evaluate(async (n) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open("satu-till");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all: string[] = await new Promise((ok, fail) => {
      const r = db.transaction("outbox").objectStore("outbox").getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const first = JSON.parse(all[0]);
    const tx = db.transaction("outbox", "readwrite");
    const store = tx.objectStore("outbox");
    // UUID v7 keys keep the outbox in time order, like the till's own ids.
    const base = Date.now();
    for (let i = 1; i < n; i++) {
      const copy = JSON.parse(JSON.stringify(first));
      const ms = (base + i).toString(16).padStart(12, "0");
      const rand = crypto.randomUUID().replace(/-/g, "");
      const id = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${rand.slice(0, 3)}-8${rand.slice(3, 6)}-${rand.slice(6, 18)}`;
      copy.sale.client_sale_id = id;
      copy.sale.receipt_no = `${first.sale.receipt_no}-B${String(i).padStart(5, "0")}`;
      store.put(JSON.stringify(copy), id);
    }
    await new Promise((ok, fail) => {
      tx.oncomplete = ok;
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, N);
  await page.reload();
  await ready(page);
  await expect(page.getByTestId("sync-status")).toContainText(`${N} menunggu`, { timeout: 60_000 });

  const t0 = Date.now();
  await context.setOffline(false);
  await expect(page.getByTestId("sync-status")).toContainText("Online · 0 menunggu", { timeout: 180_000 });
  const seconds = (Date.now() - t0) / 1000;
  console.log(`${N} queued sales synced in ${seconds.toFixed(1)} s (${(N / seconds).toFixed(0)} sales/s, one request at a time)`);

  const api = await playwright.request.newContext({ baseURL });
  await api.post("/api/v1/auth/login", { data: { email: "owner@makmur.test", password: "demo1234" } });
  const outlets = await (await api.get("/api/v1/outlets")).json();
  const store = outlets.find((o: { code: string }) => o.code === "MKM1");
  const report = await (await api.get(`/api/v1/reports/sales?outlet_id=${store.id}`)).json();
  expect(report.sales_count).toBe(N);
  await api.dispose();
  expect(seconds).toBeLessThan(60);
});
