import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

test("an officer registers a member and takes her savings at the teller", async ({ page }) => {
  await signIn(page, "kasir@makmur.test");
  await expect(page).toHaveURL(/\/kasir$/);
  await page.goto("/anggota");
  await ready(page);
  const form = page.getByTestId("member-form");
  await form.getByLabel("NIK").fill("3374055506900002");
  await form.getByLabel("Nama", { exact: true }).fill("Siti Rahayu");
  await form.getByLabel("Jenis kelamin").selectOption("F");
  // A birth date that is not the NIK's is caught before anything is saved.
  await form.getByLabel("Tanggal lahir").fill("1990-06-16");
  await form.getByLabel("Alamat").fill("Jl. Pemuda No. 7, Semarang");
  await form.getByLabel("Ahli waris", { exact: true }).fill("Ahmad Rahayu");
  await form.getByRole("button", { name: "Daftarkan anggota" }).click();
  await expect(page.getByRole("alert")).toContainText("Tanggal lahir tidak cocok dengan NIK (menurut NIK: 15-06-1990)");
  await form.getByLabel("Tanggal lahir").fill("1990-06-15");
  await form.getByRole("button", { name: "Daftarkan anggota" }).click();
  await expect(page.getByRole("status")).toContainText("Anggota terdaftar: A00013 — Siti Rahayu");

  const detail = page.getByTestId("member-detail");
  await expect(detail).toContainText("A00013 · Siti Rahayu");
  // Her KTP photographed with the tablet (here: a file), kept with her record.
  await detail.getByTestId("ktp-input").setInputFiles({ name: "ktp.png", mimeType: "image/png", buffer: Buffer.from("89504e470d0a1a0a" + "07".repeat(64), "hex") });
  await expect(detail.getByTestId("ktp-photo")).toHaveAttribute("src", /\/api\/v1\/members\/.+\/ktp\?v=/);
  const teller = page.getByTestId("teller");
  // Simpanan pokok.
  await detail.getByTestId("account-SP").getByRole("button", { name: "Setor/tarik" }).click();
  await teller.getByTestId("teller-amount").fill("100.000");
  await teller.getByTestId("deposit").click();
  await expect(teller.getByRole("status")).toHaveText("Disetor Rp100.000 · saldo Rp100.000");
  // The teller's receipt, ready for the printer (or the browser's print dialog).
  await expect(teller.getByTestId("teller-receipt")).toContainText("BUKTI SETORAN");
  await expect(teller.getByTestId("teller-receipt")).toContainText("SP-A00013");
  await expect(detail.getByTestId("account-SP")).toContainText("Rp100.000");
  await teller.getByTestId("teller-amount").fill("10000");
  await teller.getByTestId("withdraw").click();
  await expect(teller.getByRole("alert")).toContainText("tidak dapat ditarik selama masih anggota");
  // Sukarela keeps Rp10.000.
  await detail.getByTestId("account-SS").getByRole("button", { name: "Setor/tarik" }).click();
  await teller.getByTestId("teller-amount").fill("50000");
  await teller.getByTestId("deposit").click();
  await expect(teller.getByRole("status")).toHaveText("Disetor Rp50.000 · saldo Rp50.000");
  await teller.getByTestId("teller-amount").fill("45000");
  await teller.getByTestId("withdraw").click();
  await expect(teller.getByRole("alert")).toHaveText("saldo tidak cukup: paling banyak Rp40.000 dapat ditarik");
  await teller.getByTestId("teller-amount").fill("15000");
  await teller.getByTestId("withdraw").click();
  await expect(teller.getByRole("status")).toHaveText("Ditarik Rp15.000 · saldo Rp35.000");
  await expect(detail.getByTestId("savings-total")).toHaveText("Rp135.000");

  // The passbook shows each movement with the balance after it, newest first.
  await detail.getByTestId("account-SS").getByRole("button", { name: /Simpanan Sukarela/ }).click();
  const rows = detail.getByTestId("account-SS").getByTestId("passbook").locator("li");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("−Rp15.000");
  await expect(rows.first()).toContainText("Rp35.000");

  // The member list as a printable report (and CSV).
  await page.getByTestId("show-member-report").click();
  await expect(page.getByTestId("csv-report")).toContainText("A00013");
  await expect(page.getByTestId("csv-report")).toContainText("Siti Rahayu");
});

test("a member sees her own savings and passbook on a 360 px phone", async ({ browser, baseURL }) => {
  const phone = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, hasTouch: true, locale: "id-ID", timezoneId: "Asia/Jakarta" });
  const page = await phone.newPage();
  await signIn(page, "anggota@makmur.test");
  await expect(page).toHaveURL(/\/simpanan-saya$/);
  await expect(page.getByTestId("member-no")).toHaveText("A00001");
  await expect(page.getByTestId("account-SP")).toContainText("Rp100.000");
  await expect(page.getByTestId("account-SW")).toContainText("Rp150.000");
  await expect(page.getByTestId("account-SS")).toContainText("Rp325.000");
  await expect(page.getByTestId("savings-total")).toHaveText("Rp575.000");
  await page.getByTestId("account-SW").getByRole("button", { name: /Simpanan Wajib/ }).click();
  await expect(page.getByTestId("account-SW").getByTestId("passbook").locator("li")).toHaveCount(3);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await phone.close();
});
