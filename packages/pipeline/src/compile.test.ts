import { AppError } from "@outflow/schemas/errors";
import { describe, expect, it } from "vitest";
import { compileTask, safeCompileTask } from "./compile";
import { config } from "./test-fixtures";

const issuesOf = (input: unknown) => {
  const r = safeCompileTask(input);
  if (r.ok) {
    throw new Error("expected the config to be rejected");
  }
  return r.issues;
};

describe("safeCompileTask accepts", () => {
  it("a minimal config, filling in defaults", () => {
    const r = safeCompileTask(config());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.task.config.parse).toEqual({ format: { type: "json" }, nonJson: { action: "fail" } });
      expect(r.task.config.failure).toEqual({ policy: "retain" });
      expect(r.task.config.sink.documentId).toEqual({ type: "auto" });
      expect(r.task.config.sink.writeMode).toBe("full");
      expect(r.task.tombstones).toBe("fail");
      expect(r.task.router.hasIds).toBe(false);
      expect(r.task.rules).toEqual([]);
    }
  });

  it("tombstones default to skip with CDC, and can be set", () => {
    const cdc = safeCompileTask(config({ sink: { cdc: { format: "debezium", primaryKey: ["id"] } } }));
    expect(cdc.ok && cdc.task.tombstones).toBe("skip");
    const del = safeCompileTask(config({ sink: { documentId: { type: "kafka_key" } }, parse: { tombstones: "delete" } }));
    expect(del.ok && del.task.tombstones).toBe("delete");
  });

  it("a dead-letter topic equal to a source topic on another connection", () => {
    expect(safeCompileTask(config({ failure: { policy: "dead_letter", topic: "orders", connectionId: "other-kafka" } })).ok).toBe(true);
  });

  it("an index with escaped braces and tombstone deletes", () => {
    expect(safeCompileTask(config({ sink: { index: "a{{b}}", documentId: { type: "kafka_key" } }, parse: { tombstones: "delete" } })).ok).toBe(true);
  });
});

