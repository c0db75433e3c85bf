import type { Db } from "@outflow/db/client";
import type { Auth } from "./auth";
import { issueSetupToken } from "./setup-token";
import { countUsers, createUser } from "./users";

export type FirstRun = { kind: "users-exist" } | { kind: "admin-created"; id: string; email: string } | { kind: "setup-link"; token: string };

/**
 * What an installation without users needs: with `admin` given, that admin is created at once (unattended installs,
 * the test stack); without, a one-time setup token for the first admin. Does nothing once any user exists.
 */
export async function firstRun(db: Db, auth: Auth, admin?: { email: string; password: string }): Promise<FirstRun> {
  if ((await countUsers(db)) > 0) {
    return { kind: "users-exist" };
  }
  if (admin) {
    const u = await createUser(auth, { name: "Admin", email: admin.email, password: admin.password, role: "admin" });
    return { kind: "admin-created", id: u.id, email: u.email };
  }
  return { kind: "setup-link", token: await issueSetupToken(db) };
}
