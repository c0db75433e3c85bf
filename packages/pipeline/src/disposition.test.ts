import { markValue } from "@outflow/schemas/reason-values";
import { describe, expect, it } from "vitest";
import type { MessageOutcome } from "./chunk-settlement";
import { deadLetterHeaders, emptyCounts, type FailedMessage, planDisposition } from "./disposition";
import type { KafkaMessage } from "./message";
import { message } from "./test-fixtures";

const at = (offset: string, value: string | null = "{}") => message(value, { topic: "orders", partition: 2, offset });
const written = (actions = 1): MessageOutcome => ({ kind: "written", actions });
const failed: MessageOutcome = { kind: "failed", stage: "index", reason: "mapping", status: 400, errorType: "document_parsing_exception" };
const parseFailed: MessageOutcome = { kind: "failed", stage: "parse", reason: "invalid JSON" };

// offsets 10..15; sizes: 2 bytes each ("{}"), except the tombstone at 13
const msgs: KafkaMessage[] = [at("10"), at("11"), at("12"), at("13", null), at("14"), at("15")];
const outcomes: MessageOutcome[] = [written(2), { kind: "filtered", reason: "f" }, failed, { kind: "dropped", reason: "d" }, parseFailed, written(1)];

describe("planDisposition", () => {
  it("discard: counts every failure as discarded and commits the whole chunk", () => {
    const d = planDisposition(msgs, outcomes, "discard");
    expect(d.commitOffset).toBe("16");
    expect(d.retained).toBeNull();
    expect(d.deadLetters).toEqual([]);
    expect(d.discarded).toEqual([
      { message: msgs[2], failure: failed },
      { message: msgs[4], failure: parseFailed },
    ]);
    expect(d.counts).toEqual({ ...emptyCounts(), messagesIn: 6, bytesIn: 10, messagesWritten: 2, documentsWritten: 3, filtered: 1, dropped: 1, discarded: 2 });
  });

  it("adds up what the writes did to documents, for the messages it settles", () => {
    const cdc: MessageOutcome[] = [
      { kind: "written", actions: 1, documents: { created: 1, updated: 0, deleted: 0 } },
      { kind: "written", actions: 1, documents: { created: 0, updated: 1, deleted: 0 } },
      { kind: "written", actions: 1, documents: { created: 0, updated: 0, deleted: 1 } },
      failed,
      { kind: "written", actions: 1, documents: { created: 1, updated: 0, deleted: 0 } },
    ];
    const m = [at("1"), at("2"), at("3"), at("4"), at("5")];
    expect(planDisposition(m, cdc, "discard").counts).toMatchObject({ documentsCreated: 2, documentsUpdated: 1, documentsDeleted: 1 });
    // Retained at the fourth: the fifth is not settled, so not counted.
    expect(planDisposition(m, cdc, "retain").counts).toMatchObject({ documentsCreated: 1, documentsUpdated: 1, documentsDeleted: 1 });
  });

  it("dead_letter: hands every failure to the dead-letter topic and commits the whole chunk", () => {
    const d = planDisposition(msgs, outcomes, "dead_letter");
    expect(d.commitOffset).toBe("16");
    expect(d.discarded).toEqual([]);
    expect(d.deadLetters.map((f) => f.message.offset)).toEqual(["12", "14"]);
    expect(d.deadLetters[0]?.failure).toEqual(failed);
    expect(d.counts).toMatchObject({ messagesIn: 6, deadLettered: 2, discarded: 0, messagesWritten: 2, documentsWritten: 3 });
  });

  it("retain: stops at the first failure; commits up to it; counts nothing from it on", () => {
    const d = planDisposition(msgs, outcomes, "retain");
    expect(d.retained).toEqual({ message: msgs[2], failure: failed });
    expect(d.commitOffset).toBe("12"); // the failed message's offset: it is read again
    expect(d.deadLetters).toEqual([]);
    expect(d.discarded).toEqual([]);
    expect(d.counts).toEqual({ ...emptyCounts(), messagesIn: 2, bytesIn: 4, messagesWritten: 1, documentsWritten: 2, filtered: 1 });
  });

  it("retain: a failure on the first message commits nothing", () => {
    const d = planDisposition([at("10"), at("11")], [parseFailed, written()], "retain");
    expect(d.retained?.message.offset).toBe("10");
    expect(d.commitOffset).toBeNull();
    expect(d.counts).toEqual(emptyCounts());
  });

  it("retain without failures behaves like the others", () => {
    const d = planDisposition([at("10"), at("11")], [written(), written()], "retain");
    expect(d.retained).toBeNull();
    expect(d.commitOffset).toBe("12");
    expect(d.counts.messagesWritten).toBe(2);
  });

  it("keeps offsets beyond 2^53 exact", () => {
    const big = ["9007199254740992", "9007199254740993"];
    const d = planDisposition(
      big.map((o) => at(o)),
      [written(), written()],
      "discard",
    );
    expect(d.commitOffset).toBe("9007199254740994");
    const max = planDisposition([at("9223372036854775806")], [written()], "discard");
    expect(max.commitOffset).toBe("9223372036854775807");
    const retained = planDisposition([at("9007199254740993"), at("9007199254740994")], [written(), failed], "retain");
    expect(retained.commitOffset).toBe("9007199254740994");
  });

  it("commits after the last message even when offsets have gaps (compacted topics)", () => {
    const d = planDisposition([at("10"), at("20"), at("35")], [written(), written(), written()], "discard");
    expect(d.commitOffset).toBe("36");
  });

  it("stops where the outcomes stop", () => {
    const d = planDisposition(msgs, outcomes.slice(0, 2), "discard");
    expect(d.commitOffset).toBe("12");
    expect(d.counts.messagesIn).toBe(2);
  });

  it("commits nothing for an empty chunk", () => {
    expect(planDisposition([], [], "dead_letter")).toEqual({ commitOffset: null, deadLetters: [], discarded: [], retained: null, counts: emptyCounts() });
  });
});

