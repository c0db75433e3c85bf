import { describe, expect, it } from "vitest";
import { LaneGaps } from "./lane-gaps";

describe("LaneGaps", () => {
  it("lets every chunk through while nothing was skipped", () => {
    const gaps = new LaneGaps();
    expect(gaps.mayFollow("t/0", "0")).toBe(true);
    expect(gaps.mayFollow("t/0", "5000")).toBe(true);
  });

  it("stops a chunk that starts after a skipped one, on that lane only", () => {
    const gaps = new LaneGaps();
    gaps.skipped("t/0", "100");
    expect(gaps.mayFollow("t/0", "250")).toBe(false);
    expect(gaps.mayFollow("t/0", "250")).toBe(false); // still a gap until the skipped messages come again
    expect(gaps.mayFollow("t/1", "250")).toBe(true);
  });

  it("clears the mark once a chunk covers the skipped one again (the refetch from the commit)", () => {
    const gaps = new LaneGaps();
    gaps.skipped("t/0", "100");
    expect(gaps.mayFollow("t/0", "100")).toBe(true);
    expect(gaps.mayFollow("t/0", "250")).toBe(true);
    gaps.skipped("t/0", "300");
    expect(gaps.mayFollow("t/0", "40")).toBe(true);
    expect(gaps.mayFollow("t/0", "400")).toBe(true);
  });

  it("keeps the earliest skipped offset of a lane", () => {
    const gaps = new LaneGaps();
    gaps.skipped("t/0", "300");
    gaps.skipped("t/0", "100");
    gaps.skipped("t/0", "200");
    expect(gaps.mayFollow("t/0", "150")).toBe(false);
    expect(gaps.mayFollow("t/0", "100")).toBe(true);
  });

  it("compares offsets as numbers, not text", () => {
    const gaps = new LaneGaps();
    gaps.skipped("t/0", "9");
    expect(gaps.mayFollow("t/0", "10")).toBe(false);
  });

  it("forgets lanes that are no longer assigned after a rejoin", () => {
    const gaps = new LaneGaps();
    gaps.skipped("t/0", "100");
    gaps.skipped("t/1", "100");
    gaps.keepOnly(new Set(["t/1"]));
    expect(gaps.mayFollow("t/0", "500")).toBe(true);
    expect(gaps.mayFollow("t/1", "500")).toBe(false);
  });
});
