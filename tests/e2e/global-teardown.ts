import type { Stack } from "@outflow/testing/stack";

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __outflowE2eStack?: Stack };
  await g.__outflowE2eStack?.stop();
  g.__outflowE2eStack = undefined;
}
