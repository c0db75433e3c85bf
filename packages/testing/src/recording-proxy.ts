import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One `_bulk` request as it went over the wire: its NDJSON body, the documents (action lines) it held, the answer's status. */
export type RecordedBulk = { bytes: number; body: string; documents: number; status: number };

/**
 * An HTTP proxy in front of a real Elasticsearch that forwards everything untouched and records every `_bulk`
 * request body: what a worker actually sends (its request sizes, its bulk lines), seen from outside the worker.
 */
export async function startRecordingProxy(target: string): Promise<{
  url: string;
  bulks: () => RecordedBulk[];
  /** The most `_bulk` requests that were open at the same time. */
  maxBulksInFlight: () => number;
  close: () => Promise<void>;
}> {
  const bulks: RecordedBulk[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer(async (req, res) => {
    const isBulk = req.method === "POST" && req.url?.split("?")[0]?.endsWith("/_bulk") === true;
    if (isBulk) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on("close", () => {
        inFlight--;
      });
    }
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
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body.length > 0 ? body : undefined }).catch((err: Error) => err);
    if (upstream instanceof Error) {
      res.writeHead(502);
      res.end(upstream.message);
      return;
    }
    if (isBulk) {
      const text = body.toString("utf8");
      const documents = text.split("\n").filter((l) => /^\{"(index|create|update|delete)":/.test(l)).length;
      bulks.push({ bytes: body.length, body: text, documents, status: upstream.status });
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
    maxBulksInFlight: () => maxInFlight,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
