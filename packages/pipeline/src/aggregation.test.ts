import { describe, expect, it } from "vitest";
import { type AggregationInput, type AggregationSpec, type CurrentDoc, compileAggregation, contributionOf, docKey, planAggregation } from "./aggregation";
import { IssueList } from "./compile-issues";

function spec(): AggregationSpec {
  const issues = new IssueList();
  const s = compileAggregation({ groupBy: ["$.app", "$.region"], metrics: [{ field: "$.ms", ops: ["sum", "min", "max"] }] }, issues, "sink.aggregation");
  if (!s) {
    throw new Error(JSON.stringify(issues.items));
  }
  return s;
}

function inputs(records: Record<string, unknown>[], partitionKey = "t/0", firstOffset = 0): AggregationInput[] {
  return records.map((r, i) => {
    const c = contributionOf(spec(), r);
    if (!c.ok) {
      throw new Error(c.reason);
    }
    return { message: i, partitionKey, offset: String(firstOffset + i), contributions: [{ index: "agg", id: c.id, contribution: c.contribution }] };
  });
}

describe("aggregation", () => {
  it("counts and sums, min, max per group into new documents created only if absent", () => {
    const writes = planAggregation(
      spec(),
      inputs([
        { app: "api", region: "eu", ms: 10 },
        { app: "api", region: "eu", ms: 30 },
        { app: "web", region: "us", ms: "5" },
        { app: "api", region: "eu" },
      ]),
      new Map(),
    );
    expect(writes).toHaveLength(2);
    const api = writes.find((w) => w.action.id === "api_eu");
    expect(api?.action).toEqual({
      op: "create",
      index: "agg",
      id: "api_eu",
      doc: { app: "api", region: "eu", count: 3, ms_sum: 40, ms_min: 10, ms_max: 30, outflow_offsets: [{ partition: "t/0", offset: "3" }] },
    });
    expect(api?.messages).toEqual([0, 1, 3]);
  });

  it("adds to an existing document with optimistic concurrency, and skips offsets it already counted", () => {
    const current = new Map<string, CurrentDoc>([
      [
        docKey("agg", "api_eu"),
        {
          found: true,
          seqNo: 7,
          primaryTerm: 1,
          source: {
            app: "api",
            region: "eu",
            count: 2,
            ms_sum: 3,
            ms_min: 1,
            ms_max: 2,
            outflow_offsets: [
              { partition: "t/0", offset: "1" },
              { partition: "t/1", offset: "9" },
            ],
          },
        },
      ],
    ]);
    // offsets 0 and 1 were counted already (a replay); offset 2 is new
    const writes = planAggregation(
      spec(),
      inputs([
        { app: "api", region: "eu", ms: 1 },
        { app: "api", region: "eu", ms: 2 },
        { app: "api", region: "eu", ms: 100 },
      ]),
      current,
    );
    expect(writes).toEqual([
      {
        action: {
          op: "index",
          index: "agg",
          id: "api_eu",
          ifSeqNo: 7,
          ifPrimaryTerm: 1,
          doc: {
            app: "api",
            region: "eu",
            count: 3,
            ms_sum: 103,
            ms_min: 1,
            ms_max: 100,
            outflow_offsets: [
              { partition: "t/0", offset: "2" },
              { partition: "t/1", offset: "9" },
            ],
          },
        },
        messages: [2],
      },
    ]);
  });

  it("writes nothing when the whole chunk was counted before", () => {
    const current = new Map<string, CurrentDoc>([
      [
        docKey("agg", "api_eu"),
        { found: true, seqNo: 1, primaryTerm: 1, source: { app: "api", region: "eu", count: 1, outflow_offsets: [{ partition: "t/0", offset: "5" }] } },
      ],
    ]);
    expect(planAggregation(spec(), inputs([{ app: "api", region: "eu", ms: 1 }], "t/0", 5), current)).toEqual([]);
  });

  it("rejects records without a group value or with a non-numeric metric, with a reason", () => {
    expect(contributionOf(spec(), { region: "eu" })).toEqual({ ok: false, reason: "group field $.app is missing" });
    expect(contributionOf(spec(), { app: "a", region: "eu", ms: "slow" })).toMatchObject({ ok: false, reason: expect.stringContaining("not a number") });
    expect(contributionOf(spec(), { app: { x: 1 }, region: "eu" })).toMatchObject({ ok: false });
  });
});
