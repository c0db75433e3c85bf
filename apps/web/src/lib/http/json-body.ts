import { EXACT_NUMBERS_SUPPORTED, mayHoldInexactNumbers, numberFromText, toDouble } from "@outflow/pipeline/exact-number";
import { AppError } from "@outflow/schemas/errors";
import { plainReason } from "@outflow/schemas/reason-values";
import { serverError, serverIssue } from "./server-error";

/** The default body limit of every route (`OUTFLOW_MAX_BODY_BYTES`). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Objects and arrays nested deeper than this are refused before anything walks them recursively. */
export const MAX_JSON_DEPTH = 64;

export type BodyLimits = { maxBytes: number; maxDepth?: number; allowNul?: boolean };

/**
 * Reads a request body as JSON within limits: at most `maxBytes` (413, counted while streaming, so a missing or
 * false Content-Length does not help), nesting at most `maxDepth` (422), and, unless `allowNul`, no NUL character
 * in any string or key (422 naming the field: Postgres cannot store it), and no number a double would change
 * (422 naming the field: `9007199254740993` would silently become `9007199254740992`; send it as a string).
 */
export async function readJsonBody(req: Request, limits: BodyLimits): Promise<unknown> {
  const text = await readText(req, limits.maxBytes);
  if (text.trim() === "") {
    throw serverError("bad_request", "bodyEmpty");
  }
  let value: unknown;
  try {
    value = EXACT_NUMBERS_SUPPORTED && mayHoldInexactNumbers(text) ? (JSON as SourceJson).parse(text, markInexact) : JSON.parse(text);
  } catch (e) {
    throw serverError("bad_request", "bodyNotJson", { detail: (e as Error).message });
  }
  checkShape(value, limits.maxDepth ?? MAX_JSON_DEPTH, limits.allowNul ?? false);
  return value;
}

type SourceJson = { parse(text: string, reviver: (key: string, value: unknown, context?: { source?: string }) => unknown): unknown };

/** A number of the body that a double cannot hold (found by the reviver, reported with its path by the walk). */
class InexactNumber {
  constructor(readonly reason: string) {}
}

function markInexact(_key: string, value: unknown, context?: { source?: string }): unknown {
  const source = context?.source;
  if (typeof value !== "number" || source === undefined || String(value) === source) {
    return value;
  }
  const exact = numberFromText(source);
  const double = exact === null ? null : toDouble(exact);
  return double && !double.ok ? new InexactNumber(plainReason(double.reason)) : value;
}

async function readText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    throw tooLarge(maxBytes);
  }
  if (!req.body) {
    return "";
  }
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): AppError {
  return serverError("payload_too_large", "bodyTooLarge", { maxBytes });
}

/** One iterative walk: depth first, then NUL characters (the first one found is named). */
function checkShape(root: unknown, maxDepth: number, allowNul: boolean): void {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value: root, path: [], depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path, depth } = item;
    if (typeof value === "string") {
      if (!allowNul && value.includes("\u0000")) {
        throw nulIn(path);
      }
      continue;
    }
    if (value instanceof InexactNumber) {
      throw AppError.invalid([serverIssue(path.join("."), "numberInexact", { reason: value.reason })]);
    }
    if (typeof value !== "object" || value === null) {
      continue;
    }
    if (depth >= maxDepth) {
      throw AppError.invalid([serverIssue(path.join("."), "nestedTooDeep", { maxDepth })]);
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries) {
      if (!allowNul && k.includes("\u0000")) {
        throw nulIn([...path, k.replaceAll("\u0000", "\\u0000")]);
      }
      stack.push({ value: v, path: [...path, k], depth: depth + 1 });
    }
  }
}

function nulIn(path: string[]): AppError {
  return AppError.invalid([serverIssue(path.join("."), "nulCharacter")]);
}
