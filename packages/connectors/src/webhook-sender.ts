import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { DeliveryResult } from "@outflow/schemas/api/webhooks";
import { guardedLookup, refusalBeforeDns } from "./connect-guard";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./webhook-signature";

/** How long one delivery may take, connecting included. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** The start of the receiver's answer kept with the delivery (shown by "Send test", written to the event log). */
const BODY_KEPT = 500;

/**
 * POSTs a signed JSON body to a webhook, under the connect policy (the host before DNS, every resolved address
 * after it). Redirects are not followed. Never throws: a 2xx is ok, anything else says what happened.
 */
export async function sendWebhook(hook: { name: string; url: string; secret: string }, body: string, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<DeliveryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(hook.url);
  const who = `Webhook "${hook.name}"`;
  const refused = refusalBeforeDns(who, url.hostname);
  if (refused) {
    return { ok: false, status: null, latencyMs: elapsed(), error: refused.message };
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<DeliveryResult>((resolve) => {
    const req = request(
      url,
      {
        method: "POST",
        lookup: guardedLookup(who),
        timeout: timeoutMs,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "User-Agent": "Outflow-Webhook/1",
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(hook.secret, timestamp, body),
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (c: Buffer) => {
          if (kept < BODY_KEPT) {
            chunks.push(c);
            kept += c.length;
          }
        });
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8").slice(0, BODY_KEPT);
          const ok = status >= 200 && status < 300;
          resolve({
            ok,
            status,
            latencyMs: elapsed(),
            body: text,
            ...(ok ? {} : { error: `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}` }),
          });
        });
        res.on("error", (err) => resolve({ ok: false, status, latencyMs: elapsed(), error: err.message }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (err) => resolve({ ok: false, status: null, latencyMs: elapsed(), error: err.message }));
    req.end(body);
  });
}
