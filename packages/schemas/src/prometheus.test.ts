import { describe, expect, it } from "vitest";
import { formatFamilies, lagOf, type PartitionMetricRow, partitionFamilies, taskStatusFamily } from "./prometheus";

const row = (over: Partial<PartitionMetricRow> = {}): PartitionMetricRow => ({
  taskId: "t1",
  taskName: "orders",
  topic: "orders-topic",
  partition: 0,
  columns: { messagesIn: 10, bytesIn: 300, messagesWritten: 7, documentsWritten: 7, filtered: 1, dropped: 1, discarded: 1, deadLettered: 0, failed: 0 },
  committedOffset: "10",
  endOffset: "14",
  updatedAt: new Date("2026-12-07T10:00:00Z"),
  offsetsReadAt: new Date("2026-12-07T09:59:58Z"),
  ...over,
});

const sampleOf = (families: ReturnType<typeof partitionFamilies>, name: string) => families.find((f) => f.name === name);

describe("partitionFamilies", () => {
  it("maps each stored column to its counter, labelled by task and partition", () => {
    const f = partitionFamilies([row(), row({ partition: 1, columns: { messagesIn: 5 } })]);
    const messagesIn = sampleOf(f, "outflow_messages_in_total");
    expect(messagesIn?.type).toBe("counter");
    expect(messagesIn?.samples).toEqual([
      { labels: { task_id: "t1", task_name: "orders", topic: "orders-topic", partition: "0" }, value: 10 },
      { labels: { task_id: "t1", task_name: "orders", topic: "orders-topic", partition: "1" }, value: 5 },
    ]);
    expect(sampleOf(f, "outflow_messages_dead_lettered_total")?.samples.map((s) => s.value)).toEqual([0]);
    expect(sampleOf(f, "outflow_messages_retained")?.type).toBe("gauge");
  });

  it("leaves out a family whose column no row has (an older schema)", () => {
    const f = partitionFamilies([row()]);
    expect(sampleOf(f, "outflow_documents_created_total")).toBeUndefined();
    const withColumn = partitionFamilies([row({ columns: { documentsCreated: 4 } })]);
    expect(sampleOf(withColumn, "outflow_documents_created_total")?.samples.map((s) => s.value)).toEqual([4]);
  });

  it("gives lag, offsets and the row's age as gauges; no lag or end without an end offset", () => {
    const f = partitionFamilies([row(), row({ partition: 1, endOffset: null, committedOffset: null })]);
    expect(sampleOf(f, "outflow_consumer_lag_messages")?.samples.map((s) => [s.labels.partition, s.value])).toEqual([["0", 4]]);
    expect(sampleOf(f, "outflow_committed_offset")?.samples.map((s) => s.value)).toEqual([10]);
    expect(sampleOf(f, "outflow_end_offset")?.samples.map((s) => s.value)).toEqual([14]);
    expect(sampleOf(f, "outflow_partition_updated_timestamp_seconds")?.samples[0]?.value).toBe(Date.parse("2026-12-07T10:00:00Z") / 1000);
    expect(sampleOf(f, "outflow_offsets_read_timestamp_seconds")?.samples.map((s) => s.value)).toEqual([
      Date.parse("2026-12-07T09:59:58Z") / 1000,
      Date.parse("2026-12-07T09:59:58Z") / 1000,
    ]);
    expect(sampleOf(partitionFamilies([row({ offsetsReadAt: null })]), "outflow_offsets_read_timestamp_seconds")?.samples).toEqual([]);
  });

  it("still declares every family when there are no rows", () => {
    const names = partitionFamilies([]).map((f) => f.name);
    expect(names).toContain("outflow_messages_in_total");
    expect(names).toContain("outflow_consumer_lag_messages");
  });
});

describe("lagOf", () => {
  it("is end minus committed, a missing commit counting as 0, never negative", () => {
    expect(lagOf({ committedOffset: "3", endOffset: "10" })).toBe(7);
    expect(lagOf({ committedOffset: null, endOffset: "10" })).toBe(10);
    expect(lagOf({ committedOffset: "12", endOffset: "10" })).toBe(0);
    expect(lagOf({ committedOffset: "3", endOffset: null })).toBeNull();
  });
});

describe("taskStatusFamily", () => {
  it("gives one series per status, 1 for the task's own", () => {
    const f = taskStatusFamily([{ id: "t1", name: "orders", status: "failed" }]);
    expect(f.samples).toHaveLength(7);
    expect(f.samples.filter((s) => s.value === 1)).toEqual([{ labels: { task_id: "t1", task_name: "orders", status: "failed" }, value: 1 }]);
  });
});

describe("formatFamilies", () => {
  it("writes HELP, TYPE and samples in the text format, escaping label values and help", () => {
    const text = formatFamilies([
      { name: "outflow_x_total", help: "A \\ help\nline", type: "counter", samples: [{ labels: { task_name: 'a "b"\\c\nd', partition: "0" }, value: 3 }] },
      { name: "outflow_y", help: "y", type: "gauge", samples: [{ labels: {}, value: Number.POSITIVE_INFINITY }] },
    ]);
    expect(text).toBe(
      [
        "# HELP outflow_x_total A \\\\ help\\nline",
        "# TYPE outflow_x_total counter",
        'outflow_x_total{task_name="a \\"b\\"\\\\c\\nd",partition="0"} 3',
        "# HELP outflow_y y",
        "# TYPE outflow_y gauge",
        "outflow_y +Inf",
        "",
      ].join("\n"),
    );
  });
});
