import type { TaskSort } from "@outflow/schemas/api/task-list";
import { metricsMessages } from "./metrics-messages";

/** The task list's words (a catalogue per feature, for translations later). */
export const taskListText = {
  search: "Search by name",
  status: "Status",
  anyStatus: "All statuses",
  needsAttention: "Needs attention (failed, retrying, alerting)",
  connection: "Connection",
  anyConnection: "All connections",
  targetIndex: "Target index",
  trend: "Last 15 min",
  rateTrend: "Messages per second, last 15 min",
  lagTrend: "Lag, last 15 min",
  noMatch: "No task matches these filters.",
  clearFilters: "Clear filters",
  previous: "Previous",
  next: "Next",
  range: (from: number, to: number, total: number) => (total === 0 ? "No tasks" : `${from}–${to} of ${total}`),
  attentionCount: (n: number) => `${n} ${n === 1 ? "task needs" : "tasks need"} attention (failed, retrying or alerting)`,
  alerting: "an alert is firing",
  sortBy: (column: string) => `Sort by ${column}`,
  columns: { name: "Name", status: "Status", rate: metricsMessages.throughput, lag: "Lag" } satisfies Record<Exclude<TaskSort, "attention">, string>,
} as const;
