import { describe, expect, it } from "vitest";
import { classifyItem, type ItemResult } from "./bulk-result";
import { MAPPING_CONFLICT_MS, MAPPING_CONFLICT_TRIES, RecurringRejections } from "./recurring-rejection";

/** What Elasticsearch 7.10 / 8.19 and OpenSearch answer for `{"geo":{"coordinates":[13,52.52]}}` in a new field. */
const GEO = classifyItem({
  index: { status: 400, error: { type: "illegal_argument_exception", reason: "mapper [geo.coordinates] cannot be changed from type [long] to [float]" } },
});
const T429: ItemResult = { kind: "transient", status: 429, reason: "queue full" };
const OK: ItemResult = { kind: "ok", effect: "created" };

describe("RecurringRejections", () => {
  it("the geo conflict stays transient until it recurred MAPPING_CONFLICT_TRIES times over MAPPING_CONFLICT_MS, then is final", () => {
    const r = new RecurringRejections<string>();
    const times = [0, 400, 1_200, 2_900];
    expect(times.length).toBe(MAPPING_CONFLICT_TRIES);
    for (const t of times) {
      expect(r.judge("a", GEO, t).kind).toBe("transient");
    }
    // Enough tries, not yet enough time.
    expect(r.judge("a", GEO, MAPPING_CONFLICT_MS - 1).kind).toBe("transient");
    const final = r.judge("a", GEO, MAPPING_CONFLICT_MS + 1_200);
    expect(final).toEqual({
      kind: "permanent",
      status: 400,
      type: "illegal_argument_exception",
      reason: expect.stringMatching(
        /^field \[geo\.coordinates\]: mapped type \[long\], this document's value \[float\]; refused the same way 6 times over 6\.2 s/,
      ),
    });
  });

  it("enough time but too few tries stays transient (a slow backoff is no evidence)", () => {
    const r = new RecurringRejections<string>();
    expect(r.judge("a", GEO, 0).kind).toBe("transient");
    expect(r.judge("a", GEO, 60_000).kind).toBe("transient");
    expect(r.judge("a", GEO, 120_000).kind).toBe("transient");
    expect(r.judge("a", GEO, 180_000).kind).toBe("permanent");
  });

  it("the race: refused once, then written; the next conflict of the same key starts afresh", () => {
    const r = new RecurringRejections<string>();
    expect(r.judge("a", GEO, 0)).toBe(GEO);
    expect(r.judge("a", OK, 300)).toBe(OK);
    for (let i = 0; i < MAPPING_CONFLICT_TRIES - 1; i++) {
      expect(r.judge("a", GEO, 10_000 + i * 3_000).kind).toBe("transient");
    }
    expect(r.judge("a", GEO, 10_000 + MAPPING_CONFLICT_TRIES * 3_000).kind).toBe("permanent");
  });

  it("counts per key, and leaves other transient failures (429, 5xx) alone however long they last", () => {
    const r = new RecurringRejections<string>();
    for (let i = 0; i < 20; i++) {
      expect(r.judge("a", T429, i * 10_000)).toBe(T429);
      expect(r.judge(`b${i}`, GEO, i * 10_000).kind).toBe("transient");
    }
  });

  it("a 429 between conflicts of the same key neither counts nor resets them", () => {
    const r = new RecurringRejections<string>();
    r.judge("a", GEO, 0);
    r.judge("a", GEO, 1_000);
    r.judge("a", T429, 2_000);
    r.judge("a", GEO, 3_000);
    expect(r.judge("a", T429, 9_000)).toBe(T429);
    expect(r.judge("a", GEO, 10_000).kind).toBe("permanent");
  });
});
