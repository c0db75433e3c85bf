// npm run db:migrate: applies prisma/migrations to DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/outflow).
import { applyMigrations } from "../src/migrate.ts";
import { databaseUrl, MIGRATIONS_DIR } from "./paths.ts";

const applied = await applyMigrations(databaseUrl(), MIGRATIONS_DIR, (l) => console.log(l));
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
