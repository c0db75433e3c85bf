import { AttemptLimiter, PASSWORD_ATTEMPT_LIMITS, type Verdict } from "@outflow/auth/attempt-limits";
import { CLIENT_ADDRESS_HEADER, SERVED_LIBRARY_PATHS } from "@outflow/auth/auth";
import { recordAudit } from "@outflow/db/audit";
import { type ErrorCode, HTTP_STATUS } from "@outflow/schemas/errors";
import { readJsonBody } from "@/lib/http/json-body";
import { errorResponse } from "@/lib/http/route";
import { serverError } from "@/lib/http/server-error";
import { auth, sessionActorOf } from "@/server/auth";
import { ctx } from "@/server/context";
import { env } from "@/server/env";
import { requestAddress } from "@/server/request-address";

export const dynamic = "force-dynamic";

// The auth library's endpoints the console uses (sign-in/email, sign-out, get-session, change-password, list-sessions):
// they answer in better-auth's format and check their own sessions, so they do not go through route(). The rest of
// what the library has (its admin plugin's user management among them) is not served: see SERVED_LIBRARY_PATHS.
export const GET = handle;
export const POST = handle;

const SERVED = new Set(SERVED_LIBRARY_PATHS);
const g = globalThis as unknown as { __outflowPasswordAttempts?: Record<"signIn" | "changePassword", AttemptLimiter> };
/** Failed sign-ins and failed password changes, each per account and per client address. */
const attempts = () => {
  g.__outflowPasswordAttempts ??= { signIn: new AttemptLimiter(PASSWORD_ATTEMPT_LIMITS), changePassword: new AttemptLimiter(PASSWORD_ATTEMPT_LIMITS) };
  return g.__outflowPasswordAttempts;
};

async function handle(req: Request): Promise<Response> {
  try {
    const path = new URL(req.url).pathname.replace(/^\/api\/auth\//, "");
    if (!SERVED.has(path)) {
      throw serverError("not_found", "authPathNotServed", { path: path.slice(0, 100) });
    }
    const signIn = req.method === "POST" && path === "sign-in/email";
    // Read from a copy before the request's body moves to the one the library gets.
    const email = signIn ? emailOf(await readJsonBody(req.clone(), { maxBytes: env().OUTFLOW_MAX_BODY_BYTES })) : undefined;
    const address = requestAddress(req.headers);
    const headers = new Headers(req.headers);
    headers.set(CLIENT_ADDRESS_HEADER, address);
    const forwarded = new Request(req, { headers });
    if (signIn) {
      return await limited(attempts().signIn, email, address, forwarded);
    }
    if (req.method === "POST" && path === "change-password") {
      const actor = await sessionActorOf(req.headers);
      const res = await limited(attempts().changePassword, actor?.userId, address, forwarded);
      if (actor && res.ok) {
        await recordAudit(ctx().db, {
          actorId: actor.userId,
          actorEmail: actor.email,
          action: "user.password.change",
          targetType: "user",
          targetId: actor.userId,
          details: { via: "session" },
        });
      }
      return res;
    }
    return await library(forwarded);
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * A password check under the attempt limits: refused (429) while `account` or `address` is over one; a refusal by the
 * library counts as a failure, a success clears the account's failures at this address. Without an account (no
 * email, no session) the library answers the request itself, and nothing is checked.
 */
async function limited(limiter: AttemptLimiter, account: string | undefined, address: string, req: Request): Promise<Response> {
  if (account === undefined) {
    return library(req);
  }
  const verdict = limiter.check(account, address);
  if (!verdict.allowed) {
    return tooMany(verdict);
  }
  const res = await library(req);
  if (res.ok) {
    limiter.succeeded(account, address);
  } else if (res.status >= 400 && res.status < 500) {
    limiter.failed(account, address);
  }
  return res;
}

function tooMany(verdict: Extract<Verdict, { allowed: false }>): Response {
  const key = ({ pair: "passwordAttemptsPair", address: "passwordAttemptsAddress", account: "passwordAttemptsAccount" } as const)[verdict.scope];
  const res = errorResponse(serverError("too_many_requests", key, { seconds: verdict.retryAfterSeconds }));
  res.headers.set("retry-after", String(verdict.retryAfterSeconds));
  res.headers.set("x-retry-after", String(verdict.retryAfterSeconds));
  return res;
}

function emailOf(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | null)?.email;
  return typeof email === "string" && email.trim() !== "" ? email.trim().toLowerCase().slice(0, 320) : undefined;
}

/** The library answers a path or method it does not have with an empty 404: that one gets Outflow's error envelope. */
async function library(req: Request): Promise<Response> {
  const res = await auth().handler(req);
  if (res.status < 400 || (await res.clone().text()) !== "") {
    return res;
  }
  const code = (Object.keys(HTTP_STATUS) as ErrorCode[]).find((c) => HTTP_STATUS[c] === res.status) ?? "not_found";
  return errorResponse(code === "not_found" ? serverError(code, "authNoEndpoint") : serverError(code, "authRefused", { status: res.status }));
}
