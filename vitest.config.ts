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
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/**/src/**/*.int.test.ts", "apps/**/src/**/*.int.test.ts", "tests/integration/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          globalSetup: ["tests/integration/global-setup.ts"],
        },
      },
    ],
  },
});
