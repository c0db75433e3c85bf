import { defineConfig } from "vitest/config";

// Two tiers: *.test.ts (pure, no services) and *.int.test.ts (real Kafka, Elasticsearch, Postgres, Redis).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/**/src/**/*.test.ts", "apps/**/src/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          // property tests run thousands of cases; give them room on a loaded 2-core machine
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/**/src/**/*.int.test.ts", "apps/**/src/**/*.int.test.ts", "tests/integration/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          // Each file runs its own stack (database, Redis prefix, topics, indices), so files are independent.
          fileParallelism: true,
          maxWorkers: Number(process.env.INTEGRATION_WORKERS ?? 2),
          testTimeout: 180_000,
          hookTimeout: 180_000,
          globalSetup: ["tests/integration/global-setup.ts"],
        },
      },
      {
        // Fault injection on dedicated Kafka and Elasticsearch instances (other ports), so stopping them
        // disturbs nothing else. `npm run test:faults`; a short profile runs in `npm test`.
        test: {
          name: "faults",
          include: ["tests/faults/**/*.fault.test.ts"],
          fileParallelism: false,
          testTimeout: 1_800_000,
          hookTimeout: 600_000,
          globalSetup: ["tests/faults/global-setup.ts"],
          env: { KAFKA_BROKERS: "127.0.0.1:29092", ES_URL: "http://127.0.0.1:29200" },
        },
      },
    ],
  },
});
