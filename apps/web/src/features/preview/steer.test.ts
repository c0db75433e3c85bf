import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES, MESSAGES } from "../../i18n/messages";
import type { SampleMessage } from "./preview-schemas";
import { pastedMessage, sampleQuery, searchSamples, stepFrom } from "./steer";

const t = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "preview.steer" });

const msg = (partition: number, offset: number, value: string | null, extra: Partial<SampleMessage> = {}): SampleMessage => ({
  topic: "t",
  partition,
  offset: String(offset),
  key: null,
  value,
  valueEncoding: "utf8",
  headers: {},
  ...extra,
});

const bounds = [
  { topic: "t", partition: 0, low: "0", high: "3" },
  { topic: "t", partition: 1, low: "4", high: "20" },
];

describe("sampleQuery", () => {
  it("reads as the task starts, or from a chosen partition and offset", () => {
    expect(sampleQuery("c1", ["t", "u"], { position: "timestamp", timestamp: 5 }, { position: "start", limit: 5 }).toString()).toBe(
      "connectionId=c1&topics=t%2Cu&limit=5&position=timestamp&timestamp=5",
    );
    expect(sampleQuery("c1", ["t"], { position: "earliest" }, { position: "offset", partition: 2, offset: "40", limit: 10 }).toString()).toBe(
      "connectionId=c1&topics=t&limit=10&position=offset&partition=2&topic=t&offset=40",
    );
  });
});

describe("stepFrom", () => {
  const samples = [msg(1, 10, "a"), msg(1, 11, "b")];
  it("steps within the sample first", () => {
    expect(stepFrom(samples, 0, 1, bounds, 5, t)).toEqual({ kind: "select", index: 1 });
    expect(stepFrom(samples, 1, -1, bounds, 5, t)).toEqual({ kind: "select", index: 0 });
  });
  it("reads the partition again past the sample's ends, aiming at the next or previous offset", () => {
    expect(stepFrom(samples, 1, 1, bounds, 5, t)).toEqual({
      kind: "read",
      steer: { position: "offset", topic: "t", partition: 1, offset: "12", limit: 5 },
      target: "t:1:12",
    });
    expect(stepFrom(samples, 0, -1, bounds, 5, t)).toEqual({
      kind: "read",
      steer: { position: "offset", topic: "t", partition: 1, offset: "5", limit: 5 },
      target: "t:1:9",
    });
    // Near the partition's first kept offset the sample starts there.
    expect(stepFrom([msg(1, 6, "x")], 0, -1, bounds, 5, t)).toMatchObject({ steer: { offset: "4" }, target: "t:1:5" });
  });
  it("stops at the partition's ends", () => {
    expect(stepFrom([msg(0, 2, "x")], 0, 1, bounds, 5, t)).toMatchObject({ kind: "none", why: expect.stringContaining("last message") });
    expect(stepFrom([msg(1, 4, "x")], 0, -1, bounds, 5, t)).toMatchObject({ kind: "none", why: expect.stringContaining("first message") });
  });
});

describe("searchSamples", () => {
  it("finds text in values, keys and headers, in any case; binary values are not searched", () => {
    const samples = [
      msg(0, 0, '{"level":"ERROR"}'),
      msg(0, 1, "fine", { key: "user-42" }),
      msg(0, 2, "ok", { headers: { trace: "Error-7" } }),
      msg(0, 3, "ZXJyb3I=", { valueEncoding: "base64" }),
    ];
    expect(searchSamples(samples, "error")).toEqual([0, 2]);
    expect(searchSamples(samples, "USER-42")).toEqual([1]);
    expect(searchSamples(samples, "  ")).toEqual([0, 1, 2, 3]);
    expect(searchSamples(samples, "zxjy")).toEqual([]);
  });
});

describe("pastedMessage", () => {
  it("makes a preview message of a typed value, key and header lines", () => {
    const r = pastedMessage({ value: '{"a":1}', key: "k", headers: "trace: t-1\n\nsource: app:x" }, t, 1000);
    expect(r).toEqual({
      ok: true,
      message: {
        topic: "pasted",
        partition: 0,
        offset: "0",
        timestamp: "1000",
        key: "k",
        value: '{"a":1}',
        valueEncoding: "utf8",
        headers: { trace: "t-1", source: "app:x" },
      },
    });
    expect(pastedMessage({ value: "x", key: "", headers: "", tombstone: true }, t)).toMatchObject({ ok: true, message: { key: null, value: null } });
  });
  it("names the header line it cannot read", () => {
    expect(pastedMessage({ value: "x", key: "", headers: "a: 1\nno colon" }, t)).toEqual({
      ok: false,
      issues: [{ field: "headers", message: "Line 2: write a header as name: value" }],
    });
    const zh = createTranslator({ locale: "zh-CN", messages: MESSAGES["zh-CN"], namespace: "preview.steer" });
    expect(pastedMessage({ value: "x", key: "", headers: "no colon" }, zh)).toMatchObject({
      issues: [{ field: "headers", message: "第 1 行：请按 name: value 的格式写消息头" }],
    });
  });
});
