import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { openTill, ready, signIn } from "./helpers";

/** Every route as the user who opens it, at the size that user has. */
const VISITS: { who: string; size: { width: number; height: number }; routes: string[] }[] = [
  { who: "", size: { width: 1366, height: 768 }, routes: ["/masuk", "/simulasi-pinjaman", "/kasir/pin"] },
  {
    who: "owner@makmur.test",
    size: { width: 1366, height: 768 },
    routes: ["/dasbor", "/outlet", "/staf", "/token", "/audit", "/pelanggan", "/laporan", "/shift", "/katalog", "/stok", "/pembelian", "/pembelian/pemasok", "/pembelian/tagihan", "/anggota", "/pinjaman", "/shu"],
  },
  { who: "owner@makmur.test", size: { width: 360, height: 740 }, routes: ["/dasbor", "/anggota", "/pinjaman", "/laporan"] },
  { who: "anggota@makmur.test", size: { width: 360, height: 740 }, routes: ["/simpanan-saya"] },
  { who: "supplier@makmur.test", size: { width: 360, height: 740 }, routes: ["/pemasok"] },
  { who: "superadmin@satu.test", size: { width: 1366, height: 768 }, routes: ["/platform"] },
];

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

for (const visit of VISITS) {
  test(`axe: 0 violations for ${visit.who || "a visitor"} at ${visit.size.width} px`, async ({ page }) => {
    await page.setViewportSize(visit.size);
    if (visit.who) {
      await signIn(page, visit.who);
      await expect(page).not.toHaveURL(/\/masuk$/);
    }
    const found: string[] = [];
    for (const route of visit.routes) {
      await page.goto(route);
      await ready(page);
      await expect(page.getByText("Memuat…")).toHaveCount(0);
      found.push(...(await violations(page)).map((v) => `${route}: ${v}`));
    }
    expect(found).toEqual([]);
  });
}

test("axe: 0 violations on the till with a sale in the cart", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openTill(page);
  await page.getByTestId("results").locator("button.result").first().click();
  await expect(page.getByTestId("cart").locator("tr")).toHaveCount(1);
  expect(await violations(page)).toEqual([]);
});
