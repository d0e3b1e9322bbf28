import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// A manager's laptop.
test.use({ viewport: { width: 1366, height: 768 } });

test("the back office reads as words: industries, late loans, PAR with a decimal comma", async ({ page }) => {
  await signIn(page, "owner@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);

  await page.goto("/outlet");
  await ready(page);
  const outlets = page.locator("table").first();
  await expect(outlets).toContainText("Ritel / minimarket");
  await expect(outlets.locator("td", { hasText: /^retail$/ })).toHaveCount(0);

  // The demo's loan P00001 has November's instalment unpaid: the list flags it.
  await page.goto("/pinjaman");
  await ready(page);
  const late = page.getByTestId("loan-list").locator("li", { hasText: "P00001" });
  await expect(late.getByTestId("late-badge")).toHaveText(/^Terlambat \d+ hari$/);

  await page.getByTestId("tab-portfolio").click();
  const par = page.getByTestId("par");
  await expect(par).toContainText("PAR");
  await expect(par).toContainText(/\d+,\d{2}%/);
  await expect(par).not.toContainText(/\d+\.\d{2}%/);

  // The loan's standing explains why late can still be "Lancar".
  await page.getByTestId("tab-loans").click();
  await late.getByRole("button").click();
  await expect(page.getByTestId("collectibility-rule")).toContainText("3 bulan");

  // In English the same words change language.
  await page.getByTestId("lang-en").click();
  await page.goto("/outlet");
  await ready(page);
  await expect(page.locator("table").first()).toContainText("Retail / minimarket");
});
