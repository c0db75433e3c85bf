import { consoleMetricsText, METRICS_CONTENT_TYPE } from "@/features/metrics/server/console-metrics";
import { route } from "@/lib/http/route";
import { ctx } from "@/server/context";

export const dynamic = "force-dynamic";

/** Prometheus scrape: every task's figures and the web process's metrics (admins; a scraper sends an admin's API token). */
export const GET = route(
  async () => new Response(await consoleMetricsText(ctx().db), { headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } }),
  { role: "admin" },
);
