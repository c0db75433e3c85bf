import { Sink } from "@outflow/schemas/task-config";
import { describe, expect, it } from "vitest";
import { IssueList } from "./compile-issues";
import { compileRouter, type Router } from "./route";
import { message } from "./test-fixtures";

function router(index: string, extra: Record<string, unknown> = {}): Router {
  const r = compileRouter(Sink.parse({ connectionId: "es", index, ...extra }), new IssueList());
  if (!r) {
    throw new Error(`${index} did not compile`);
  }
  return r;
}

const route = (r: Router, record: Record<string, unknown>) => r.route({ record, message: message(record, {}), ordinal: 0, count: 1 });

describe("system indices in index names", () => {
  it("fails a message whose fields make a name starting with '.', once or every time it comes", () => {
    const r = router("{$.app}");
    for (let i = 0; i < 2; i++) {
      expect(route(r, { app: ".kibana" })).toEqual({
        ok: false,
        reason: `index name ".kibana" starts with '.' (a system index); only an index written out in sink.index may be one`,
      });
    }
    expect(route(r, { app: "kibana" })).toEqual({ ok: true, index: "kibana", id: undefined });
  });

  it("leaves a name written out with a leading '.' to the save-time check (the connection's allowSystemIndices)", () => {
    expect(route(router(".audit-{$.app}"), { app: "x" })).toEqual({ ok: true, index: ".audit-x", id: undefined });
    expect(route(router(".audit", { dateSplit: { format: "yyyy", source: { type: "kafka_timestamp" } } }), { app: "x" })).toMatchObject({ ok: true });
  });
});
