// npm start runs this after the migrations: while no user exists it creates the first admin from
// OUTFLOW_ADMIN_EMAIL/OUTFLOW_ADMIN_PASSWORD, or prints a one-time setup link (valid for an hour).
import { disconnectAll, getPrisma } from "@outflow/db/client";
import { CommonEnv, FirstAdminEnv } from "@outflow/schemas/env";
import { createAuth } from "../src/auth";
import { firstRun } from "../src/first-run";

const common = CommonEnv.safeParse(process.env);
const admin = FirstAdminEnv.safeParse(process.env);
if (!common.success || !admin.success) {
  console.error(`✖ ${(common.error ?? admin.error)?.issues[0]?.message}`);
  process.exit(1);
}
const db = getPrisma(common.data.DATABASE_URL);
const base = `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
const { OUTFLOW_ADMIN_EMAIL: email, OUTFLOW_ADMIN_PASSWORD: password } = admin.data;
const result = await firstRun(db, createAuth(db, common.data.OUTFLOW_SECRET_KEY, base), email && password ? { email, password } : undefined);
if (result.kind === "admin-created") {
  console.log(`› created the first admin, ${result.email}`);
} else if (result.kind === "setup-link") {
  console.log(`› no user yet: create the first admin within the hour at\n\n    ${base}/setup?token=${result.token}\n`);
}
await disconnectAll();
