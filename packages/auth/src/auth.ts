import { hkdfSync } from "node:crypto";
import type { Db } from "@outflow/db/client";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAccessControl } from "better-auth/plugins/access";
import { admin } from "better-auth/plugins/admin";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";

const ac = createAccessControl(defaultStatements);
/** Only admins manage users through better-auth's admin endpoints; editors and viewers get no user permissions there. */
const roles = { admin: adminAc, editor: ac.newRole({ user: [], session: [] }), viewer: ac.newRole({ user: [], session: [] }) };

/**
 * The signing secret of sessions, derived from OUTFLOW_SECRET_KEY (so an installation keeps one secret to guard),
 * under its own label so that it never equals the key that seals connection secrets.
 */
export function authSecretFrom(secretKey: string): string {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secretKey, "base64"), Buffer.alloc(0), "outflow session signing", 32)).toString("base64");
}

/**
 * The library's HTTP endpoints the console serves (under /api/auth/). Everything else it has (its admin plugin's
 * user management, session revocation, account updates, …) answers 404: users are managed through /api/users, under
 * Outflow's roles, password policy and audit log. The library's server calls (auth.api.*) are not affected.
 */
export const SERVED_LIBRARY_PATHS: readonly string[] = ["sign-in/email", "sign-out", "get-session", "change-password", "list-sessions", "ok", "error"];

/** The request header the console sets to the client's address (client-address.ts) before the library sees a request. */
export const CLIENT_ADDRESS_HEADER = "x-outflow-client-address";

/** better-auth on Outflow's Postgres: email and password, no public sign-up (admins create users), roles of the admin plugin. */
export function createAuth(db: Db, secretKey: string, baseURL?: string) {
  return betterAuth({
    appName: "Outflow",
    secret: authSecretFrom(secretKey),
    ...(baseURL ? { baseURL } : {}),
    // Same-origin requests only: the console's own pages, at whatever host it is served from. (Which hosts may
    // serve it at all is the proxy's Host check.)
    trustedOrigins: (request) => (request ? [sameOrigin(request)] : []),
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    telemetry: { enabled: false },
    // Failed sign-ins and password changes are limited by the console (attempt-limits.ts), per account and per address
    // the client cannot choose; the library's own limit keys on X-Forwarded-For as the client sends it.
    rateLimit: { enabled: false },
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
    plugins: [admin({ ac, roles, defaultRole: "viewer", adminRoles: ["admin"] })],
  });
}

export type Auth = ReturnType<typeof createAuth>;

function sameOrigin(request: Request): string | null {
  const host = request.headers.get("host");
  return host ? `${new URL(request.url).protocol}//${host}` : null;
}
