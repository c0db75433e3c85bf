import { describe, expect, it } from "vitest";
import { planDryRun } from "./dry-run";
import { compiled, message, T0 } from "./test-fixtures";

const name = (k: number) => `outflow-dryrun-x-${k}`;

describe("planDryRun", () => {
  it("the worker's outcomes, each write aimed at the throw-away copy of its target (one per distinct target, in order)", () => {
    const task = compiled({ sink: { index: "logs-{$.app}" }, parse: { nonJson: { action: "wrap", key: "raw" } } });
    const plan = planDryRun(
      task,
      [
        message({ app: "web", n: 1 }, { offset: "0" }),
        message("plain text", { offset: "1" }),
        message({ app: "api" }, { offset: "2" }),
        message({ app: "web" }, { offset: "3" }),
      ],
      T0,
      { throwawayName: name, maxTargets: 10 },
    );
    expect(plan.targets).toEqual(["logs-web", "logs-api"]);
    expect(plan.messages.map((m) => [m.offset, m.kind])).toEqual([
      ["0", "write"],
      ["1", "failed"],
      ["2", "write"],
      ["3", "write"],
    ]);
    const first = plan.messages[0];
    expect(first?.kind === "write" && first.writes).toEqual([
      { target: 0, ndjson: '{"index":{"_index":"outflow-dryrun-x-0"}}\n{"app":"web","n":1}\n', bytes: 62 },
    ]);
    const third = plan.messages[2];
    expect(third?.kind === "write" && third.writes[0]?.ndjson).toContain('"_index":"outflow-dryrun-x-1"');
    expect(plan.messages[1]).toMatchObject({ kind: "failed", stage: "route" });
  });

  it("targets past maxTargets are not tried; targets known from earlier chunks keep their numbers", () => {
    const task = compiled({ sink: { index: "logs-{$.app}" } });
    const plan = planDryRun(task, [message({ app: "c" }), message({ app: "a" }), message({ app: "b" })], T0, {
      throwawayName: name,
      maxTargets: 2,
      knownTargets: ["logs-a"],
    });
    expect(plan.targets).toEqual(["logs-a", "logs-c"]);
    expect(plan.messages.map((m) => (m.kind === "write" ? m.writes[0]?.target : m.kind))).toEqual([1, 0, "skipped"]);
    expect(plan.messages[2]).toMatchObject({ reason: "index logs-b is past the dry run's 2 target indices" });
  });
});
