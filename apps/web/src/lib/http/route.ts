import "server-only";
import { AppError, HTTP_STATUS, issuesFromZod } from "@outflow/schemas/errors";
import { mapStrings, plainReason } from "@outflow/schemas/reason-values";
import { type Role, roleAllows } from "@outflow/schemas/roles";
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { auditChange } from "@/server/audit-trail";
import { type Actor, actorOf } from "@/server/auth";
import { env } from "@/server/env";
import { readJsonBody } from "./json-body";
import { knownFailure } from "./known-failures";
import { reasonsFor } from "./reason-view";
import { checkRouteParams } from "./route-params";
import { serverError } from "./server-error";

type Ctx<P> = { params: Promise<P> };

/** Who may call a route: users of at least `role` (sessions and API tokens alike), or anyone (only /api/health). */
export type Access = { role: Role } | { public: true };

/**
 * Wraps a route handler: checks who calls it (401 without a session or token, 403 below the route's role),
 * then AppError and ZodError become the API's error envelope; anything else a logged 500. `access` is required,
 * so a new route cannot forget its check.
 */
export function route<P = Record<string, never>>(
  handler: (req: Request, params: P, actor: Actor) => Promise<Response>,
  access: { role: Role },
): RouteHandler<P>;
export function route<P = Record<string, never>>(handler: (req: Request, params: P) => Promise<Response>, access: { public: true }): RouteHandler<P>;
export function route<P>(handler: (req: Request, params: P, actor: Actor) => Promise<Response>, access: Access): RouteHandler<P> {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      if ("public" in access) {
        const params = await ctx.params;
        checkRouteParams(params);
        return await reasonsFor(null, await audited(req, null, await handler(req, params, null as unknown as Actor)));
      }
      const actor = await actorOf(req.headers);
      if (!actor) {
        throw serverError("unauthorized", "signInFirst");
      }
      if (!roleAllows(actor.role, access.role)) {
        throw serverError("forbidden", actor.role === "admin" ? "roleNeededAn" : "roleNeededA", { role: access.role, actorRole: actor.role });
      }
      const params = await ctx.params;
      checkRouteParams(params);
      return await reasonsFor(actor.role, await audited(req, actor, await handler(req, params, actor)));
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Every successful change is recorded with its actor (server/audit-trail.ts). */
async function audited(req: Request, actor: Actor | null, res: Response): Promise<Response> {
  await auditChange(req, actor, res);
  return res;
}

type RouteHandler<P> = (req: Request, ctx: Ctx<P>) => Promise<Response>;

export function errorResponse(err: unknown): Response {
  if (err instanceof ZodError) {
    const e = AppError.invalid(issuesFromZod(err));
    return NextResponse.json(e.toResponse(), { status: 422 });
  }
  const known = err instanceof AppError ? err : knownFailure(err);
  if (known) {
    // An error quotes what the caller sent (a config's number, a field), never a stored message: shown plain.
    return NextResponse.json(mapStrings(known.toResponse(), plainReason), { status: HTTP_STATUS[known.code] });
  }
  console.error("unhandled route error", err);
  return NextResponse.json(serverError("internal_server_error", "internalError").toResponse(), { status: 500 });
}

/** Reads a JSON body and validates it; fields in errors are prefixed with `prefix`. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, prefix = "", options: { allowNul?: boolean } = {}): Promise<z.infer<S>> {
  const raw = await readRawJson(req, options);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw AppError.invalid(issuesFromZod(parsed.error), prefix);
  }
  return parsed.data;
}

/** The body as JSON, within the body limit and nesting depth; NUL characters only with `allowNul` (never stored). */
export async function readRawJson(req: Request, options: { allowNul?: boolean } = {}): Promise<unknown> {
  return readJsonBody(req, { maxBytes: env().OUTFLOW_MAX_BODY_BYTES, allowNul: options.allowNul });
}

/** The request's query parameters, validated (422 naming each bad one). */
export function queryOf<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    throw AppError.invalid(issuesFromZod(parsed.error));
  }
  return parsed.data;
}

export function json(body: unknown, status = 200): Response {
  return NextResponse.json(body, { status });
}

/** An answer that passes through its documented schema first (what the API says is what it sends). */
export function jsonOf<S extends z.ZodType>(schema: S, body: z.input<S>, status = 200): Response {
  return NextResponse.json(schema.parse(body), { status });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
