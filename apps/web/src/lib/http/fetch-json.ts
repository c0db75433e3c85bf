import { parseJsonExact } from "@outflow/pipeline/exact-number";
import { AppError, ErrorCode, ErrorResponse, type Issue, type MessageWords } from "@outflow/schemas/errors";
import type { z } from "zod";
import { localizeError, pageLocale } from "./localize-error";

/** An error answer of the HTTP API (or a network/shape problem), with the envelope's `code`, `message`, `field` and `issues`. */
export class ApiError extends AppError {
  override name = "ApiError";
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    issues: Issue[] = [],
    private readonly firstField?: string,
    words?: MessageWords,
  ) {
    super(code, message, issues, words);
  }

  override get field(): string | undefined {
    return this.firstField ?? super.field;
  }

  /** Every issue; an error without issues becomes one issue on `field` (or on no field). */
  get allIssues(): Issue[] {
    return this.issues?.length ? this.issues : [{ field: this.field ?? "", message: this.message }];
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type JsonInit = Omit<RequestInit, "body"> & { body?: unknown };

/**
 * Client fetch for the console's API: sends `body` as JSON, validates a success body with `schema`
 * (the same schema the route answers with), and turns an error envelope into an ApiError.
 */
export async function fetchJson<S extends z.ZodType>(url: string, schema: S, init?: JsonInit): Promise<z.infer<S>>;
export async function fetchJson(url: string, schema?: undefined, init?: JsonInit): Promise<unknown>;
export async function fetchJson(url: string, schema?: z.ZodType, init: JsonInit = {}): Promise<unknown> {
  const { body, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      // State-changing requests say JSON also without a body: the API refuses other content types as forgeable.
      headers: {
        accept: "application/json",
        ...(body !== undefined || isStateChanging(rest.method) ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new ApiError(0, "bad_gateway", `The console's API did not answer: ${(err as Error).message}`);
  }
  const text = await res.text();
  const parsed = parseBody(text);
  if (!res.ok) {
    throw toApiError(res.status, parsed, text);
  }
  if (!schema) {
    return parsed;
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new ApiError(
      res.status,
      "internal_server_error",
      `Unexpected answer from ${url}: ${first ? `${first.path.join(".")}: ${first.message}` : "bad shape"}`,
    );
  }
  return checked.data;
}

/** Shorthand for JSON requests with a method. */
export const sendJson = <S extends z.ZodType>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, schema: S, body?: unknown) =>
  fetchJson(url, schema, { method, ...(body !== undefined ? { body } : {}) });

function isStateChanging(method: string | undefined): boolean {
  return method !== undefined && ["POST", "PUT", "PATCH", "DELETE"].includes(method.toUpperCase());
}

function parseBody(text: string): unknown {
  if (text === "") {
    return null;
  }
  try {
    // Keeps numbers a double would change (the preview's documents hold the messages' own number text).
    return parseJsonExact(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown, text: string): ApiError {
  const envelope = ErrorResponse.safeParse(body);
  if (envelope.success) {
    const e = envelope.data.error;
    // Shown in the console's language where the answer says how (issue keys); the server's own words otherwise.
    const local = localizeError({ code: e.code, message: e.message, key: e.key, params: e.params, issues: e.issues ?? [] }, pageLocale());
    // The key stays with the error: a notice marks the sentence's arguments (the server's data) as server text.
    return new ApiError(status, e.code, local.message, local.issues, e.field, e.key ? { key: e.key, params: e.params } : undefined);
  }
  const code = ErrorCode.options.find((c) => c === codeForStatus(status)) ?? "internal_server_error";
  return new ApiError(status, code, `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`);
}

function codeForStatus(status: number): ErrorCode {
  if (status === 404) {
    return "not_found";
  }
  if (status === 409) {
    return "conflict";
  }
  if (status === 422) {
    return "unprocessable_entity";
  }
  if (status === 429) {
    return "too_many_requests";
  }
  if (status === 502 || status === 503 || status === 504) {
    return "bad_gateway";
  }
  return status >= 400 && status < 500 ? "bad_request" : "internal_server_error";
}

/** A readable one-liner for any error thrown by a query or mutation. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    return err.message;
  }
  return String(err);
}
