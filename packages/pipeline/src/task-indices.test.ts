import { describe, expect, it } from "vitest";
import { indexScope } from "./task-indices";

describe("indexScope", () => {
  it("a static name (or alias) is asked for as it is, and whatever the server resolves it to is the task's", () => {
    const s = indexScope({ index: "orders" });
    expect(s).toMatchObject({ expression: "orders", exact: true });
    expect(s.matches("orders-000001")).toBe(true);
  });

  it("a date split takes only the suffixes of its format", () => {
    const s = indexScope({ index: "logs", dateSplit: { format: "yyyy.MM.dd", source: { type: "kafka_timestamp" }, timeZone: "UTC" } });
    expect(s).toMatchObject({ expression: "logs_*", exact: true, describe: "logs_<yyyy.MM.dd>" });
    expect(s.matches("logs_2026.12.07")).toBe(true);
    expect(s.matches("logs_2026-12-07")).toBe(false);
    expect(s.matches("logs_2026.12.07x")).toBe(false);
    expect(s.matches("logs_other_2026.12.07")).toBe(false);
  });

  it("a template is a wildcard for the server and a shape for the check, not exact", () => {
    const s = indexScope({ index: "logs-{$.app}-{env.name}", dateSplit: { format: "yyyyMMdd", source: { type: "kafka_timestamp" }, timeZone: "UTC" } });
    expect(s).toMatchObject({ expression: "logs-*-*_*", exact: false });
    expect(s.matches("logs-billing-prod_20261207")).toBe(true);
    expect(s.matches("logs-billing-prod_2026120")).toBe(false);
    expect(s.matches("metrics-billing-prod_20261207")).toBe(false);
    expect(indexScope({ index: "a.b-{x}" }).matches("axb-1")).toBe(false);
  });
});
