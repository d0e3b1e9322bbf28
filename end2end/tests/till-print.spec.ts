import { test, expect, Page, APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { ready, openTill, scan, pay, newSale } from "./helpers";

const golden = (name: string) =>
  fs.readFileSync(path.resolve(__dirname, "..", "..", "domain", "tests", "golden", name), "utf8")
    .trim().split(/\s+/).join(" ");

/**
 * A stand-in for `navigator.usb`: one thermal printer (bulk IN endpoint 1, bulk OUT
 * endpoint 2) that records every byte sent to it. The browser's permission survives
 * reloads, as a real paired device's does.
 */
function fakeUsb() {
  const w = window as unknown as { __usb: { sent: number[]; fail: boolean; prints: number } };
  w.__usb = { sent: [], fail: false, prints: 0 };
  const out = { endpointNumber: 2, direction: "out", type: "bulk", packetSize: 64 };
  const inn = { endpointNumber: 1, direction: "in", type: "bulk", packetSize: 64 };
  const iface = { interfaceNumber: 0, claimed: false, alternate: { alternateSetting: 0, interfaceClass: 7, endpoints: [inn, out] }, alternates: [] };
  const config = { configurationValue: 1, interfaces: [iface] };
  const device = {
    vendorId: 0x0416, productId: 0x5011, productName: "POS58 Printer",
    opened: false, configuration: null as unknown, configurations: [config],
    async open() { this.opened = true; },
    async selectConfiguration() { this.configuration = config; },
    async claimInterface() { iface.claimed = true; },
    async transferOut(endpoint: number, data: Uint8Array) {
      if (w.__usb.fail) throw new DOMException("The device was disconnected.", "NotFoundError");
      if (endpoint !== 2) throw new Error(`wrong endpoint ${endpoint}`);
      w.__usb.sent.push(...Array.from(data));
      return { status: "ok", bytesWritten: data.byteLength };
    },
  };
  const usb = {
    async getDevices() { return localStorage.getItem("fake-usb-permitted") ? [device] : []; },
    async requestDevice() { localStorage.setItem("fake-usb-permitted", "1"); return device; },
  };
  Object.defineProperty(Navigator.prototype, "usb", { configurable: true, get: () => usb });
  window.print = () => { w.__usb.prints += 1; };
}

async function sent(page: Page) {
  return page.evaluate(() => (window as unknown as { __usb: { sent: number[] } }).__usb.sent);
}

async function clearSent(page: Page) {
  await page.evaluate(() => { (window as unknown as { __usb: { sent: number[] } }).__usb.sent = []; });
}

const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, "0")).join(" ");

/** The demo sale the golden file describes, made through the API by the demo cashier. */
async function goldenSale(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/login", { data: { email: "kasir@makmur.test", password: "demo1234" } });
  expect(login.ok()).toBeTruthy();
  const csrf = (await login.json()).csrf_token as string;
  const outlets = await (await request.get("/api/v1/outlets")).json();
  const outlet = outlets.find((o: { code: string }) => o.code === "MKM1").id;
  const catalogue = await (await request.get(`/api/v1/outlets/${outlet}/catalogue`)).json();
  const id = (sku: string) => catalogue.products.find((p: { sku: string }) => p.sku === sku).id;
  const r = await request.post("/api/v1/sales", {
    headers: { "X-CSRF-Token": csrf },
    data: {
      client_sale_id: "0192f000-0000-7000-8000-00000000a001",
      outlet_id: outlet,
      receipt_no: "MKM1-GOLD-000001",
      sold_at: "2026-11-27T03:15:00Z",
      lines: [
        { product_id: id("TLR-10"), quantity: "1", unit_price: "28000", discount: { amount: "1000" } },
        { product_id: id("BRS-KG"), quantity: "1.5", unit_price: "14000" },
      ],
      payments: [{ method: "cash", amount: "50000" }],
      totals: { subtotal: "49000", discount_total: "1000", service_charge: "0", tax: "0", rounding: "0",
        grand_total: "48000", paid_total: "50000", change: "2000" },
    },
  });
  expect(r.status(), await r.text()).toBeLessThan(300);
}

