import { expect, Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo1234";

/** Waits until the WASM app has hydrated, so clicks reach Rust handlers. */
export async function ready(page: Page) {
  await expect(page.locator("body[data-hydrated='true']")).toHaveCount(1);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/masuk");
  await ready(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
}

/** The manager registers the tablet, then the cashier switches in with her PIN and, on a
 * tablet without an open shift, opens one with `float` in the drawer. */
export async function openTill(page: Page, float = "200000") {
  await signIn(page, "manager@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  await page.goto("/kasir/perangkat");
  await ready(page);
  // Wait until the page knows whether this browser is already a registered device.
  await expect(page.getByTestId("device-info")).toBeVisible();
  const register = page.getByTestId("register-device");
  if (await register.isVisible()) {
    await register.getByLabel("Outlet").selectOption({ label: "Minimarket Makmur" });
    await register.getByLabel("Nama perangkat").fill("Tablet Kasir");
    await register.getByRole("button", { name: "Simpan" }).click();
    await expect(page.getByTestId("device-info")).toContainText("Minimarket Makmur");
  }
  await page.goto("/kasir/pin");
  await ready(page);
  await page.getByRole("button", { name: "Dewi Lestari" }).click();
  for (const d of "123456") await page.getByRole("button", { name: d, exact: true }).click();
  await expect(page).toHaveURL(/\/kasir$/);
  await expect(page.getByTestId("device-info")).toContainText("Minimarket Makmur");
  await openShift(page, float);
}

/** Opens a shift when the till asks for one (a tablet's first sale of the day). */
export async function openShift(page: Page, float = "200000") {
  const gate = page.getByTestId("shift-open");
  const ops = page.getByTestId("ops");
  await expect(gate.or(ops)).toBeVisible();
  if (await gate.isVisible()) {
    await gate.getByTestId("opening-float").fill(float);
    await gate.getByRole("button", { name: "Buka shift" }).click();
    await expect(ops).toBeVisible();
  }
}

export async function scan(page: Page, code: string) {
  const search = page.getByTestId("search");
  await search.fill(code);
  await search.press("Enter");
}

export async function pay(page: Page, method: string, amount?: string) {
  if (amount) await page.getByTestId("amount").fill(amount);
  await page.getByRole("button", { name: method, exact: true }).click();
}


/** Leaves the finished sale's screen (change due, struk) for the next customer. */
export async function newSale(page: Page) {
  await page.getByTestId("new-sale").click();
  await expect(page.getByTestId("receipt")).toHaveCount(0);
}

/** Follows a menu link by name: opens the phone's drawer and the link's group first when
 * they are closed, as a person would. */
export async function openMenu(page: Page, link: string) {
  const nav = page.getByRole("navigation", { name: "Menu" });
  const target = nav.getByRole("link", { name: link, exact: true });
  if (!(await target.isVisible())) {
    const drawer = page.getByTestId("menu-toggle");
    if ((await drawer.isVisible()) && (await drawer.getAttribute("aria-expanded")) !== "true") {
      await drawer.click();
    }
    if (!(await target.isVisible())) {
      await nav.locator(".nav-group", { has: page.locator(`a:text-is("${link}")`) }).locator("summary").click();
    }
  }
  await target.click();
}
