import { type Counters, type TaskMetrics, zeroCounters } from "@outflow/schemas/task";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES, MESSAGES } from "../../i18n/messages";
import { ageText, isStale, ledgerSummary, metricCards } from "./metric-cards";

const ageT = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "tasks.age" });
const ledgerT = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "tasks.ledger" });
const zero: Counters = zeroCounters();
const age = { at: null, ageSeconds: 1, stale: false };
const ledger = { countedFrom: "0", committedOffset: "10", committed: 10, settled: 10, retained: 0, unaccounted: 0, balanced: true };
const partition = { ...zero, topic: "t", partition: 0, sinceReset: zero, committedOffset: "10", endOffset: "10", lag: 0, offsetsReadAt: null, ledger };
const metrics = (over: Partial<TaskMetrics> = {}): TaskMetrics => ({
  totals: { ...zero, messagesIn: 910, messagesWritten: 910, documentsWritten: 910, documentsCreated: 262, documentsUpdated: 455, documentsDeleted: 193 },
  sinceReset: { ...zero, messagesIn: 455, messagesWritten: 455, documentsUpdated: 455 },
  resetAt: null,
  countersAge: age,
  offsetsAge: age,
  balanced: true,
  ratePerSecond: 0,
  lag: 0,
  partitions: [partition],
  lastError: null,
  updatedAt: null,
  writePace: { backingOff: null, slots: [] },
  ...over,
});

describe("metricCards", () => {
  it("names a CDC task's counters as rows indexed, updated and deleted, from what Elasticsearch did", () => {
    const cards = metricCards(metrics(), "cdc");
    const byId = Object.fromEntries(cards.map((c) => [c.id, c.total.value]));
    expect(byId).toMatchObject({ "rows-indexed": 262, "rows-updated": 455, "rows-deleted": 193 });
    expect(cards.some((c) => c.id === "documents-written")).toBe(false);
  });

  it("names an aggregation task's counters as messages aggregated and group documents", () => {
    const byId = Object.fromEntries(metricCards(metrics(), "aggregation").map((c) => [c.id, c.total.value]));
    expect(byId).toMatchObject({ "messages-aggregated": 910, "groups-created": 262, "groups-updated": 455 });
  });

  it("shows the counters since the last reset beside the totals only once there was a reset", () => {
    expect(metricCards(metrics(), "documents").every((c) => c.sinceReset === null)).toBe(true);
    const after = metricCards(metrics({ resetAt: "2026-12-07T10:00:00Z" }), "documents");
    expect(after.find((c) => c.id === "messages-in")?.sinceReset).toEqual({ kind: "count", value: 455 });
    expect(after.find((c) => c.id === "failed")?.sinceReset).toBeNull();
  });
});

describe("ageText", () => {
  it("adds the time since the answer was fetched", () => {
    expect(ageText(ageT, { at: null, ageSeconds: 3, stale: false }, 2)).toBe("5 s ago");
    expect(ageText(ageT, { at: null, ageSeconds: 1080, stale: true })).toBe("18 min ago");
    expect(ageText(ageT, { at: null, ageSeconds: null, stale: true })).toBe("never");
  });

  it("speaks the page's language", () => {
    const zh = createTranslator({ locale: "zh-CN", messages: MESSAGES["zh-CN"], namespace: "tasks.age" });
    expect(ageText(zh, { at: null, ageSeconds: 3, stale: false }, 2)).toBe("5 秒前");
  });
});

describe("ledgerSummary", () => {
  it("is balanced, in flight while running, or a warning once nothing runs", () => {
    expect(ledgerSummary(ledgerT, metrics(), false).tone).toBe("ok");
    const off = metrics({ balanced: false, partitions: [{ ...partition, ledger: { ...ledger, settled: 8, unaccounted: 2, balanced: false } }] });
    expect(ledgerSummary(ledgerT, off, true)).toMatchObject({ tone: "info" });
    expect(ledgerSummary(ledgerT, off, false)).toMatchObject({ tone: "warn" });
    expect(ledgerSummary(ledgerT, off, false).text).toContain("2 more messages");
    expect(ledgerSummary(ledgerT, metrics({ balanced: null }), false).tone).toBe("info");
  });
});

describe("isStale", () => {
  it("counts the time since the answer, and never calls an unexpected figure stale", () => {
    expect(isStale({ at: null, ageSeconds: 4, stale: false }, 5, 5)).toBe(false);
    expect(isStale({ at: null, ageSeconds: 4, stale: false }, 7, 5)).toBe(true);
    expect(isStale({ at: null, ageSeconds: null, stale: true }, 0, 2, false)).toBe(false);
  });
});
