import { describe, expect, it } from "vitest";
import { internalTopicReadProblem, isInternalTopic, isSystemIndex, reservedNameIssues } from "./reserved-names";

const config = (topics: string[], index: string, deadLetter?: string) => ({
  source: { topics },
  sink: { index },
  failure: deadLetter ? { policy: "dead_letter", topic: deadLetter } : { policy: "retain" },
});

describe("reserved names", () => {
  it("counts Kafka's and the platform's topics as internal, and indices starting with '.' as system indices", () => {
    for (const t of ["__consumer_offsets", "__transaction_state", "__cluster_metadata", "_schemas", "_confluent-metrics"]) {
      expect([t, isInternalTopic(t)]).toEqual([t, true]);
    }
    for (const t of ["orders", "orders__v2", "connect-offsets"]) {
      expect([t, isInternalTopic(t)]).toEqual([t, false]);
    }
    expect(isSystemIndex(".kibana")).toBe(true);
    expect(isSystemIndex(".security-7")).toBe(true);
    expect(isSystemIndex("logs.kibana")).toBe(false);
  });

  it("refuses internal topics to read, system indices to write and any internal dead-letter topic, naming field and leave", () => {
    const source = { name: "prod kafka" };
    const sink = { name: "prod es" };
    expect(reservedNameIssues(config(["orders", "__consumer_offsets"], ".kibana", "__transaction_state"), source, sink)).toEqual([
      {
        field: "source.topics.1",
        message:
          '"__consumer_offsets" is an internal topic (names starting with _ belong to Kafka and its platform); reading it needs an admin to set allowInternalTopics on the Kafka connection "prod kafka"',
        key: "schema.reservedNames.internalTopic",
        params: { topic: "__consumer_offsets", connection: "prod kafka" },
      },
      {
        field: "sink.index",
        message:
          '".kibana" is a system index (names starting with . belong to the search server); writing to it needs an admin to set allowSystemIndices on the search connection "prod es"',
        key: "schema.reservedNames.systemIndex",
        params: { index: ".kibana", connection: "prod es" },
      },
      {
        field: "failure.topic",
        message: '"__transaction_state" is an internal topic (names starting with _ belong to Kafka and its platform); dead letters never go there',
        key: "schema.reservedNames.deadLetterTopic",
        params: { topic: "__transaction_state" },
      },
    ]);
    expect(reservedNameIssues(config(["orders"], "logs", "orders-dlq"), source, sink)).toEqual([]);
  });

  it("lets an admin's leave on the connection through, but never for dead letters", () => {
    const source = { name: "k", allowInternalTopics: true };
    const sink = { name: "e", allowSystemIndices: true };
    expect(reservedNameIssues(config(["__consumer_offsets"], ".kibana"), source, sink)).toEqual([]);
    expect(reservedNameIssues(config(["orders"], "logs", "_dlq"), source, sink).map((i) => i.field)).toEqual(["failure.topic"]);
    expect(internalTopicReadProblem("_schemas", { name: "k", allowInternalTopics: false })).toMatch(/^"_schemas" is an internal topic/);
  });
});
