import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// The bread CV Segar Jaya delivered is past its date: the manager sends ten loaves back
// against that receipt, and is stopped from returning more than it brought.
test("expired bread is returned to the supplier against its receipt, never more than came", async ({ page }) => {
  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/pembelian");
  await ready(page);
  await page.getByTestId("po-list").getByRole("button", { name: /-0003$/ }).click();
  const detail = page.getByTestId("po-detail");
  const returns = detail.getByTestId("po-returns");
  await expect(returns).toContainText("Belum ada retur.");
  const form = returns.getByTestId("return-form").first();
  await form.locator("summary").click();
  await form.getByLabel("Roti Tawar 400g (30 diterima)").fill("10");
  await form.getByTestId("return-reason").fill("Roti kedaluwarsa");
  await form.getByTestId("return-save").click();
  await expect(form.getByRole("status")).toContainText(/^RT-\d{6}-\d{4} · Rp/);
  await expect(returns.locator("li").first()).toContainText("Roti kedaluwarsa");
  await expect(returns.locator("li").first()).toContainText("Roti Tawar 400g 10");

  // Twenty-one more would pass the thirty that came on the receipt.
  await form.getByLabel("Roti Tawar 400g (30 diterima)").fill("21");
  await form.getByTestId("return-reason").fill("Sisa roti");
  await form.getByTestId("return-save").click();
  await expect(form.getByRole("alert")).toContainText("melebihi yang diterima");
});
