import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createApiToken } from "@outflow/auth/api-tokens";
import { createAuth } from "@outflow/auth/auth";
import { firstRun } from "@outflow/auth/first-run";
import { createUser } from "@outflow/auth/users";
import { disconnect, getPrisma } from "@outflow/db/client";
import { applyMigrations } from "@outflow/db/migrate";
import type { Role } from "@outflow/schemas/roles";
import pg from "pg";
import { ApiClient } from "./api-client";
import { freePort, SERVICES, uniqueName, waitFor } from "./services";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");

export const TEST_LEASE_MS = 6_000;
export const TEST_RECONCILE_EVERY_MS = 1_000;

/** One worker process of a test stack. */
export type WorkerProcess = { id: string; child: ChildProcess; exited: Promise<number | null>; logs: string[] };

/** A user of a test stack: sign in with email and password, or call the API with `api` (its token). */
export type StackUser = { id: string; email: string; password: string; role: Role; token: string; api: ApiClient };

const TOKEN_DAYS = 2;

/**
 * A whole Outflow installation for tests, on the real services: its own Postgres database, its own Redis
 * key prefix, the built web app (`next start`) and any number of worker processes (`node --import tsx src/main.ts`).
 */
export class Stack {
  readonly workers: WorkerProcess[] = [];
  /** What the web app (`next start`) printed, stdout and stderr. */
  readonly webLogs: string[] = [];
  private web: ChildProcess | null = null;
  private admin_: StackUser | undefined;
  readonly env: Record<string, string>;

