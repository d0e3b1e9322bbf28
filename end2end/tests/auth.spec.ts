import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

const homes: [string, string, string][] = [
  ["superadmin@satu.test", "/platform", "Platform"],
  ["owner@makmur.test", "/dasbor", "Dasbor"],
  ["admin@makmur.test", "/dasbor", "Dasbor"],
  ["manager@makmur.test", "/dasbor", "Dasbor"],
  ["kasir@makmur.test", "/kasir", "Kasir"],
  ["anggota@makmur.test", "/simpanan-saya", "Simpanan saya"],
  ["supplier@makmur.test", "/pemasok", "Portal pemasok"],
];

for (const [email, home, title] of homes) {
  test(`${email} signs in and lands on ${home}`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(new RegExp(`${home}$`));
    await expect(page.getByTestId("page-title")).toHaveText(title);
    // Signing out ends the session on the server: the home page sends us back to sign-in.
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/masuk$/);
    await page.goto(home);
    await expect(page).toHaveURL(/\/masuk$/);
  });
}

test("a wrong password shows an Indonesian error", async ({ page }) => {
  await signIn(page, "owner@makmur.test", "salah-sekali");
  await expect(page.getByRole("alert")).toHaveText("Email atau kata sandi salah.");
  await expect(page).toHaveURL(/\/masuk$/);
});

test("the language switch changes the interface and is remembered", async ({ page }) => {
  await page.goto("/masuk");
  await ready(page);
  await expect(page.getByRole("button", { name: "Masuk" })).toBeVisible();
  await page.getByTestId("lang-en").click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await ready(page);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.getByTestId("lang-id").click();
  await expect(page.getByRole("button", { name: "Masuk" })).toBeVisible();
});

test("a member on a 360 px phone lands on her savings page without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signIn(page, "anggota@makmur.test");
  await expect(page.getByTestId("page-title")).toHaveText("Simpanan saya");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
