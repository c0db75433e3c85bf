import { describe, expect, it } from "vitest";
import { actionToNdjson, byteLength } from "./bulk";

describe("actionToNdjson", () => {
  it.each([
    [{ op: "index", index: "logs", doc: { a: 1 } }, '{"index":{"_index":"logs"}}\n{"a":1}\n'],
    [{ op: "index", index: "logs", id: "7", doc: { a: 1 } }, '{"index":{"_index":"logs","_id":"7"}}\n{"a":1}\n'],
    [{ op: "update", index: "logs", id: "7", doc: { a: 1 } }, '{"update":{"_index":"logs","_id":"7"}}\n{"doc":{"a":1},"doc_as_upsert":true}\n'],
    [{ op: "delete", index: "logs", id: "7" }, '{"delete":{"_index":"logs","_id":"7"}}\n'],
    [{ op: "create", index: "logs", id: "7", doc: { a: 1 } }, '{"create":{"_index":"logs","_id":"7"}}\n{"a":1}\n'],
    [
      { op: "index", index: "logs", id: "7", doc: { a: 1 }, ifSeqNo: 12, ifPrimaryTerm: 3 },
      '{"index":{"_index":"logs","_id":"7","if_seq_no":12,"if_primary_term":3}}\n{"a":1}\n',
    ],
    [
      { op: "update", index: "logs", id: "7", doc: { a: 1 }, ifSeqNo: 12, ifPrimaryTerm: 3 },
      '{"update":{"_index":"logs","_id":"7","if_seq_no":12,"if_primary_term":3}}\n{"doc":{"a":1}}\n',
    ],
    [
      { op: "aggregate", index: "logs", id: "7", contribution: { group: { k: "a" }, values: { n: 1 } } },
      '{"aggregate":{"_index":"logs","_id":"7"}}\n{"group":{"k":"a"},"values":{"n":1}}\n',
    ],
  ] as const)("%j", (action, expected) => {
    expect(actionToNdjson(action)).toBe(expected);
  });

  it("escapes newlines and quotes so each document stays on one line", () => {
    const out = actionToNdjson({ op: "index", index: "logs", id: 'a"\nb', doc: { text: "line1\nline2\u2028", q: '"' } });
    expect(out.split("\n")).toHaveLength(3);
    expect(JSON.parse(out.split("\n")[0] ?? "")).toEqual({ index: { _index: "logs", _id: 'a"\nb' } });
    expect(JSON.parse(out.split("\n")[1] ?? "")).toEqual({ text: "line1\nline2\u2028", q: '"' });
  });
});

describe("byteLength", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["é", 2],
    ["日本", 6],
    ["😀", 4],
  ])("%j is %i bytes", (s, n) => {
    expect(byteLength(s)).toBe(n);
  });
});
