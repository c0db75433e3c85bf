import { describe, expect, it } from "vitest";
import { ATTEMPT_HEADER, groupLetters, readDeadLetter, reasonPattern, redeadLetterHeaders } from "./dead-letters";
import { deadLetterHeaders } from "./disposition";
import type { KafkaMessage } from "./message";

const utf8 = new TextEncoder();
const original: KafkaMessage = {
  topic: "orders",
  partition: 2,
  offset: "41",
  timestamp: "1700000000000",
  key: utf8.encode("k"),
  value: utf8.encode('{"id":1'),
  headers: { "x-trace": "t-1" },
};

function letter(reason: string, offset: string, at: string, extra: Record<string, string> = {}): KafkaMessage {
  const failure = { kind: "failed" as const, stage: "parse" as const, reason };
  return {
    topic: "dlq",
    partition: 0,
    offset,
    timestamp: at,
    key: original.key,
    value: original.value,
    headers: { ...original.headers, ...deadLetterHeaders("task-1", { message: original, failure }), ...extra },
  };
}

describe("dead letters", () => {
  it("reads back what the worker wrote: the original message, its coordinates, stage, reason and attempt", () => {
    const l = readDeadLetter(letter("invalid JSON at position 7", "3", "1700000001000"), "task-1");
    expect(l).toMatchObject({ partition: 0, offset: "3", at: "1700000001000", stage: "parse", reason: "invalid JSON at position 7", attempt: 1 });
    expect(l?.original).toEqual(original);
    expect(readDeadLetter(letter("x", "3", "1"), "task-2")).toBeNull();
    expect(readDeadLetter({ ...original, headers: {} }, "task-1")).toBeNull();
    expect(readDeadLetter(letter("x", "3", "1", { [ATTEMPT_HEADER]: "2" }), "task-1")?.attempt).toBe(2);
  });

  it("groups letters whose reasons differ only in values, with counts and first/last times", () => {
    expect(reasonPattern('field "qty" cannot be cast: "many" at 12')).toBe('field "…" cannot be cast: "…" at #');
    const letters = [
      letter("invalid JSON at position 7", "0", "3000"),
      letter("invalid JSON at position 19", "1", "1000"),
      letter("value is not UTF-8", "2", "2000"),
    ].map((m) => readDeadLetter(m, "task-1") as NonNullable<ReturnType<typeof readDeadLetter>>);
    const groups = groupLetters(letters);
    expect(groups.map((g) => [g.count, g.pattern, g.first, g.last])).toEqual([
      [2, "invalid JSON at position #", "1000", "3000"],
      [1, "value is not UTF-#", "2000", "2000"],
    ]);
    expect(letters[0]?.group).toBe(letters[1]?.group);
  });

  it("a letter failing again keeps its source coordinates and counts one more attempt", () => {
    const l = readDeadLetter(letter("x", "0", "1", { [ATTEMPT_HEADER]: "2" }), "task-1");
    const h = redeadLetterHeaders("task-1", l as NonNullable<typeof l>, { kind: "failed", stage: "index", reason: "mapping", status: 400 });
    expect(h).toMatchObject({ "outflow.source.topic": "orders", "outflow.source.offset": "41", "outflow.stage": "index", [ATTEMPT_HEADER]: "3" });
  });
});