test("receipts print over a paired USB printer, byte for byte as the golden files", async ({ page, request }) => {
  await goldenSale(request);
  await page.addInitScript(fakeUsb);
  await openTill(page);

  // Pair once; the tablet remembers it.
  await page.getByTestId("ops-printer").click();
  const printer = page.getByTestId("printer-panel");
  await printer.getByTestId("pair-printer").click();
  await expect(printer.getByTestId("printer-message")).toContainText("Printer dipasangkan: POS58 Printer");
  await page.reload();
  await ready(page);
  await page.getByTestId("ops-printer").click();
  await expect(page.getByTestId("printer-panel")).toContainText("POS58 Printer");

  // Reprint the demo sale on 58 mm paper: exactly the golden bytes, no dialog.
  await page.getByTestId("ops-refund").click();
  const refund = page.getByTestId("refund-panel");
  await refund.getByTestId("refund-receipt").fill("MKM1-GOLD-000001");
  await refund.getByRole("button", { name: "Cari" }).click();
  await refund.getByTestId("reprint").click();
  await expect.poll(async () => (await sent(page)).length).toBeGreaterThan(0);
  await expect(refund.getByTestId("refund-message")).toHaveText("Struk terkirim ke printer.");
  expect(hex(await sent(page))).toBe(golden("till-sale-58mm.hex"));
  await expect(refund.getByTestId("slip")).toContainText("Telur Ayam 10 butir");

  // 80 mm paper: the 48-column golden file.
  await page.getByTestId("ops-printer").click();
  await page.getByTestId("printer-panel").getByRole("button", { name: "80 mm" }).click();
  await page.getByTestId("ops-refund").click();
  await clearSent(page);
  await refund.getByTestId("refund-receipt").fill("MKM1-GOLD-000001");
  await refund.getByRole("button", { name: "Cari" }).click();
  await refund.getByTestId("reprint").click();
  await expect.poll(async () => (await sent(page)).length).toBeGreaterThan(0);
  expect(hex(await sent(page))).toBe(golden("till-sale-80mm.hex"));

  // Auto-print on payment: the receipt goes out as the sale finishes, with the drawer kick
  // for cash.
  await page.getByTestId("ops-printer").click();
  await page.getByTestId("printer-panel").getByRole("button", { name: "58 mm" }).click();
  await page.getByTestId("auto-print").check();
  await page.getByTestId("ops-printer").click();
  await clearSent(page);
  await scan(page, "8991000000027");
  await pay(page, "Tunai");
  await page.getByTestId("finish").click();
  await expect.poll(async () => (await sent(page)).length).toBeGreaterThan(0);
  const bytes = hex(await sent(page));
  const number = /([A-Z0-9]+-D\d\d-\d{6})/.exec(await page.getByTestId("receipt").locator("h2").innerText())?.[1] as string;
  expect(bytes.startsWith("1b 40 1b 74 13")).toBe(true);
  expect(bytes).toContain(hex(Array.from(Buffer.from(number))));
  expect(bytes.endsWith("1d 56 01 1b 70 00 19 fa")).toBe(true);

  // An unpaid bill prints with its QRIS as the QR code.
  await clearSent(page);
  await scan(page, "8991000000010");
  await pay(page, "QRIS");
  const payload = (await page.getByTestId("qris-code").getAttribute("data-payload")) as string;
  await page.getByTestId("qris-print").click();
  await expect.poll(async () => (await sent(page)).length).toBeGreaterThan(0);
  expect(hex(await sent(page))).toContain(hex(Array.from(Buffer.from(payload))));
  await page.getByTestId("qris-paid").click();
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("change")).toHaveText("Rp0");

  // The printer is unplugged: the cashier is told, and the browser's print dialog opens
  // with the same receipt text.
  await page.evaluate(() => { (window as unknown as { __usb: { fail: boolean } }).__usb.fail = true; });
  await page.getByTestId("print-receipt").click();
  await expect(page.getByTestId("print-message")).toContainText("Printer tidak menjawab");
  expect(await page.evaluate(() => (window as unknown as { __usb: { prints: number } }).__usb.prints)).toBe(1);
});

test("without WebUSB the till says so and uses the browser's print dialog", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "usb", { configurable: true, get: () => undefined });
    const w = window as unknown as { prints: number };
    w.prints = 0;
    window.print = () => { w.prints += 1; };
  });
  await openTill(page);
  await scan(page, "8991000000027");
  await pay(page, "Tunai");
  await page.getByTestId("finish").click();
  await page.getByTestId("print-receipt").click();
  await expect(page.getByTestId("print-message")).toContainText("tidak mendukung printer USB");
  expect(await page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
  // The on-screen slip is what the print stylesheet keeps.
  await expect(page.getByTestId("receipt").getByTestId("slip")).toContainText("TOTAL");
  await newSale(page);
  await page.getByTestId("ops-printer").click();
  await page.getByTestId("pair-printer").click();
  await expect(page.getByTestId("printer-message")).toContainText("tidak mendukung printer USB");
});
