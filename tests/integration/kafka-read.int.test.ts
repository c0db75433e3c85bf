import { readMessagesAt, sampleMessages } from "@outflow/connectors/kafka-sample";
import { createTopic, produce, testKafka } from "@outflow/testing/kafka";
import { describe, expect, it } from "vitest";

const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString("utf8"));

describe("readMessagesAt: the messages at given offsets, no offsets touched", () => {
  it("reads exactly the ranges asked for, stops at a partition's end, and leaves no consumer group behind", async () => {
    const topic = `read-at-${Date.now()}`;
    await createTopic(topic, 2);
    await produce(topic, [
      ...Array.from({ length: 10 }, (_, i) => ({ partition: 0, key: `k${i}`, value: `p0-${i}`, headers: { h: `v${i}` } })),
      ...Array.from({ length: 4 }, (_, i) => ({ partition: 1, value: `p1-${i}` })),
    ]);
    const kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    const groupsBefore = (await admin.listGroups()).groups.map((g) => g.groupId);

    const read = await readMessagesAt(kafka, [
      { topic, partition: 0, from: 3n, count: 2 },
      { topic, partition: 1, from: 2n, count: 10 },
    ]);
    expect(read.map((m) => `${m.partition}:${m.offset}=${text(m.value)}`)).toEqual(["0:3=p0-3", "0:4=p0-4", "1:2=p1-2", "1:3=p1-3"]);
    expect(text(read[0]?.key ?? null)).toBe("k3");
    expect(read[0]?.headers?.h?.toString()).toBe("v3");

    expect(await readMessagesAt(kafka, [{ topic, partition: 0, from: 10n, count: 1 }])).toEqual([]);
    await expect(readMessagesAt(kafka, [{ topic, partition: 5, from: 0n, count: 1 }])).rejects.toThrow(/partition 5/);

    const sampled = await sampleMessages(kafka, [topic], { limit: 3, position: { type: "latest" } });
    expect(sampled).toHaveLength(3);

    const groupsAfter = (await admin.listGroups()).groups.map((g) => g.groupId);
    expect(groupsAfter.filter((g) => !groupsBefore.includes(g) && g.startsWith("outflow-"))).toEqual([]);
    await admin.disconnect();
  }, 60_000);
});
