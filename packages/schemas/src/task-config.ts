import { z } from "zod";
import { ValueFormatInput } from "./formats";
import { Condition, FieldPath, Rule } from "./rules";

/** Kafka's own rule for topic names. */
export const TopicName = z
  .string()
  .trim()
  .min(1, "Topic name is required")
  .max(249, "At most 249 characters")
  .regex(/^[A-Za-z0-9._-]+$/, "Only letters, digits, '.', '_' and '-' are allowed")
  .refine((t) => t !== "." && t !== "..", "'.' and '..' are not topic names");

export const StartPosition = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("earliest") }),
  z.strictObject({ type: z.literal("latest") }),
  z.strictObject({
    type: z.literal("timestamp"),
    /** ISO-8601 date-time or epoch milliseconds. */
    timestamp: z.union([z.iso.datetime({ offset: true, error: "Expected an ISO-8601 date-time" }), z.int().min(0)]),
  }),
  /** Use the consumer group's committed offsets (earliest where it has none). */
  z.strictObject({ type: z.literal("committed") }),
]);
export type StartPosition = z.infer<typeof StartPosition>;

export const Source = z.strictObject({
  connectionId: z.string().min(1, "Choose a Kafka connection"),
  topics: z
    .array(TopicName)
    .min(1, "Choose at least one topic")
    .max(5, "At most 5 topics per task")
    .refine((t) => new Set(t).size === t.length, "Topics must not repeat"),
  startPosition: StartPosition.default({ type: "earliest" }),
  /** Consumers in the task's group; Kafka spreads partitions over them (and over workers). */
  consumers: z.int().min(1).max(32).default(1),
});

export const NonJsonHandling = z.discriminatedUnion("action", [
  /** Follow the task's failure policy (discard, retain or dead-letter). */
  z.strictObject({ action: z.literal("fail") }),
  /** Skip the message, count it and log an event. */
  z.strictObject({ action: z.literal("drop") }),
  /** Index `{ "<key>": "<raw text>" }` instead. */
  z.strictObject({ action: z.literal("wrap"), key: z.string().min(1, "Key is required").max(200) }),
]);

export const Parse = z.strictObject({
  /** "json", or a format object: json_array, delimited, regex, grok, kv (see formats.ts). */
  format: ValueFormatInput.default({ type: "json" }),
  nonJson: NonJsonHandling.default({ action: "fail" }),
  /** Null values (tombstones): follow the failure policy, skip them, or delete the document whose ID is the key. */
  tombstones: z.enum(["fail", "skip", "delete"]).optional(),
  flatten: z
    .strictObject({
      separator: z.string().min(1).max(5).default("."),
      maxDepth: z.int().min(1).max(100).default(20),
    })
    .optional(),
});

export const DATE_SPLIT_FORMATS = [
  "yyyyMMdd",
  "yyyy-MM-dd",
  "yyyy.MM.dd",
  "yyyyMM",
  "yyyy-MM",
  "yyyy.MM",
  "yyyy",
  "yyyyMMddHH",
  "yyyy-MM-dd-HH",
  "yyyy.MM.dd.HH",
] as const;

export const DateSplit = z.strictObject({
  format: z.enum(DATE_SPLIT_FORMATS),
  /** Where the date comes from: a message field or the Kafka timestamp. */
  source: z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("kafka_timestamp") }),
    z.strictObject({
      type: z.literal("field"),
      field: FieldPath,
      /** iso, epoch_millis, epoch_seconds, or a pattern such as yyyy-MM-dd HH:mm:ss. */
      format: z.string().min(1).max(100).default("iso"),
    }),
  ]),
  timeZone: z.string().min(1).default("UTC"),
});

export const DocumentId = z.discriminatedUnion("type", [
  /** Elasticsearch generates IDs; a replay writes duplicates. */
  z.strictObject({ type: z.literal("auto") }),
  z.strictObject({
    type: z.literal("fields"),
    fields: z.array(FieldPath).min(1, "Name at least one field").max(10),
    delimiter: z.string().max(10).default("_"),
  }),
  z.strictObject({ type: z.literal("kafka_key") }),
  /** `<topic>-<partition>-<offset>`: replays overwrite instead of duplicating. */
  z.strictObject({ type: z.literal("kafka_coordinates") }),
]);

export const Cdc = z.strictObject({
  format: z.enum(["debezium", "canal", "maxwell"]),
  /** Primary key field(s) of the row; joined by `delimiter` into the document ID. */
  primaryKey: z.array(FieldPath).min(1, "Name the primary key field(s)").max(10),
  delimiter: z.string().max(10).default("_"),
});

