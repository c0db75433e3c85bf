import type { TaskView } from "@outflow/schemas/api/responses";
import { formatBytes } from "@/lib/format";

type Task = Pick<TaskView, "config" | "metrics">;

/**
 * While a slot writes below the task's bulk settings because Elasticsearch pushed back (429) or answered slowly:
 * says so, with each such slot's pace and the settings it climbs back to. Nothing while every slot writes at them.
 */
export function WritePaceNote({ task }: { task: Task }) {
  const pace = task.metrics.writePace;
  if (pace.backingOff === null) {
    return null;
  }
  const d = task.config.delivery;
  const slow = pace.slots.filter((s) => s.backingOff !== null);
  return (
    <div className="notice warn" data-testid="write-pace">
      <strong>{pace.backingOff === "throttled" ? "Throttled by Elasticsearch" : "Elasticsearch answers slowly"}</strong>
      {pace.backingOff === "throttled" ? " (it answered 429, too many requests)" : " (requests took over 10 s)"}: writing at{" "}
      {slow
        .map(
          (s) =>
            `${s.concurrency} request${s.concurrency === 1 ? "" : "s"} of ≤ ${s.maxDocs.toLocaleString("en-US")} documents / ${formatBytes(s.maxBytes)}${pace.slots.length > 1 ? ` (slot ${s.slot})` : ""}`,
        )
        .join(", ")}{" "}
      at a time, climbing back to the task's settings ({d.bulkConcurrency} × {d.bulkMaxDocs.toLocaleString("en-US")} documents / {formatBytes(d.bulkMaxBytes)})
      while it keeps up.
    </div>
  );
}
