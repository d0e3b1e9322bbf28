import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// (Named to run after the till and dashboard specs: its sale would change their counts.)
// CV Segar Jaya's eggs are consigned (titip jual) at Rp21.000 a pack: two sell at the till,
// the manager settles today's sales, and the supplier sees the same on its phone.
test("consigned eggs sold at the till are settled at the agreed price and shown to the supplier", async ({ page, browser, request }) => {
  const login = await request.post("/api/v1/auth/login", { data: { email: "kasir@makmur.test", password: "demo1234" } });
  const csrf = (await login.json()).csrf_token as string;
  const outlets = await (await request.get("/api/v1/outlets")).json();
  const outlet = outlets.find((o: { code: string }) => o.code === "MKM1").id;
  const catalogue = await (await request.get(`/api/v1/outlets/${outlet}/catalogue`)).json();
  const eggs = catalogue.products.find((p: { sku: string }) => p.sku === "TLR-10").id;
  const sale = await request.post("/api/v1/sales", {
    headers: { "X-CSRF-Token": csrf },
    data: {
      client_sale_id: "0192f000-0000-7000-8000-00000000c001",
      outlet_id: outlet,
      receipt_no: "MKM1-CONS-000001",
      sold_at: new Date().toISOString(),
      lines: [{ product_id: eggs, quantity: "2", unit_price: "28000" }],
      payments: [{ method: "cash", amount: "56000" }],
      totals: { subtotal: "56000", discount_total: "0", service_charge: "0", tax: "0", rounding: "0",
        grand_total: "56000", paid_total: "56000", change: "0" },
    },
  });
  expect(sale.status(), await sale.text()).toBeLessThan(300);
  // Today in WIB, the outlet's zone.
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/pembelian/pemasok");
  await ready(page);
  await page.getByTestId("supplier-list").getByRole("button", { name: "CV Segar Jaya" }).click();
  const card = page.getByTestId("consignment");
  await expect(card.getByTestId("consigned")).toContainText("Telur");
  await expect(card.getByTestId("consigned")).toContainText("Rp21.000");
  await card.getByTestId("settlement-form").getByTestId("outlet").selectOption({ label: "MKM1 · Minimarket Makmur" });
  await card.getByTestId("settle-from").fill(today);
  await card.getByTestId("settle-to").fill(today);
  await card.getByTestId("settle-preview").click();
  await expect(card.getByTestId("settlement-amount")).toHaveText("Rp42.000");
  await card.getByTestId("settle-submit").click();
  await expect(card.getByTestId("settlement-made")).toContainText("CS-");
  await expect(card.getByTestId("settlements")).toContainText("Rp42.000");
  // The same period again is refused in words.
  await card.getByTestId("settle-preview").click();
  await card.getByTestId("settle-submit").click();
  await expect(card.getByRole("alert")).toContainText("sudah diselesaikan");

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const sp = await phone.newPage();
  await signIn(sp, "supplier2@makmur.test");
  await expect(sp).toHaveURL(/\/pemasok$/);
  await ready(sp);
  const mine = sp.getByTestId("portal-consignment");
  await expect(mine.getByTestId("portal-sold")).toContainText("Telur");
  await expect(mine.getByTestId("settlements")).toContainText("Rp42.000");
  expect(await sp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await phone.close();
});
