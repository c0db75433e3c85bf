"use client";

import type { TaskView } from "@outflow/schemas/api/responses";
import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/use-format";

type Task = Pick<TaskView, "config" | "metrics">;

/**
 * While a slot writes below the task's bulk settings because Elasticsearch pushed back (429) or answered slowly:
 * says so, with each such slot's pace and the settings it climbs back to. Nothing while every slot writes at them.
 */
export function WritePaceNote({ task }: { task: Task }) {
  const t = useTranslations("tasks.writePace");
  const f = useFormat();
  const pace = task.metrics.writePace;
  if (pace.backingOff === null) {
    return null;
  }
  const d = task.config.delivery;
  const slots = pace.slots
    .filter((s) => s.backingOff !== null)
    .map((s) => {
      const values = { concurrency: s.concurrency, docs: f.count(s.maxDocs), bytes: f.bytes(s.maxBytes) };
      return pace.slots.length > 1 ? t("slotOf", { ...values, slot: s.slot }) : t("slot", values);
    })
    .join(t("separator"));
  return (
    <div className="notice warn" data-testid="write-pace">
      {t.rich(pace.backingOff === "throttled" ? "throttled" : "slow", {
        b: (chunks) => <strong>{chunks}</strong>,
        slots,
        concurrency: d.bulkConcurrency,
        docs: f.count(d.bulkMaxDocs),
        bytes: f.bytes(d.bulkMaxBytes),
      })}
    </div>
  );
}