  private constructor(
    readonly name: string,
    readonly databaseUrl: string,
    readonly webPort: number,
    extraEnv: Record<string, string>,
    /** Short lease and reconcile intervals so that tests see takeovers and claims quickly; off: the worker's defaults. */
    private readonly testTimings: boolean,
  ) {
    this.env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: SERVICES.redisUrl,
      QUEUE_PREFIX: name.replace(/[^A-Za-z0-9_-]/g, "_"),
      OUTFLOW_SECRET_KEY: randomBytes(32).toString("base64"),
      NEXT_TELEMETRY_DISABLED: "1",
      ...extraEnv,
    };
  }

  static async start(
    opts: {
      workers?: number;
      webPort?: number;
      env?: Record<string, string>;
      workerEnv?: Record<string, string>;
      testTimings?: boolean;
      /** false: no user at all, as a fresh install (see setupLink). */
      admin?: boolean;
    } = {},
  ): Promise<Stack> {
    const name = uniqueName("it").replace(/-/g, "_");
    const url = new URL(SERVICES.postgresUrl);
    url.pathname = `/${name}`;
    const stack = new Stack(name, url.toString(), opts.webPort ?? (await freePort()), opts.env ?? {}, opts.testTimings ?? true);
    await applyMigrations(stack.databaseUrl, join(ROOT, "prisma/migrations"));
    if (opts.admin !== false) {
      stack.admin_ = await stack.createUser("admin");
    }
    await stack.startWeb();
    const workers = Array.from({ length: opts.workers ?? 1 }, () => stack.startWorker(opts.workerEnv));
    // Claims go only to live workers: a task started before every worker is up would run all its slots on the first.
    await Promise.all(workers.map((w) => stack.waitStarted(w)));
    return stack;
  }

  /** The pid of the web app's process (`next start` serves in its own process): read its /proc/<pid>/status. */
  get webPid(): number {
    if (!this.web?.pid) {
      throw new Error("the web app is not running");
    }
    return this.web.pid;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.webPort}`;
  }

  /** The stack's first admin, made as `npm start` makes it from OUTFLOW_ADMIN_EMAIL/OUTFLOW_ADMIN_PASSWORD. */
  get admin(): StackUser {
    if (!this.admin_) {
      throw new Error("the stack has no admin yet");
    }
    return this.admin_;
  }

  /** The API as the stack's admin (every request carries the admin's API token). */
  get api(): ApiClient {
    return this.admin.api;
  }

  /** better-auth's sign-in as a browser makes it: the session cookie it sets, or the status it refused with. */
  async signIn(email: string, password: string): Promise<{ status: number; cookie: string }> {
    const res = await fetch(`${this.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.baseUrl },
      body: JSON.stringify({ email, password }),
    });
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    return { status: res.status, cookie };
  }

  /** The one-time first-admin link `npm start` prints while no user exists (the product's firstRun makes its token). */
  async setupLink(): Promise<string> {
    const db = getPrisma(this.databaseUrl);
    const first = await firstRun(db, createAuth(db, this.env.OUTFLOW_SECRET_KEY ?? "", this.baseUrl));
    if (first.kind !== "setup-link") {
      throw new Error("the stack has users already: start it with { admin: false }");
    }
    return `${this.baseUrl}/setup?token=${encodeURIComponent(first.token)}`;
  }

  /** A new user of that role, made with the product's own code, with an API token. The first one is the first admin. */
  async createUser(role: Role): Promise<StackUser> {
    const db = getPrisma(this.databaseUrl);
    const auth = createAuth(db, this.env.OUTFLOW_SECRET_KEY ?? "", this.baseUrl);
    const email = `${uniqueName(role)}@outflow.test`.toLowerCase();
    const password = randomBytes(12).toString("base64url");
    const first = await firstRun(db, auth, role === "admin" ? { email, password } : undefined);
    const id = first.kind === "admin-created" ? first.id : (await createUser(auth, { name: role, email, password, role })).id;
    const { token } = await createApiToken(db, id, "test stack", new Date(Date.now() + TOKEN_DAYS * 24 * 3600_000));
    return { id, email, password, role, token, api: new ApiClient(this.baseUrl, token) };
  }

  private async startWeb(): Promise<void> {
    const webDir = join(ROOT, "apps/web");
    if (!existsSync(join(webDir, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
      throw new Error("apps/web is not built: run `npm run build -w @outflow/web` (npm test does it)");
    }
    const logs = this.webLogs;
    this.web = spawn(join(ROOT, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(this.webPort)], {
      cwd: webDir,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.web.stdout?.on("data", (d) => logs.push(String(d)));
    this.web.stderr?.on("data", (d) => logs.push(String(d)));
    await waitFor("the web app to answer /api/health", async () => (await fetch(`${this.baseUrl}/api/health`)).ok, 60_000).catch((err) => {
      throw new Error(`${(err as Error).message}\n${logs.join("").slice(-3000)}`);
    });
  }

  /** Starts one more worker process; its id is predictable for assertions. */
  startWorker(extraEnv: Record<string, string> = {}): WorkerProcess {
    const id = `${this.name}-w${this.workers.length}`;
    const logs: string[] = [];
    // From source with `node --import tsx` (not the tsx wrapper, which runs a second process: one pid, so kill -9 kills
    // the worker); OUTFLOW_WORKER_BUNDLE=1 runs the production bundle with its launcher instead, as `npm start` does
    // (npm run build -w @outflow/worker first; the launcher execs node, so the pid is still the worker's).
    const bundle = process.env.OUTFLOW_WORKER_BUNDLE === "1";
    const [command, args] = bundle
      ? [join(ROOT, "apps/worker/bin/outflow-worker"), []]
      : [join(ROOT, "node_modules/.bin/node"), ["--import", "tsx", "src/main.ts"]];
    const child = spawn(command, args, {
      cwd: join(ROOT, "apps/worker"),
      env: {
        ...process.env,
        PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
        ...this.env,
        WORKER_ID: id,
        ...(this.testTimings ? { LEASE_MS: String(TEST_LEASE_MS), RECONCILE_EVERY_MS: String(TEST_RECONCILE_EVERY_MS) } : {}),
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (d: Buffer) => {
      logs.push(String(d));
      if (logs.length > 2000) {
        logs.splice(0, 1000);
      }
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const logFile = workerLogFile(id);
    if (logFile) {
      child.stdout?.pipe(logFile, { end: false });
      child.stderr?.pipe(logFile, { end: false });
      child.once("close", () => logFile.end());
    }
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const w = { id, child, exited, logs };
    this.workers.push(w);
    return w;
  }

  /** Resolves once the worker has registered its first heartbeat, so that claims can be placed on it. */
  async waitStarted(w: WorkerProcess, timeoutMs = 90_000): Promise<void> {
    const db = new pg.Client({ connectionString: this.databaseUrl });
    await db.connect();
    try {
      await waitFor(
        `worker ${w.id} to start`,
        async () => {
          if (w.child.exitCode !== null || w.child.signalCode !== null) {
            throw new Error(`worker ${w.id} exited before it started:\n${w.logs.join("").slice(-3000)}`);
          }
          return (await db.query("SELECT 1 FROM workers WHERE id = $1", [w.id])).rowCount === 1;
        },
        timeoutMs,
        100,
      );
    } finally {
      await db.end();
    }
  }

  /** kill -9: no shutdown, no lease release, no commit. */
  async crashWorker(w: WorkerProcess): Promise<void> {
    w.child.kill("SIGKILL");
    await w.exited;
  }

  async stopWorker(w: WorkerProcess): Promise<void> {
    w.child.kill("SIGTERM");
    await w.exited;
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null).map((w) => this.stopWorker(w)));
    if (this.web && this.web.exitCode === null) {
      this.web.kill("SIGTERM");
      await new Promise((r) => this.web?.once("exit", r));
    }
    await disconnect(this.databaseUrl);
    const admin = new pg.Client({ connectionString: SERVICES.postgresUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/**
 * With OUTFLOW_WORKER_LOG_DIR set (npm run test:faults sets it), each worker's output also goes to <dir>/<id>.log,
 * so that a scenario's figures can be explained after the run.
 */
function workerLogFile(id: string): WriteStream | null {
  const dir = process.env.OUTFLOW_WORKER_LOG_DIR;
  if (!dir) {
    return null;
  }
  const abs = resolve(ROOT, dir);
  mkdirSync(abs, { recursive: true });
  return createWriteStream(join(abs, `${id}.log`), { flags: "a" });
}
