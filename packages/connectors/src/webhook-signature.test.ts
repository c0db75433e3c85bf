import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./webhook-signature";

describe("webhook signatures", () => {
  const secret = "a-signing-secret-of-length";
  const body = JSON.stringify({ type: "alert", task: { id: "t1", name: "orders" } });
  const t = 1_765_000_000;

  it("is sha256=<hex> of HMAC-SHA256 over '<timestamp>.<body>', as a receiver computes it with any library", () => {
    const hex = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signWebhook(secret, t, body)).toBe(`sha256=${hex}`);
  });

  it("verifies the right body, secret and a recent timestamp; refuses a changed body, another secret, an old or replayed timestamp", () => {
    const signature = signWebhook(secret, t, body);
    expect(verifyWebhook(secret, { signature, timestamp: String(t) }, body, t + 10)).toBe(true);
    expect(verifyWebhook(secret, { signature, timestamp: String(t) }, `${body} `, t + 10)).toBe(false);
    expect(verifyWebhook("another-secret-of-length", { signature, timestamp: String(t) }, body, t + 10)).toBe(false);
    expect(verifyWebhook(secret, { signature, timestamp: String(t) }, body, t + 301)).toBe(false);
    expect(verifyWebhook(secret, { signature, timestamp: String(t + 100) }, body, t + 100)).toBe(false);
    expect(verifyWebhook(secret, { signature: "sha256=00", timestamp: String(t) }, body, t)).toBe(false);
  });
});
