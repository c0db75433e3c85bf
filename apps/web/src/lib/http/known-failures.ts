import { AppError } from "@outflow/schemas/errors";
import { MergePatchTooDeep } from "@outflow/schemas/merge-patch";
import { type ServerSentence, serverError, serverIssue } from "./server-error";

/** Postgres error codes (SQLSTATE) that mean "this input cannot be stored or compared", not a bug. */
const INPUT_SQLSTATES: Record<string, ServerSentence> = {
  "22021": "characterNotStorableNul",
  "22P05": "characterNotStorableU0000",
  "22003": "numberOutOfRange",
  "22P02": "valueWrongForm",
  "22001": "valueTooLong",
};

/**
 * Errors from the database or helpers that are the input's fault, as the API's AppError (else undefined: a bug,
 * answered 500). Prisma's P2025 (record gone) is 404, P2002 (a unique name taken by a concurrent request) 409.
 */
export function knownFailure(err: unknown): AppError | undefined {
  if (err instanceof MergePatchTooDeep) {
    return AppError.invalid([{ field: "", message: err.message }]);
  }
  const prismaCode = (err as { code?: unknown } | null)?.code;
  if (prismaCode === "P2025") {
    return serverError("not_found", "notFound");
  }
  if (prismaCode === "P2002") {
    return serverError("conflict", "nameInUse", {}, [serverIssue("name", "nameInUseIssue")]);
  }
  const sqlState = findSqlState(err);
  const reason = sqlState ? INPUT_SQLSTATES[sqlState] : undefined;
  return reason ? serverError("unprocessable_entity", reason) : undefined;
}

/** The driver adapter's `originalCode` (Postgres SQLSTATE), wherever Prisma nested it (cause, meta). */
function findSqlState(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0 && seen.size < 20) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) {
      continue;
    }
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (typeof o.originalCode === "string") {
      return o.originalCode;
    }
    if (typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code) && o.kind === "postgres") {
      return o.code;
    }
    queue.push(o.cause, o.meta, o.driverAdapterError);
  }
  return undefined;
}
