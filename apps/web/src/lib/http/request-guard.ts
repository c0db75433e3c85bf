import type { AppError } from "@outflow/schemas/errors";
import { serverError } from "./server-error";

/** Which hosts may reach the console: the configured origins, or (none configured) loopback on any port. */
export type OriginPolicy = { origins: URL[] };

const LOOPBACK_HOSTNAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** `OUTFLOW_ORIGIN`: comma-separated origins (`https://outflow.example.com,http://127.0.0.1:3000`). */
export function originPolicy(setting: string | undefined): OriginPolicy {
  const origins = (setting ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new URL(s));
  return { origins };
}

/** The Host header is one the console is served as (a rebinding DNS name pointing at 127.0.0.1 is not). */
export function hostAllowed(policy: OriginPolicy, host: string | null): boolean {
  if (!host) {
    return false;
  }
  const h = host.toLowerCase();
  if (policy.origins.length === 0) {
    return LOOPBACK_HOSTNAMES.has(hostnameOf(h));
  }
  return policy.origins.some((o) => o.host === h);
}

function hostnameOf(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(":");
  return colon < 0 ? host : host.slice(0, colon);
}

type RequestFacts = { method: string; protocol: string; headers: Headers; pathname?: string };

/**
 * Why a request is refused before any route runs, or undefined. A state-changing API request needs a JSON body type
 * (which a plain HTML form cannot send) unless it carries a well-formed bearer token (and is not for the auth
 * library, which reads only cookies); one without a token (a browser's, with
 * cookies) also needs its Origin to be the console's own (or, without Origin, `Sec-Fetch-Site: same-origin`).
 */
export function refuseForgedApiRequest(policy: OriginPolicy, req: RequestFacts): AppError | undefined {
  if (!STATE_CHANGING.has(req.method)) {
    return undefined;
  }
  // Not cookie-authenticated, so not forgeable by another site: the token is the proof (checked by the route, which
  // refuses a malformed header rather than falling back to the cookie). The auth library's endpoints know only cookies.
  if (/^bearer\s+\S+\s*$/i.test(req.headers.get("authorization") ?? "") && !req.pathname?.startsWith("/api/auth/")) {
    return undefined;
  }
  const mediaType = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return mediaType
      ? serverError("unsupported_media_type", "contentTypeJson", { method: req.method, mediaType })
      : serverError("unsupported_media_type", "contentTypeJsonNone", { method: req.method });
  }
  const origin = req.headers.get("origin");
  if (origin !== null) {
    const own = `${req.protocol}//${req.headers.get("host") ?? ""}`;
    const allowed = origin === own || policy.origins.some((o) => o.origin === origin);
    return allowed ? undefined : serverError("forbidden", "crossOrigin", { origin });
  }
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return serverError("forbidden", "crossSite", { site });
  }
  return undefined;
}
