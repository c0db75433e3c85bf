"use client";

import { useTranslations } from "next-intl";
import { useWizard } from "../../wizard-context";
import { ConnectionField } from "../inputs/connection-field";
import { NumberField } from "../inputs/number-field";
import { TextField } from "../inputs/text-field";
import { TimestampField } from "../inputs/timestamp-field";
import { VariantSelectField } from "../inputs/variant-select-field";
import { TopicPicker } from "./topic-picker";

/** Step 1: name, Kafka connection, topics, start position, consumers. */
export function SourceStep() {
  const t = useTranslations("wizard.source");
  const w = useWizard();
  const position = (w.get("source.startPosition") as { type?: string } | undefined)?.type;
  return (
    <section className="panel" aria-label={t("label")}>
      <h2>{t("title")}</h2>
      <TextField path="name" label={t("taskName")} placeholder={t("taskNamePlaceholder")} />
      <ConnectionField path="source.connectionId" kind="kafka" label={t("kafkaConnection")} />
      <TopicPicker />
      <div className="inline-fields">
        <VariantSelectField
          path="source.startPosition"
          label={t("startPosition")}
          hint={t("startPositionHint")}
          variants={[
            { value: "earliest", label: t("earliest"), make: () => ({ type: "earliest" }) },
            { value: "latest", label: t("latest"), make: () => ({ type: "latest" }) },
            {
              value: "timestamp",
              label: t("timestamp"),
              make: () => ({ type: "timestamp", timestamp: new Date(Date.now() - 3_600_000).toISOString() }),
            },
            { value: "committed", label: t("committed"), make: () => ({ type: "committed" }) },
          ]}
        />
        {position === "timestamp" ? <TimestampField path="source.startPosition.timestamp" label={t("from")} /> : null}
        <NumberField path="source.consumers" label={t("consumers")} min={1} placeholder="1" hint={t("consumersHint")} />
      </div>
    </section>
  );
}
