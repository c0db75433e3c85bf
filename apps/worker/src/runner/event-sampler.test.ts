import { describe, expect, it } from "vitest";
import { EventSampler } from "./event-sampler";

describe("EventSampler", () => {
  it("lets one event through per interval and counts the messages of the suppressed ones", () => {
    const s = new EventSampler(5_000);
    expect(s.take(3, 0)).toBe(0);
    expect(s.take(4, 1_000)).toBeNull();
    expect(s.take(1, 2_000)).toBeNull();
    expect(s.take(2, 5_000)).toBe(5);
    expect(s.take(1, 9_000)).toBeNull();
    expect(s.take(1, 10_000)).toBe(1);
  });
});
