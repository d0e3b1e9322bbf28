import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// Saturday's stock opname with the tablet's scanner, and a transfer to the warehouse.
test("a blind stock opname counted with the scanner is approved at cost, and a transfer is sent and received", async ({ page }) => {
  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/stok/kontrol");
  await ready(page);
  await page.getByTestId("outlet").first().selectOption({ label: "MKM1 · Minimarket Makmur" });
  await page.getByTestId("count-start").click();
  const sheet = page.getByTestId("count-sheet");
  await expect(sheet).toContainText("sedang dihitung");
  // Three batteries on the shelf, scanned one by one (the scanner types and presses Enter).
  const scan = sheet.getByTestId("count-scan");
  for (let i = 1; i <= 3; i++) {
    await scan.fill("8991000001239");
    await scan.press("Enter");
    await expect(sheet.getByTestId("count-last")).toHaveText(`Baterai AA isi 2: ${i}`);
  }
  // Blind: what the system expects is not shown while counting.
  const row = sheet.getByTestId("count-lines").locator("tr", { hasText: "Baterai AA isi 2" });
  await expect(row).toContainText("–");
  await sheet.getByTestId("count-approve").click();
  await expect(sheet).toContainText("disetujui");
  // 50 expected, 3 counted: 47 short at Rp9.360 (78% of Rp12.000).
  await expect(row).toContainText("-47");
  await expect(sheet.getByTestId("count-value")).toContainText("-Rp439.920");

  // Ten batteries to the warehouse Gudang Makmur (a location without a till)... there
  // are three; send two.
  const form = page.getByTestId("transfer-form");
  await form.getByTestId("outlet").selectOption({ label: "MKM1 · Minimarket Makmur" });
  await form.getByLabel("Ke lokasi").selectOption({ label: "GDM1 · Gudang Makmur" });
  await form.getByRole("searchbox").fill("Baterai");
  await form.getByLabel("Pilih").selectOption({ label: "BTR-AA2 · Baterai AA isi 2" });
  await form.getByLabel("Jumlah").fill("2");
  await form.getByRole("button", { name: "Minta transfer" }).click();
  const transfer = page.getByTestId("transfers").locator("tr", { hasText: "Baterai AA isi 2" }).first();
  await expect(transfer.getByTestId("transfer-status")).toHaveText("Diminta");
  await transfer.getByTestId("transfer-send").click();
  await expect(transfer.getByTestId("transfer-status")).toHaveText("Dalam perjalanan");
  await transfer.getByTestId("transfer-receive").click();
  await expect(transfer.getByTestId("transfer-status")).toHaveText("Diterima");
  await expect(transfer).toContainText("Minimarket Makmur → Gudang Makmur");
});

// The milk that came on the demo order expires within 30 days; the bread is expired.
test("the batches expiring within 30 days are listed, expired ones first, at cost", async ({ page }) => {
  await signIn(page, "manager@makmur.test");
  // Signed in before leaving the sign-in page, or the next page opens signed out.
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/stok/kontrol");
  await ready(page);
  const expiring = page.getByTestId("expiring");
  await expiring.getByTestId("outlet").selectOption({ label: "MKM1 · Minimarket Makmur" });
  const list = expiring.getByTestId("expiring-list");
  await expect(list.locator("tr", { hasText: "UHT-2612A" })).toContainText("Susu UHT");
  await expect(list.locator("tbody tr").first()).toContainText("Kedaluwarsa");
  await expect(list.locator("tbody tr").first()).toContainText("Roti Tawar 400g");
  await expiring.getByTestId("expiring-days").selectOption("90");
  await expect(list.locator("tr", { hasText: "UHT-2612A" })).toBeVisible();
});
