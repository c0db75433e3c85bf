import { z } from "zod";
import { TopicName } from "../task-config";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Characters of one preview message's value (the whole request is also within the body limit). */
export const MAX_PREVIEW_VALUE_CHARS = 256 * 1024;
/** The range of a JavaScript Date, in epoch milliseconds. */
const MAX_EPOCH_MS = 8.64e15;

/** A Kafka message on the wire: text values as UTF-8, anything else base64. */

export const WireMessage = z
  .strictObject({
    topic: z.string().default("preview"),
    partition: z.int().min(0).default(0),
    offset: z.string().regex(/^\d+$/, "Offset must be a non-negative integer, as a string").default("0"),
    timestamp: z
      .string()
      .regex(/^-?\d+$/, "Timestamp must be epoch milliseconds, as a string")
      .refine((t) => Math.abs(Number(t)) <= MAX_EPOCH_MS, "Timestamp is outside the range of dates")
      .optional(),
    key: z.string().nullable().default(null),
    value: z.string().max(MAX_PREVIEW_VALUE_CHARS, `At most ${MAX_PREVIEW_VALUE_CHARS} characters per preview message`).nullable(),
    valueEncoding: z.enum(["utf8", "base64"]).default("utf8"),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((m, ctx) => {
    if (m.valueEncoding === "base64" && m.value !== null && (m.value.length % 4 !== 0 || !BASE64.test(m.value))) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "Not valid base64 (A-Z a-z 0-9 + /, padded with = to a multiple of 4)" });
    }
  });
export type WireMessage = z.infer<typeof WireMessage>;

/**
 * Runs messages through the pipeline exactly as the worker would, step by step. Without `messages`, the first
 * `limit` messages of the config's topics (at its start position) are read from Kafka.
 */
export const PreviewRequest = z.strictObject({
  config: z.unknown(),
  messages: z.array(WireMessage).min(1).max(50).optional(),
  limit: z.int().min(1).max(50).default(5),
});
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const SampleQuery = z.object({
  topics: z
    .string({ error: "topics is required: a comma-separated list" })
    .transform((s) =>
      s
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    )
    // Internal topics are refused by the connection's rule (reserved-names.ts), once the connection is known.
    .pipe(z.array(TopicName).min(1, "Name at least one topic").max(5, "At most 5 topics")),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  position: z.enum(["earliest", "latest", "timestamp"]).default("earliest"),
  timestamp: z.coerce.number().int().min(0).optional(),
});
