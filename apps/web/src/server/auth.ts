import "server-only";
import { verifyApiToken } from "@outflow/auth/api-tokens";
import { type Auth, createAuth } from "@outflow/auth/auth";
import { type Role, roleOf } from "@outflow/schemas/roles";
import { ctx } from "./context";
import { env } from "./env";

const g = globalThis as unknown as { __outflowAuth?: Auth };

/** better-auth for this process, on the shared Prisma client. */
export function auth(): Auth {
  g.__outflowAuth ??= createAuth(ctx().db, env().OUTFLOW_SECRET_KEY);
  return g.__outflowAuth;
}

/** Who sends a request: a signed-in user (session cookie) or the owner of an API token. */
export type Actor = { userId: string; email: string; name: string; role: Role; via: "session" | "token" };

/** The request's actor, or null when it carries neither a valid session nor a valid token. */
export async function actorOf(headers: Headers): Promise<Actor | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    const owner = await verifyApiToken(ctx().db, bearer);
    if (!owner) {
      return null;
    }
    const user = await ctx().db.user.findUnique({ where: { id: owner.userId } });
    return user && !user.banned ? { userId: user.id, email: user.email, name: user.name, role: roleOf(user.role), via: "token" } : null;
  }
  const session = await auth().api.getSession({ headers });
  if (!session) {
    return null;
  }
  const u = session.user;
  return { userId: u.id, email: u.email, name: u.name, role: roleOf(u.role), via: "session" };
}
