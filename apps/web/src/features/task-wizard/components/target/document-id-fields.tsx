"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/form-field";
import { documentIdText } from "../../review-summary";
import { useWizard } from "../../wizard-context";
import { ListField } from "../inputs/list-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";

const P = "sink.documentId";

/**
 * How documents get their _id: Elasticsearch's own, from fields, the Kafka key, or topic-partition-offset. Under CDC
 * sync and aggregation the mode sets the ID: that is said instead of offering a choice it would ignore.
 */
export function DocumentIdFields() {
  const t = useTranslations("wizard.documentId");
  const summaryT = useTranslations("wizard.summary");
  const w = useWizard();
  const id = w.get(P) as { type?: string } | undefined;
  const type = id?.type;
  const mode = w.get("sink.cdc") !== undefined ? "cdc" : w.get("sink.aggregation") !== undefined ? "aggregation" : null;
  if (mode) {
    const chosen = type !== undefined && type !== "auto";
    return (
      <FormField group label={mode === "cdc" ? t("byCdc") : t("byAggregation")} name={P} errors={w.messagesAt(P)}>
        <p className="muted" data-testid="document-id-by-mode" style={{ margin: 0 }}>
          {documentIdText({ cdc: w.get("sink.cdc") as never, aggregation: w.get("sink.aggregation") as never }, summaryT)}.
          {chosen ? (
            <>
              {" "}
              <button type="button" className="link" onClick={() => w.set(P, undefined)}>
                {mode === "cdc" ? t("leaveToCdc") : t("leaveToAggregation")}
              </button>
            </>
          ) : null}
        </p>
      </FormField>
    );
  }
  return (
    <>
      <VariantSelectField
        path={P}
        label={t("label")}
        hint={t("hint")}
        variants={[
          { value: "auto", label: t("auto"), make: () => ({ type: "auto" }) },
          { value: "fields", label: t("fields"), make: () => ({ type: "fields", fields: [], delimiter: "_" }) },
          { value: "kafka_key", label: t("kafkaKey"), make: () => ({ type: "kafka_key" }) },
          { value: "kafka_coordinates", label: t("coordinates"), make: () => ({ type: "kafka_coordinates" }) },
        ]}
      />
      {type === "fields" ? (
        <div className="subpanel inline-fields">
          <ListField path={`${P}.fields`} label={t("idFields")} placeholder="$.id" hint={t("idFieldsHint")} />
          <TextField path={`${P}.delimiter`} label={t("delimiter")} mono />
        </div>
      ) : null}
    </>
  );
}
