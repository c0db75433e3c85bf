"use client";

import { Delivery } from "@outflow/schemas/task-config";
import { useTranslations } from "next-intl";
import { useWizard } from "../../wizard-context";
import { ConnectionField } from "../inputs/connection-field";
import { NumberField } from "../inputs/number-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";
import { AlertFields } from "./alert-fields";

const DEFAULTS = Delivery.parse({});

/** Step 5: what happens to a message that cannot be processed, and delivery tuning (under Advanced). */
export function FailureStep() {
  const t = useTranslations("wizard.failure");
  const w = useWizard();
  const policy = (w.get("failure") as { policy?: string } | undefined)?.policy;
  return (
    <section className="panel" aria-label={t("label")}>
      <h2>{t("title")}</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        {t("intro")}
      </p>
      <VariantSelectField
        path="failure"
        tag="policy"
        label={t("policy")}
        variants={[
          { value: "retain", label: t("retain"), make: () => ({ policy: "retain" }) },
          { value: "discard", label: t("discard"), make: () => ({ policy: "discard" }) },
          { value: "dead_letter", label: t("deadLetter"), make: () => ({ policy: "dead_letter", topic: "" }) },
        ]}
      />
      {policy === "dead_letter" ? (
        <div className="subpanel">
          <TextField path="failure.topic" label={t("topic")} mono placeholder="outflow-dlq" />
          <ConnectionField path="failure.connectionId" kind="kafka" label={t("connection")} emptyLabel={t("sameAsSource")} />
        </div>
      ) : null}
      <details>
        <summary>
          <strong>{t("advanced")}</strong>
        </summary>
        <div className="inline-fields" style={{ marginTop: 12 }}>
          <NumberField path="delivery.bulkMaxDocs" label={t("bulkMaxDocs")} placeholder={String(DEFAULTS.bulkMaxDocs)} min={1} />
          <NumberField path="delivery.bulkMaxBytes" label={t("bulkMaxBytes")} placeholder={String(DEFAULTS.bulkMaxBytes)} min={1024} />
          <NumberField path="delivery.bulkMaxWaitMs" label={t("bulkMaxWaitMs")} placeholder={String(DEFAULTS.bulkMaxWaitMs)} min={0} />
          <NumberField path="delivery.bulkConcurrency" label={t("bulkConcurrency")} placeholder={String(DEFAULTS.bulkConcurrency)} min={1} />
          <NumberField path="delivery.maxDocumentBytes" label={t("maxDocumentBytes")} placeholder={String(DEFAULTS.maxDocumentBytes)} min={1024} />
        </div>
      </details>
      <AlertFields />
    </section>
  );
}
