import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// The owner keeps the books with suppliers: the aging shows CV Segar Jaya's bread a month
// overdue, its statement adds up; PT Sumber Pangan's invoice for the 48 karton of milk
// that came is matched to the receipt and paid in part; the supplier sees it on its phone.
test("a supplier invoice is matched to its receipt and paid in part; the aging, the statement and the supplier's portal agree", async ({ page, browser }) => {
  await signIn(page, "owner@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/pembelian/tagihan");
  await ready(page);
  const aging = page.getByTestId("aging");
  const segar = aging.locator("tr", { hasText: "CV Segar Jaya" });
  // Rp345.000 billed 39 days ago on 7 days' terms, Rp100.000 paid: 32 days overdue.
  await expect(segar.locator("td").nth(3)).toHaveText("Rp245.000");
  await expect(page.getByTestId("invoice-list")).toContainText("SJ/INV/1187");
  await expect(page.getByTestId("invoice-list")).toContainText("hari lewat jatuh tempo");

  await segar.getByTestId("statement-open").click();
  const statement = page.getByTestId("statement");
  await expect(statement.getByTestId("statement-entries")).toContainText("Faktur SJ/INV/1187");
  await expect(statement.getByTestId("statement-entries")).toContainText("Pembayaran SJ/INV/1187");
  await expect(statement.getByTestId("statement-closing")).toHaveText("Rp245.000");

  // The milk: the partly received order's receipt, billed as it came.
  const form = page.getByTestId("invoice-form");
  const po = form.getByTestId("invoice-po");
  const option = po.locator("option", { hasText: "PT Sumber Pangan" }).first();
  await po.selectOption(await option.getAttribute("value") as string);
  await expect(form.getByTestId("invoice-receipts").locator("input[type=checkbox]").first()).toBeChecked();
  await expect(form.getByTestId("invoice-line-value").first()).toHaveValue("6336000");
  await form.getByTestId("invoice-number").fill("SP/INV/E2E-01");
  await form.getByTestId("invoice-date").fill(new Date().toISOString().slice(0, 10));
  await form.getByTestId("invoice-submit").click();
  const detail = page.getByTestId("invoice-detail");
  await expect(detail).toBeInViewport();
  await expect(detail.getByTestId("invoice-match")).toHaveText("Cocok");
  await expect(detail.getByTestId("invoice-status")).toHaveText("Belum dibayar");
  // Rp6.336.000 and 11% PPN masukan.
  await expect(detail.getByTestId("invoice-outstanding")).toHaveText("Rp7.032.960");

  await detail.getByTestId("pay-amount").fill("2000000");
  await detail.getByLabel("No. referensi").fill("BCA 0712");
  await detail.getByTestId("pay-submit").click();
  await expect(detail.getByTestId("invoice-status")).toHaveText("Dibayar sebagian");
  await expect(detail.getByTestId("invoice-outstanding")).toHaveText("Rp5.032.960");
  await expect(detail.getByTestId("invoice-payments")).toContainText("BCA 0712");
  // More than is owed is refused in words.
  await detail.getByTestId("pay-amount").fill("6000000");
  await detail.getByTestId("pay-submit").click();
  await expect(detail.getByRole("alert")).toContainText("melebihi sisa tagihan");
  await expect(page.getByTestId("aging").locator("tr", { hasText: "PT Sumber Pangan" })).toContainText("Rp5.032.960");

  // The supplier on a 360 px phone sees its invoice and what is paid.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const sp = await phone.newPage();
  await signIn(sp, "supplier@makmur.test");
  await expect(sp).toHaveURL(/\/pemasok$/);
  await ready(sp);
  const mine = sp.getByTestId("portal-invoices");
  await expect(mine).toContainText("SP/INV/E2E-01");
  await expect(mine).not.toContainText("SJ/INV/1187");
  await mine.getByRole("button", { name: "SP/INV/E2E-01" }).click();
  await expect(sp.getByTestId("invoice-detail").getByTestId("invoice-status")).toHaveText("Dibayar sebagian");
  await expect(sp.getByTestId("pay-form")).toHaveCount(0);
  expect(await sp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await phone.close();
});
