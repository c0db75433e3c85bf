import { TaskConfig } from "@outflow/schemas/task-config";
import { describe, expect, it } from "vitest";
import { coordinatesOfDocument, documentIdsOfMessage, fieldValue, messageLink } from "./message-links";

const config = (over: { topics?: string[]; rules?: unknown[]; sink?: Record<string, unknown>; parse?: Record<string, unknown> }) =>
  TaskConfig.parse({
    source: { connectionId: "k", topics: over.topics ?? ["orders"] },
    ...(over.parse ? { parse: over.parse } : {}),
    rules: over.rules ?? [],
    sink: { connectionId: "e", index: "i", ...over.sink },
  });
const meta = (source: string, field: string) => ({ type: "metadata", source, field });

describe("messageLink", () => {
  it("kafka_coordinates IDs name the message; JSON arrays add -<n>", () => {
    const link = messageLink(config({ sink: { documentId: { type: "kafka_coordinates" } } }));
    expect(link).toEqual({ via: "document_id", arrays: false });
    expect(coordinatesOfDocument(link, ["orders"], "orders-2-1041", {})).toEqual({ topic: "orders", partition: 2, offset: "1041" });
    expect(coordinatesOfDocument(link, ["orders"], "orders-2-1041-0", {})).toBeNull();
    const arrays = messageLink(config({ parse: { format: { type: "json_array" } }, sink: { documentId: { type: "kafka_coordinates" } } }));
    expect(coordinatesOfDocument(arrays, ["orders"], "orders-2-1041-3", {})).toEqual({ topic: "orders", partition: 2, offset: "1041" });
    expect(documentIdsOfMessage(arrays, { topic: "orders", partition: 2, offset: "7" }).slice(0, 2)).toEqual(["orders-2-7", "orders-2-7-0"]);
  });

  it("a topic with dashes and digits is matched whole, longest name first", () => {
    const link = messageLink(config({ topics: ["app-1", "app-1-x"], sink: { documentId: { type: "kafka_coordinates" } } }));
    expect(coordinatesOfDocument(link, ["app-1", "app-1-x"], "app-1-x-0-9", {})).toEqual({ topic: "app-1-x", partition: 0, offset: "9" });
    expect(coordinatesOfDocument(link, ["app-1", "app-1-x"], "app-1-0-9", {})).toEqual({ topic: "app-1", partition: 0, offset: "9" });
    expect(coordinatesOfDocument(link, ["app-1"], "other-0-9", {})).toBeNull();
  });

  it("metadata rules name the fields, renames are followed; one topic needs no topic field", () => {
    const link = messageLink(config({ rules: [meta("partition", "$.kafka.p"), meta("offset", "kafka.o"), { type: "rename", from: "kafka", to: "src" }] }));
    expect(link).toEqual({ via: "metadata", topicField: null, partitionField: "src.p", offsetField: "src.o", rules: [0, 1] });
    expect(coordinatesOfDocument(link, ["orders"], "x", { src: { p: 1, o: 99 } })).toEqual({ topic: "orders", partition: 1, offset: "99" });
    expect(coordinatesOfDocument(link, ["orders"], "x", { "src.p": 1, "src.o": "99" })).toEqual({ topic: "orders", partition: 1, offset: "99" });
    expect(coordinatesOfDocument(link, ["orders"], "x", { src: { p: 1 } })).toBeNull();
  });

  it("a field dropped, overwritten or merged over after the metadata rule is no link", () => {
    const base = [meta("partition", "p"), meta("offset", "o")];
    expect(messageLink(config({ rules: [...base, { type: "drop", fields: ["o"] }] })).via).toBe("none");
    expect(messageLink(config({ rules: [...base, { type: "add", field: "p", value: 1 }] })).via).toBe("none");
    expect(messageLink(config({ rules: [...base, { type: "parse", field: "x", format: "json" }] })).via).toBe("none");
    expect(messageLink(config({ rules: [...base, { type: "cast", field: "o", as: "string" }] })).via).toBe("metadata");
    expect(messageLink(config({ rules: [...base, { type: "add", field: "other", value: 1 }] })).via).toBe("metadata");
    // A later metadata rule writes it again.
    expect(messageLink(config({ rules: [...base, { type: "drop", fields: ["o"] }, meta("offset", "o")] })).via).toBe("metadata");
  });

  it("several topics need a topic field; flatten joins with its separator; aggregations and plain IDs have no link", () => {
    expect(messageLink(config({ topics: ["a", "b"], rules: [meta("partition", "p"), meta("offset", "o")] })).via).toBe("none");
    const flat = messageLink(
      config({ parse: { flatten: { separator: "_" } }, rules: [meta("partition", "k.p"), meta("offset", "k.o"), meta("topic", "k.t")] }),
    );
    expect(flat).toMatchObject({ topicField: "k_t", partitionField: "k_p", offsetField: "k_o" });
    expect(coordinatesOfDocument(flat, ["orders"], "x", { k_t: "other", k_p: 0, k_o: 1 })).toBeNull();
    expect(messageLink(config({ sink: { documentId: { type: "kafka_key" } } }))).toMatchObject({ via: "none" });
    expect(messageLink(config({ sink: { aggregation: { groupBy: ["$.app"] } } }))).toEqual({
      via: "none",
      reason: "an aggregation's documents are groups of many messages",
      reasonKey: "aggregation",
    });
  });

  it("fieldValue reads nested objects, dotted keys and their mix", () => {
    expect(fieldValue({ a: { "b.c": 1 } }, "a.b.c")).toBe(1);
    expect(fieldValue({ "a.b": { c: 2 } }, "a.b.c")).toBe(2);
    expect(fieldValue({ a: 1 }, "a.b")).toBeUndefined();
  });
});
