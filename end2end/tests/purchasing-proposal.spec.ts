import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// PT Sumber Pangan cannot send the tea on Monday's order and the noodles went up: on its
// phone it proposes the changes instead of confirming; the manager accepts them and the
// order is confirmed with the new lines and total.
test("the supplier proposes changes to an order on a phone and the manager accepts them", async ({ page, browser }) => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const sp = await phone.newPage();
  await signIn(sp, "supplier@makmur.test");
  await expect(sp).toHaveURL(/\/pemasok$/);
  await ready(sp);
  await sp.getByTestId("portal-orders").getByRole("button", { name: /-0001$/ }).click();
  const spDetail = sp.getByTestId("po-detail");
  await expect(spDetail.getByTestId("po-status")).toHaveText("Terkirim ke pemasok");
  const form = spDetail.getByTestId("po-propose");
  await form.locator("summary").click();
  await form.getByLabel("Jumlah pesan Teh Botol 350ml").fill("0");
  await form.getByLabel("Harga satuan Indomie Goreng 85g").fill("110.000");
  await form.getByTestId("propose-note").fill("Teh sedang kosong; harga mi naik");
  await form.getByTestId("propose-send").click();
  const panel = spDetail.getByTestId("po-proposal");
  await expect(panel.getByTestId("proposal-status")).toHaveText("menunggu keputusan");
  await expect(panel.getByTestId("proposal-changes")).toContainText("tidak bisa dikirim");
  // 10 dus × Rp110.000 and 11% PPN masukan.
  await expect(panel.getByTestId("proposal-total")).toHaveText("Rp1.221.000");
  expect(await sp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/pembelian");
  await ready(page);
  await page.getByTestId("po-list").getByRole("button", { name: /-0001$/ }).click();
  const detail = page.getByTestId("po-detail");
  const proposal = detail.getByTestId("po-proposal");
  await expect(proposal).toContainText("Rp108.000 → Rp110.000");
  await proposal.getByTestId("proposal-accept").click();
  await expect(detail.getByTestId("po-status")).toHaveText("Dikonfirmasi pemasok");
  await expect(detail.getByTestId("po-total")).toHaveText("Rp1.221.000");
  await expect(detail.getByTestId("po-lines").locator("tbody tr")).toHaveCount(1);
  await expect(detail.getByTestId("proposal-status")).toHaveText("diterima");

  // The supplier's phone shows the order confirmed.
  await sp.reload();
  await ready(sp);
  await sp.getByTestId("portal-orders").getByRole("button", { name: /-0001$/ }).click();
  await expect(sp.getByTestId("po-detail").getByTestId("po-status")).toHaveText("Dikonfirmasi pemasok");
  await phone.close();
});
