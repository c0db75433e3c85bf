import type { TaskSort } from "@outflow/schemas/api/task-list";
import type { TaskStatus } from "@outflow/schemas/task";
import { describe, expect, it } from "vitest";
import { compareTasks, pageOf, type RankedTask } from "./task-list-order";

const task = (name: string, status: TaskStatus, ratePerSecond = 0, lag: number | null = 0, id = name, alerting = false): RankedTask => ({
  id,
  name,
  status,
  alerting,
  ratePerSecond,
  lag,
});
const names = (ts: RankedTask[]) => ts.map((t) => t.name);
const sorted = (ts: RankedTask[], sort: TaskSort, order: "asc" | "desc" = "asc") => names([...ts].sort(compareTasks(sort, order)));

describe("compareTasks", () => {
  const tasks = [
    task("beta", "running", 5, 10),
    task("Alpha", "stopped", 0, null),
    task("gamma", "retrying", 1, 300),
    task("delta", "failed", 0, 40),
    task("epsilon", "failed", 9, 0),
    task("zeta", "created", 0, null),
  ];

  it("by default puts failed first, then retrying, then the rest, each by name (case-insensitive)", () => {
    expect(sorted(tasks, "attention")).toEqual(["delta", "epsilon", "gamma", "Alpha", "beta", "zeta"]);
  });

  it("puts a task with a firing alert after the failed and retrying ones and before the rest", () => {
    const lagging = task("aardvark", "running", 0, 500_000, "aardvark", true);
    expect(sorted([...tasks, lagging], "attention")).toEqual(["delta", "epsilon", "gamma", "aardvark", "Alpha", "beta", "zeta"]);
    // A failed task with a firing alert (its failed alert) is ranked as failed.
    expect(sorted([task("omega", "failed", 0, 0, "omega", true), ...tasks], "attention").slice(0, 3)).toEqual(["delta", "epsilon", "omega"]);
  });

  it("sorts by name either way", () => {
    expect(sorted(tasks, "name")).toEqual(["Alpha", "beta", "delta", "epsilon", "gamma", "zeta"]);
    expect(sorted(tasks, "name", "desc")).toEqual(["zeta", "gamma", "epsilon", "delta", "beta", "Alpha"]);
  });

  it("sorts by status from what needs attention to what rests; ties by name in both orders", () => {
    expect(sorted(tasks, "status")).toEqual(["delta", "epsilon", "gamma", "beta", "Alpha", "zeta"]);
    expect(sorted(tasks, "status", "desc")).toEqual(["zeta", "Alpha", "beta", "gamma", "delta", "epsilon"]);
  });

  it("sorts by rate, ties by name", () => {
    expect(sorted(tasks, "rate", "desc")).toEqual(["epsilon", "beta", "gamma", "Alpha", "delta", "zeta"]);
    expect(sorted(tasks, "rate")).toEqual(["Alpha", "delta", "zeta", "gamma", "beta", "epsilon"]);
  });

  it("sorts by lag with an unknown lag last in both orders", () => {
    expect(sorted(tasks, "lag", "desc")).toEqual(["gamma", "delta", "beta", "epsilon", "Alpha", "zeta"]);
    expect(sorted(tasks, "lag")).toEqual(["epsilon", "beta", "delta", "gamma", "Alpha", "zeta"]);
  });

  it("breaks a tie of equal names by id, so the order is total", () => {
    const twins = [task("same", "running", 0, 0, "b"), task("Same", "running", 0, 0, "a")];
    expect([...twins].sort(compareTasks("name", "asc")).map((t) => t.id)).toEqual(["a", "b"]);
    expect(
      [...twins]
        .reverse()
        .sort(compareTasks("name", "asc"))
        .map((t) => t.id),
    ).toEqual(["a", "b"]);
  });
});

describe("pageOf", () => {
  it("pages through every task exactly once under every sort and order, whatever the input order", () => {
    const statuses: TaskStatus[] = ["created", "starting", "running", "retrying", "stopping", "stopped", "failed"];
    const all = Array.from({ length: 203 }, (_, i) =>
      task(`t-${String(i % 17).padStart(2, "0")}`, statuses[i % statuses.length] as TaskStatus, i % 5, i % 4 === 0 ? null : i % 9, `id-${i}`),
    );
    const shuffled = [...all].sort((a, b) => ((a.id.length * 7 + Number(a.id.slice(3))) % 11) - ((b.id.length * 7 + Number(b.id.slice(3))) % 11));
    for (const sort of ["attention", "name", "status", "rate", "lag"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const seen: string[] = [];
        for (let offset = 0; offset < all.length; offset += 20) {
          seen.push(...pageOf(offset % 40 === 0 ? all : shuffled, sort, order, offset, 20).map((t) => t.id));
        }
        expect(seen).toHaveLength(all.length);
        expect(new Set(seen).size).toBe(all.length);
      }
    }
  });
});
