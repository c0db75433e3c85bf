import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
export const SCHEMA_PATH = join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = join(ROOT, "prisma/migrations");
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/outflow";

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

/** The same server, database "postgres": for creating databases. */
export function adminUrl(): string {
  const u = new URL(databaseUrl());
  u.pathname = "/postgres";
  return u.toString();
}
