import { describe, expect, it } from "vitest";
import { StageTimes } from "./stage-times";

describe("StageTimes", () => {
  it("summarises each stage since the last take, then starts afresh", () => {
    const t = new StageTimes();
    for (let i = 1; i <= 100; i++) {
      t.record("write", i);
    }
    t.record("commit", 7);
    const first = t.take();
    expect(first.write).toEqual({ n: 100, p50: 51, p99: 100, max: 100 });
    expect(first.commit).toEqual({ n: 1, p50: 7, p99: 7, max: 7 });
    expect(first.fetch).toEqual({ n: 0, p50: 0, p99: 0, max: 0 });
    expect(t.take().write.n).toBe(0);
  });

  it("keeps at most maxSamples per stage", () => {
    const t = new StageTimes(3);
    for (let i = 0; i < 10; i++) {
      t.record("queue", i);
    }
    expect(t.take().queue.n).toBe(3);
  });
});
