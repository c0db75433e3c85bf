// Prisma's WASM schema engine, driven through @prisma/adapter-pg: it needs no native binary, so it works offline.
// Dev tooling only (new migrations, drift checks); the runtime applies migrations with scripts/migrate.ts.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

const require = createRequire(import.meta.url);

export type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

// Two workarounds for running the engine over adapter-pg:
// - the adapter drops its shadow database while its own pool is still connected: force the drop;
// - adapter-pg cannot map Postgres' internal "char" type (OID 18), which the engine's catalog queries return: report it as text.
const CHAR_OID = 18;
const TEXT_OID = 25;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  if (typeof args[0] === "string" && /^\s*DROP DATABASE/i.test(args[0]) && !/WITH \(FORCE\)/i.test(args[0])) {
    args[0] = `${args[0].replace(/;\s*$/, "")} WITH (FORCE)`;
  }
  const fix = (res: { fields?: { dataTypeID: number }[] } | undefined) => {
    for (const f of res?.fields ?? []) {
      if (f.dataTypeID === CHAR_OID) {
        f.dataTypeID = TEXT_OID;
      }
    }
    return res;
  };
  const last = args[args.length - 1];
  if (typeof last === "function") {
    args[args.length - 1] = (err: unknown, res: { fields?: { dataTypeID: number }[] }) => last(err, fix(res));
  }
  const out = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  return out instanceof Promise ? out.then(fix) : out;
} as typeof pg.Client.prototype.query;

// ... and the forced drop ends that pool's connections, which pg reports as an 'error' event nobody listens to.
process.on("uncaughtException", (err: Error & { code?: string }) => {
  if (err.code === "57P01") {
    return;
  }
  throw err;
});

export async function loadSchemaEngine(schemaPath: string, connectionString: string): Promise<Engine> {
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(gluePath);
  const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
  const wasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array, i: object): Promise<{ instance: { exports: object } }> } }).WebAssembly;
  const { instance } = await wasm.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  const datamodel = await readFile(schemaPath, "utf8");
  // Pass discrete fields, not a connection string: the adapter's shadow database only overrides `database`.
  const u = new URL(connectionString);
  const config = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: u.pathname.slice(1),
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(config));
  return glue.SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, (log: string) => process.env.DEBUG_SCHEMA_ENGINE && console.error(log), adapter);
}
