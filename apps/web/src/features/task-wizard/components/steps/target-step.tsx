"use client";

import { useTranslations } from "next-intl";
import { useServerPreview } from "../../hooks/use-preview";
import { useSamples } from "../../hooks/use-samples";
import { ConnectionField } from "../inputs/connection-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";
import { RulesPreview } from "../rules/rules-preview";
import { AggregationFields } from "../target/aggregation-fields";
import { CdcFields } from "../target/cdc-fields";
import { DateSplitFields } from "../target/date-split-fields";
import { DocumentIdFields } from "../target/document-id-fields";
import { IndexTemplateFields } from "../target/index-template-fields";

/** Step 4: the Elasticsearch connection, index (templated, date-split), document IDs, write mode, CDC, aggregation. */
export function TargetStep() {
  const t = useTranslations("wizard.target");
  const samples = useSamples();
  const preview = useServerPreview(samples.samples, "all");
  const row = preview.issues.length === 0 ? preview.rows[samples.index] : undefined;
  return (
    <div className="grid-2">
      <section className="panel" aria-label={t("label")}>
        <h2>{t("title")}</h2>
        <ConnectionField path="sink.connectionId" kind="elasticsearch" label={t("esConnection")} />
        <TextField path="sink.index" label={t("index")} mono placeholder="logs-{$.app}" hint={t("indexHint")} />
        <DateSplitFields />
        <DocumentIdFields />
        <SelectField
          path="sink.writeMode"
          label={t("writeMode")}
          choices={[
            { value: "full", label: t("writeFull") },
            { value: "incremental", label: t("writeIncremental") },
          ]}
        />
        <CdcFields />
        <AggregationFields />
        <IndexTemplateFields />
      </section>
      <RulesPreview samples={samples} preview={preview} row={row} title={t("previewTitle")} />
    </div>
  );
}
