import { test, expect, Browser, Page } from "@playwright/test";
import { ready, signIn } from "./helpers";

async function asUser(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: "id-ID", timezoneId: "Asia/Jakarta" });
  const page = await ctx.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/masuk/);
  return page;
}

async function openLoan(page: Page, member: string) {
  await page.goto("/pinjaman");
  await ready(page);
  await page.getByTestId("loan-list").getByRole("button", { name: new RegExp(member) }).click();
  await expect(page.getByTestId("loan-detail")).toContainText(member);
}

test("officer registers a member, she saves, applies; a manager approves and disburses; the officer takes an instalment", async ({ browser, baseURL }) => {
  const officer = await asUser(browser, baseURL, "kasir@makmur.test");
  await officer.goto("/anggota");
  await ready(officer);
  const form = officer.getByTestId("member-form");
  await form.getByLabel("NIK").fill("3374051203850001");
  await form.getByLabel("Nama", { exact: true }).fill("Budi Hartono");
  await form.getByLabel("Jenis kelamin").selectOption("M");
  await form.getByLabel("Tanggal lahir").fill("1985-03-12");
  await form.getByLabel("Alamat").fill("Jl. Gajah Mada 3, Semarang");
  await form.getByRole("button", { name: "Daftarkan anggota" }).click();
  await expect(officer.getByRole("status")).toContainText("Budi Hartono");
  const detail = officer.getByTestId("member-detail");
  const teller = officer.getByTestId("teller");
  await detail.getByTestId("account-SS").getByRole("button", { name: "Setor/tarik" }).click();
  await teller.getByTestId("teller-amount").fill("500.000");
  await teller.getByTestId("deposit").click();
  await expect(teller.getByRole("status")).toHaveText("Disetor Rp500.000 · saldo Rp500.000");

  // The application, its schedule previewed as it is typed (flat 1,5% a month).
  await officer.goto("/pinjaman");
  await ready(officer);
  await officer.getByTestId("tab-apply").click();
  const apply = officer.getByTestId("loan-form");
  await apply.getByTestId("loan-member-search").fill("Budi Hartono");
  const option = apply.getByTestId("loan-member").locator("option", { hasText: "Budi Hartono" });
  await expect(option).toHaveCount(1);
  await apply.getByTestId("loan-member").selectOption((await option.getAttribute("value"))!);
  await apply.getByTestId("loan-product").selectOption({ label: "PU · Pinjaman Umum" });
  // Ten times her savings is the most she may borrow.
  await apply.getByTestId("loan-amount").fill("6.000.000");
  await apply.getByTestId("loan-tenor").fill("4");
  await apply.getByTestId("loan-purpose").fill("Gerobak bakso");
  await expect(apply.getByTestId("loan-terms")).toContainText("Flat 1,5% per bulan");
  await apply.getByTestId("submit-loan").click();
  await expect(officer.getByRole("alert")).toContainText("Plafon maksimal 10× simpanan");
  await apply.getByTestId("loan-amount").fill("2.000.000");
  // The whole schedule, the fees and the net before anything is stored: 4 × Rp530.000,
  // interest Rp120.000; admin Rp25.000 + provision 1% (Rp20.000) → Rp1.955.000 in hand.
  const preview = apply.getByTestId("loan-preview");
  await expect(preview).toContainText("Angsuran pertama");
  await expect(preview).toContainText("Rp530.000");
  await expect(preview).toContainText("Rp120.000");
  await expect(preview.getByTestId("preview-schedule").locator("tbody tr")).toHaveCount(4);
  await expect(preview.getByTestId("preview-net")).toHaveText("Rp1.955.000");
  await apply.getByTestId("submit-loan").click();
  const loan = officer.getByTestId("loan-detail");
  await expect(loan.getByTestId("loan-status")).toHaveText("Diajukan");
  await expect(loan.getByTestId("schedule").locator("tbody tr")).toHaveCount(4);

  // The officer's analysis; approving is not hers to do.
  await loan.getByTestId("analysis-notes").fill("Usaha bakso 3 tahun, omzet Rp300 rb/hari");
  await loan.getByTestId("collateral-kind").selectOption("bpkb");
  await loan.getByTestId("collateral-description").fill("Honda Supra 2015");
  await loan.getByTestId("collateral-value").fill("4.000.000");
  await loan.getByTestId("save-analysis").click();
  await expect(loan.getByTestId("loan-status")).toHaveText("Sudah dianalisis");
  await expect(loan).toContainText("BPKB Honda Supra 2015 (Rp4.000.000)");
  await expect(loan.getByTestId("approve-loan")).toHaveCount(0);

  // The manager approves and disburses, fees deducted.
  const manager = await asUser(browser, baseURL, "manager@makmur.test");
  await openLoan(manager, "Budi Hartono");
  const m = manager.getByTestId("loan-detail");
  await m.getByTestId("approve-loan").click();
  await expect(m.getByTestId("loan-status")).toHaveText("Disetujui");
  await expect(m.getByTestId("paid-out")).toHaveText("Rp1.955.000");
  await m.getByTestId("disburse-loan").click();
  await expect(m.getByTestId("loan-status")).toHaveText("Berjalan");
  await expect(m.getByTestId("outstanding")).toHaveText("Rp2.000.000");
  await expect(m.getByTestId("loan-payments")).toContainText("Pencairan");

  // Back at the desk, the officer takes the first instalment.
  await openLoan(officer, "Budi Hartono");
  const o = officer.getByTestId("loan-detail");
  await expect(o.getByTestId("repay-amount")).toHaveValue("530000");
  await o.getByTestId("repay-loan").click();
  await expect(o.getByTestId("outstanding")).toHaveText("Rp1.500.000");
  await expect(o.getByTestId("loan-payments").locator("li").first()).toContainText("Angsuran");
  await expect(o.getByTestId("loan-payments").locator("li").first()).toContainText("Rp530.000");
  await expect(o.getByTestId("schedule").locator("tbody tr").first()).toContainText("Lunas");
  await officer.context().close();
  await manager.context().close();
});

