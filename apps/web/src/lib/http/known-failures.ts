import { AppError } from "@outflow/schemas/errors";
import { MergePatchTooDeep } from "@outflow/schemas/merge-patch";

/** Postgres error codes (SQLSTATE) that mean "this input cannot be stored or compared", not a bug. */
const INPUT_SQLSTATES: Record<string, string> = {
  "22021": "Contains a character that cannot be stored (such as NUL)",
  "22P05": "Contains a character that cannot be stored (such as \\u0000)",
  "22003": "A number is out of range",
  "22P02": "A value has the wrong form",
  "22001": "A value is too long",
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
    return new AppError("not_found", "Not found");
  }
  if (prismaCode === "P2002") {
    return new AppError("conflict", "The name is already in use", [{ field: "name", message: "Name is already in use" }]);
  }
  const sqlState = findSqlState(err);
  const reason = sqlState ? INPUT_SQLSTATES[sqlState] : undefined;
  return reason ? new AppError("unprocessable_entity", reason) : undefined;
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
