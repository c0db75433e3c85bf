import { describe, expect, it } from "vitest";
import type { PreviewRow } from "../preview/preview-schemas";
import { maySave, reviewVerdict } from "./review-verdict";
import type { WizardIssue } from "./wizard-issues";

const row = (offset: string, result: PreviewRow["result"], failure?: PreviewRow["failure"]): PreviewRow => ({
  topic: "t",
  partition: 0,
  offset,
  steps: [],
  result,
  bulk: "",
  ...(failure ? { failure } : {}),
});
const written = (o: string) => row(o, { kind: "write", actions: [{}] });
const failing = (o: string) => row(o, { kind: "failed", stage: "route", reason: 'index name "Logs" must be lowercase' });
const nameIssue: WizardIssue = { field: "name", message: "Name is required", origin: "client" };

describe("reviewVerdict", () => {
  it("is invalid while any step has a problem, whatever the preview says", () => {
    const v = reviewVerdict([nameIssue], [written("0")]);
    expect(v).toEqual({ kind: "invalid", issues: [nameIssue] });
    expect(maySave(v, true)).toBe(false);
  });

  it("says when every sampled message fails, each with its stage and reason, and saves only once confirmed", () => {
    const v = reviewVerdict([], [failing("0"), failing("1")]);
    expect(v.kind).toBe("all-fail");
    expect(v.kind === "all-fail" && v.failures.map((f) => [f.offset, f.stage])).toEqual([
      ["0", "route"],
      ["1", "route"],
    ]);
    expect(maySave(v, false)).toBe(false);
    expect(maySave(v, true)).toBe(true);
  });

  it("counts a failure the pipeline reports beside a result (failure field) as failing", () => {
    const v = reviewVerdict([], [row("0", { kind: "write", actions: [] }, { kind: "failed", stage: "sink", reason: "no id" })]);
    expect(v).toMatchObject({ kind: "all-fail", failures: [{ stage: "sink", reason: "no id" }] });
  });

  it("is valid when some samples pass (the failing ones listed) or when there are no samples", () => {
    const v = reviewVerdict([], [written("0"), failing("1")]);
    expect(v).toMatchObject({ kind: "valid", sampled: 2, failures: [{ offset: "1" }] });
    expect(maySave(v, false)).toBe(true);
    expect(reviewVerdict([], [])).toEqual({ kind: "valid", sampled: 0, failures: [] });
  });
});
