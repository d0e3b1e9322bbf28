import { test, expect, Page, APIRequestContext } from "@playwright/test";
import { ready, openTill, scan, pay, newSale } from "./helpers";

async function ownerApi(request: APIRequestContext) {
  const r = await request.post("/api/v1/auth/login", { data: { email: "owner@makmur.test", password: "demo1234" } });
  expect(r.ok()).toBeTruthy();
  return (await r.json()).csrf_token as string;
}

test("a cashier sells by search and scan, online and offline, and every sale reaches the server once", async ({ page, context, playwright, baseURL }) => {
  await openTill(page);

  // By search, then by scanning the same barcode twice (the second scan adds one more).
  await page.getByTestId("search").fill("indomie");
  await page.getByRole("button", { name: /Indomie Goreng/ }).click();
  await scan(page, "8991000000034");
  await scan(page, "8991000000034");
  const cart = page.getByTestId("cart");
  await expect(cart).toContainText("Teh Botol 350ml");
  await expect(cart.locator("tr", { hasText: "Teh Botol" }).getByLabel("Jumlah")).toHaveValue("2");
  // Rp3.500 + 2 × Rp5.000, PPN included: floor(13.500 × 11/111) = 1.337.
  await expect(page.getByTestId("grand-total")).toHaveText("Rp13.500");
  await expect(page.getByTestId("tax")).toHaveText("Rp1.337");

  // Cash with change.
  await pay(page, "Tunai", "20000");
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("change")).toHaveText("Rp6.500");
  await expect(page.getByTestId("sync-status")).toContainText("0 menunggu");

  // The demo's bread is all past its expiry: scanning it refuses the sale in words.
  await scan(page, "8991000001055");
  await expect(page.getByText(/Roti Tawar 400g: stok kedaluwarsa/)).toBeVisible();
  await expect(cart).not.toContainText("Roti Tawar");

  // A customer goes back for one more thing: hold her cart and serve the next customer.
  await scan(page, "8991000000034");
  await page.getByTestId("hold").click();
  await expect(cart).not.toContainText("Teh Botol");

  // Split tender: part QRIS, the rest in cash.
  await scan(page, "8991000000041");
  await expect(page.getByTestId("grand-total")).toHaveText("Rp18.500");
  // QRIS: the outlet's static QRIS becomes a dynamic one for Rp10.000, shown as a QR code;
  // the cashier confirms once the payment has arrived.
  await pay(page, "QRIS", "10000");
  const qr = page.getByTestId("qris-code");
  await expect(qr.locator("svg")).toBeVisible();
  const payload = await qr.getAttribute("data-payload");
  expect(payload).toMatch(/^000201010212/);
  expect(payload).toContain("540510000");
  expect(payload).toContain("Minimarket Makmur");
  await expect(page.getByTestId("remaining")).toHaveText("Rp18.500");
  await page.getByTestId("qris-paid").click();
  await expect(page.getByTestId("remaining")).toHaveText("Rp8.500");
  await pay(page, "Tunai");
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("change")).toHaveText("Rp0");
  await newSale(page);

  // She is back: recall the held cart and type the quantity (3 bottles now).
  await page.getByTestId("held").getByRole("button", { name: /Panggil #1/ }).click();
  await expect(cart).toContainText("Teh Botol 350ml");
  await cart.locator("tr", { hasText: "Teh Botol" }).getByLabel("Jumlah").fill("3");
  await page.getByTestId("amount").click();
  await expect(page.getByTestId("grand-total")).toHaveText("Rp15.000");
  await expect(page.getByTestId("held")).toHaveCount(0);
  await pay(page, "Tunai");
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("change")).toHaveText("Rp0");
  await expect(page.getByTestId("sync-status")).toContainText("0 menunggu");

  // The network drops, and the tablet even reloads the page: the till opens from the
  // service worker and IndexedDB and keeps selling; five more sales wait on the device.
  // (A tablet's worker has long finished its precache; this fresh one may still be at it.)
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await expect(page.getByTestId("cashier-name")).toHaveText("Dewi Lestari");
  await expect(page.getByTestId("device-info")).toContainText("Minimarket Makmur");
  for (let i = 0; i < 5; i++) {
    await scan(page, "8991000000027");
    await expect(page.getByTestId("grand-total")).toHaveText("Rp4.000");
    await pay(page, "Tunai");
    await page.getByTestId("finish").click();
    await expect(page.getByTestId("receipt")).toBeVisible();
  }
  await expect(page.getByTestId("sync-status")).toContainText("Offline");
  await expect(page.getByTestId("sync-status")).toContainText("5 menunggu");

  // Back online: the outbox empties by itself.
  await context.setOffline(false);
  await expect(page.getByTestId("sync-status")).toContainText("0 menunggu", { timeout: 30_000 });
  await expect(page.getByTestId("sync-status")).toContainText("Online");

  // The server has each sale exactly once, and stock moved by what was sold.
  const api = await playwright.request.newContext({ baseURL });
  await ownerApi(api);
  const outlets = await (await api.get("/api/v1/outlets")).json();
  const store = outlets.find((o: { code: string }) => o.code === "MKM1");
  const sales = await (await api.get(`/api/v1/sales?outlet_id=${store.id}`)).json();
  expect(sales.length).toBe(8);
  expect(new Set(sales.map((s: { receipt_no: string }) => s.receipt_no)).size).toBe(8);
  expect(sales.map((s: { receipt_no: string }) => s.receipt_no).sort()[0]).toMatch(/^MKM1-D\d\d-000001$/);
  const stock = await (await api.get(`/api/v1/outlets/${store.id}/stock`)).json();
  const qty = (sku: string) => stock.find((s: { sku: string }) => s.sku === sku).quantity;
  expect(qty("MIE-001")).toBe("49");
  expect(qty("TEH-350")).toBe("45");
  expect(qty("GULA-1KG")).toBe("49");
  expect(qty("AIR-600")).toBe("45");
  const report = await (await api.get(`/api/v1/reports/sales?outlet_id=${store.id}`)).json();
  expect(report.sales_count).toBe(8);
  expect(report.total).toBe("67000");
  await api.dispose();
});

