import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// A salesman drops off biscuits without an order: the manager books them in with what was
// paid, and the stock card shows them come in.
test("goods that came without an order are received with what was paid and reach the stock card", async ({ page }) => {
  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/pembelian");
  await ready(page);
  const form = page.getByTestId("direct-receipt");
  await form.locator("summary").click();
  await form.getByTestId("direct-supplier").selectOption({ label: "CV Segar Jaya" });
  await form.getByTestId("direct-search").fill("Biskuit");
  await form.getByTestId("direct-product").selectOption({ label: "BSK-300 · Biskuit Kelapa 300g" });
  await form.getByTestId("direct-qty").fill("12");
  await form.getByTestId("direct-value").fill("108.000");
  await form.getByTestId("direct-add").click();
  await expect(form.getByTestId("direct-lines")).toContainText("BSK-300 · Biskuit Kelapa 300g · 12 · Rp108.000");
  await form.getByTestId("direct-save").click();
  await expect(form.getByRole("status")).toContainText(/^GR-\d{6}-\d{4} · Rp108\.000$/);

  await page.goto("/stok");
  await ready(page);
  await page.getByRole("searchbox").fill("Biskuit Kelapa");
  await page.getByTestId("stock").locator("tr", { hasText: "Biskuit Kelapa 300g" }).getByTestId("stock-card-open").click();
  const rows = page.getByTestId("stock-card").getByTestId("stock-card-rows").locator("tbody tr");
  await expect(rows.first()).toContainText("Penerimaan barang");
  await expect(rows.first()).toContainText("+12");
});
