import { test, expect, Page } from "@playwright/test";
import { openMenu, ready, signIn } from "./helpers";

// A phone: 360×740, touch.
test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

/** Every page each user opens, by who opens it. */
const ROUTES: Record<string, string[]> = {
  "owner@makmur.test": ["/dasbor", "/outlet", "/staf", "/token", "/audit", "/pelanggan", "/laporan", "/shift", "/katalog", "/stok", "/pembelian", "/pembelian/pemasok", "/pembelian/tagihan", "/anggota", "/pinjaman", "/shu", "/simulasi-pinjaman"],
  "anggota@makmur.test": ["/simpanan-saya", "/simulasi-pinjaman"],
  "supplier@makmur.test": ["/pemasok"],
  "superadmin@satu.test": ["/platform"],
};

async function sideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("on a phone the menu folds behind one button and opens as a drawer", async ({ page }) => {
  await signIn(page, "owner@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await ready(page);
  const nav = page.getByRole("navigation", { name: "Menu" });
  const toggle = page.getByTestId("menu-toggle");
  await expect(toggle).toBeVisible();
  await expect(nav).toBeHidden();
  // Folded, the header is one row: the page starts near the top.
  const header = await page.locator("header.topbar").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(64);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  // Groups open in place; a link leads to its page and folds the drawer again.
  await nav.locator("summary", { hasText: "Penjualan" }).click();
  await nav.getByRole("link", { name: "Laporan", exact: true }).click();
  await expect(page).toHaveURL(/\/laporan$/);
  await expect(nav).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await openMenu(page, "Anggota");
  await expect(page).toHaveURL(/\/anggota$/);
});

for (const [email, routes] of Object.entries(ROUTES)) {
  test(`no page scrolls sideways at 360 px: ${email}`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).not.toHaveURL(/\/masuk$/);
    for (const route of routes) {
      await page.goto(route);
      await ready(page);
      await expect(page.getByText("Memuat…")).toHaveCount(0);
      expect(await sideways(page), `${route} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });
}

test("a member tapped in the list opens where the eye is", async ({ page }) => {
  await signIn(page, "owner@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/anggota");
  await ready(page);
  await page.getByPlaceholder("Cari nama, nomor anggota").fill("Siti");
  await page.getByTestId("member-list").getByRole("button", { name: /Siti Aminah/ }).click();
  const detail = page.getByTestId("member-detail");
  await expect(detail.getByRole("heading", { name: /Siti Aminah/ })).toBeInViewport();
  // Her status reads as a word, her join date as a date.
  await expect(page.getByTestId("member-list")).toContainText("Aktif");
});
