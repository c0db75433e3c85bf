import { type AppError, HTTP_STATUS } from "@outflow/schemas/errors";
import { type NextRequest, NextResponse } from "next/server";
import { matchApiRoute } from "@/lib/http/api-routes";
import { hostAllowed, type OriginPolicy, originPolicy, refuseForgedApiRequest } from "@/lib/http/request-guard";
import { securityHeaders } from "@/lib/http/security-headers";
import { serverError } from "@/lib/http/server-error";

let policy: OriginPolicy | undefined;

/**
 * Runs before every page and API route: refuses a Host the console is not served as (DNS rebinding), forged
 * state-changing API requests, and answers in the API's error envelope what Next would answer with an HTML page,
 * an empty body or a 500 (unknown paths, methods a route does not have, undecodable percent escapes). Pages get
 * the security headers.
 */
export function proxy(req: NextRequest): Response {
  policy ??= originPolicy(process.env.OUTFLOW_ORIGIN);
  const api = req.nextUrl.pathname.startsWith("/api/") || req.nextUrl.pathname === "/api";
  if (!hostAllowed(policy, req.headers.get("host"))) {
    const refused = serverError("forbidden", "hostNotServed");
    return api ? errorJson(refused) : new Response(refused.message, { status: 403, headers: { "content-type": "text/plain" } });
  }
  if (!api) {
    const res = NextResponse.next();
    for (const [k, v] of Object.entries(securityHeaders(process.env.NODE_ENV !== "production"))) {
      res.headers.set(k, v);
    }
    return res;
  }
  const refused =
    refuseApiRequest(req) ??
    refuseForgedApiRequest(policy, {
      method: req.method,
      protocol: req.nextUrl.protocol,
      headers: req.headers,
      pathname: req.nextUrl.pathname,
    });
  return refused ? errorJson(refused) : NextResponse.next();
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };

function refuseApiRequest(req: NextRequest): (AppError & { allow?: string[] }) | undefined {
  const path = req.nextUrl.pathname;
  if (!decodable(path)) {
    return serverError("bad_request", "pathPercentEscape");
  }
  const match = matchApiRoute(req.method, path);
  if (match.kind === "not_found") {
    return serverError("not_found", "noApiEndpoint", { path });
  }
  if (match.kind === "method_not_allowed") {
    return Object.assign(serverError("method_not_allowed", "methodNotAllowed", { method: req.method, path, allow: match.allow.join(", ") }), {
      allow: match.allow,
    });
  }
  return undefined;
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function errorJson(err: AppError & { allow?: string[] }): Response {
  return NextResponse.json(err.toResponse(), { status: HTTP_STATUS[err.code], headers: err.allow ? { allow: err.allow.join(", ") } : {} });
}
