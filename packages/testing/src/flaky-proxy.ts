import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP proxy in front of a real Elasticsearch that answers every `failEvery`-th `_bulk` request with 503 (as a
 * node or a load balancer does when overloaded), for fault tests; everything else goes through untouched, and it
 * counts the 429 items inside 200 bulk responses that pass by.
 */
export async function startFlakyProxy(
  target: string,
  failEvery: number,
): Promise<{
  url: string;
  failed: () => number;
  forwarded: () => number;
  itemRejections: () => number;
  /** Changes how often bulks fail from now on; 0 lets every request through. */
  setFailEvery: (n: number) => void;
  close: () => Promise<void>;
}> {
  let bulkCount = 0;
  let failed = 0;
  let forwarded = 0;
  let itemRejections = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) {
      chunks.push(c as Buffer);
    }
    if (req.url?.includes("_bulk") && failEvery > 0 && ++bulkCount % failEvery === 0) {
      failed++;
      res.writeHead(503, { "content-type": "application/json", "x-elastic-product": "Elasticsearch" });
      res.end(JSON.stringify({ error: { type: "unavailable_shards_exception", reason: "injected by the fault test proxy" }, status: 503 }));
      return;
    }
    forwarded++;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string" && !["host", "content-length", "connection"].includes(k)) {
        headers[k] = v;
      }
    }
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }).catch(
      (err: Error) => err,
    );
    if (upstream instanceof Error) {
      res.writeHead(502);
      res.end(upstream.message);
      return;
    }
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(k)) {
        out[k] = v;
      }
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (req.url?.includes("_bulk") && upstream.status === 200) {
      // Count 429 items inside successful bulk responses (Elasticsearch's per-shard rejections).
      itemRejections += (body.toString("utf8").match(/"status":429/g) ?? []).length;
    }
    res.writeHead(upstream.status, out);
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    failed: () => failed,
    forwarded: () => forwarded,
    itemRejections: () => itemRejections,
    setFailEvery: (n) => {
      failEvery = n;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
