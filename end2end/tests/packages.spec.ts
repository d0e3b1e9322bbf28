import { test, expect } from "@playwright/test";
import { ready, signIn } from "./helpers";

// A business that runs only a café: no package of its industry exists yet, so it sees
// the platform (outlets, staff) and nothing of retail or the koperasi, and its till says
// it is coming. The demo tenant, which runs a minimarket and a koperasi, sees both.
test("a café sees only what it runs, and its till says it is coming", async ({ page, playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  let r = await admin.post("/api/v1/auth/login", { data: { email: "superadmin@satu.test", password: "demo1234" } });
  const adminCsrf = (await r.json()).csrf_token as string;
  const email = `senja${Date.now()}@kafe.test`;
  r = await admin.post("/api/v1/tenants", {
    data: { name: "Kafe Senja", owner_email: email, plan: "basic" },
    headers: { "x-csrf-token": adminCsrf },
  });
  expect(r.status()).toBe(201);
  const invite = (await r.json()).invite_token as string;
  r = await admin.post("/api/v1/invitations/accept", { data: { token: invite, password: "kafe-senja-1" } });
  expect(r.status()).toBe(204);

  await signIn(page, email, "kafe-senja-1");
  await expect(page).toHaveURL(/\/dasbor$/);
  const csrf = (await page.context().cookies()).find((c) => c.name === "satu_csrf")?.value ?? "";
  r = await page.request.post("/api/v1/outlets", {
    data: { name: "Kafe Senja", code: "KS1", industry: "fnb", timezone: "WITA" },
    headers: { "x-csrf-token": csrf },
  });
  expect(r.status()).toBe(201);
  const outlet = (await r.json()).id as string;
  r = await page.request.post("/api/v1/devices", {
    data: { outlet_id: outlet, name: "Tablet Bar" },
    headers: { "x-csrf-token": csrf },
  });
  expect(r.status()).toBe(201);

  await page.goto("/dasbor");
  await ready(page);
  const nav = page.getByRole("navigation", { name: "Menu" });
  // Entries inside a closed group are in the page but hidden: count them by address.
  await expect(nav.locator('a[href="/staf"]')).toHaveCount(1);
  await expect(nav.getByRole("link", { name: "Kasir" })).toBeVisible();
  for (const absent of ["/pinjaman", "/anggota", "/shu", "/katalog", "/laporan"]) {
    await expect(nav.locator(`a[href="${absent}"]`)).toHaveCount(0);
  }
  await nav.getByRole("link", { name: "Kasir" }).click();
  await expect(page.getByTestId("till-coming")).toContainText("segera hadir");
  await expect(page.getByTestId("till-coming")).toContainText("Kafe & restoran");

  // A koperasi page typed by hand explains the refusal instead of showing nothing.
  await page.goto("/anggota");
  await ready(page);
  await expect(page.getByText("paket yang tidak aktif")).toBeVisible();

  // The demo owner runs both: retail's and the koperasi's entries are there.
  await page.getByTestId("sign-out").click();
  await signIn(page, "owner@makmur.test");
  await expect(page).toHaveURL(/\/dasbor$/);
  for (const present of ["/pinjaman", "/anggota", "/katalog", "/laporan", "/kasir"]) {
    await expect(nav.locator(`a[href="${present}"]`)).toHaveCount(1);
  }
});
