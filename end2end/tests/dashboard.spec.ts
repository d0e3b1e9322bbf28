import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// The demo minimarket has four weeks of sales before today (60 a day), a koperasi with
// twelve members and a running loan: the owner's dashboard opens on real figures.

test("the owner reads the dashboard on a laptop, switches period and outlet, and drills into the report", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, "owner@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await ready(page);
  const kpis = page.getByTestId("kpis");
  await expect(kpis).toBeVisible();
  // Today: no sale yet, said in words rather than an empty page.
  await expect(page.getByTestId("kpi-dash_transactions")).toContainText("0");
  await expect(page.getByTestId("dash-empty")).toContainText("Belum ada penjualan");

  // Yesterday: the demo cashier's 60 sales, with the change against the day before.
  await page.getByTestId("period-dash_yesterday").click();
  await expect(page.getByTestId("period-dash_yesterday")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("kpi-dash_transactions")).toContainText("60");
  await expect(page.getByTestId("kpi-dash_omzet_gross")).toContainText(/Rp\d/);
  await expect(page.getByTestId("kpi-dash_gross_margin")).toContainText(/Rp\d/);
  await expect(page.getByTestId("kpi-dash_omzet_gross")).toContainText(/[▲▼=] \d+,\d%/);

  // Seven days: a line per day, the busy-hour map, the outlets, the best sellers.
  await page.getByTestId("period-dash_7_days").click();
  await expect(page.getByTestId("kpi-dash_transactions")).toContainText("360");
  await expect(page.getByTestId("chart-by-day").locator("circle")).toHaveCount(7);
  await expect(page.getByTestId("chart-by-hour").locator("rect").first()).toBeVisible();
  await expect(page.getByTestId("dash-by-outlet")).toContainText("Minimarket Makmur");
  await expect(page.getByTestId("dash-top").locator("tbody tr")).toHaveCount(10);
  await expect(page.getByTestId("dash-by-tender")).toContainText("Tunai");
  // Every chart has its figures as a table for a screen reader.
  await page.getByTestId("chart-by-day").getByText("Lihat sebagai tabel").click();
  await expect(page.getByTestId("chart-by-day").locator("tbody tr")).toHaveCount(7);

  // The koperasi adds its own tiles.
  await expect(page.getByTestId("tile-members")).toContainText(/\d/);
  await expect(page.getByTestId("tile-loans_outstanding")).toContainText(/Rp\d/);
  await expect(page.getByTestId("tile-collection_rate")).toContainText("%");
  await expect(page.getByTestId("tile-par30")).toContainText("%");

  // Only the minimarket: the same figures (it is the only one that sells).
  await page.getByTestId("dash-outlets").locator("summary").click();
  await page.getByTestId("dash-outlets").getByLabel("Minimarket Makmur").check();
  await expect(page.getByTestId("dash-outlets").locator("summary")).toContainText("(1)");
  await expect(page.getByTestId("kpi-dash_transactions")).toContainText("360");

  // Last year as the comparison: nothing then.
  await page.getByTestId("dash-compare").selectOption("last_year");
  await expect(page.getByTestId("kpi-dash_omzet_gross")).toContainText("tanpa pembanding");

  // Yesterday's summary, ready to send.
  await expect(page.getByTestId("dash-summary-text")).toContainText("Ringkasan penjualan Toko Makmur");
  await expect(page.getByTestId("dash-share")).toHaveAttribute("href", /^https:\/\/wa\.me\/\?text=Ringkasan/);

  // A figure opens the report for the same days and outlet.
  await page.getByTestId("kpi-dash_omzet_gross").click();
  await expect(page).toHaveURL(/\/laporan\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&outlet_id=.+/);
  await ready(page);
  await expect(page.getByTestId("report_sales_count")).toHaveText("360");
});

test("the dashboard on a 360 px phone: no sideways scroll, figures first", async ({ browser }) => {
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await signIn(phone, "owner@makmur.test");
  await expect(phone).toHaveURL(/\/dasbor$/);
  await ready(phone);
  await phone.getByTestId("period-dash_this_month").click();
  await expect(phone.getByTestId("kpi-dash_omzet_gross")).toContainText(/Rp\d/);
  await expect(phone.getByTestId("chart-by-day")).toBeVisible();
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await phone.close();
});

test("the superadmin reads the platform overview: counts across tenants, no tenant's figures", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, "superadmin@satu.test");
  await expect(page).toHaveURL(/\/platform$/);
  await ready(page);
  const stats = page.getByTestId("platform-stats");
  await expect(stats.getByTestId("plat-tenants")).toContainText(/\d/);
  // The demo: a minimarket and a koperasi desk; four weeks of 60 sales a day.
  await expect(stats.getByTestId("plat-industries")).toContainText("Ritel");
  await expect(stats.getByTestId("plat-industries")).toContainText("Koperasi");
  await expect(stats.getByTestId("plat-sales")).toContainText(/\d\.\d{3}/);
  await expect(stats.getByTestId("plat-omzet")).toContainText(/Rp\d/);
  await expect(stats.getByTestId("plat-tills")).toContainText(/\d/);
  await expect(stats.getByTestId("plat-tile-members")).toContainText(/\d/);
  await expect(stats.getByTestId("plat-days").locator("svg rect")).toHaveCount(30);
  await stats.getByTestId("plat-days").getByText("Lihat sebagai tabel").click();
  await expect(stats.getByTestId("plat-days").locator("tbody tr")).toHaveCount(30);
  // Counts only: the page names no tenant's outlets.
  await expect(stats).not.toContainText("Minimarket Makmur");
  // The tenants list is still there below.
  await expect(page.getByRole("heading", { name: "Tenant", exact: true })).toBeVisible();
});
