import { readFileSync } from "node:fs";
import { partitionFamilies, taskStatusFamily } from "@outflow/schemas/prometheus";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { FetchBudget } from "../runner/fetch-budget";
import "./bulk-metrics";
import { registerFetchBudgetMetrics } from "./fetch-budget-metrics";
import { workerRegistry } from "./registry";
import { registerSlotMetrics } from "./slot-metrics";
import { PARTITION_METRICS_UP } from "./stored-partition-metrics";

const ROOT = new URL("../../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");

/** Every `outflow_*` name the worker and the console expose. */
async function exposedNames(): Promise<Set<string>> {
  const own = new Registry();
  registerFetchBudgetMetrics(own, new FetchBudget(1));
  registerSlotMetrics(own, () => [], 1);
  const registered = [...(await workerRegistry.getMetricsAsJSON()), ...(await own.getMetricsAsJSON())].map((m) => m.name);
  return new Set([...registered, ...partitionFamilies([]).map((f) => f.name), taskStatusFamily([]).name, PARTITION_METRICS_UP]);
}

/** A histogram's series names end in _bucket, _count or _sum. */
const baseName = (name: string, names: Set<string>) => (names.has(name) ? name : name.replace(/_(bucket|count|sum)$/, ""));

describe("metric names in the dashboard and the README", () => {
  it("the dashboard queries only names that exist", async () => {
    const names = await exposedNames();
    const dashboard = JSON.parse(read("deploy/grafana/outflow-dashboard.json")) as { panels: { targets?: { expr: string }[] }[] };
    const used = dashboard.panels.flatMap((p) => p.targets ?? []).flatMap((t) => t.expr.match(/\boutflow_[a-z0-9_]+/g) ?? []);
    expect(used.length).toBeGreaterThan(10);
    expect([...new Set(used.map((n) => baseName(n, names)))].filter((n) => !names.has(n))).toEqual([]);
  });

  it("README's metrics section names every exposed metric, and only those", async () => {
    const names = await exposedNames();
    const readme = read("README.md");
    const start = readme.indexOf("## Metrics (Prometheus)");
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    const mentioned = new Set((section.match(/\boutflow_[a-z0-9_]+/g) ?? []).map((n) => baseName(n, names)));
    expect(
      [...names].filter((n) => !mentioned.has(n)),
      "exposed but not in README",
    ).toEqual([]);
    expect(
      [...mentioned].filter((n) => !names.has(n)),
      "in README but not exposed",
    ).toEqual([]);
  });
});
