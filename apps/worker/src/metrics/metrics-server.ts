import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

export type MetricsServerOptions = {
  host: string;
  port: number;
  registry: Registry;
  /** More text-format metrics, made per scrape (the stored partition figures). */
  more: () => Promise<string>;
};

/** Serves `GET /metrics` in the Prometheus text format; nothing else. Resolves once listening (rejects if it cannot). */
export function startMetricsServer(opts: MetricsServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found: the worker serves only /metrics\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }).end("Method not allowed\n");
      return;
    }
    Promise.all([opts.registry.metrics(), opts.more()]).then(
      ([own, more]) => {
        res.writeHead(200, { "content-type": opts.registry.contentType, "cache-control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : own + more);
      },
      (err: Error) => {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(`metrics failed: ${err.message}\n`);
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
