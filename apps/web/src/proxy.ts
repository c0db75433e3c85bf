import { AppError, HTTP_STATUS } from "@outflow/schemas/errors";
import { type NextRequest, NextResponse } from "next/server";
import { matchApiRoute } from "@/lib/http/api-routes";

/**
 * Runs before every API route: answers in the API's error envelope what Next would answer otherwise with an HTML
 * page, an empty body or a 500 (unknown paths, methods a route does not have, undecodable percent escapes).
 */
export function proxy(req: NextRequest): Response {
  const refused = refuseApiRequest(req);
  return refused ? errorJson(refused) : NextResponse.next();
}

export const config = { matcher: ["/api/:path*"] };

function refuseApiRequest(req: NextRequest): (AppError & { allow?: string[] }) | undefined {
  const path = req.nextUrl.pathname;
  if (!decodable(path)) {
    return new AppError("bad_request", "The path has an invalid percent escape (such as %ff)");
  }
  const match = matchApiRoute(req.method, path);
  if (match.kind === "not_found") {
    return new AppError("not_found", `No API endpoint ${path} (see README "HTTP API")`);
  }
  if (match.kind === "method_not_allowed") {
    return Object.assign(new AppError("method_not_allowed", `${req.method} is not allowed on ${path}; allowed: ${match.allow.join(", ")}`), {
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
