import { describe, expect, it } from "vitest";
import { abandonedOnAbort, backoffMs, sleep } from "./backoff";

describe("backoffMs", () => {
  it("doubles from the base and stays within [ceiling / 2, ceiling], capped", () => {
    expect(backoffMs(1, 1_000, 30_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1_000, 30_000, () => 1)).toBe(1_000);
    expect(backoffMs(4, 1_000, 30_000, () => 1)).toBe(8_000);
    expect(backoffMs(20, 1_000, 30_000, () => 0)).toBe(15_000);
  });
});

describe("abandonedOnAbort", () => {
  it("is false when the work finishes first", async () => {
    expect(await abandonedOnAbort(sleep(5), new AbortController().signal)).toBe(false);
  });

  it("passes the work's failure on when it fails first", async () => {
    await expect(abandonedOnAbort(Promise.reject(new Error("refused")), new AbortController().signal)).rejects.toThrow("refused");
  });

  it("is true as soon as the signal aborts, and a later failure of the work goes nowhere", async () => {
    const ctl = new AbortController();
    let fail: (e: Error) => void = () => {};
    const work = new Promise<void>((_, reject) => {
      fail = reject;
    });
    setTimeout(() => ctl.abort(), 5);
    expect(await abandonedOnAbort(work, ctl.signal)).toBe(true);
    fail(new Error("gave up later")); // no unhandled rejection: vitest would report it
    await sleep(5);
  });

  it("is true at once for a signal that already aborted", async () => {
    const ctl = new AbortController();
    ctl.abort();
    expect(await abandonedOnAbort(new Promise(() => {}), ctl.signal)).toBe(true);
  });
});
