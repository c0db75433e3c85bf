import { describe, expect, it } from "vitest";
import { AttemptLimiter, type AttemptLimits } from "./attempt-limits";

const LIMITS: AttemptLimits = {
  pair: { max: 3, windowMs: 60_000 },
  address: { max: 5, windowMs: 60_000 },
  account: { max: 8, windowMs: 60_000 },
  knownMs: 3_600_000,
};

function limiter() {
  let t = 1_000_000;
  const l = new AttemptLimiter(LIMITS, () => t);
  return { l, advance: (ms: number) => (t += ms) };
}

describe("AttemptLimiter", () => {
  it("refuses an account from one address after its failures there, until the oldest leaves the window", () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.check("a@x", "10.0.0.1").allowed).toBe(true);
      l.failed("a@x", "10.0.0.1");
      advance(1_000);
    }
    expect(l.check("a@x", "10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 57, scope: "pair" });
    // Other addresses and other accounts from the address are not affected.
    expect(l.check("a@x", "10.0.0.2").allowed).toBe(true);
    expect(l.check("b@x", "10.0.0.1").allowed).toBe(true);
    advance(57_000);
    expect(l.check("a@x", "10.0.0.1").allowed).toBe(true);
  });

  it("limits one address over all accounts (password spraying)", () => {
    const { l } = limiter();
    for (let i = 0; i < 5; i++) {
      l.failed(`user${i}@x`, "10.0.0.1");
    }
    expect(l.check("fresh@x", "10.0.0.1")).toMatchObject({ allowed: false, scope: "address" });
    expect(l.check("fresh@x", "10.0.0.2").allowed).toBe(true);
  });

  it("a success clears the pair and makes the address known: the account's ceiling never refuses it", () => {
    const { l, advance } = limiter();
    l.failed("a@x", "10.0.0.1");
    l.failed("a@x", "10.0.0.1");
    l.succeeded("a@x", "10.0.0.1");
    l.failed("a@x", "10.0.0.1");
    l.failed("a@x", "10.0.0.1");
    expect(l.check("a@x", "10.0.0.1").allowed).toBe(true);
    // Guessing from many addresses reaches the account's ceiling: new addresses wait, the owner's does not.
    for (let i = 0; i < 8; i++) {
      l.failed("a@x", `192.0.2.${i}`);
    }
    expect(l.check("a@x", "198.51.100.9")).toMatchObject({ allowed: false, scope: "account" });
    expect(l.check("a@x", "10.0.0.1").allowed).toBe(true);
    advance(3_600_001);
    expect(l.check("a@x", "10.0.0.1").allowed).toBe(true);
  });

  it("forgets an address after knownMs", () => {
    const { l, advance } = limiter();
    l.succeeded("a@x", "10.0.0.1");
    advance(3_600_001);
    for (let i = 0; i < 8; i++) {
      l.failed("a@x", `192.0.2.${i}`);
    }
    expect(l.check("a@x", "10.0.0.1")).toMatchObject({ allowed: false, scope: "account" });
  });

  it("keeps bounded memory under many distinct keys", () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 60_000; i++) {
      l.failed(`u${i}@x`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    }
    advance(61_000);
    l.failed("last@x", "10.255.255.255");
    const sizes = (l as unknown as { failures: Record<string, Map<string, unknown>> }).failures;
    for (const table of Object.values(sizes)) {
      expect(table.size).toBeLessThanOrEqual(50_000);
    }
  });
});
