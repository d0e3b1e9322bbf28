import { test, expect } from "@playwright/test";
import { openMenu, ready, signIn } from "./helpers";

test("the owner adds an outlet and finds it in the audit trail", async ({ page }) => {
  await signIn(page, "owner@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await openMenu(page, "Outlet");
  await expect(page.getByTestId("page-title")).toHaveText("Outlet");
  const form = page.getByTestId("outlet-form");
  await form.getByLabel("Nama").fill("Kafe Makmur");
  await form.getByLabel("Kode").fill("KFE1");
  await form.getByLabel("Alamat").fill("Jl. Gajah Mada 3, Makassar");
  await form.getByLabel("Zona waktu").selectOption("WITA");
  await form.getByLabel("Paket industri").selectOption("fnb");
  await form.getByRole("button", { name: "Simpan" }).click();
  await expect(form.getByRole("status")).toHaveText("Tersimpan.");
  await expect(page.getByRole("cell", { name: "Kafe Makmur" })).toBeVisible();

  // A duplicate code is refused with a clear message.
  await form.getByLabel("Nama").fill("Kafe Kedua");
  await form.getByLabel("Kode").fill("KFE1");
  await form.getByRole("button", { name: "Simpan" }).click();
  await expect(form.getByRole("alert")).toHaveText("Kode outlet sudah dipakai.");

  await page.goto("/audit");
  await ready(page);
  await expect(page.getByTestId("chain-status")).toContainText("Rantai audit utuh");
  const filter = page.getByTestId("audit-filter");
  await filter.getByLabel("Tindakan").selectOption("outlet.");
  await filter.getByRole("button", { name: "Saring" }).click();
  const table = page.getByTestId("audit-table");
  // Actions and fields read as words; ids stay out of sight.
  await expect(table.getByText("Outlet ditambahkan").first()).toBeVisible();
  await expect(table).toContainText("owner@makmur.test");
  await expect(table).toContainText("Kode: KFE1");
  await expect(table).not.toContainText("Pengguna ditambahkan");
  await expect(table).not.toContainText("outlet.create");
  await expect(table).not.toContainText("tenant_id");
});

test("a manager registers the tablet and the cashier switches in with her PIN", async ({ page }) => {
  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/kasir/perangkat");
  await ready(page);
  const register = page.getByTestId("register-device");
  await register.getByLabel("Outlet").selectOption({ label: "Minimarket Makmur" });
  await register.getByLabel("Nama perangkat").fill("Tablet Depan");
  await register.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByTestId("device-info")).toContainText("Minimarket Makmur");

  await page.getByRole("link", { name: "Ganti kasir" }).click();
  await expect(page).toHaveURL(/\/kasir\/pin$/);
  await page.getByRole("button", { name: "Dewi Lestari" }).click();
  for (const d of "123455") await page.getByRole("button", { name: d, exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("PIN salah.");
  for (const d of "123456") await page.getByRole("button", { name: d, exact: true }).click();
  await expect(page).toHaveURL(/\/kasir$/);
  await expect(page.getByTestId("cashier-name")).toHaveText("Dewi Lestari");
  await expect(page.getByTestId("device-info")).toContainText(/Minimarket Makmur · D\d\d/);
});

test("the loan simulator computes in the browser with the network off", async ({ page, context }) => {
  await page.goto("/simulasi-pinjaman");
  await ready(page);
  await context.setOffline(true);
  const form = page.getByTestId("loan-form");
  await form.getByLabel("Pokok pinjaman").fill("12.000.000");
  await form.getByLabel("Bunga (%)").fill("1,5");
  await form.getByLabel("Jangka waktu (bulan)").fill("12");
  await form.getByLabel("Metode").selectOption("annuity");
  await form.getByRole("button", { name: "Hitung" }).click();
  await expect(page.getByTestId("total-interest")).toHaveText("Rp1.201.920");
  const rows = page.getByTestId("schedule").locator("tbody tr");
  await expect(rows).toHaveCount(12);
  await expect(rows.first()).toContainText("Rp1.100.160");
  await expect(rows.last().locator("td").last()).toHaveText("Rp0");

  await form.getByLabel("Metode").selectOption("flat");
  await form.getByRole("button", { name: "Hitung" }).click();
  await expect(page.getByTestId("total-interest")).toHaveText("Rp2.160.000");

  await form.getByLabel("Jangka waktu (bulan)").fill("0");
  await form.getByRole("button", { name: "Hitung" }).click();
  await expect(page.getByTestId("loan-error")).toContainText("Jangka waktu");
  await context.setOffline(false);
});
