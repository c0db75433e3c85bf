import { z } from "zod";
import { ALERT_DEFAULTS, AlertRules } from "./alerts";
import { RegistryFormat, ValueFormatInput } from "./formats";
import { Condition, FieldPath, Rule } from "./rules";

/** Kafka's own rule for topic names. */
export const TopicName = z
  .string()
  .trim()
  .min(1, "Topic name is required")
  .max(249, "At most 249 characters")
  .regex(/^[A-Za-z0-9._-]+$/, "Only letters, digits, '.', '_' and '-' are allowed")
  .refine((t) => t !== "." && t !== "..", { message: "'.' and '..' are not topic names", params: { messageKey: "schema.topic.dotName" } });

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
    .refine((t) => new Set(t).size === t.length, { message: "Topics must not repeat", params: { messageKey: "schema.source.topicsRepeat" } }),
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
  /** "json", or a format object: json_array, delimited, regex, grok, kv, or the registry formats avro, protobuf, json_schema (see formats.ts). */
  format: ValueFormatInput.default({ type: "json" }),
  /** The message key's encoding when it is registry-encoded (avro, protobuf, json_schema); otherwise the key is text. */
  keyFormat: RegistryFormat.optional(),
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

const KafkaTimestampSource = z.strictObject({ type: z.literal("kafka_timestamp") });
const FieldTimeSource = z.strictObject({
  type: z.literal("field"),
  field: FieldPath,
  /** iso, epoch_millis, epoch_seconds, or a pattern such as yyyy-MM-dd HH:mm:ss. */
  format: z.string().min(1).max(100).default("iso"),
});
/** Where an event time comes from: a message field or the Kafka timestamp. */
export const TimeSource = z.discriminatedUnion("type", [KafkaTimestampSource, FieldTimeSource]);

