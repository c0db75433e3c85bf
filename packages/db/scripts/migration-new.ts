// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the existing migrations to
// prisma/schema.prisma, using Prisma's WASM schema engine (no native engine download needed).
// usage: node packages/db/scripts/migration-new.ts <name>      (DATABASE_URL: a Postgres for the shadow database)
//        node packages/db/scripts/migration-new.ts --check     exits 1 when the schema has changes no migration holds
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { adminUrl, MIGRATIONS_DIR, SCHEMA_PATH } from "./paths.ts";
import { loadSchemaEngine } from "./schema-engine.ts";

const name = process.argv[2];
const checkOnly = name === "--check";
if (!name || (!checkOnly && !/^[a-z0-9_]+$/.test(name))) {
  console.error("usage: migration-new.ts <snake_case_name>");
  process.exit(2);
}
const engine = await loadSchemaEngine(SCHEMA_PATH, adminUrl());
const migrations = await readMigrations();
const diff = await engine.diff({
  from: migrations.length
    ? {
        tag: "migrations",
        baseDir: MIGRATIONS_DIR,
        lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
        migrationDirectories: migrations,
        shadowDbInitScript: "",
      }
    : { tag: "empty" },
  to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, "utf8") }] },
  script: true,
  exitCode: true,
  filters: { externalTables: [], externalEnums: [] },
});
if (diff.exitCode === 0 || !diff.stdout?.trim() || diff.stdout.includes("This is an empty migration")) {
  console.log("schema and migrations agree: nothing to write");
  process.exit(0);
}
if (checkOnly) {
  console.error(`prisma/schema.prisma has changes that no migration holds; run npm run db:migration -- <name>:\n${diff.stdout}`);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, "migration.sql"), diff.stdout);
await writeFile(join(MIGRATIONS_DIR, "migration_lock.toml"), '# Prisma migration lock\nprovider = "postgresql"\n');
console.log(`wrote ${dir}/migration.sql`);
process.exit(0);

async function readMigrations() {
  const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    names.map(async (n) => ({
      path: n,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: await readFile(join(MIGRATIONS_DIR, n, "migration.sql"), "utf8") } },
    })),
  );
}