test("a discount above the cashier's limit needs a manager's PIN; the customer is attached", async ({ page, playwright, baseURL }) => {
  await openTill(page);
  // Picked from the category grid, then the same bottle once more by scan.
  await page.getByTestId("categories").getByRole("button", { name: "Minuman" }).click();
  const results = page.getByTestId("results");
  await expect(results.getByRole("button")).toHaveCount(6);
  await results.getByRole("button", { name: /Teh Botol/ }).click();
  await scan(page, "8991000000034");
  await expect(page.getByTestId("grand-total")).toHaveText("Rp10.000");

  // A new customer, added at the till and attached to the sale.
  await page.getByTestId("customer-button").click();
  const picker = page.getByTestId("customer-picker");
  await picker.getByLabel("Nama", { exact: true }).fill("Budi Santoso");
  await picker.getByLabel("No. HP", { exact: true }).fill("0813-1111-2222");
  await picker.getByRole("button", { name: "Tambah pelanggan" }).click();
  await expect(page.getByTestId("customer")).toHaveText("Pelanggan: Budi Santoso");

  // 5% off the line is within her 10%: no manager needed.
  const cart = page.getByTestId("cart");
  await cart.locator("tr", { hasText: "Teh Botol" }).getByRole("button", { name: "Diskon barang" }).click();
  await page.getByTestId("discount-value").fill("5");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByTestId("grand-total")).toHaveText("Rp9.500");
  await expect(page.getByTestId("manager-approval")).toHaveCount(0);

  // Rp1.000 more off the sale makes 15%: the manager must approve with her PIN.
  await page.getByTestId("cart-discount").click();
  const editor = page.getByTestId("discount-editor");
  await editor.getByRole("button", { name: "Rupiah" }).click();
  await page.getByTestId("discount-value").fill("1000");
  await editor.getByRole("button", { name: "Terapkan" }).click();
  const approval = page.getByTestId("manager-approval");
  await expect(approval).toContainText("Diskon 15% melebihi batas kasir 10%");
  await expect(page.getByTestId("grand-total")).toHaveText("Rp9.500");
  await expect(approval.getByRole("button", { name: "Agus Pratama" })).toBeVisible();
  await approval.getByLabel("PIN manajer").fill("000000");
  await approval.getByRole("button", { name: "Setujui" }).click();
  await expect(page.getByRole("alert")).toContainText("PIN salah");
  await expect(page.getByTestId("grand-total")).toHaveText("Rp9.500");
  await approval.getByLabel("PIN manajer").fill("246810");
  await approval.getByRole("button", { name: "Setujui" }).click();
  await expect(page.getByTestId("approval")).toContainText("Agus Pratama");
  await expect(page.getByTestId("grand-total")).toHaveText("Rp8.500");
  await expect(page.getByTestId("discount")).toHaveText("−Rp1.500");

  await pay(page, "Tunai", "10000");
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("change")).toHaveText("Rp1.500");
  await expect(page.getByTestId("receipt")).toContainText("Budi Santoso");
  await expect(page.getByTestId("receipt")).toContainText("Disetujui: Agus Pratama");
  await expect(page.getByTestId("sync-status")).toContainText("0 menunggu");

  // The server has the sale with the approving manager and the customer's history.
  const api = await playwright.request.newContext({ baseURL });
  await ownerApi(api);
  const customers = await (await api.get("/api/v1/customers?q=budi")).json();
  expect(customers[0].phone).toBe("+6281311112222");
  const history = await (await api.get(`/api/v1/customers/${customers[0].id}/sales`)).json();
  expect(history.count).toBe(1);
  expect(history.total).toBe("8500");
  const sale = await (await api.get(`/api/v1/sales/${history.purchases[0].sale_id}`)).json();
  expect(sale.discount_total).toBe("1500");
  expect(sale.discount_approved_by).not.toBeNull();
  await api.dispose();
});

