import { test, expect } from "@playwright/test";
import { openMenu, ready, signIn } from "./helpers";

// Runs after the till flows (files run in name order), so the day has sales to report.
test("the manager's report and stock screens show what the server recorded, and stock is adjusted with a reason", async ({ page, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  await api.post("/api/v1/auth/login", { data: { email: "owner@makmur.test", password: "demo1234" } });
  const outlets = await (await api.get("/api/v1/outlets")).json();
  const store = outlets.find((o: { code: string }) => o.code === "MKM1");
  const report = await (await api.get(`/api/v1/reports/sales?outlet_id=${store.id}`)).json();
  expect(report.sales_count).toBeGreaterThan(0);
  const idr = (s: string) => "Rp" + Number(s).toLocaleString("id-ID");

  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await openMenu(page, "Laporan");
  await ready(page);
  const summary = page.getByTestId("report-summary");
  await expect(summary.getByTestId("report_sales_count")).toHaveText(String(report.sales_count));
  await expect(summary.getByTestId("total")).toHaveText(idr(report.total));
  await expect(summary.getByTestId("tax_ppn")).toHaveText(idr(report.tax));
  // Payment methods and the period read as words and Indonesian dates, not codes.
  await expect(page.getByTestId("report_by_payment")).toContainText("Tunai");
  await expect(page.getByTestId("report_by_payment")).not.toContainText("cash");
  await expect(page.getByTestId("report-period")).toHaveText(/^\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4} – \d{1,2} \S+ \d{4} \(WIB\)$/);
  await expect(page.getByTestId("report_by_product")).toContainText("Teh Botol 350ml");
  const csv = await api.get(`/api/v1/reports/sales?outlet_id=${store.id}&format=csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  await expect(page.getByTestId("report-csv")).toHaveAttribute("href", /format=csv/);

  // Stock: the screen shows the ledger's figure; a delivery of 12 with its reason adds up.
  const stock = await (await api.get(`/api/v1/outlets/${store.id}/stock`)).json();
  const beras = stock.find((s: { sku: string }) => s.sku === "BRS-KG");
  await openMenu(page, "Stok");
  await ready(page);
  const row = page.getByTestId("stock").locator("tr", { hasText: "BRS-KG" });
  await expect(row).toContainText(beras.quantity.replace(".", ","));
  await row.getByRole("button", { name: "Sesuaikan" }).click();
  const form = page.getByTestId("adjust-form");
  await form.getByLabel("Perubahan").fill("12");
  await form.getByLabel("Alasan").fill("Kiriman pemasok");
  await form.getByRole("button", { name: "Simpan" }).click();
  await expect(form.getByRole("status")).toContainText("Tersimpan");
  const expected = String(Number(beras.quantity) + 12).replace(".", ",");
  await expect(row).toContainText(expected);
  const movements = await (await api.get(`/api/v1/outlets/${store.id}/stock-movements?product_id=${beras.product_id}`)).json();
  expect(JSON.stringify(movements)).toContain("Kiriman pemasok");

  // Catalogue: a CSV with a bad row is refused with the row named; the fixed file imports.
  await openMenu(page, "Katalog");
  await ready(page);
  const importForm = page.getByTestId("import-form");
  const file = (price: string) => ({
    name: "produk.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`sku,name,unit,price,tax,barcodes\nSBN-01,Sabun Mandi 85 g,pcs,${price},ppn,8991000000065\n`),
  });
  await importForm.locator("input[type=file]").setInputFiles(file("tiga ribu"));
  await importForm.getByRole("button", { name: "Impor", exact: true }).click();
  await expect(importForm.getByRole("alert")).toContainText("baris 2");
  await importForm.locator("input[type=file]").setInputFiles(file("3500"));
  await importForm.getByRole("button", { name: "Impor", exact: true }).click();
  await expect(importForm.getByRole("status")).toContainText("1 baru");
  await page.getByLabel("Cari produk").fill("sabun");
  await expect(page.getByTestId("products")).toContainText("Sabun Mandi 85 g");
  await expect(page.getByTestId("products")).toContainText("Rp3.500");

  // A product with a photo, added by hand; the till's offline catalogue carries the photo.
  const productForm = page.getByTestId("product-form");
  await productForm.getByLabel("SKU").fill("KOPI-01");
  await productForm.getByLabel("Nama").fill("Kopi Bubuk 200 g");
  await productForm.getByLabel("Harga jual").fill("18500");
  await productForm.getByLabel("Foto (URL)").fill(`${baseURL}/icons/icon-192.png`);
  await productForm.getByRole("button", { name: "Simpan" }).click();
  await expect(productForm.getByRole("status")).toContainText("Tersimpan");
  await page.getByLabel("Cari produk").fill("kopi");
  const kopi = page.getByTestId("products").locator("tr", { hasText: "KOPI-01" });
  await expect(kopi.locator("img")).toHaveAttribute("src", `${baseURL}/icons/icon-192.png`);
  const till = await (await api.get(`/api/v1/outlets/${store.id}/catalogue`)).json();
  expect(till.products.find((p: { sku: string }) => p.sku === "KOPI-01").image_url).toBe(`${baseURL}/icons/icon-192.png`);

  // The customer added at the till, with her purchase.
  await openMenu(page, "Pelanggan");
  await ready(page);
  await page.getByLabel("Cari pelanggan").fill("budi");
  const budi = page.getByTestId("customers").locator("tr", { hasText: "Budi Santoso" });
  await expect(budi).toContainText("+6281311112222");
  await budi.getByRole("button", { name: "Riwayat belanja" }).click();
  await expect(page.getByTestId("purchase-history")).toContainText("Rp8.500");
  await api.dispose();
});
