"use client";

import type { ConnectionFieldsProps } from "./connection-fields-props";

/** The admin's leave for tasks to reach what belongs to the platform: Kafka's internal topics, the search server's system indices. */
export function ReservedNamesField({ form, set }: ConnectionFieldsProps) {
  if (form.kind === "schema_registry") {
    return null;
  }
  const label =
    form.kind === "kafka"
      ? "Let tasks, samples and previews read internal topics (names starting with _, such as __consumer_offsets)"
      : "Let tasks write to system indices (names starting with ., such as .kibana)";
  return (
    <label className="checkbox">
      <input type="checkbox" checked={form.reservedNames} onChange={(e) => set({ reservedNames: e.target.checked })} />
      {label}
    </label>
  );
}
