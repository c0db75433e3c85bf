import { mapStrings, plainReason } from "@outflow/schemas/reason-values";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionToNdjson } from "./bulk";
import { processMessage } from "./process-message";
import { jsonDocumentArb, numberTextArb } from "./test-arbitraries";
import { compiled, expectWrite, message } from "./test-fixtures";

type Meta = Record<string, Record<string, unknown>>;

/** The `_bulk` lines of a message's first action: its metadata (parsed) and its source line. */
function firstBulkLines(actions: ReturnType<typeof expectWrite>): [Meta, string] {
  const [meta, source] = actionToNdjson(actions[0] as (typeof actions)[0]).split("\n");
  return [JSON.parse(meta as string), source as string];
}

const unchangedSinks = [
  { index: "logs" },
  { index: "logs", documentId: { type: "kafka_key" } },
  { index: "logs", documentId: { type: "kafka_coordinates" } },
  { index: "logs", writeMode: "incremental", documentId: { type: "kafka_key" } },
] as const;

describe("documents nothing changes are written as they came", () => {
  it("the _bulk source is the message's own JSON text, spaces and number forms included", () => {
    fc.assert(
      fc.property(jsonDocumentArb, fc.constantFrom(...unchangedSinks), fc.boolean(), fc.constantFrom("", "\n", " \r\n"), (doc, sink, withFilter, lineBreak) => {
        const rules = withFilter
          ? [{ type: "filter" as const, action: "drop" as const, conditions: [{ field: "$['no such field']", op: "exists" as const }] }]
          : [];
        const task = compiled({ sink: sink as never, rules });
        const text = `${doc.text}${lineBreak}`;
        const [meta, source] = firstBulkLines(expectWrite(processMessage(task, message(text, { key: "k" }), 0)));
        // A text over several lines cannot be one NDJSON line: it is written re-serialised (numbers still exact).
        const expected = lineBreak === "" ? doc.text : doc.compact;
        expect(source).toBe("update" in meta ? `{"doc":${expected},"doc_as_upsert":true}` : expected);
      }),
      { numRuns: 500 },
    );
  });

  it("flatten that finds nothing nested leaves the text as it is; nesting makes a new document", () => {
    const task = compiled({ parse: { flatten: { separator: ".", maxDepth: 5 } } });
    const flat = '{"id": 1234567890123456789, "price": 10.50}';
    expect(firstBulkLines(expectWrite(processMessage(task, message(flat), 0)))[1]).toBe(flat);
    const nested = '{"id": 1234567890123456789, "p": {"price": 10.50}}';
    expect(firstBulkLines(expectWrite(processMessage(task, message(nested), 0)))[1]).toBe('{"id":1234567890123456789,"p.price":10.50}');
  });
});