export const DateSplit = z.strictObject({
  format: z.enum(DATE_SPLIT_FORMATS),
  /** Where the date comes from: a message field, the Kafka timestamp, or (windowed aggregation) the window's start. */
  source: z.discriminatedUnion("type", [KafkaTimestampSource, FieldTimeSource, z.strictObject({ type: z.literal("window_start") })]),
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

/** The name of an aggregate document's field (`AS name`); names starting with outflow_ are Outflow's own. */
export const OutputName = z
  .string()
  .min(1, "Name is required")
  .max(100)
  .regex(/^[A-Za-z_@][A-Za-z0-9_@-]*$/, "Use letters, digits, '_', '-' or '@' (no dots or spaces)")
  .refine((n) => !n.startsWith("outflow_"), { message: "Names starting with outflow_ are reserved", params: { messageKey: "schema.outputName.reserved" } });

export const AggregationGroup = z.union([FieldPath, z.strictObject({ field: FieldPath, as: OutputName })]);

export const AGGREGATION_FUNCTIONS = ["count", "sum", "min", "max", "avg", "first", "last"] as const;

/**
 * One aggregate: `{fn, field?, as?}` (count without a field counts rows), or the older `{field, ops}` (sum/min/max
 * named `<field>_<op>`). Which combinations are valid is checked when the task is compiled.
 */
export const AggregationMetric = z.strictObject({
  fn: z.enum(AGGREGATION_FUNCTIONS).optional(),
  field: FieldPath.optional(),
  as: OutputName.optional(),
  /** first / last: order by this event time instead of arrival (offset order per partition). */
  by: z
    .strictObject({
      field: FieldPath,
      /** iso, epoch_millis, epoch_seconds, or a pattern such as yyyy-MM-dd HH:mm:ss. */
      format: z.string().min(1).max(100).default("iso"),
      /** For times written without an offset. */
      timeZone: z.string().min(1).default("UTC"),
    })
    .optional(),
  ops: z
    .array(z.enum(["sum", "min", "max"]))
    .min(1)
    .max(3)
    .optional(),
});

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of a WindowSize. */
export function windowSizeMs(size: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(size.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : Number.NaN;
}

/** A size such as 30s, 1m, 5m, 1h, 1d (one second to one day). */
export const WindowSize = z
  .string()
  .trim()
  .regex(/^\d{1,5}\s*(s|m|h|d)$/, "Write a size such as 30s, 1m, 1h or 1d")
  .refine(
    (v) => {
      const ms = windowSizeMs(v);
      return ms >= 1_000 && ms <= 86_400_000;
    },
    { message: "A window lasts from 1s to 1d", params: { messageKey: "schema.window.sizeRange" } },
  );

/** Tumbling windows (`GROUP BY TUMBLE(time, INTERVAL …)`): one document per group and window. */
export const AggregationWindow = z.strictObject({
  size: WindowSize,
  time: TimeSource,
  /** Windows are aligned on this zone's wall clock (a 1d window is a calendar day there). */
  timeZone: z.string().min(1).default("UTC"),
  startAs: OutputName.default("window_start"),
  endAs: OutputName.default("window_end"),
});

export const Aggregation = z.strictObject({
  groupBy: z.array(AggregationGroup).min(1, "Group by at least one field").max(10),
  metrics: z.array(AggregationMetric).max(50).default([]),
  window: AggregationWindow.optional(),
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
  /** At most this many documents (bulk actions, not messages: a json_array message may hold many) per `_bulk` request; a chunk is split to fit. */
  bulkMaxDocs: z.int().min(1).max(50_000).default(2_000),
  /** At most this many bytes of NDJSON (what is sent) per `_bulk` request; a single document larger than this goes alone. */
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
  /** Alert rules (configs saved before alerts existed get the defaults). */
  alerts: AlertRules.default(ALERT_DEFAULTS),
});

export const TaskConfig = TaskConfigBase.superRefine((cfg, ctx) => {
  if (cfg.sink.cdc && cfg.sink.aggregation) {
    ctx.addIssue({
      code: "custom",
      path: ["sink", "aggregation"],
      message: "CDC sync and aggregation cannot be combined",
      params: { messageKey: "schema.task.cdcWithAggregation" },
    });
  }
  if (cfg.sink.cdc && cfg.sink.documentId.type !== "auto") {
    ctx.addIssue({
      code: "custom",
      path: ["sink", "documentId"],
      message: "With CDC sync the document ID is the primary key; leave documentId out",
      params: { messageKey: "schema.task.cdcWithDocumentId" },
    });
  }
  if (cfg.sink.dateSplit?.source.type === "window_start" && !cfg.sink.aggregation?.window) {
    ctx.addIssue({
      code: "custom",
      path: ["sink", "dateSplit", "source"],
      message: "window_start needs a windowed aggregation (sink.aggregation.window)",
      params: { messageKey: "schema.task.windowStartWithoutWindow" },
    });
  }
  if (cfg.sink.aggregation && cfg.sink.documentId.type !== "auto") {
    ctx.addIssue({
      code: "custom",
      path: ["sink", "documentId"],
      message: "With aggregation the document ID is the group key; leave documentId out",
      params: { messageKey: "schema.task.aggregationWithDocumentId" },
    });
  }
  if (cfg.parse.tombstones === "delete" && (cfg.sink.cdc || cfg.sink.documentId.type !== "kafka_key")) {
    ctx.addIssue({
      code: "custom",
      path: ["parse", "tombstones"],
      message: cfg.sink.cdc
        ? "With CDC sync, deletes come from the change events: use tombstones skip or fail"
        : "Deleting on tombstones needs documentId {type: kafka_key}",
      params: { messageKey: cfg.sink.cdc ? "schema.task.tombstonesDeleteWithCdc" : "schema.task.tombstonesDeleteNeedsKafkaKey" },
    });
  }
});
export type TaskConfig = z.infer<typeof TaskConfig>;
export type TaskConfigInput = z.input<typeof TaskConfig>;

export { Condition, Rule };
