import { z } from "zod";

export const ErrorCode = z.enum([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "unprocessable_entity",
  "too_many_requests",
  "bad_gateway",
  "internal_server_error",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  too_many_requests: 429,
  bad_gateway: 502,
  internal_server_error: 500,
};

/** What an issue's message says, for a console that shows it in another language: a key and its arguments. */
export const IssueParams = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))]),
);
export type IssueParams = z.infer<typeof IssueParams>;

/**
 * One problem with one input field; `field` is a dotted path such as `config.source.topics.5`. `message` is English
 * (a contract for scripts); `key` and `params` say the same for translation: `zod.<code>` with the zod issue's own
 * fields (`minimum`, `expected`, `values`, …, and `received` for a wrong type), `required`, `unknownField` (`name`),
 * or a key a schema gave its message (`params.messageKey`).
 */
export const Issue = z.object({ field: z.string(), message: z.string(), key: z.string().optional(), params: IssueParams.optional() });
export type Issue = z.infer<typeof Issue>;

/**
 * The body of every 4xx/5xx answer of the HTTP API. `field` repeats the first issue's field. `key` and `params` say
 * what `message` says, for a console in another language (a sentence of the `errors` catalogue's `server` part).
 */
export const ErrorResponse = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    field: z.string().optional(),
    key: z.string().optional(),
    params: IssueParams.optional(),
    issues: z.array(Issue).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** The key and arguments of an error's message, for translation (see ErrorResponse). */
export type MessageWords = { key: string; params?: IssueParams };

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly words?: MessageWords,
  ) {
    super(message);
  }

  get field(): string | undefined {
    return this.issues?.[0]?.field;
  }

  toResponse(): ErrorResponse {
    const { key, params } = this.words ?? {};
    return { error: { code: this.code, message: this.message, field: this.field, key, params, issues: this.issues } };
  }

  static invalid(issues: Issue[], prefix = ""): AppError {
    const withPrefix = issues.map((i) => ({ ...i, field: joinField(prefix, i.field) }));
    const first = withPrefix[0];
    const message = first ? `${first.field || "body"}: ${first.message}` : "Invalid input";
    return new AppError("unprocessable_entity", message, withPrefix);
  }
}

export function joinField(prefix: string, field: string): string {
  if (!prefix) {
    return field;
  }
  return field ? `${prefix}.${field}` : prefix;
}

/** zod issues → our issues, with paths joined by dots and messages a stranger can act on. */
export function issuesFromZod(error: z.ZodError): Issue[] {
  return error.issues.flatMap((i): Issue[] => {
    const field = i.path.map(String).join(".");
    if (i.code === "invalid_union") {
      // `"json"` or a format object: the one option that got past its shape says what is wrong, inside the value.
      const inside = i.errors.filter((branch) => branch.every((e) => e.path.length > 0));
      if (inside.length === 1) {
        return issuesFromZod(new z.ZodError((inside[0] ?? []).map((e) => ({ ...e, path: [...i.path, ...e.path] }))));
      }
    }
    if (i.code === "unrecognized_keys") {
      return i.keys.map((k) => ({
        field: joinField(field, k),
        message: `Unknown field "${k}" (check its spelling and place)`,
        key: "unknownField",
        params: { name: k },
      }));
    }
    if (i.code === "invalid_type" && i.message.endsWith("received undefined")) {
      return [{ field, message: `Required (${i.expected})`, key: "required", params: { expected: i.expected } }];
    }
    return [{ field, message: i.message, ...issueKey(i) }];
  });
}

const PRIMITIVE = (v: unknown): v is string | number | boolean | null => v === null || ["string", "number", "boolean"].includes(typeof v);

/** The key and arguments of a zod issue's message (see Issue); none for an issue whose words are only its message. */
function issueKey(i: z.core.$ZodIssue): { key?: string; params?: IssueParams } {
  if (i.code === "custom") {
    const { messageKey, ...rest } = (i.params ?? {}) as Record<string, unknown>;
    return typeof messageKey === "string" ? { key: messageKey, params: jsonParams(rest) } : {};
  }
  const { code, path: _path, message, ...rest } = i;
  const params = jsonParams(rest);
  const received = code === "invalid_type" ? /received (\w+)$/.exec(message)?.[1] : undefined;
  if (received) {
    // zod leaves the input out of its issues; its message names the type it got.
    params.received = received;
  }
  return { key: `zod.${code}`, params };
}

function jsonParams(fields: Record<string, unknown>): IssueParams {
  const out: IssueParams = {};
  for (const [k, v] of Object.entries(fields)) {
    if (PRIMITIVE(v)) {
      out[k] = v;
    } else if (typeof v === "bigint") {
      out[k] = v.toString();
    } else if (v instanceof RegExp) {
      out[k] = v.source;
    } else if (Array.isArray(v) && v.every((x) => PRIMITIVE(x) || typeof x === "bigint")) {
      out[k] = v.map((x) => (typeof x === "bigint" ? x.toString() : x));
    }
  }
  return out;
}
