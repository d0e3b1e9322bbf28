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