describe("documents written as they came: numbers the router reads keep their text", () => {
  // Such a task parses numbers as doubles unless the router reads one (CompiledTask.plainNumbers).
  it("in the document ID and the index name, while the source stays the message text", () => {
    fc.assert(
      fc.property(numberTextArb, fc.constantFrom("", " "), (n, space) => {
        const task = compiled({ sink: { index: "logs-{$.n}", documentId: { type: "fields", fields: ["$.n", "$.s"] } } });
        const text = `{"s":"a",${space}"n":${space}${n},"x":10.50}`;
        const out = processMessage(task, message(text), 0);
        if (out.kind !== "write") {
          // Only an index name Elasticsearch refuses (from the number's text: "-0", "1E+21") fails.
          expect(out).toMatchObject({ kind: "failed", stage: "route" });
          return;
        }
        const [meta, source] = firstBulkLines(out.actions);
        expect(meta.index).toEqual({ _index: `logs-${n}`, _id: `${n}_a` });
        expect(source).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it("a date split by an epoch number, and numbers nobody reads", () => {
    const task = compiled({ sink: { index: "logs", dateSplit: { format: "yyyyMMdd", source: { type: "field", field: "$.t", format: "epoch_millis" } } } });
    const text = '{"t":1717200000000.0,"big":12345678901234567890,"p":10.50}';
    const [meta, source] = firstBulkLines(expectWrite(processMessage(task, message(text), 0)));
    expect(meta.index).toEqual({ _index: "logs_20240601" });
    expect(source).toBe(text);
  });
});

describe("documents rules change keep every number's text", () => {
  it("in the document, in a copy and in the document ID", () => {
    fc.assert(
      fc.property(numberTextArb, jsonDocumentArb, fc.constantFrom("full", "incremental"), (id, body, writeMode) => {
        const task = compiled({
          sink: { index: "logs", writeMode, documentId: { type: "fields", fields: ["id"] } },
          rules: [
            { type: "add", field: "zz_added", value: "x" },
            { type: "copy", from: "body", to: "zz_copy" },
          ],
        });
        const text = `{"id": ${id}, "body": ${body.text}}`;
        const [meta, source] = firstBulkLines(expectWrite(processMessage(task, message(text), 0)));
        const op = writeMode === "full" ? "index" : "update";
        expect(meta[op]?._id).toBe(id);
        const doc = `{"id":${id},"body":${body.compact},"zz_added":"x","zz_copy":${body.compact}}`;
        expect(source).toBe(op === "index" ? doc : `{"doc":${doc},"doc_as_upsert":true}`);
      }),
      { numRuns: 500 },
    );
  });

  it("through templates in index names and rename targets, and in CDC keys", () => {
    const byTemplate = compiled({ sink: { index: "logs-{tenant}" }, rules: [{ type: "rename", from: "v", to: "by_{tenant}" }] });
    const [meta, source] = firstBulkLines(expectWrite(processMessage(byTemplate, message('{"tenant":9007199254740993,"v":2140.0}'), 0)));
    expect(meta.index?._index).toBe("logs-9007199254740993");
    expect(source).toBe('{"tenant":9007199254740993,"by_9007199254740993":2140.0}');

    const cdc = compiled({ sink: { index: "users", cdc: { format: "debezium", primaryKey: ["id"] } } });
    const keys = ["9007199254740992", "9007199254740993", "1234567890123456789", "1234567890123456788"].map((id) => {
      const [m] = firstBulkLines(expectWrite(processMessage(cdc, message(`{"op":"c","after":{"id":${id},"name":"n"}}`), 0)));
      return m.index?._id;
    });
    expect(keys).toEqual(["9007199254740992", "9007199254740993", "1234567890123456789", "1234567890123456788"]);
    const del = expectWrite(processMessage(cdc, message('{"op":"d","before":{"id":9007199254740993}}'), 0));
    expect(del).toEqual([{ op: "delete", index: "users", id: "9007199254740993" }]);
  });
});

describe("numbers a rule must compute with", () => {
  const task = compiled({ sink: { index: "stats", aggregation: { groupBy: ["$.user"], metrics: [{ field: "$.ms", ops: ["sum"] }] } } });

  it("group by an int64: the key and the group value keep every digit", () => {
    const [a] = expectWrite(processMessage(task, message('{"user":9007199254740993,"ms":5}'), 0));
    expect(a?.op === "aggregate" && [a.id, JSON.stringify(a.contribution)]).toEqual([
      "9007199254740993",
      '{"group":{"user":9007199254740993},"values":{"ms_sum":5}}',
    ]);
  });

  it("a metric value a double cannot hold exactly fails the message instead of being rounded", () => {
    expect(mapStrings(processMessage(task, message('{"user":1,"ms":9007199254740993}'), 0), plainReason)).toEqual({
      kind: "failed",
      stage: "route",
      reason: "metric field $.ms: 9007199254740993 has more digits than a 64-bit floating-point number holds exactly (it would become 9007199254740992)",
    });
    expect(expectWrite(processMessage(task, message('{"user":1,"ms":2140.0}'), 0))[0]).toMatchObject({ contribution: { values: { ms_sum: 2140 } } });
  });
});
