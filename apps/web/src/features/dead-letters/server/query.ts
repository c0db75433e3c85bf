import "server-only";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import type { z } from "zod";

/** A request's query string through its schema; a bad one is 422 naming the parameter. */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const q = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) {
    throw AppError.invalid(issuesFromZod(q.error));
  }
  return q.data;
}
