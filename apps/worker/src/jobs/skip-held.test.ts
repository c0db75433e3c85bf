import { describe, expect, it } from "vitest";
import { skipStep } from "./skip-held";

describe("skipStep: a skip commits past the held offset only while it is still the one held", () => {
  it("applies when the partition holds that offset and the group committed up to it", () => {
    expect(skipStep("5", "5", "5")).toEqual({ kind: "apply" });
  });

  it("finishes a skip an earlier try committed (counting and starting again are idempotent)", () => {
    expect(skipStep("5", "5", "6")).toEqual({ kind: "finish" });
    expect(skipStep("18446744073709551614", "18446744073709551614", "18446744073709551615")).toEqual({ kind: "finish" });
  });

  it("refuses another offset, no held message, or a committed offset elsewhere", () => {
    expect(skipStep("5", "7", "7")).toEqual({ kind: "refuse", why: "the partition holds offset 7, not 5" });
    expect(skipStep("5", null, "5")).toEqual({ kind: "refuse", why: "the partition holds no message" });
    expect(skipStep("5", "5", "3")).toMatchObject({ kind: "refuse" });
    expect(skipStep("5", "5", "7")).toMatchObject({ kind: "refuse" });
    expect(skipStep("5", "5", null)).toMatchObject({ kind: "refuse" });
  });
});
