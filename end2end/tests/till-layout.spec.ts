import { test, expect, Page, Locator } from "@playwright/test";
import { ready, openTill, signIn } from "./helpers";

// The tablet the till is built for.
test.use({ viewport: { width: 1280, height: 800 } });

/** Whether the element is wholly on screen, without scrolling. */
async function onScreen(el: Locator) {
  const box = await el.boundingBox();
  expect(box, "rendered").not.toBeNull();
  const b = box as { x: number; y: number; width: number; height: number };
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.y).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width).toBeLessThanOrEqual(1280);
  expect(b.y + b.height).toBeLessThanOrEqual(800);
}

async function chargeStaysOnScreen(page: Page) {
  for (const id of ["grand-total", "remaining", "finish", "quick-cash"]) await onScreen(page.getByTestId(id));
  await onScreen(page.getByRole("button", { name: "Tunai", exact: true }));
  // The page itself never scrolls: only the grid and the cart do.
  const scroll = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(scroll).toBeLessThanOrEqual(0);
}

const tiles = (page: Page) => page.getByTestId("results").locator("button.result");
const cartRows = (page: Page) => page.getByTestId("cart").locator("tr");

test("the total, tenders and Selesai stay on screen with 1, 6 and 20 lines; the grid shows from the start", async ({ page }) => {
  await openTill(page);
  // "Semua kategori": the whole shelf, not an empty grid.
  await expect(tiles(page).nth(19)).toBeVisible();
  await expect(page.getByText("Ketuk produk atau pindai barcode untuk mulai.")).toBeVisible();
  for (const [from, to] of [[0, 1], [1, 6], [6, 20]]) {
    for (let i = from; i < to; i++) await tiles(page).nth(i).click();
    await expect(cartRows(page)).toHaveCount(to);
    await chargeStaysOnScreen(page);
  }
  // A tapped search result clears the search for the next item.
  await page.getByTestId("search").fill("gula");
  await tiles(page).first().click();
  await expect(page.getByTestId("search")).toHaveValue("");
  await page.getByTestId("void-cart").click();
  await expect(cartRows(page)).toHaveCount(0);
});

test("a 3-item cash sale with change takes 5 taps from the grid, and the change fills the screen", async ({ page }) => {
  await openTill(page);
  await expect(tiles(page).nth(2)).toBeVisible();
  let taps = 0;
  const tap = async (el: Locator) => {
    await el.click();
    taps++;
  };
  await tap(tiles(page).nth(0));
  await tap(tiles(page).nth(1));
  await tap(tiles(page).nth(2));
  // The quick-cash notes follow the total: "uang pas" first, then the next round sums.
  const notes = page.getByTestId("quick-cash").getByRole("button");
  await expect(notes.first()).toContainText("Uang pas");
  await tap(notes.nth(1));
  await tap(page.getByTestId("finish"));
  expect(taps).toBe(5);
  const done = page.getByTestId("receipt");
  await expect(done).toBeVisible();
  await expect(done).toContainText("Kembalian");
  await expect(page.getByTestId("change")).toHaveText(/^Rp[1-9]/);
  await onScreen(page.getByTestId("change"));
  await page.getByTestId("new-sale").click();
  await expect(done).toHaveCount(0);
});

test("the open cart survives a reload of the tablet", async ({ page }) => {
  await openTill(page);
  await expect(tiles(page).nth(1)).toBeVisible();
  const first = (await tiles(page).nth(0).locator(".name").innerText()).trim();
  await tiles(page).nth(0).click();
  await tiles(page).nth(1).click();
  await tiles(page).nth(1).click();
  await expect(cartRows(page)).toHaveCount(2);
  await page.reload();
  await ready(page);
  await expect(cartRows(page)).toHaveCount(2);
  await expect(page.getByTestId("cart")).toContainText(first);
  await expect(cartRows(page).nth(1).getByLabel("Jumlah")).toHaveValue("2");
});

test("till mode shows only the till's controls; the PIN pad takes a hardware keyboard", async ({ page }) => {
  await openTill(page);
  await expect(page.getByRole("navigation", { name: "Menu" })).toHaveCount(0);
  await page.goto("/kasir/pin");
  await ready(page);
  await expect(page.getByRole("navigation", { name: "Menu" })).toHaveCount(0);
  await page.getByRole("button", { name: "Dewi Lestari" }).click();
  await page.keyboard.type("12345");
  await page.keyboard.press("Backspace");
  await expect(page.getByTestId("pin-dots")).toHaveText("●●●●○○");
  await page.keyboard.type("56");
  await expect(page).toHaveURL(/\/kasir$/);
  // The same manager's back office still has its menu.
  await page.context().clearCookies();
  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await expect(page.getByRole("navigation", { name: "Menu" })).toBeVisible();
});
