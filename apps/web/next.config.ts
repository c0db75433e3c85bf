import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  // Lets two builds live side by side (e.g. tests of one checkout while another build runs).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  transpilePackages: ["@outflow/auth", "@outflow/schemas", "@outflow/pipeline", "@outflow/db", "@outflow/connectors", "@outflow/queue"],
  serverExternalPackages: ["kafkajs", "@elastic/elasticsearch", "bullmq", "ioredis", "pg", "@prisma/adapter-pg", "@prisma/client"],
  poweredByHeader: false,
};

export default withNextIntl(config);