describe("deadLetterHeaders", () => {
  const m = message("{bad", { topic: "orders", partition: 3, offset: "9007199254740993", timestamp: "1709622489045" });

  it("names the task, the source record and the failure, all as strings", () => {
    const f: FailedMessage = { message: m, failure: failed as FailedMessage["failure"] };
    expect(deadLetterHeaders("task-1", f)).toEqual({
      "outflow.task.id": "task-1",
      "outflow.source.topic": "orders",
      "outflow.source.partition": "3",
      "outflow.source.offset": "9007199254740993",
      "outflow.source.timestamp": "1709622489045",
      "outflow.stage": "index",
      "outflow.reason": "mapping",
      "outflow.error.status": "400",
      "outflow.error.type": "document_parsing_exception",
    });
  });

  it("leaves out status and type when there are none, and caps the reason", () => {
    const f: FailedMessage = { message: m, failure: { kind: "failed", stage: "rule", reason: "r".repeat(10_000) } };
    const h = deadLetterHeaders("task-1", f);
    expect(h["outflow.error.status"]).toBeUndefined();
    expect(h["outflow.error.type"]).toBeUndefined();
    expect(Object.keys(h)).toHaveLength(7);
    expect(h["outflow.stage"]).toBe("rule");
    expect(h["outflow.reason"]).toHaveLength(4_000);
    expect(Object.values(h).every((v) => typeof v === "string")).toBe(true);
  });

  it("keeps a reason with marked values also as marked, for the console to hide the values from viewers", () => {
    const reason = `cannot cast ${markValue("many")} to integer`;
    const h = deadLetterHeaders("task-1", { message: m, failure: { kind: "failed", stage: "rule", reason } });
    expect(h["outflow.reason"]).toBe("cannot cast many to integer");
    expect(h["outflow.reason.marked"]).toBe(reason);
  });
});
