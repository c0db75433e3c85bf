import { emptyCounts, type KafkaMessage, type MessageOutcome, planDisposition } from "@outflow/pipeline";
import { describe, expect, it } from "vitest";
import { addUncounted, countsPastCommit } from "./commit-counts";

const msgs = (from: number, n: number): KafkaMessage[] =>
  Array.from({ length: n }, (_, i) => ({ topic: "t", partition: 0, offset: String(from + i), timestamp: "0", key: null, value: new Uint8Array(4) }));
const written = (n: number): MessageOutcome[] =>
  Array.from({ length: n }, () => ({ kind: "written", actions: 1, documents: { created: 1, updated: 0, deleted: 0 } }));

describe("countsPastCommit", () => {
  it("is the chunk's counts when it starts at or past the last commit", () => {
    const m = msgs(10, 4);
    const d = planDisposition(m, written(4), "discard");
    expect(countsPastCommit(m, written(4), "discard", d.counts, 10n)).toEqual({ counts: d.counts, from: "10" });
  });

  it("counts only the messages past the last commit when the chunk overlaps it", () => {
    const m = msgs(10, 4);
    const d = planDisposition(m, written(4), "discard");
    const past = countsPastCommit(m, written(4), "discard", d.counts, 12n);
    expect(past?.from).toBe("12");
    expect(past?.counts).toMatchObject({ messagesIn: 2, messagesWritten: 2, bytesIn: 8, documentsCreated: 2 });
  });

  it("is nothing when the whole chunk was committed before", () => {
    const m = msgs(10, 4);
    expect(countsPastCommit(m, written(4), "discard", planDisposition(m, written(4), "discard").counts, 20n)).toBeNull();
  });
});

describe("addUncounted", () => {
  it("sums counts and keeps the earlier start", () => {
    const a = { counts: { ...emptyCounts(), messagesIn: 3, filtered: 1 }, from: "5" };
    const b = { counts: { ...emptyCounts(), messagesIn: 2, deadLettered: 2 }, from: "8" };
    expect(addUncounted(a, b)).toEqual({ counts: { ...emptyCounts(), messagesIn: 5, filtered: 1, deadLettered: 2 }, from: "5" });
    expect(addUncounted(undefined, b)).toBe(b);
  });
});
