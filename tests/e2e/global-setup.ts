import { Stack } from "@outflow/testing/stack";
import { assertServicesUp } from "./services-check";

/** Starts one Outflow stack for all browser tests; global-teardown.ts stops it. */
export default async function globalSetup(): Promise<void> {
  await assertServicesUp();
  const stack = await Stack.start({ workers: 1 });
  (globalThis as { __outflowE2eStack?: Stack }).__outflowE2eStack = stack;
  process.env.OUTFLOW_E2E_BASE_URL = stack.api.baseUrl;
}
