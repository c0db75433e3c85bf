import { z } from "zod";
import { WireMessage } from "./preview";

/** Documents per page of a search. */
export const MAX_DOCUMENTS_PAGE = 100;
/** How deep a search may page (offset + limit): the servers' default `index.max_result_window`. */
export const MAX_DOCUMENTS_DEPTH = 10_000;
/** Hits are counted up to this many (`track_total_hits`); past it the total says "at least". */
export const TRACK_TOTAL_HITS = 10_000;
/** Characters of one document's JSON in a search page; a larger one comes without its source (open it alone). */
export const MAX_HIT_SOURCE_CHARS = 16 * 1024;
/** Characters of one opened document's JSON; a larger one is not sent (the server has it whole). */
export const MAX_DOCUMENT_SOURCE_CHARS = 1024 * 1024;
/** Indices per page of the index list. */
export const MAX_INDICES_PAGE = 100;

const PageInt = (name: string, min: number, max: number, def: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") {
        return def;
      }
      const n = /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be a whole number from ${min} to ${max.toLocaleString("en-US")}`,
          params: { messageKey: "schema.explorer.pageNumber", name, min, max },
        });
        return z.NEVER;
      }
      return n;
    });

export const IndicesQuery = z.strictObject({
  offset: PageInt("offset", 0, 1_000_000, 0),
  limit: PageInt("limit", 1, MAX_INDICES_PAGE, 50),
});

const IndexName = z
  .string()
  .min(1)
  .max(255, "At most 255 characters")
  .regex(/^[^\\/*?"<>|,# A-Z:]+$/, 'Not an index name (lowercase, without \\ / * ? " < > | , # : or spaces)');

/** A field to filter and sort by: its name as the server has it (`@timestamp`, `meta.at`). */
const FieldName = z
  .string()
  .min(1)
  .max(255, "At most 255 characters")
  .regex(/^[A-Za-z0-9_@][A-Za-z0-9_@.-]*$/, "A field name: letters, digits, _ @ . and -");

/** An instant: ISO 8601 (`2026-12-07T14:00:00Z`) or epoch milliseconds. */
const Instant = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") {
      return undefined;
    }
    const ms = /^\d{1,15}$/.test(v) ? Number(v) : /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? Date.parse(v) : Number.NaN;
    if (!Number.isFinite(ms)) {
      ctx.addIssue({
        code: "custom",
        message: "An ISO 8601 time (2026-12-07T14:00:00Z) or epoch milliseconds",
        params: { messageKey: "schema.explorer.instant" },
      });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

export const DocumentsQuery = z
  .strictObject({
    q: z.string().max(2000, "At most 2,000 characters").optional(),
    index: IndexName.optional(),
    field: FieldName.optional(),
    from: Instant,
    to: Instant,
    offset: PageInt("offset", 0, MAX_DOCUMENTS_DEPTH, 0),
    limit: PageInt("limit", 1, MAX_DOCUMENTS_PAGE, 20),
  })
  .superRefine((q, ctx) => {
    if ((q.from || q.to) && !q.field) {
      ctx.addIssue({
        code: "custom",
        path: ["field"],
        message: "Name the time field that from and to apply to",
        params: { messageKey: "schema.explorer.timeFieldRequired" },
      });
    }
    if (q.offset + q.limit > MAX_DOCUMENTS_DEPTH) {
      ctx.addIssue({
        code: "custom",
        path: ["offset"],
        message: `Pages end at document ${MAX_DOCUMENTS_DEPTH.toLocaleString("en-US")} (offset + limit); narrow the search with q, from and to`,
        params: { messageKey: "schema.explorer.pageDepth", max: MAX_DOCUMENTS_DEPTH },
      });
    }
    if (q.from && q.to && q.from > q.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "to is before from", params: { messageKey: "schema.explorer.toBeforeFrom" } });
    }
  });
export type DocumentsQuery = z.infer<typeof DocumentsQuery>;

export const DocumentParams = z.object({ index: IndexName, docId: z.string().min(1).max(512, "At most 512 bytes") });

export const MessageParams = z.object({
  topic: z.string().min(1).max(249),
  partition: z.string().regex(/^\d{1,9}$/, "A partition number"),
  offset: z.string().regex(/^\d{1,19}$/, "An offset: a non-negative whole number"),
});

export const TaskIndex = z.object({
  index: z.string(),
  health: z.string().nullable(),
  status: z.string().nullable(),
  /** Top-level documents searchable now (after the last refresh), counted by a search; null for a closed index. */
  documents: z.number().int().nullable(),
  /** Bytes of the primary shards on disk, and with replicas. */
  primaryBytes: z.number().int().nullable(),
  totalBytes: z.number().int().nullable(),
});

export const TaskIndexList = z.object({
  /** What the server was asked for (`logs-*_*`), and what the task's sink says (`logs-{$.app}_<yyyyMMdd>`). */
  expression: z.string(),
  shape: z.string(),
  /** false for index templates: an index another writer made in the same shape is listed too. */
  exact: z.boolean(),
  items: z.array(TaskIndex),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  nextOffset: z.number().int().nullable(),
  readAt: z.string(),
  /** Discover on the connection's Kibana / OpenSearch Dashboards, when it has a dashboardsUrl. */
  dashboardsUrl: z.string().nullable(),
});
export type TaskIndexList = z.infer<typeof TaskIndexList>;

export const Coordinates = z.object({ topic: z.string(), partition: z.number().int(), offset: z.string() });

/** How a document leads to its message, and why not when it does not. */
export const MessageLinkView = z.discriminatedUnion("via", [
  z.object({ via: z.literal("document_id") }),
  z.object({ via: z.literal("metadata"), fields: z.array(z.string()), rules: z.array(z.int()) }),
  z.object({
    via: z.literal("none"),
    reason: z.string(),
    /** The reason's catalogue key (`explorer.linkReasons.<key>`) and its parameters. */
    reasonKey: z.enum(["aggregation", "idsDoNotName", "cdcKeysDoNotName", "severalTopics"]).optional(),
    params: z.object({ idType: z.string() }).optional(),
  }),
]);

export const DocumentHit = z.object({
  index: z.string(),
  id: z.string(),
  /** The source as JSON text, numbers as the server stored them; null when over MAX_HIT_SOURCE_CHARS. */
  source: z.string().nullable(),
  sourceChars: z.int(),
  message: Coordinates.nullable(),
  dashboardsLink: z.string().nullable(),
});
export type DocumentHit = z.infer<typeof DocumentHit>;

export const DocumentPage = z.object({
  items: z.array(DocumentHit),
  /** Hits counted up to TRACK_TOTAL_HITS: `gte` says there are at least that many. */
  total: z.object({ value: z.int(), relation: z.enum(["eq", "gte"]) }),
  offset: z.int(),
  limit: z.int(),
  nextOffset: z.int().nullable(),
  link: MessageLinkView,
  expression: z.string(),
});
export type DocumentPage = z.infer<typeof DocumentPage>;

export const DocumentView = DocumentHit.extend({ link: MessageLinkView });
export type DocumentView = z.infer<typeof DocumentView>;

export const MessageView = z.object({
  message: WireMessage,
  link: MessageLinkView,
  /** The documents this message wrote, found by their IDs or metadata fields (at most 100). */
  documents: z.array(z.object({ index: z.string(), id: z.string(), dashboardsLink: z.string().nullable() })),
});
export type MessageView = z.infer<typeof MessageView>;
