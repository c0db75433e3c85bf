import { configNoteWords } from "@outflow/schemas/config-note-words";
import { EVENT_WORD_KEYS, type EventWords, eventWords } from "@outflow/schemas/event-words";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES, MESSAGES } from "../../i18n/messages";

const point = { topic: "orders", partition: 3, offset: "1200", stage: "bulk", reason: "mapper_parsing_exception: failed to parse field [amount]" };
const pace = { concurrency: 1, maxDocs: 1000, maxBytes: 5 * 1024 * 1024 };
const ceiling = { concurrency: 4, maxDocs: 12_500, maxBytes: 10 * 1024 * 1024 };

/** Every builder with the values of its call sites, in each of its shapes (counts of 0, 1 and many; last try or not). */
const SAMPLES: EventWords[] = [
  eventWords.created("orders → es"),
  eventWords.taskCreated(),
  eventWords.configSaved(),
  eventWords.rulesImported(),
  eventWords.restoredVersion(4),
  eventWords.savedAsVersion(eventWords.configSaved(), 7),
  eventWords.savedAsVersion(eventWords.rulesImported(), 8),
  eventWords.savedAsVersion(eventWords.restoredVersion(2), 9),
  eventWords.connectionEdited("prod-kafka", 12),
  eventWords.startRequested(),
  eventWords.stopRequested(),
  eventWords.resetRequested("timestamp"),
  eventWords.offsetsResetKept("committed"),
  eventWords.offsetsResetNewGroup("earliest"),
  eventWords.offsetsResetSet("latest", "orders: [0]@15 [1]@9; refunds: [0]@0"),
  eventWords.startPositionDeferred("The group is rebalancing, so a rejoin is needed"),
  eventWords.taskStopped(),
  eventWords.taskStoppedFinished(),
  eventWords.recovered(),
  eventWords.running(0, "worker-7f3a", "42"),
  eventWords.rebalanced(1, "worker-7f3a", "43", { orders: [0, 2], refunds: [1] }),
  eventWords.rebalanced(1, "worker-7f3a", "43", {}),
  eventWords.stoppedAtMessage(point),
  eventWords.leaseLost(2, "worker-7f3a", "lease taken over by worker-b2"),
  eventWords.messageFailed("discarded", { ...point, more: 0 }),
  eventWords.messageFailed("discarded", { ...point, more: 1 }),
  eventWords.messageFailed("dead_lettered", { ...point, more: 12_345 }),
  eventWords.messageDropped({ topic: "orders", partition: 0, offset: "7", reason: "not JSON: Unexpected token", more: 0 }),
  eventWords.messageDropped({ topic: "orders", partition: 0, offset: "7", reason: "not JSON: Unexpected token", more: 2 }),
  eventWords.heldSkipped({ topic: "orders", partition: 3, offset: "1200", stage: "bulk", next: "1201" }),
  eventWords.webhookGone("wh_1"),
  eventWords.webhookDelivered({ webhook: "ops chat", alert: "lagAbove", state: "firing", status: 200, attempt: 1, attempts: 5, latencyMs: 84 }),
  eventWords.webhookFailed({ webhook: "ops chat", alert: "stalled", state: "resolved", error: "HTTP 502", attempt: 2, attempts: 5 }),
  eventWords.webhookFailed({ webhook: "ops chat", alert: "stalled", state: "resolved", error: "HTTP 502", attempt: 5, attempts: 5 }),
  eventWords.replayStarted("rp_1", 1500, "ana@example.com"),
  eventWords.replayDone("rp_1", 1500, { written: 1400, filtered: 90, failedAgain: 10, missing: 0 }),
  eventWords.replayDone("rp_1", 1500, null),
  eventWords.replayFailed("rp_1", 1000, 1500, "dead-letter topic unavailable"),
  eventWords.writeBackoff(true, 0, pace, ceiling),
  eventWords.writeBackoff(false, 1, ceiling, ceiling),
  eventWords.writePaceRestored(0, ceiling),
  eventWords.writePaceRestored(0, pace),
  ...(["firing", "resolved"] as const).flatMap((state) => [
    eventWords.alert(state, "failed", { reason: "bulk: mapper_parsing_exception" }),
    eventWords.alert(state, "failed", {}),
    eventWords.alert(state, "retrying", { minutes: 10, reason: "Elasticsearch: connect ECONNREFUSED" }),
    eventWords.alert(state, "retrying", { minutes: 10 }),
    eventWords.alert(state, "lagAbove", { lag: 125_000, threshold: 100_000 }),
    eventWords.alert(state, "lagGrowing", { minutes: 5, lagThen: 1_200, lag: 4_800 }),
    eventWords.alert(state, "stalled", { minutes: 15, lag: 3 }),
  ]),
];

describe("task event words", () => {
  const t = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "tasks.events.words" });

  it.each(SAMPLES.map((s) => [s.messageKey, s] as const))("the English template of %s reproduces the stored message", (_, s) => {
    expect(t.markup(s.messageKey, { ...s.params, server: (c) => c })).toBe(s.message);
  });

  it("covers every key, and every key has a template in each catalogue", () => {
    expect(new Set(SAMPLES.map((s) => s.messageKey))).toEqual(new Set(EVENT_WORD_KEYS));
    for (const messages of Object.values(MESSAGES)) {
      expect(Object.keys(messages.tasks.events.words).sort()).toEqual([...EVENT_WORD_KEYS].sort());
    }
  });
});

describe("config version notes", () => {
  const en = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "tasks.events.words" });
  const zh = createTranslator({ locale: "zh-CN", messages: MESSAGES["zh-CN"], namespace: "tasks.events.words" });

  it.each(["Task created", "Configuration saved", "Rules imported", "Restored version 3"])("the console words the stored note %j", (note) => {
    const words = configNoteWords(note);
    expect(words).not.toBeNull();
    if (words) {
      expect(en(words.messageKey, words.params)).toBe(note);
      expect(zh(words.messageKey, words.params)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