describe("safeCompileTask names the field of every issue", () => {
  const topics = (t: string[]) => ({ source: { topics: t } });
  const CASES: [string, unknown, string, string][] = [
    ["6 topics", config(topics(["a", "b", "c", "d", "e", "f"])), "source.topics", "At most 5 topics"],
    ["no topics", config(topics([])), "source.topics", "at least one topic"],
    ["repeated topics", config(topics(["a", "a"])), "source.topics", "must not repeat"],
    ["a bad topic name", config(topics(["ok", "bad topic"])), "source.topics.1", "Only letters"],
    ["topic '..'", config(topics([".."])), "source.topics.0", "are not topic names"],
    ["no source connection", config({ source: { connectionId: "" } }), "source.connectionId", "Choose a Kafka connection"],
    ["32+ consumers", config({ source: { consumers: 33 } }), "source.consumers", ""],
    ["a bad start timestamp", config({ source: { startPosition: { type: "timestamp", timestamp: "yesterday" } } }), "source.startPosition.timestamp", ""],
    ["no index", config({ sink: { index: "  " } }), "sink.index", "Index name is required"],
    ["an uppercase index", config({ sink: { index: "Orders" } }), "sink.index", "must be lowercase"],
    ["an index with a space", config({ sink: { index: "my orders" } }), "sink.index", "must not contain a space"],
    ["an index starting with _", config({ sink: { index: "_orders" } }), "sink.index", "must not start with"],
    ["an index template with a bad path", config({ sink: { index: "logs-{a..b}" } }), "sink.index", "field reference"],
    ["incremental without a document ID", config({ sink: { writeMode: "incremental" } }), "sink.writeMode", "need a document ID"],
    ["a bad document ID path", config({ sink: { documentId: { type: "fields", fields: ["id", "a b"] } } }), "sink.documentId.fields.1", ""],
    ["no document ID fields", config({ sink: { documentId: { type: "fields", fields: [] } } }), "sink.documentId.fields", "Name at least one field"],
    [
      "an unknown split zone",
      config({ sink: { dateSplit: { format: "yyyyMMdd", source: { type: "kafka_timestamp" }, timeZone: "Mars/Olympus" } } }),
      "sink.dateSplit.timeZone",
      "unknown time zone",
    ],
    [
      "a bad split source format",
      config({ sink: { dateSplit: { format: "yyyyMMdd", source: { type: "field", field: "at", format: "dd.MM" } } } }),
      "sink.dateSplit.source.format",
      "has no year",
    ],
    [
      "a split format not offered",
      config({ sink: { dateSplit: { format: "dd-MM-yyyy" as never, source: { type: "kafka_timestamp" } } } }),
      "sink.dateSplit.format",
      "",
    ],
    [
      "CDC with a document ID",
      config({ sink: { cdc: { format: "canal", primaryKey: ["id"] }, documentId: { type: "kafka_key" } } }),
      "sink.documentId",
      "primary key",
    ],
    ["CDC without a primary key", config({ sink: { cdc: { format: "canal", primaryKey: [] } } }), "sink.cdc.primaryKey", "Name the primary key"],
    ["a bad primary key path", config({ sink: { cdc: { format: "canal", primaryKey: ["$."] } } }), "sink.cdc.primaryKey.0", ""],
    [
      "aggregation group fields with the same name",
      config({ sink: { aggregation: { groupBy: ["a.app", "b.app"] } } }),
      "sink.aggregation.groupBy.1",
      "already used",
    ],
    [
      "an aggregation metric named count",
      config({ sink: { aggregation: { groupBy: ["app"], metrics: [{ fn: "sum", field: "$.x", as: "count" }] } } }),
      "sink.aggregation.metrics.0.as",
      "already used",
    ],
    [
      "CDC with aggregation",
      config({ sink: { cdc: { format: "canal", primaryKey: ["id"] }, aggregation: { groupBy: ["a"] } } }),
      "sink.aggregation",
      "cannot be combined",
    ],
    ["tombstone deletes without kafka_key IDs", config({ parse: { tombstones: "delete" } }), "parse.tombstones", "needs documentId {type: kafka_key}"],
    [
      "tombstone deletes with CDC",
      config({ sink: { cdc: { format: "debezium", primaryKey: ["id"] } }, parse: { tombstones: "delete" } }),
      "parse.tombstones",
      "With CDC sync",
    ],
    [
      "tombstone deletes with an index template",
      config({ sink: { index: "logs-{app}", documentId: { type: "kafka_key" } }, parse: { tombstones: "delete" } }),
      "parse.tombstones",
      "fixed index name",
    ],
    [
      "tombstone deletes with a date split",
      config({
        sink: { documentId: { type: "kafka_key" }, dateSplit: { format: "yyyy", source: { type: "kafka_timestamp" } } },
        parse: { tombstones: "delete" },
      }),
      "parse.tombstones",
      "fixed index name",
    ],
    ["an empty wrap key", config({ parse: { nonJson: { action: "wrap", key: "" } } }), "parse.nonJson.key", "Key is required"],
    ["a flatten depth of 0", config({ parse: { flatten: { maxDepth: 0 } } }), "parse.flatten.maxDepth", ""],
    [
      "a dead-letter topic that is a source topic",
      config({ failure: { policy: "dead_letter", topic: "orders" } }),
      "failure.topic",
      "must not be one of the source topics",
    ],
    [
      "a dead-letter topic that is a source topic, on the source connection named explicitly",
      config({ failure: { policy: "dead_letter", topic: "orders", connectionId: "kafka-1" } }),
      "failure.topic",
      "must not be one of the source topics",
    ],
    ["a bad dead-letter topic name", config({ failure: { policy: "dead_letter", topic: "a/b" } }), "failure.topic", "Only letters"],
    ["an unknown failure policy", config({ failure: { policy: "ignore" } as never }), "failure.policy", ""],
    ["101 rules", config({ rules: Array.from({ length: 101 }, () => ({ type: "drop", fields: ["x"] })) }), "rules", "At most 100 rules"],
    ["an unknown rule type", config({ rules: [{ type: "explode" } as never] }), "rules.0.type", ""],
    ["a rule with an unknown option", config({ rules: [{ type: "drop", fields: ["a"], force: true } as never] }), "rules.0.force", "force"],
    [
      "a bad regex",
      config({
        rules: [
          { type: "drop", fields: ["a"] },
          { type: "add", field: "b", value: 1 },
          { type: "replace", field: "c", pattern: "(", regex: true },
        ],
      }),
      "rules.2.pattern",
      "invalid regular expression",
    ],
    ["a bad date pattern", config({ rules: [{ type: "parse_date", field: "t", format: "yyyy-MM-dd QQ" }] }), "rules.0.format", "unsupported letter 'Q'"],
    ["a date pattern that is an Object.prototype name", config({ rules: [{ type: "parse_date", field: "t", format: "constructor" }] }), "rules.0.format", ""],
    [
      "an unknown rule time zone",
      config({ rules: [{ type: "parse_date", field: "t", format: "iso", timeZone: "Asia/Nowhere" }] }),
      "rules.0.timeZone",
      "unknown time zone",
    ],
    ["a bad rule path", config({ rules: [{ type: "rename", from: "a", to: "b..c" }] }), "rules.0.to", "expected a field name"],
    ["an empty rule path", config({ rules: [{ type: "lowercase", field: " " }] }), "rules.0.field", "A field path is required"],
    ["substring end before start", config({ rules: [{ type: "substring", field: "s", start: 3, end: 1 }] }), "rules.0.end", "end must not be before start"],
    ["a negative substring start", config({ rules: [{ type: "substring", field: "s", start: -1 }] }), "rules.0.start", ""],
    [
      "a condition without value",
      config({ rules: [{ type: "filter", action: "keep", conditions: [{ field: "a", op: "contains" }] }] }),
      "rules.0.conditions.0.value",
      "needs a string value",
    ],
    ["a filter without conditions", config({ rules: [{ type: "filter", action: "keep", conditions: [] }] }), "rules.0.conditions", "at least one condition"],
    ["a metadata header rule without a header", config({ rules: [{ type: "metadata", field: "h", source: "header" }] }), "rules.0.header", "Name the header"],
    ["a bulk size below the minimum", { ...config(), delivery: { bulkMaxBytes: 10 } }, "delivery.bulkMaxBytes", ""],
    ["no sink", { source: { connectionId: "k", topics: ["a"] } }, "sink", ""],
  ];
  it.each(CASES.map(([name, input, field, message]) => [name, field, input, message] as const))("%s → %s", (_, field, input, message) => {
    const issues = issuesOf(input);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues).toContainEqual(expect.objectContaining({ field, message: expect.stringContaining(message) }));
    for (const issue of issues) {
      expect(issue.field).not.toBe("");
    }
  });

  it("reports every rule problem, each on its own rule", () => {
    const issues = issuesOf(
      config({
        rules: [
          { type: "replace", field: "a", pattern: "[", regex: true },
          { type: "add", field: "fine", value: 1 },
          { type: "parse_date", field: "t", format: "MM", timeZone: "Nope/Nope" },
        ],
        sink: { index: "Bad" },
      }),
    );
    expect(issues.map((i) => i.field)).toEqual(["rules.0.pattern", "rules.2.format", "rules.2.timeZone", "sink.index"]);
  });
});

describe("compileTask", () => {
  it("returns the compiled task", () => {
    expect(compileTask(config()).config.sink.index).toBe("orders");
  });

  it("throws AppError(unprocessable_entity) with the issues under the prefix", () => {
    let error: unknown;
    try {
      compileTask(config({ source: { topics: ["a", "b", "c", "d", "e", "f"] } }), "config");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const app = error as AppError;
    expect(app.code).toBe("unprocessable_entity");
    expect(app.field).toBe("config.source.topics");
    expect(app.message).toBe("config.source.topics: At most 5 topics per task");
  });

  it.each([null, 42, "config", [], {}])("rejects %j without throwing from safeCompileTask", (input) => {
    expect(safeCompileTask(input).ok).toBe(false);
  });
});
