import "server-only";
import { AppError, HTTP_STATUS, issuesFromZod } from "@outflow/schemas/errors";
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { env } from "@/server/env";
import { readJsonBody } from "./json-body";
import { knownFailure } from "./known-failures";
import { checkRouteParams } from "./route-params";

type Ctx<P> = { params: Promise<P> };

/** Wraps a route handler: AppError and ZodError become the API's error envelope; anything else a logged 500. */
export function route<P = Record<string, never>>(handler: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      const params = await ctx.params;
      checkRouteParams(params);
      return await handler(req, params);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export function errorResponse(err: unknown): Response {
  if (err instanceof ZodError) {
    const e = AppError.invalid(issuesFromZod(err));
    return NextResponse.json(e.toResponse(), { status: 422 });
  }
  const known = err instanceof AppError ? err : knownFailure(err);
  if (known) {
    return NextResponse.json(known.toResponse(), { status: HTTP_STATUS[known.code] });
  }
  console.error("unhandled route error", err);
  return NextResponse.json({ error: { code: "internal_server_error", message: "Something went wrong" } }, { status: 500 });
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
