import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/client";

export type Db = InstanceType<typeof PrismaClient>;

const g = globalThis as unknown as { __outflowPrisma?: Map<string, Db> };

/** One client per database URL per process (safe under Next's module reloading). */
export function getPrisma(databaseUrl: string): Db {
  g.__outflowPrisma ??= new Map();
  let db = g.__outflowPrisma.get(databaseUrl);
  if (!db) {
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
    g.__outflowPrisma.set(databaseUrl, db);
  }
  return db;
}

/** Closes this process's client of one database (e.g. before the database is dropped). */
export async function disconnect(databaseUrl: string): Promise<void> {
  const db = g.__outflowPrisma?.get(databaseUrl);
  g.__outflowPrisma?.delete(databaseUrl);
  await db?.$disconnect();
}

export async function disconnectAll(): Promise<void> {
  const all = [...(g.__outflowPrisma?.values() ?? [])];
  g.__outflowPrisma?.clear();
  await Promise.all(all.map((db) => db.$disconnect()));
}

export { Prisma } from "../generated/client";
