import "server-only";
import { verifyApiToken } from "@outflow/auth/api-tokens";
import { type Auth, createAuth } from "@outflow/auth/auth";
import { AppError } from "@outflow/schemas/errors";
import { type Role, roleOf } from "@outflow/schemas/roles";
import { type ServerSentence, serverError, serverIssue } from "@/lib/http/server-error";
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

/**
 * The request's actor, or null when it carries neither a valid session nor a valid token. The role is read from the
 * user's row on every request (tokens and sessions alike), so a role change applies to the next request. A request
 * with an Authorization header is judged by it alone: a malformed one is refused (AppError 401 naming the header),
 * never answered from the cookie instead.
 */
export async function actorOf(headers: Headers): Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const owner = await verifyApiToken(ctx().db, bearerToken(authorization));
    if (!owner) {
      return null;
    }
    const user = await ctx().db.user.findUnique({ where: { id: owner.userId } });
    return user && !user.banned ? { userId: user.id, email: user.email, name: user.name, role: roleOf(user.role), via: "token" } : null;
  }
  return sessionActorOf(headers);
}

/** For pages: a malformed Authorization header is as good as none (the page asks to sign in). */
export async function pageActorOf(headers: Headers): Promise<Actor | null> {
  return actorOf(headers).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "unauthorized") {
      return null;
    }
    throw err;
  });
}

/** The signed-in user of the session cookie only (the auth library's own endpoints know no tokens). */
export async function sessionActorOf(headers: Headers): Promise<Actor | null> {
  const session = await auth().api.getSession({ headers });
  if (!session) {
    return null;
  }
  const u = session.user;
  return { userId: u.id, email: u.email, name: u.name, role: roleOf(u.role), via: "session" };
}

/** The token of `Authorization: Bearer <token>`; anything else is a 401 that says what is wrong with the header. */
export function bearerToken(authorization: string): string {
  const [scheme = "", token, ...rest] = authorization.trim().split(/\s+/);
  const problem: ServerSentence | undefined =
    scheme.toLowerCase() !== "bearer"
      ? // Name the scheme only when it looks like one (a bare token is not repeated back).
        /^[a-z][a-z-]{0,19}$/i.test(scheme)
        ? "bearerSchemeNamed"
        : scheme
          ? "bearerSchemeNotBearer"
          : "bearerSchemeMissing"
      : token === undefined
        ? "bearerNoToken"
        : rest.length > 0
          ? "bearerManyTokens"
          : undefined;
  if (problem !== undefined || token === undefined) {
    const params: Record<string, string> = problem === "bearerSchemeNamed" ? { scheme } : {};
    throw serverError("unauthorized", problem ?? "bearerNoToken", params, [serverIssue("authorization", "sendBearer")]);
  }
  return token;
}
