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
      .refine((t) => Math.abs(Number(t)) <= MAX_EPOCH_MS, {
        message: "Timestamp is outside the range of dates",
        params: { messageKey: "schema.preview.timestampRange" },
      })
      .optional(),
    key: z.string().nullable().default(null),
    /** Set for a key that is not UTF-8 text (e.g. Avro): the key is base64. */
    keyEncoding: z.enum(["utf8", "base64"]).optional(),
    value: z.string().max(MAX_PREVIEW_VALUE_CHARS, `At most ${MAX_PREVIEW_VALUE_CHARS} characters per preview message`).nullable(),
    valueEncoding: z.enum(["utf8", "base64"]).default("utf8"),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((m, ctx) => {
    if (m.valueEncoding === "base64" && m.value !== null && (m.value.length % 4 !== 0 || !BASE64.test(m.value))) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: "Not valid base64 (A-Z a-z 0-9 + /, padded with = to a multiple of 4)",
        params: { messageKey: "schema.preview.base64" },
      });
    }
    if (m.keyEncoding === "base64" && m.key !== null && (m.key.length % 4 !== 0 || !BASE64.test(m.key))) {
      ctx.addIssue({
        code: "custom",
        path: ["key"],
        message: "Not valid base64 (A-Z a-z 0-9 + /, padded with = to a multiple of 4)",
        params: { messageKey: "schema.preview.base64" },
      });
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

/** Messages one steered sample holds at most, and the bytes (keys and values) after which reading stops. */
export const MAX_SAMPLE_MESSAGES = 50;
export const MAX_SAMPLE_BYTES = 1024 * 1024;

/**
 * `GET /api/preview/sample`: a sample you can steer. Every partition of the topics at a Kafka position, or one
 * `partition` (of `topic`, needed with several topics) from that position or from an `offset`.
 */
export const SampleWindowQuery = z
  .object({
    connectionId: z.string({ error: "connectionId is required: the Kafka connection to read" }).min(1, "Name the Kafka connection to read"),
    topics: SampleQuery.shape.topics,
    topic: TopicName.optional(),
    partition: z.coerce
      .number({ error: "partition must be a number" })
      .int("partition must be a whole number")
      .min(0, "Partitions are numbered from 0")
      .optional(),
    position: z.enum(["earliest", "latest", "timestamp", "offset"], { error: "position is one of earliest, latest, timestamp, offset" }).default("earliest"),
    offset: z
      .string()
      .regex(/^\d{1,19}$/, "offset must be a non-negative whole number")
      .optional(),
    timestamp: z.coerce.number({ error: "timestamp must be epoch milliseconds" }).int().min(0).max(MAX_EPOCH_MS).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_SAMPLE_MESSAGES, `At most ${MAX_SAMPLE_MESSAGES} messages per sample`).default(10),
  })
  .superRefine((q, ctx) => {
    if (q.position === "offset" && q.offset === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["offset"],
        message: "Required with position=offset: the first offset to read",
        params: { messageKey: "schema.preview.offsetRequired" },
      });
    }
    if (q.position === "offset" && q.partition === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["partition"],
        message: "Required with position=offset: the partition the offset is in",
        params: { messageKey: "schema.preview.partitionRequired" },
      });
    }
    if (q.position === "timestamp" && q.timestamp === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["timestamp"],
        message: "Required with position=timestamp (epoch milliseconds)",
        params: { messageKey: "schema.preview.timestampRequired" },
      });
    }
    if (q.partition !== undefined && q.topic === undefined && q.topics.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["topic"],
        message: "Name the topic the partition is in (several topics are sampled)",
        params: { messageKey: "schema.preview.topicRequired" },
      });
    }
    if (q.topic !== undefined && !q.topics.includes(q.topic)) {
      ctx.addIssue({
        code: "custom",
        path: ["topic"],
        message: `Topic ${q.topic} is not one of the sampled topics`,
        params: { messageKey: "schema.preview.topicNotSampled", topic: q.topic },
      });
    }
  });
export type SampleWindowQuery = z.infer<typeof SampleWindowQuery>;

/** The sampled messages, and the offsets every partition of the topics held when read. */
export const SampleWindow = z.object({
  items: z.array(WireMessage),
  partitions: z.array(z.object({ topic: z.string(), partition: z.int(), low: z.string(), high: z.string() })),
  /** Reading stopped at {@link MAX_SAMPLE_BYTES} before `limit` messages were read. */
  cutAtBytes: z.boolean(),
});
export type SampleWindow = z.infer<typeof SampleWindow>;
