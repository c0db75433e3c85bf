import { describe, expect, it } from "vitest";
import { forEachAtMost } from "./for-each-at-most";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("forEachAtMost", () => {
  it("calls every item once, never more than the limit at a time", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachAtMost(3, [1, 2, 3, 4, 5, 6, 7], async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      seen.push(n);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it("a failing item does not stop the others; the first error is thrown once all have settled", async () => {
    const done: number[] = [];
    const run = forEachAtMost(2, [1, 2, 3, 4], async (n) => {
      await tick();
      if (n === 1) {
        throw new Error("one failed");
      }
      done.push(n);
    });
    await expect(run).rejects.toThrow("one failed");
    expect(done.sort()).toEqual([2, 3, 4]);
  });

  it("does nothing on no items", async () => {
    await forEachAtMost(4, [], async () => {
      throw new Error("not called");
    });
  });
});
