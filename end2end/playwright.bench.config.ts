import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

// Benchmarks: figures are printed, not asserted (`make bench`).
export default defineConfig({ ...base, testDir: "./bench", timeout: 300_000 });