test("a member sees her loan's schedule and what is due on a 360 px phone", async ({ browser, baseURL }) => {
  const phone = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, hasTouch: true, locale: "id-ID", timezoneId: "Asia/Jakarta" });
  const page = await phone.newPage();
  await signIn(page, "anggota@makmur.test");
  await expect(page).toHaveURL(/\/simpanan-saya$/);
  await expect(page.getByTestId("savings-total")).toHaveText("Rp575.000");
  // Wajib is billed monthly since August; she has paid three months.
  await expect(page.getByTestId("wajib-status")).toContainText("tunggakan");
  const loan = page.getByTestId("my-loan");
  await expect(loan).toContainText("P00001");
  await expect(loan.getByTestId("outstanding")).toHaveText("Rp2.700.000");
  await expect(loan.getByTestId("next-due")).toContainText("5 Nov 2026");
  const rows = loan.getByTestId("schedule").locator("tbody tr");
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText("Lunas");
  await expect(rows.first()).toContainText("Rp345.000");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await phone.close();
});

test("the koperasi's cash book opens the month with the cash its members deposited, never below zero", async ({ browser, baseURL }) => {
  const manager = await asUser(browser, baseURL, "manager@makmur.test");
  await manager.goto("/pinjaman");
  await ready(manager);
  await manager.getByRole("tab", { name: "Buku kas" }).click();
  const book = manager.getByTestId("cash-book");
  // Twelve members' pokok, wajib and sukarela since August, less Siti's loan paid out in cash.
  // The summary line: "Saldo awal Rp… · Kas masuk … · Kas keluar … · Saldo akhir Rp…".
  const summary = book.locator("p").filter({ hasText: "Saldo awal" }).locator("strong");
  await expect(summary.first()).toHaveText(/^Rp\d/);
  await expect(summary.last()).toHaveText(/^Rp\d/);
  await manager.context().close();
});
