import { type KafkaMessage, type MessageOutcome, planDisposition } from "@outflow/pipeline";
import { describe, expect, it } from "vitest";
import { countsPast } from "./commit-counts";

const msgs = (from: number, n: number): KafkaMessage[] =>
  Array.from({ length: n }, (_, i) => ({ topic: "t", partition: 0, offset: String(from + i), timestamp: "0", key: null, value: new Uint8Array(4) }));
const written = (n: number): MessageOutcome[] =>
  Array.from({ length: n }, () => ({ kind: "written", actions: 1, documents: { created: 1, updated: 0, deleted: 0 } }));

describe("countsPast", () => {
  it("is the chunk's counts when it starts at or past what was counted", () => {
    const m = msgs(10, 4);
    const d = planDisposition(m, written(4), "discard");
    expect(countsPast(m, written(4), "discard", d.counts, 10n)).toEqual({ counts: d.counts, from: "10" });
  });

  it("counts only the messages past what was counted when the chunk overlaps it", () => {
    const m = msgs(10, 4);
    const d = planDisposition(m, written(4), "discard");
    const past = countsPast(m, written(4), "discard", d.counts, 12n);
    expect(past?.from).toBe("12");
    expect(past?.counts).toMatchObject({ messagesIn: 2, messagesWritten: 2, bytesIn: 8, documentsCreated: 2 });
  });

  it("is nothing when the whole chunk was counted before", () => {
    const m = msgs(10, 4);
    expect(countsPast(m, written(4), "discard", planDisposition(m, written(4), "discard").counts, 20n)).toBeNull();
  });
});
