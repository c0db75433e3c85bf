import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Outflow-Signature";
export const TIMESTAMP_HEADER = "X-Outflow-Timestamp";

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): signing the timestamp with the body lets a receiver
 * refuse an old delivery replayed with a fresh timestamp header (the scheme Stripe and Slack use).
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/** What a receiver does: recompute and compare in constant time; refuse timestamps further than `toleranceS` from now. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string; timestamp: string },
  body: string,
  nowS = Date.now() / 1000,
  toleranceS = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowS - timestamp) > toleranceS) {
    return false;
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
