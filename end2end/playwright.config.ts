import { defineConfig } from "@playwright/test";
import path from "node:path";

const port = Number(process.env.SATU_E2E_PORT ?? 3100);
const root = path.resolve(__dirname, "..");

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `bash ${path.join(__dirname, "start-server.sh")}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    env: { SATU_E2E_PORT: String(port) },
  },
});
