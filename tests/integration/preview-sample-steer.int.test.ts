import type { ApiClient } from "@outflow/testing/api-client";
import { createTopic, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Window = {
  items: { topic: string; partition: number; offset: string; value: string | null }[];
  partitions: { topic: string; partition: number; low: string; high: string }[];
  cutAtBytes: boolean;
};

/** `GET /api/preview/sample` on a real broker: partition, offset, latest and time, and the named errors. */
describe("steered preview sample", () => {
  let stack: Stack;
  let api: ApiClient;
  let kafkaId: string;
  const topic = uniqueName("steer");
  const base = () => `/api/preview/sample?connectionId=${kafkaId}&topics=${topic}`;
  const t0 = Date.parse("2026-01-01T00:00:00Z");

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
    api = stack.api;
    kafkaId = (await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers })).id;
    await createTopic(topic, 3);
    // Partition 1 holds 10 messages a minute apart; partition 0 and 2 one each, earlier than all of them.
    await produce(topic, [
      { partition: 0, value: JSON.stringify({ p: 0 }), timestamp: String(t0 - 3_600_000) },
      { partition: 2, value: JSON.stringify({ p: 2 }), timestamp: String(t0 - 3_600_000) },
      ...Array.from({ length: 10 }, (_, i) => ({ partition: 1, value: JSON.stringify({ p: 1, i }), timestamp: String(t0 + i * 60_000) })),
    ]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("reads a chosen partition from an offset, steps on, and reads the latest and from a time", async () => {
    const at = await api.get<Window>(`${base()}&partition=1&position=offset&offset=4&limit=3`);
    expect(at.items.map((m) => [m.partition, m.offset])).toEqual([
      [1, "4"],
      [1, "5"],
      [1, "6"],
    ]);
    expect(at.partitions.find((p) => p.partition === 1)).toEqual({ topic, partition: 1, low: "0", high: "10" });
    expect(at.partitions).toHaveLength(3);
    const next = await api.get<Window>(`${base()}&partition=1&position=offset&offset=7&limit=3`);
    expect(next.items.map((m) => m.offset)).toEqual(["7", "8", "9"]);
    const end = await api.get<Window>(`${base()}&partition=1&position=offset&offset=10`);
    expect(end.items).toEqual([]);

    const latest = await api.get<Window>(`${base()}&partition=1&position=latest&limit=2`);
    expect(latest.items.map((m) => m.offset)).toEqual(["8", "9"]);

    // Kafka's offsets-for-times: the first message at or after the time, in every partition that has one.
    const fromTime = await api.get<Window>(`${base()}&position=timestamp&timestamp=${t0 + 5 * 60_000 - 1}&limit=2`);
    expect(fromTime.items.map((m) => [m.partition, m.offset])).toEqual([
      [1, "5"],
      [1, "6"],
    ]);
    const all = await api.get<Window>(`${base()}&limit=3`);
    expect(all.items.map((m) => m.partition).sort()).toEqual([0, 1, 2]);
  });

  it("names the field of a partition or offset the topic does not have", async () => {
    const partition = await api.expectError("GET", `${base()}&partition=3`);
    expect(partition.status).toBe(422);
    expect(partition.body.error?.field).toBe("partition");
    expect(partition.body.error?.message).toContain("has 3 partitions (0–2); there is no partition 3");

    const beyond = await api.expectError("GET", `${base()}&partition=1&position=offset&offset=11`);
    expect(beyond.status).toBe(422);
    expect(beyond.body.error?.field).toBe("offset");
    expect(beyond.body.error?.message).toContain("beyond the end");
    expect(beyond.body.error?.message).toContain("next message will get offset 10");

    const noOffset = await api.expectError("GET", `${base()}&partition=1&position=offset`);
    expect(noOffset.body.error?.field).toBe("offset");
    const noTime = await api.expectError("GET", `${base()}&position=timestamp`);
    expect(noTime.body.error?.field).toBe("timestamp");
    const tooMany = await api.expectError("GET", `${base()}&limit=51`);
    expect(tooMany.body.error?.field).toBe("limit");
  });
});
