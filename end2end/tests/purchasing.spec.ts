import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// The minimarket buys: the manager turns the reorder list into an order to PT Sumber
// Pangan and sends it; the supplier, on its phone, confirms a delivery date and marks it
// shipped; the goods arrive short and are received with their batch and expiry.
test("an order from the reorder list is confirmed and shipped by the supplier on a phone, then received in part with batch and expiry", async ({ page, browser }) => {
  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/pembelian");
  await ready(page);
  // The demo's orders: one sent, one partly received.
  await expect(page.getByTestId("po-list")).toContainText("Diterima sebagian");
  await expect(page.getByTestId("po-list")).toContainText("PT Sumber Pangan");

  // Sugar and coffee are at their reorder points; PT Sumber Pangan supplies both.
  const reorder = page.getByTestId("reorder").first();
  await expect(reorder).toContainText("Gula Pasir 1kg");
  await expect(reorder).toContainText("5 bal (100 pcs)");
  await page.getByTestId("reorder-order").first().click();
  const detail = page.getByTestId("po-detail");
  await expect(detail.getByTestId("po-status")).toHaveText("Draf");
  await expect(detail).toBeInViewport();
  // 5 bal × Rp300.000 + 5 karton × Rp210.000, and 11% PPN masukan.
  await expect(detail.getByTestId("po-total")).toHaveText("Rp2.830.500");
  await expect(detail.getByRole("link", { name: "Kirim lewat WhatsApp" })).toHaveAttribute("href", /^https:\/\/wa\.me\/6281234500001\?text=/);
  await detail.getByTestId("po-send").click();
  await expect(detail.getByTestId("po-status")).toHaveText("Terkirim ke pemasok");
  const number = (await detail.locator("h2").innerText()).split(" · ")[0];
  expect(number).toMatch(/^PO-\d{6}-\d{4}$/);

  // The supplier, on a 360 px phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const sp = await phone.newPage();
  await signIn(sp, "supplier@makmur.test");
  await expect(sp).toHaveURL(/\/pemasok$/);
  await ready(sp);
  await sp.getByTestId("portal-orders").getByRole("button", { name: number }).click();
  const spDetail = sp.getByTestId("po-detail");
  await expect(spDetail.getByTestId("po-status")).toHaveText("Terkirim ke pemasok");
  await spDetail.getByTestId("po-confirm").getByLabel("Tanggal kirim").fill("2026-12-20");
  await spDetail.getByTestId("po-confirm").getByRole("button", { name: "Konfirmasi pesanan" }).click();
  await expect(spDetail.getByTestId("po-status")).toHaveText("Dikonfirmasi pemasok");
  await expect(spDetail.getByTestId("po-delivery-on")).toHaveText("20 Des 2026");
  await spDetail.getByTestId("po-ship").getByLabel("No. surat jalan").fill("SJ-E2E-01");
  await spDetail.getByTestId("po-ship").getByRole("button", { name: "Tandai dikirim" }).click();
  await expect(spDetail.getByTestId("po-delivery-note")).toHaveText("SJ-E2E-01");
  expect(await sp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await phone.close();

  // The goods come short: 30 of the 60 packs of coffee, with batch and expiry; nothing
  // else yet (the other lines set to 0; the till's tests count the other products' stock).
  await page.reload();
  await ready(page);
  await page.getByTestId("po-list").getByRole("button", { name: number }).click();
  await expect(detail.getByTestId("po-delivery-note")).toHaveText("SJ-E2E-01");
  const receive = detail.getByTestId("po-receive");
  const qtys = receive.getByTestId("receive-qty");
  for (let i = 0; i < (await qtys.count()); i++) await qtys.nth(i).fill("0");
  const coffee = receive.locator("tr", { hasText: "Kopi Bubuk 165g" });
  await coffee.getByTestId("receive-qty").fill("30");
  await coffee.getByTestId("receive-batch").fill("KP-2612");
  await coffee.getByTestId("receive-expiry").fill("2027-06-30");
  await receive.getByTestId("receive-save").click();
  await expect(detail.getByTestId("po-status")).toHaveText("Diterima sebagian");
  await expect(detail.getByTestId("po-receipts")).toContainText("KP-2612");
  await expect(detail.getByTestId("po-receipts")).toContainText("30 Jun 2027");
  await expect(detail.getByTestId("po-lines").locator("tr", { hasText: "Kopi Bubuk 165g" })).toContainText("30 / 60 pcs");

  // More than is still outstanding is refused in words.
  for (let i = 0; i < (await qtys.count()); i++) await qtys.nth(i).fill("0");
  await receive.locator("tr", { hasText: "Kopi Bubuk 165g" }).getByTestId("receive-qty").fill("31");
  await receive.getByTestId("receive-save").click();
  await expect(detail.getByRole("alert")).toContainText("melebihi");
});
