import { describe, expect, it } from "vitest";
import { retryingReason } from "./retrying-reason";

describe("retryingReason", () => {
  it("says how many retries and since when, in UTC to the second", () => {
    const since = Date.UTC(2026, 11, 7, 11, 30, 2, 456);
    expect(retryingReason("Elasticsearch: 1 of 3 writes failed transiently (HTTP 429 queue full)", 1, since)).toBe(
      "Elasticsearch: 1 of 3 writes failed transiently (HTTP 429 queue full); 1 retry since 2026-12-07 11:30:02 UTC",
    );
    expect(retryingReason("dead-letter topic unavailable: boom", 12, since)).toBe(
      "dead-letter topic unavailable: boom; 12 retries since 2026-12-07 11:30:02 UTC",
    );
  });
});
