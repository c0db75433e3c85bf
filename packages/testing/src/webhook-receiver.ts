import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One delivery as the receiver got it: the body and the signature headers. */
export type ReceivedWebhook = { body: string; signature: string; timestamp: string; at: number };

/**
 * A webhook receiver on 127.0.0.1 (a path of `path`): it records every request and answers each with the next
 * status of `answers`, then with `ok` (its status and body).
 */
export async function startWebhookReceiver(
  path: string,
  answers: number[] = [],
  ok: { status: number; body: string } = { status: 200, body: "thanks" },
): Promise<{ server: Server; url: string; received: ReceivedWebhook[] }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["x-outflow-signature"] ?? ""),
        timestamp: String(req.headers["x-outflow-timestamp"] ?? ""),
        at: Date.now(),
      });
      const status = answers.shift();
      res.writeHead(status ?? ok.status, { "content-type": "text/plain" }).end(status === undefined ? ok.body : "receiver down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, received };
}

/** A task's alert rules with only "failed" on: what the webhook tests fire. */
export function onlyFailedAlert(notifyResolved: boolean) {
  return {
    failed: { enabled: true },
    retrying: { enabled: false, minutes: 10 },
    lagAbove: { enabled: false, messages: 100_000 },
    lagGrowing: { enabled: false, minutes: 15 },
    stalled: { enabled: false, minutes: 10 },
    notifyResolved,
  };
}
