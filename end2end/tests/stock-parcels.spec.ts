import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// Lebaran is coming: the manager builds two more parcels from the shelf, takes one apart
// (the box was crushed), and reads the parcel's stock card; the warehouse shows as one.
test("parcels are built and taken apart at cost, and the stock card shows each movement", async ({ page }) => {
  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/stok/kontrol");
  await ready(page);
  const parcels = page.getByTestId("parcels");
  await parcels.getByTestId("outlet").selectOption({ label: "MKM1 · Minimarket Makmur" });
  await parcels.getByTestId("parcel-search").fill("Parsel");
  await parcels.getByTestId("parcel-choice").selectOption({ label: "PRS-LBR · Parsel Lebaran Makmur" });
  const contents = parcels.getByTestId("parcel-contents");
  await expect(contents.locator("tbody tr")).toHaveCount(3);
  await expect(contents).toContainText("BSK-300 · Biskuit Kelapa 300g");

  // A mint in every box, then not after all: the contents are saved each time.
  const parts = parcels.getByTestId("parcel-part-form");
  await parts.getByTestId("part-search").fill("Permen");
  await parts.getByTestId("part-choice").selectOption({ label: "PRM-MINT · Permen Mint" });
  await parts.getByTestId("part-add").click();
  await expect(contents.locator("tbody tr")).toHaveCount(4);
  await parts.getByTestId("parcel-save").click();
  await expect(parcels.getByRole("status")).toHaveText("Tersimpan.");
  await contents.locator("tr", { hasText: "Permen Mint" }).getByRole("button", { name: "Lepas" }).click();
  await parts.getByTestId("parcel-save").click();
  await expect(contents.locator("tbody tr")).toHaveCount(3);

  // Two built: 2 × (2 × Rp9.360 + 3 × Rp8.580 + 2 × Rp7.410) = Rp118.560 at cost.
  await parcels.getByTestId("assembly-qty").fill("2");
  await parcels.getByTestId("assembly-build").click();
  await expect(parcels.getByRole("status")).toContainText("2 parsel dirakit · Rp118.560");
  await expect(parcels.getByTestId("assemblies").locator("tbody tr").first()).toContainText("Rakit");
  // Twenty would need 40 biscuits; 38 are left on the shelf.
  await parcels.getByTestId("assembly-qty").fill("20");
  await parcels.getByTestId("assembly-build").click();
  await expect(parcels.getByRole("alert")).toContainText("Stok Biskuit Kelapa 300g tidak cukup: tersedia 38, perlu 40");
  // One crushed box taken apart: its value goes back to the shelf.
  await parcels.getByTestId("assembly-qty").fill("1");
  await parcels.getByTestId("assembly-take-apart").click();
  await expect(parcels.getByRole("status")).toContainText("1 parsel dibongkar · Rp59.280");

  // The parcel's stock card: 4 from the demo + 2 − 1.
  await page.goto("/stok");
  await ready(page);
  await page.getByRole("searchbox").fill("Parsel");
  await page.getByTestId("stock").locator("tr", { hasText: "Parsel Lebaran Makmur" }).getByTestId("stock-card-open").click();
  const card = page.getByTestId("stock-card");
  await expect(card.getByTestId("stock-card-summary")).toContainText("5");
  await expect(card.getByTestId("stock-card-summary")).toContainText("Rp59.280");
  const rows = card.getByTestId("stock-card-rows").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText("Dipakai rakitan");
  await expect(rows.first()).toContainText("-1");
  await expect(rows.nth(1)).toContainText("Hasil rakitan");
  await expect(rows.nth(1)).toContainText("+2");
  // The card for this month as a file, oldest first between its opening and closing balance.
  const cardCsv = card.getByTestId("stock-card-csv");
  await expect(cardCsv).toHaveAttribute("href", /stock-card\.csv\?outlet_id=.+&from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}/);
  const cardFile = await (await page.request.get((await cardCsv.getAttribute("href")) ?? "")).text();
  expect(cardFile).toContain("assembly_in");
  expect(cardFile.trim().split("\n").pop()).toMatch(/saldo_akhir,,,,5,,$/);
  // The valuation downloads for the chosen location.
  const csv = page.getByTestId("valuation-csv");
  await expect(csv).toHaveAttribute("href", /\/api\/v1\/stock-valuation\.csv\?outlet_id=.+/);
  const download = await page.request.get((await csv.getAttribute("href")) ?? "");
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain("PRS-LBR");

  // The warehouse is listed as one, without a till.
  await page.goto("/outlet");
  await ready(page);
  await expect(page.locator("tr", { hasText: "Gudang Makmur" }).getByTestId("outlet-kind")).toHaveText("Gudang (tanpa kasir)");
});
