import { z } from "zod";
import { TopicName } from "../task-config";

/** A Kafka message on the wire: text values as UTF-8, anything else base64. */
export const WireMessage = z.strictObject({
  topic: z.string().default("preview"),
  partition: z.int().min(0).default(0),
  offset: z.string().regex(/^\d+$/, "Offset must be a non-negative integer, as a string").default("0"),
  timestamp: z
    .string()
    .regex(/^-?\d+$/, "Timestamp must be epoch milliseconds, as a string")
    .optional(),
  key: z.string().nullable().default(null),
  value: z.string().nullable(),
  valueEncoding: z.enum(["utf8", "base64"]).default("utf8"),
  headers: z.record(z.string(), z.string()).default({}),
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

/** Kafka's internal topics (`__consumer_offsets`, `__transaction_state`, …) hold other clients' state: never sampled. */
export const SampleableTopic = TopicName.refine((t) => !t.startsWith("__"), { error: "Kafka's internal topics (names starting with __) cannot be sampled" });

export const SampleQuery = z.object({
  topics: z
    .string({ error: "topics is required: a comma-separated list" })
    .transform((s) =>
      s
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(SampleableTopic).min(1, "Name at least one topic").max(5, "At most 5 topics")),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  position: z.enum(["earliest", "latest", "timestamp"]).default("earliest"),
  timestamp: z.coerce.number().int().min(0).optional(),
});
