"use client";

import { useTranslations } from "next-intl";
import type { ConnectionFieldsProps } from "./connection-fields-props";

/** The admin's leave for tasks to reach what belongs to the platform: Kafka's internal topics, the search server's system indices. */
export function ReservedNamesField({ form, set }: ConnectionFieldsProps) {
  const t = useTranslations("connections.fields");
  if (form.kind === "schema_registry") {
    return null;
  }
  const label = form.kind === "kafka" ? t("reservedKafka") : t("reservedElasticsearch");
  return (
    <label className="checkbox">
      <input type="checkbox" checked={form.reservedNames} onChange={(e) => set({ reservedNames: e.target.checked })} />
      {label}
    </label>
  );
}
