import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Stack } from "@outflow/testing/stack";
import { assertServicesUp } from "./services-check";
import { ADMIN_STATE, signInCookies } from "./sign-in";

/**
 * Starts one Outflow stack for all browser tests (global-teardown.ts stops it) and signs its admin in once: every
 * page starts with that session (Playwright's storageState), and the `api` fixture uses the admin's token.
 */
export default async function globalSetup(): Promise<void> {
  await assertServicesUp();
  const stack = await Stack.start({ workers: 1 });
  (globalThis as { __outflowE2eStack?: Stack }).__outflowE2eStack = stack;
  process.env.OUTFLOW_E2E_BASE_URL = stack.baseUrl;
  process.env.OUTFLOW_E2E_TOKEN = stack.admin.token;
  // Lets specs make users of other roles with the product's own code.
  process.env.OUTFLOW_E2E_DATABASE_URL = stack.databaseUrl;
  process.env.OUTFLOW_E2E_SECRET_KEY = stack.env.OUTFLOW_SECRET_KEY;
  mkdirSync(dirname(ADMIN_STATE), { recursive: true });
  writeFileSync(ADMIN_STATE, JSON.stringify({ cookies: await signInCookies(stack.baseUrl, stack.admin.email, stack.admin.password), origins: [] }));
}
