import { defineConfig } from "@playwright/test";
import { ADMIN_STATE } from "./tests/e2e/sign-in";

/**
 * Browser tests of the console on the real services: the global setup starts a whole test stack (own database,
 * Redis prefix, `next start` of the built app, one worker), exports its URL as OUTFLOW_E2E_BASE_URL and signs
 * its admin in (storageState).
 * Chromium is Debian's (/usr/bin/chromium); Playwright never downloads browsers here.
 */
export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.OUTFLOW_E2E_BASE_URL,
    // The stack's admin, signed in once by the global setup.
    storageState: ADMIN_STATE,
    viewport: { width: 1440, height: 1000 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