export const AggregationMetric = z.strictObject({
  field: FieldPath,
  ops: z
    .array(z.enum(["sum", "min", "max"]))
    .min(1)
    .max(3),
});

export const Aggregation = z.strictObject({
  groupBy: z.array(FieldPath).min(1, "Group by at least one field").max(10),
  metrics: z.array(AggregationMetric).max(50).default([]),
});

export const Sink = z.strictObject({
  connectionId: z.string().min(1, "Choose an Elasticsearch connection"),
  /** Index name; may hold field references such as `logs-{$.app}`. Lowercase. */
  index: z.string().trim().min(1, "Index name is required").max(255),
  dateSplit: DateSplit.optional(),
  documentId: DocumentId.default({ type: "auto" }),
  /** full: the document is replaced; incremental: update with upsert (only the given fields change). */
  writeMode: z.enum(["full", "incremental"]).default("full"),
  cdc: Cdc.optional(),
  aggregation: Aggregation.optional(),
});

export const FailurePolicy = z.discriminatedUnion("policy", [
  z.strictObject({ policy: z.literal("discard") }),
  z.strictObject({ policy: z.literal("retain") }),
  z.strictObject({
    policy: z.literal("dead_letter"),
    topic: TopicName,
    /** Defaults to the source connection. */
    connectionId: z.string().min(1).optional(),
  }),
]);
export type FailurePolicy = z.infer<typeof FailurePolicy>;

export const Delivery = z.strictObject({
  /** Flush a bulk request at this many documents, ... */
  bulkMaxDocs: z.int().min(1).max(50_000).default(2_000),
  /** ... or this many bytes of NDJSON, ... */
  bulkMaxBytes: z
    .int()
    .min(1_024)
    .max(100 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /** 0: a request leaves as soon as a slot is free (chunks batch up while all slots are busy); more: wait up to this long to batch more at low rates. */
  bulkMaxWaitMs: z.int().min(0).max(60_000).default(0),
  /** Bulk requests in flight at once per consumer. */
  bulkConcurrency: z.int().min(1).max(16).default(2),
  /** A message whose document is larger follows the failure policy (stage index, document_too_large). */
  maxDocumentBytes: z
    .int()
    .min(1_024)
    .max(64 * 1024 * 1024)
    .default(4 * 1024 * 1024),
});

export const TaskConfigBase = z.strictObject({
  source: Source,
  parse: Parse.default({ format: { type: "json" }, nonJson: { action: "fail" } }),
  rules: z.array(Rule).max(100, "At most 100 rules").default([]),
  sink: Sink,
  failure: FailurePolicy.default({ policy: "retain" }),
  delivery: Delivery.default({ bulkMaxDocs: 2_000, bulkMaxBytes: 8 * 1024 * 1024, bulkMaxWaitMs: 0, bulkConcurrency: 2, maxDocumentBytes: 4 * 1024 * 1024 }),
});

export const TaskConfig = TaskConfigBase.superRefine((cfg, ctx) => {
  if (cfg.sink.cdc && cfg.sink.aggregation) {
    ctx.addIssue({ code: "custom", path: ["sink", "aggregation"], message: "CDC sync and aggregation cannot be combined" });
  }
  if (cfg.sink.cdc && cfg.sink.documentId.type !== "auto") {
    ctx.addIssue({
      code: "custom",
      path: ["sink", "documentId"],
      message: "With CDC sync the document ID is the primary key; leave documentId out",
    });
  }
  if (cfg.sink.aggregation && cfg.sink.documentId.type !== "auto") {
    ctx.addIssue({
      code: "custom",
      path: ["sink", "documentId"],
      message: "With aggregation the document ID is the group key; leave documentId out",
    });
  }
  if (cfg.parse.tombstones === "delete" && (cfg.sink.cdc || cfg.sink.documentId.type !== "kafka_key")) {
    ctx.addIssue({
      code: "custom",
      path: ["parse", "tombstones"],
      message: cfg.sink.cdc
        ? "With CDC sync, deletes come from the change events: use tombstones skip or fail"
        : "Deleting on tombstones needs documentId {type: kafka_key}",
    });
  }
});
export type TaskConfig = z.infer<typeof TaskConfig>;
export type TaskConfigInput = z.input<typeof TaskConfig>;

export { Condition, Rule };
