import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: ["@outflow/schemas", "@outflow/pipeline", "@outflow/db", "@outflow/connectors", "@outflow/queue"],
  serverExternalPackages: ["kafkajs", "@elastic/elasticsearch", "bullmq", "ioredis", "pg", "@prisma/adapter-pg", "@prisma/client"],
  poweredByHeader: false,
};

export default config;
