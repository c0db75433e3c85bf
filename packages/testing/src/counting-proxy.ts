import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One `_bulk` request as it went over the wire: its body's bytes and actions, and the server's answer. */
export type SeenBulk = { bytes: number; actions: number; status: number };

const ACTIONS = new Set(["index", "create", "update", "delete"]);

/** The action lines of an NDJSON bulk body: an object with a single key index/create/update/delete. */
function countActions(body: string): number {
  let n = 0;
  for (const line of body.split("\n")) {
    if (!line) {
      continue;
    }
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const keys = Object.keys(parsed);
    if (keys.length === 1 && ACTIONS.has(keys[0] as string)) {
      n++;
    }
  }
  return n;
}

/**
 * An HTTP proxy in front of a real Elasticsearch that passes everything through untouched and records each `_bulk`
 * request's size in bytes and actions and the status it was answered with, so tests can check what the worker sends.
 */
export async function startCountingProxy(target: string): Promise<{ url: string; bulks: () => SeenBulk[]; close: () => Promise<void> }> {
  const bulks: SeenBulk[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) {
      chunks.push(c as Buffer);
    }
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string" && !["host", "content-length", "connection"].includes(k)) {
        headers[k] = v;
      }
    }
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body.length ? body : undefined }).catch((err: Error) => err);
    if (upstream instanceof Error) {
      res.writeHead(502);
      res.end(upstream.message);
      return;
    }
    if (req.url?.includes("_bulk")) {
      bulks.push({ bytes: body.length, actions: countActions(body.toString("utf8")), status: upstream.status });
    }
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(k)) {
        out[k] = v;
      }
    });
    res.writeHead(upstream.status, out);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bulks: () => [...bulks],
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
