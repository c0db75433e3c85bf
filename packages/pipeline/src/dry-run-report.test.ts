import { describe, expect, it } from "vitest";
import type { DryRunMessage } from "./dry-run";
import { DryRunTally, mappingRejection } from "./dry-run-report";

const at = (offset: number, partition = 0) => ({ topic: "logs", partition, offset: String(offset) });
const write = (doc: unknown) => ({ target: 0, ndjson: `{"index":{"_index":"x-0"}}\n${JSON.stringify(doc)}\n`, bytes: 10 });
const refused = (type: string, reason: string) => ({ index: { status: 400, error: { type, reason } } });
const ok = { index: { status: 201, result: "created" } };

describe("mappingRejection", () => {
  it("field, mapped type and the message's value, on Elasticsearch 7, 8/9 (a [line:col] in front) and OpenSearch", () => {
    const seven = "failed to parse field [n] of type [long] in document with id 'a'. Preview of field's value: 'abc'";
    expect(mappingRejection("mapper_parsing_exception", seven, '{"n":"abc"}')).toEqual({ field: "n", type: "long", value: '"abc"' });
    expect(mappingRejection("document_parsing_exception", `[1:6] ${seven}`, '{"n":"abc"}')).toEqual({ field: "n", type: "long", value: '"abc"' });
    // Nested, or a dotted key: the value either way; without the document, the server's preview.
    expect(mappingRejection("mapper_parsing_exception", seven.replace("[n]", "[a.b]"), '{"a":{"b":[1,"x"]}}')?.value).toBe('[1,"x"]');
    expect(mappingRejection("mapper_parsing_exception", seven.replace("[n]", "[a.b]"), '{"a.b":true}')?.value).toBe("true");
    expect(mappingRejection("mapper_parsing_exception", seven)?.value).toBe("abc");
  });

  it("the mapping race's words, an object met by a value, a strict mapping; null for anything else", () => {
    expect(mappingRejection("illegal_argument_exception", "mapper [c] cannot be changed from type [long] to [float]", '{"c":1.5}')).toEqual({
      field: "c",
      type: "long",
      value: "1.5",
    });
    expect(
      mappingRejection(
        "mapper_parsing_exception",
        "object mapping for [user] tried to parse field [user] as object, but found a concrete value",
        '{"user":"x"}',
      ),
    ).toEqual({ field: "user", type: "object", value: '"x"' });
    expect(
      mappingRejection(
        "strict_dynamic_mapping_exception",
        "[1:2] mapping set to strict, dynamic introduction of [extra] within [_doc] is not allowed",
        '{"extra":1}',
      ),
    ).toEqual({ field: "extra", type: "none (dynamic: strict)", value: "1" });
    expect(mappingRejection("version_conflict_engine_exception", "[1]: version conflict")).toBeNull();
  });
});

describe("DryRunTally", () => {
  it("counts each outcome, groups reasons once with a few examples, mapping rejections by field and type", () => {
    const tally = new DryRunTally(() => ["logs-2026.12.07"], { examples: 2, maxGroups: 50 });
    const plain: DryRunMessage[] = [
      { ...at(0), kind: "filtered", reason: "rule 1 filter" },
      { ...at(1), kind: "failed", stage: "route", reason: "the index field $.ts is missing" },
      { ...at(2), kind: "failed", stage: "route", reason: "the index field $.ts is missing" },
      { ...at(3, 1), kind: "failed", stage: "route", reason: "the index field $.ts is missing" },
      { ...at(4), kind: "dropped", reason: "not JSON" },
    ];
    for (const m of plain) {
      tally.planned(m);
    }
    const clash = (id: string, v: string) =>
      refused("document_parsing_exception", `[1:6] failed to parse field [n] of type [long] in document with id '${id}'. Preview of field's value: '${v}'`);
    for (const [i, v] of ["abc", "xyz", "q"].entries()) {
      const m = { ...at(10 + i), kind: "write" as const, writes: [write({ n: v })] };
      tally.planned(m);
      tally.answered(m, [{ write: m.writes[0] as never, item: clash(`d${i}`, v) }]);
    }
    const good = { ...at(20), kind: "write" as const, writes: [write({ n: 1 }), write({ n: 2 })] };
    tally.planned(good);
    tally.answered(good, [
      { write: good.writes[0] as never, item: ok },
      { write: good.writes[1] as never, item: ok },
    ]);
    const busy = { ...at(21), kind: "write" as const, writes: [write({ n: 3 })] };
    tally.planned(busy);
    tally.answered(busy, [
      { write: busy.writes[0] as never, item: { index: { status: 429, error: { type: "es_rejected_execution_exception", reason: "queue full" } } } },
    ]);
    const late = { ...at(22), kind: "write" as const, writes: [write({ n: 4 })] };
    tally.planned(late);
    tally.notSent(late, "the dry run's time ran out before it was sent");

    const r = tally.report();
    expect(r).toMatchObject({ read: 11, wouldWrite: 1, filtered: 1, dropped: 1, failed: 6, notTried: 2, groupsLeftOut: 0 });
    expect(r.groups.find((g) => g.stage === "route")).toEqual({
      outcome: "failed",
      stage: "route",
      reason: "the index field $.ts is missing",
      count: 3,
      examples: [at(1), at(2)],
    });
    expect(r.groups.find((g) => g.stage === "index" && g.outcome === "failed")).toMatchObject({
      reason: "document_parsing_exception: field [n] of type [long] refused the value",
      count: 3,
    });
    expect(r.mappingRejections).toEqual([
      {
        index: "logs-2026.12.07",
        field: "n",
        type: "long",
        errorType: "document_parsing_exception",
        count: 3,
        examples: [
          { ...at(10), value: '"abc"' },
          { ...at(11), value: '"xyz"' },
        ],
      },
    ]);
    expect(r.groups.filter((g) => g.outcome === "not_tried").map((g) => g.reason)).toEqual([
      "the server did not take the write: HTTP 429 es_rejected_execution_exception: queue full",
      "the dry run's time ran out before it was sent",
    ]);
  });

  it("a reason differing only in the document's id and value is one group; past maxGroups the rest are counted", () => {
    const tally = new DryRunTally(() => ["i"], { examples: 3, maxGroups: 2 });
    for (let i = 0; i < 3; i++) {
      const m = { ...at(i), kind: "write" as const, writes: [write({ a: i })] };
      tally.planned(m);
      tally.answered(m, [{ write: m.writes[0] as never, item: refused("illegal_argument_exception", `[1:2] cannot index in document with id '${i}'`) }]);
    }
    for (let i = 0; i < 3; i++) {
      tally.planned({ ...at(10 + i), kind: "filtered", reason: `reason ${i}` });
    }
    const r = tally.report();
    expect(r.groups.map((g) => [g.reason, g.count])).toEqual([
      ["illegal_argument_exception: cannot index", 3],
      ["reason 0", 1],
    ]);
    expect(r.groupsLeftOut).toBe(2);
    expect(r.read).toBe(6);
  });
});