test("a sale the server refuses stays on the tablet, listed for a manager, and is not lost", async ({ page, context, playwright, baseURL }) => {
  await openTill(page);
  // Offline, a sale is made; before it is sent its stored totals are corrupted (as a till
  // with stale pricing rules would compute them), so the server refuses it on sync.
  await context.setOffline(true);
  await scan(page, "8991000000027");
  await pay(page, "Tunai");
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("sync-status")).toContainText("1 menunggu");
  const receipt = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open("satu-till");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const store = db.transaction("outbox", "readwrite").objectStore("outbox");
    const keys: IDBValidKey[] = await new Promise((ok) => {
      const r = store.getAllKeys();
      r.onsuccess = () => ok(r.result);
    });
    const entry = await new Promise<string>((ok) => {
      const r = store.get(keys[0]);
      r.onsuccess = () => ok(r.result);
    });
    const parsed = JSON.parse(entry);
    parsed.body.totals.grand_total = "3000";
    store.put(JSON.stringify(parsed), keys[0]);
    return parsed.body.receipt_no as string;
  });
  await context.setOffline(false);
  await expect(page.getByTestId("sync-status")).toContainText("1 ditolak", { timeout: 30_000 });
  await expect(page.getByTestId("sync-status")).toContainText("0 menunggu");
  await newSale(page);
  const refused = page.getByTestId("refused");
  await refused.getByRole("button", { name: /Penjualan ditolak server/ }).click();
  await expect(refused).toContainText(receipt);
  await expect(refused).toContainText("berbeda");

  const api = await playwright.request.newContext({ baseURL });
  await api.post("/api/v1/auth/login", { data: { email: "owner@makmur.test", password: "demo1234" } });
  const sales = await (await api.get("/api/v1/sales")).json();
  expect(sales.some((s: { receipt_no: string }) => s.receipt_no === receipt)).toBe(false);
  await api.dispose();
});

test("the same sale sent twice at once is stored once", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const csrf = await ownerApi(api);
  const outlets = await (await api.get("/api/v1/outlets")).json();
  const store = outlets.find((o: { code: string }) => o.code === "MKM1");
  const catalogue = await (await api.get(`/api/v1/outlets/${store.id}/catalogue`)).json();
  const teh = catalogue.products.find((p: { sku: string }) => p.sku === "TEH-350");
  const body = {
    client_sale_id: "0193a0f2-7b3c-7d4e-8f10-1234567890ab",
    outlet_id: store.id,
    receipt_no: "MKM1-API-000001",
    sold_at: new Date().toISOString(),
    lines: [{ product_id: teh.id, quantity: "1", unit_price: "5000" }],
    payments: [{ method: "cash", amount: "5000" }],
    totals: { subtotal: "5000", discount_total: "0", service_charge: "0", tax: "495", rounding: "0", grand_total: "5000", paid_total: "5000", change: "0" },
  };
  const headers = { "X-CSRF-Token": csrf };
  const [a, b] = await Promise.all([
    api.post("/api/v1/sales", { data: body, headers }),
    api.post("/api/v1/sales", { data: body, headers }),
  ]);
  expect([a.status(), b.status()].sort()).toEqual([200, 201]);
  expect((await a.json()).id).toBe((await b.json()).id);
  const again = await api.post("/api/v1/sales", { data: body, headers });
  expect(again.status()).toBe(200);
  const sales = await (await api.get(`/api/v1/sales?outlet_id=${store.id}`)).json();
  expect(sales.filter((s: { receipt_no: string }) => s.receipt_no === "MKM1-API-000001").length).toBe(1);
  await api.dispose();
});
